"""CPU time of each pipeline stage, per document: split, load, detect, map, build, render.

Run by hand (not in CI):

    python benchmarks/bench_stages.py [FOLDER ...] [--rounds 5] [--yaml-under BYTES]

``--yaml-under 500`` keeps only YAML-fenced documents whose front matter is
smaller than that (bench_parse.py's smallest bucket with ``../shared``).

Each stage runs over every document of the folders (default ../shared/bulk) on
the previous stage's output, so a stage is timed alone; the figure is the
median over *rounds* of the CPU time (``time.process_time``, which a busy
neighbour on a shared machine disturbs far less than wall time) divided by the
number of documents.  ``render`` is what ``newsmeta parse --format jsonl`` does
per article (``newsmeta._article_json``: what ``json.dumps(to_dict(a),
ensure_ascii=False)`` gives, by a faster path); ``render (to_dict)`` is that
general path, for comparison.  Documents that fail a stage
(no front matter, not an article) are left out of the later stages.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import newsmeta
from newsmeta._article_json import article_json
from newsmeta.convert import build_article

_DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "bulk"


def _texts(folders: Sequence[Path]) -> list[str]:
    texts = []
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in (".md", ".markdown"):
                texts.append(path.read_bytes().decode("utf-8", errors="replace"))
    return texts


def _cpu(run: Callable[[], object], rounds: int) -> float:
    samples = []
    for _ in range(rounds):
        gc.collect()
        start = time.process_time()
        run()
        samples.append(time.process_time() - start)
    return statistics.median(samples)


def stages(texts: Sequence[str], rounds: int) -> dict[str, float]:
    """Seconds of CPU per document for each stage (and ``total`` for ``Parser.parse``)."""
    parser = newsmeta.Parser()
    parts: list[Any] = []
    for text in texts:
        with contextlib.suppress(newsmeta.NewsmetaError):
            parts.append(parser.split(text))
    loaded = []
    for part in parts:
        with contextlib.suppress(newsmeta.NewsmetaError):
            loaded.append((part, parser.load(part)[0]))
    chosen = [(part, mapping, parser._detected(mapping, None)) for part, mapping in loaded]
    normalized = [
        (part, adapter, parser._normalize(adapter, mapping, None))
        for part, mapping, adapter in chosen
    ]
    built = [
        build_article(n, body=part.body, dialect=adapter.name, format=part.format)[0]
        for part, adapter, n in normalized
    ]
    articles = [a for a in built if a is not None]

    def total() -> None:
        for text in texts:
            with contextlib.suppress(newsmeta.NewsmetaError):
                parser.parse(text)

    runs: dict[str, tuple[Callable[[], object], int]] = {
        "split": (lambda: [parser.split(t) for t in texts if t], len(texts)),
        "load": (lambda: [parser.load(p) for p, _ in loaded], len(loaded)),
        "detect": (lambda: [parser._detected(m, None) for _, m in loaded], len(loaded)),
        "map": (lambda: [parser._normalize(a, m, None) for _, m, a in chosen], len(chosen)),
        "build": (
            lambda: [
                build_article(n, body=p.body, dialect=a.name, format=p.format)
                for p, a, n in normalized
            ],
            len(normalized),
        ),
        "render": (
            lambda: [article_json(a) for a in articles],
            len(articles),
        ),
        "render (to_dict)": (
            lambda: [json.dumps(newsmeta.to_dict(a), ensure_ascii=False) for a in articles],
            len(articles),
        ),
        "parse (all stages)": (total, len(texts)),
    }
    # split fails on a few files (no front matter): time only those it accepts.
    splittable = [t for t in texts if _splits(parser, t)]
    runs["split"] = (lambda: [parser.split(t) for t in splittable], len(splittable))
    return {name: _cpu(run, rounds) / max(1, count) for name, (run, count) in runs.items()}


def _splits(parser: newsmeta.Parser, text: str) -> bool:
    try:
        parser.split(text)
    except newsmeta.NewsmetaError:
        return False
    return True


def _yaml_under(text: str, size: int) -> bool:
    try:
        parts = newsmeta.Parser().split(text)
    except newsmeta.NewsmetaError:
        return False
    return parts.format == "yaml" and len(parts.front_matter.encode()) < size


def main(argv: Sequence[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("folders", nargs="*", type=Path, default=[_DEFAULT])
    options.add_argument("--rounds", type=int, default=5)
    options.add_argument("--yaml-under", type=int, metavar="BYTES")
    args = options.parse_args(argv)
    texts = _texts(args.folders)
    if args.yaml_under is not None:
        texts = [t for t in texts if _yaml_under(t, args.yaml_under)]
    if not texts:
        print("no .md files found", file=sys.stderr)
        return 2
    newsmeta.to_dict(newsmeta.parse("---\ntitle: warm-up\n---\n"))  # build cattrs hooks
    figures = stages(texts, args.rounds)
    print(f"{len(texts)} documents; CPU µs per document, median of {args.rounds} rounds")
    for name, seconds in figures.items():
        print(f"  {name:<20} {seconds * 1e6:8.1f} µs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
