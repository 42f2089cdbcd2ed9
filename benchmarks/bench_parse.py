"""End-to-end throughput of ``newsmeta.parse`` against python-frontmatter, same process.

Run by hand (not in CI):

    pip install -e ".[bench]"
    python benchmarks/bench_parse.py [FOLDER] [--repeat 7] [--passes 10]

Both libraries get the same decoded texts from FOLDER (default ../shared/bulk),
in alternating rounds so that machine noise hits both alike.  newsmeta does
split + load + detect + map + build the Article; frontmatter.loads only splits
and loads YAML.  Printed: docs/s for each, the median ratio, peak memory over
repeated passes (flat means no per-document state is kept), and import times.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path

import frontmatter

import newsmeta

_DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "bulk"


def _texts(folder: Path) -> list[str]:
    texts = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix in (".md", ".markdown"):
            texts.append(path.read_bytes().decode("utf-8", errors="replace"))
    return texts


def _newsmeta(texts: Sequence[str]) -> int:
    parser = newsmeta.Parser()
    parsed = 0
    for text in texts:
        try:
            parser.parse(text)
            parsed += 1
        except newsmeta.NewsmetaError:
            pass
    return parsed


def _frontmatter(texts: Sequence[str]) -> int:
    parsed = 0
    for text in texts:
        try:
            frontmatter.loads(text)
            parsed += 1
        except Exception:  # the peer raises PyYAML's errors; count them as failures
            pass
    return parsed


def _timed(run: Callable[[Sequence[str]], int], texts: Sequence[str]) -> float:
    gc.collect()
    start = time.perf_counter()
    run(texts)
    return time.perf_counter() - start


def _import_ms(module: str, runs: int = 9) -> float:
    """Median ``-X importtime`` of *module* in fresh interpreters, with bytecode caches.

    An installed package has its ``.pyc`` files; an editable checkout run with
    PYTHONDONTWRITEBYTECODE would compile every module on each import, which
    measures the compiler, not the package.  The first run writes the caches.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    command = [sys.executable, "-X", "importtime", "-c", f"import {module}"]
    subprocess.run(command, capture_output=True, check=True, env=env)
    samples = []
    for _ in range(runs):
        result = subprocess.run(command, capture_output=True, text=True, check=True, env=env)
        last = [line for line in result.stderr.splitlines() if line.rstrip().endswith(module)]
        samples.append(int(last[-1].split("|")[1]) / 1000)
    return statistics.median(samples)


def _peak_per_pass(texts: Sequence[str], passes: int) -> list[float]:
    parser = newsmeta.Parser()
    peaks = []
    tracemalloc.start()
    for _ in range(passes):
        tracemalloc.reset_peak()
        for text in texts:
            with contextlib.suppress(newsmeta.NewsmetaError):
                parser.parse(text)
        peaks.append(tracemalloc.get_traced_memory()[1] / 2**20)
    tracemalloc.stop()
    return peaks


def main(argv: Sequence[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("folder", nargs="?", type=Path, default=_DEFAULT)
    options.add_argument("--repeat", type=int, default=7, help="alternating rounds")
    options.add_argument("--passes", type=int, default=10, help="passes for the memory check")
    args = options.parse_args(argv)
    texts = _texts(args.folder)
    if not texts:
        print(f"no .md files under {args.folder}", file=sys.stderr)
        return 2
    print(f"{len(texts)} documents from {args.folder}")
    print(
        f"parsed: newsmeta {_newsmeta(texts)}, frontmatter {_frontmatter(texts)} (warm-up round)"
    )
    ours, theirs, ratios = [], [], []
    for _ in range(args.repeat):
        a = _timed(_newsmeta, texts)
        b = _timed(_frontmatter, texts)
        ours.append(a)
        theirs.append(b)
        ratios.append(b / a)
    n = len(texts)
    print(f"newsmeta.parse     {n / statistics.median(ours):9.0f} docs/s")
    print(f"frontmatter.loads  {n / statistics.median(theirs):9.0f} docs/s")
    print(
        f"throughput ratio newsmeta/frontmatter: median {statistics.median(ratios):.2f}x "
        f"(min {min(ratios):.2f}x, max {max(ratios):.2f}x over {args.repeat} rounds)"
    )
    peaks = _peak_per_pass(texts, args.passes)
    print(
        f"peak traced memory per pass: first {peaks[0]:.2f} MiB, last {peaks[-1]:.2f} MiB "
        f"({args.passes} passes over the folder in one process)"
    )
    ours_ms, theirs_ms = _import_ms("newsmeta"), _import_ms("frontmatter")
    print(
        f"import time: newsmeta {ours_ms:.1f} ms, frontmatter {theirs_ms:.1f} ms "
        f"({ours_ms / theirs_ms:.2f}x)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
