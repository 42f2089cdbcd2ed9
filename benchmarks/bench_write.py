"""Throughput of the writers over real files: dump in each dialect, edit, export.

Run by hand (not in CI):

    python benchmarks/bench_write.py [FOLDER] [--limit 1000]

Files are parsed once; then each writer runs over the parsed articles (or the
texts, for edit) and docs/s is printed.  LossWarnings are silenced.
"""

from __future__ import annotations

import argparse
import time
import warnings
from pathlib import Path

import newsmeta
from newsmeta.write import LossWarning


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__)
    options.add_argument(
        "folder", nargs="?", default=str(Path(__file__).parents[2] / "shared/bulk")
    )
    options.add_argument("--limit", type=int, default=1000)
    args = options.parse_args()
    paths = sorted(Path(args.folder).rglob("*.md"))[: args.limit]
    texts = [path.read_bytes() for path in paths]
    articles = []
    for text in texts:
        try:
            articles.append(newsmeta.parse(text))
        except newsmeta.NewsmetaError:
            continue
    print(f"{len(articles)} articles from {args.folder}")
    warnings.simplefilter("ignore", LossWarning)
    for dialect in ("hugo", "aggregator", "generic"):
        start = time.perf_counter()
        for article in articles:
            newsmeta.dump(article, dialect)
        print(f"dump {dialect:<10} {len(articles) / (time.perf_counter() - start):8.0f} docs/s")
    start = time.perf_counter()
    edited = 0
    for text in texts:
        try:
            newsmeta.edit(text, title="Edited title")
            edited += 1
        except newsmeta.NewsmetaError:
            continue
    print(f"edit title      {edited / (time.perf_counter() - start):8.0f} docs/s")
    for format in ("jsonfeed", "jsonld", "atom"):
        start = time.perf_counter()
        newsmeta.export(articles, format)
        print(f"export {format:<9} {len(articles) / (time.perf_counter() - start):8.0f} docs/s")


if __name__ == "__main__":
    main()
