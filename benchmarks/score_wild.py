"""Score newsmeta against the hand-judged expectations of ../shared/corpus-wild/EXPECTED.tsv.

    python benchmarks/score_wild.py [-v] [--repair]

Prints, per field (title, published, url, authors), how many of the rows newsmeta gets right;
``-v`` lists every miss. ``published`` is compared on its date (the expected value keeps the
source's own precision); ``authors`` as the `;`-joined names. tests/test_corpus_wild.py keeps
these scores from going down.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import newsmeta

WILD = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus-wild"
FIELDS = ("title", "published", "url", "authors")


def _unescape(value: str) -> str:
    return value.replace("\\t", "\t").replace("\\n", "\n").replace("\\\\", "\\")


def score(folder: Path = WILD, *, repair: bool = False, verbose: bool = False) -> dict[str, int]:
    """Rows right per field, and ``rows``: how many were judged."""
    parser = newsmeta.Parser(repair=repair)
    with (folder / "EXPECTED.tsv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    right = dict.fromkeys(FIELDS, 0)
    for row in rows:
        try:
            article = parser.parse_file(folder / row["file"])
            got = {
                "title": article.title,
                "published": article.published.isoformat() if article.published else "",
                "url": article.url or "",
                "authors": ";".join(author.name for author in article.authors),
            }
        except newsmeta.NewsmetaError as error:
            got = dict.fromkeys(FIELDS, "") | {"error": str(error)}
        for field in FIELDS:
            want = _unescape(row[f"expected_{field}"])
            have = got[field]
            ok = have[:10] == want[:10] and bool(have) == bool(want) if field == "published" else (
                have == want
            )
            right[field] += ok
            if verbose and not ok:
                print(f"MISS {field:9} {row['file']}\n     want {want!r}\n     got  {have!r}")
    return right | {"rows": len(rows)}


def main() -> None:
    if not (WILD / "EXPECTED.tsv").exists():
        sys.exit(f"{WILD} is absent")
    result = score(repair="--repair" in sys.argv, verbose="-v" in sys.argv)
    print(", ".join(f"{field} {result[field]}/{result['rows']}" for field in FIELDS))


if __name__ == "__main__":
    main()
