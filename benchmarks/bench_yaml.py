"""Benchmark YAML front-matter loading: newsmeta vs stock ruamel safe vs PyYAML CSafeLoader.

Run:  PYTHONPATH=. python benchmarks/bench_yaml.py [--repeat 5]
Loads every YAML front matter under ../shared/bulk with each loader in turn (alternating,
so drift in machine load hits all of them), and prints docs/s, median ratios and each
loader's time as a share of PyYAML CSafeLoader's.  newsmeta runs twice: as shipped (the
line-based fast path, falling back to the C-parser path) and with the fast path switched off.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml import YAML

from newsmeta import _yaml
from newsmeta._yaml import load_yaml
from newsmeta._yaml_simple import load_simple

BULK = Path(__file__).resolve().parents[1].parent / "shared" / "bulk"


def front_matter(text: str) -> str | None:
    lines = text.removeprefix("\ufeff").splitlines(keepends=True)
    if not lines or lines[0].rstrip() != "---":
        return None
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return "".join(lines[1:index])
    return None


def documents() -> list[str]:
    found = []
    for path in sorted(BULK.rglob("*")):
        if path.suffix in (".md", ".markdown") and path.is_file():
            try:
                fm = front_matter(path.read_text(encoding="utf-8"))
            except (UnicodeDecodeError, OSError):
                continue
            if fm is not None:
                found.append(fm)
    return found


def newsmeta_load(text: str) -> Any:
    return load_yaml(text)[0]


def newsmeta_c_path(text: str) -> Any:
    _yaml.use_simple_path(False)
    try:
        return load_yaml(text)[0]
    finally:
        _yaml.use_simple_path(True)


def ruamel_safe(text: str) -> Any:
    return YAML(typ="safe", pure=False).load(text)


def pyyaml_csafe(text: str) -> Any:
    return yaml.load(text, Loader=yaml.CSafeLoader)


LOADERS: dict[str, Callable[[str], Any]] = {
    "newsmeta load_yaml": newsmeta_load,
    "newsmeta C path only": newsmeta_c_path,
    "ruamel safe (C)": ruamel_safe,
    "PyYAML CSafeLoader": pyyaml_csafe,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    docs = documents()
    if not docs:
        print(f"no front matter found under {BULK}", file=sys.stderr)
        return 1
    print(f"{len(docs)} front matters, {sum(map(len, docs)) / len(docs):.0f} chars on average")
    handled = sum(load_simple(text) is not None for text in docs)
    print(f"fast path answers {handled} of {len(docs)} ({handled / len(docs):.1%})")
    rates: dict[str, list[float]] = {name: [] for name in LOADERS}
    for _ in range(args.repeat):
        for name, load in LOADERS.items():
            start = time.perf_counter()
            for text in docs:
                load(text)
            rates[name].append(len(docs) / (time.perf_counter() - start))
    base = statistics.median(rates["PyYAML CSafeLoader"])
    for name, values in rates.items():
        median = statistics.median(values)
        print(
            f"{name:22} {median:9.0f} docs/s  (x{median / base:.2f} PyYAML CSafeLoader, "
            f"{base / median:.0%} of its time)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
