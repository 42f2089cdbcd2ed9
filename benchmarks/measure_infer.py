"""What `newsmeta infer` drafts are worth: the round trip against generic, per source.

For every source folder under ROOT (each sub-folder is one source), drafts a
mapping file from its files, loads it back, and parses every file twice: with
generic and with the draft.  Prints, per field, in how many files the draft
filled what generic left empty, and any file or field the draft lost (there
should be none).  With ``--expected`` (corpus-wild's EXPECTED.tsv) it also
scores title, published, url and authors against the hand-judged values, once
as `parse_file` reads them today and once with each source's draft.

    python benchmarks/measure_infer.py ../shared/corpus-wild --expected
    python benchmarks/measure_infer.py ../shared/corpus

Not a unit test; tests/test_infer.py checks the round trip on the same folders.
"""

from __future__ import annotations

import argparse
import csv
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import newsmeta
from newsmeta.batch import _tasks

PATTERNS = ("*.md", "*.mdx", "*.markdown")
FIELDS = (
    "title", "summary", "url", "links", "aliases", "slug", "published", "updated", "authors",
    "source", "tags", "categories", "images", "kind", "is_draft", "language",
)  # fmt: skip


def _draft_parser(sources: list[Any], folder: Path) -> newsmeta.Parser:
    draft = newsmeta.infer_adapter(sources, name="drafted", patterns=PATTERNS)
    path = folder / "drafted.yaml"
    path.write_text(draft.text, encoding="utf-8")
    return newsmeta.Parser([newsmeta.load_adapter(path)])


def _parse(parser: newsmeta.Parser, name: str, dialect: str | None) -> Any:
    try:
        return parser.parse_file(name, dialect=dialect)
    except newsmeta.NewsmetaError:
        return None


def _present(value: object) -> bool:
    return value not in (None, (), "")


def round_trip(root: Path) -> None:
    gained: Counter[str] = Counter()
    lost: list[str] = []
    files = 0
    with tempfile.TemporaryDirectory() as scratch:
        for source in sorted(p for p in root.iterdir() if p.is_dir()):
            parser = _draft_parser([str(source)], Path(scratch))
            for name, _ in _tasks([str(source)], PATTERNS):
                files += 1
                generic = _parse(parser, name, "generic")
                drafted = _parse(parser, name, "drafted")
                if generic is not None and drafted is None:
                    lost.append(f"{name}: the draft fails")
                    continue
                for field in FIELDS:
                    mine = getattr(drafted, field, None)
                    theirs = getattr(generic, field, None)
                    if _present(theirs) and not _present(mine):
                        lost.append(f"{name}: {field}")
                    elif _present(mine) and not _present(theirs):
                        gained[field] += 1
    print(f"{files} files; filled where generic left it empty: {dict(gained.most_common())}")
    print(f"lost: {len(lost)}", *lost[:20], sep="\n  ")


def expected(root: Path) -> None:
    rows = list(csv.DictReader((root / "EXPECTED.tsv").open(encoding="utf-8"), delimiter="\t"))
    by_source: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        by_source.setdefault(row["file"].split("/")[0], []).append(row)
    score = {"today": Counter[str](), "draft": Counter[str]()}
    with tempfile.TemporaryDirectory() as scratch:
        for source_rows in by_source.values():
            paths = [str(root / row["file"]) for row in source_rows]
            parser = _draft_parser(paths, Path(scratch))
            for row, path in zip(source_rows, paths, strict=True):
                want = {
                    "title": row["expected_title"].replace("\\\\", "\\"),
                    "published": row["expected_published"],
                    "url": row["expected_url"],
                    "authors": row["expected_authors"],
                }
                for mode, article in (
                    ("today", _parse(newsmeta.Parser(), path, None)),
                    ("draft", _parse(parser, path, "drafted")),
                ):
                    got = _values(article)
                    for field, value in want.items():
                        score[mode][field] += _same(field, value, got[field])
    for mode, counts in score.items():
        print(mode, {field: f"{n}/{len(rows)}" for field, n in counts.items()})


def _values(article: Any) -> dict[str, str]:
    if article is None:
        return {"title": "", "published": "", "url": "", "authors": ""}
    return {
        "title": article.title,
        "published": article.published.isoformat() if article.published else "",
        "url": article.url or "",
        "authors": ";".join(author.name for author in article.authors),
    }


def _same(field: str, want: str, got: str) -> bool:
    if field == "published":  # the day is what the hand-judged values agree on
        return (want == got == "") or (bool(want) and bool(got) and want[:10] == got[:10])
    return want == got


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("root", type=Path, help="a folder of source folders")
    arguments.add_argument("--expected", action="store_true", help="score EXPECTED.tsv too")
    options = arguments.parse_args()
    round_trip(options.root)
    if options.expected:
        expected(options.root)


if __name__ == "__main__":
    main()
