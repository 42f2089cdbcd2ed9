"""This checkout's newsmeta against another one's, per stage, in one process.

Run by hand (not in CI), e.g. against main:

    git worktree add /tmp/newsmeta-main main
    python benchmarks/bench_versions.py /tmp/newsmeta-main [FOLDER ...] [--yaml-under 500]

On a machine shared with other work, two processes measured one after the other
see different loads; here both packages are imported into one process (the other
checkout's ``newsmeta`` is copied under another name: the package imports itself
relatively) and timed in alternating rounds, so a busy neighbour hurts both
alike.  Printed: CPU µs per document (``time.process_time``, median of the
rounds) of building the Article (``build_article`` on each document's normalized
record) and of ``Parser.parse``, for both, and their ratio.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

_HERE = Path(__file__).resolve().parents[1]
_DEFAULT = _HERE.parent / "shared" / "bulk"
#: Each timed round covers at least this many documents (as in bench_parse.py).
_MIN_ROUND = 2000


def _texts(folders: Sequence[Path]) -> list[str]:
    return [
        path.read_bytes().decode("utf-8", errors="replace")
        for folder in folders
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.suffix in (".md", ".markdown")
    ]


def _import_as(checkout: Path, name: str, into: Path) -> ModuleType:
    shutil.copytree(
        checkout / "newsmeta", into / name, ignore=shutil.ignore_patterns("__pycache__")
    )
    return importlib.import_module(name)


class _Version:
    """One package's parser, documents and normalized records, ready to time."""

    def __init__(self, package: ModuleType, texts: Sequence[str], yaml_under: int | None) -> None:
        self.build: Callable[..., Any] = importlib.import_module(
            f"{package.__name__}.convert"
        ).build_article
        self.error: type[Exception] = package.NewsmetaError
        self.parser = package.Parser()
        package.parse("---\ntitle: warm-up\n---\n")  # builds the cattrs hooks
        self.texts = [t for t in texts if self._kept(t, yaml_under)]
        self.records = []
        for text in self.texts:
            with contextlib.suppress(self.error):
                parts = self.parser.split(text)
                mapping = self.parser.load(parts)[0]
                adapter = self.parser._detected(mapping, None)
                record = self.parser._normalize(adapter, mapping, None)
                self.records.append((parts, adapter, record))

    def _kept(self, text: str, yaml_under: int | None) -> bool:
        if yaml_under is None:
            return True
        try:
            parts = self.parser.split(text)
        except self.error:
            return False
        return bool(parts.format == "yaml" and len(parts.front_matter.encode()) < yaml_under)

    def time_build(self) -> float:
        repeat = _repeat(self.records)
        start = time.process_time()
        for _ in range(repeat):
            for parts, adapter, record in self.records:
                self.build(record, body=parts.body, dialect=adapter.name, format=parts.format)
        return (time.process_time() - start) / max(1, repeat * len(self.records))

    def time_parse(self) -> float:
        repeat = _repeat(self.texts)
        start = time.process_time()
        for _ in range(repeat):
            for text in self.texts:
                with contextlib.suppress(self.error):
                    self.parser.parse(text)
        return (time.process_time() - start) / max(1, repeat * len(self.texts))


def _repeat(items: Sequence[object]) -> int:
    """How many times a small set is gone through so that one round is long enough to time."""
    return max(1, _MIN_ROUND // max(1, len(items)))


def main(argv: Sequence[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("other", type=Path, help="the other checkout (holds newsmeta/)")
    options.add_argument("folders", nargs="*", type=Path, default=[_DEFAULT])
    options.add_argument("--rounds", type=int, default=7)
    options.add_argument("--yaml-under", type=int, metavar="BYTES")
    args = options.parse_args(argv)
    texts = _texts(args.folders)
    with tempfile.TemporaryDirectory() as temporary:
        sys.path.insert(0, temporary)
        versions = {
            "other": _Version(
                _import_as(args.other, "newsmeta_other", Path(temporary)), texts, args.yaml_under
            ),
            "this": _Version(
                _import_as(_HERE, "newsmeta_this", Path(temporary)), texts, args.yaml_under
            ),
        }
        samples: dict[tuple[str, str], list[float]] = {}
        for _ in range(args.rounds):
            for name, version in versions.items():
                for stage, run in (("build", version.time_build), ("parse", version.time_parse)):
                    gc.collect()
                    samples.setdefault((name, stage), []).append(run())
    print(f"{len(versions['this'].texts)} documents; CPU µs per document, median of {args.rounds}")
    for stage in ("build", "parse"):
        other, this = (statistics.median(samples[(n, stage)]) * 1e6 for n in ("other", "this"))
        print(f"  {stage:<6} other {other:7.1f}  this {this:7.1f}  this/other {this / other:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
