"""Which YAML front matter the line-based fast path declines, and why.

Run by hand (not in CI):

    python benchmarks/yaml_coverage.py [FOLDER ...] [--under BYTES] [--at-least BYTES] [-v]

For every ``---`` YAML front matter of the ``.md`` files under the folders (default:
../shared/corpus, bulk, corpus-wild and seeds), asks ``newsmeta._yaml_simple`` to read it
and counts the reasons it gives up (each ``_Bail`` names the construct); every declined
document costs the slower event path.  ``--under 500`` is bench_parse.py's smallest
bucket; ``-v`` lists up to three files per reason.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

import newsmeta
from newsmeta import _yaml_simple

_SHARED = Path(__file__).resolve().parents[1].parent / "shared"
_DEFAULT = [_SHARED / name for name in ("corpus", "bulk", "corpus-wild", "seeds")]


def _front_matters(folders: Sequence[Path], low: int, high: float) -> list[tuple[Path, str]]:
    parser = newsmeta.Parser()
    found = []
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if not path.is_file() or path.suffix not in (".md", ".markdown"):
                continue
            try:
                parts = parser.split(path.read_bytes().decode("utf-8", errors="replace"))
            except newsmeta.NewsmetaError:
                continue
            size = len(parts.front_matter.encode())
            if parts.format == "yaml" and low <= size < high:
                found.append((path, parts.front_matter))
    return found


def _reason(text: str) -> str | None:
    """Why the fast path declines *text* (None: it reads it)."""
    try:
        _yaml_simple._parse(text.split("\n"))
    except _yaml_simple._Bail as bail:
        return str(bail)
    except (ValueError, OverflowError) as error:  # a scalar the general path must judge
        return f"scalar: {type(error).__name__}"
    return None


def main(argv: Sequence[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("folders", nargs="*", type=Path, default=_DEFAULT)
    options.add_argument("--under", type=float, default=float("inf"), metavar="BYTES")
    options.add_argument("--at-least", type=int, default=0, metavar="BYTES")
    options.add_argument("-v", "--verbose", action="store_true")
    args = options.parse_args(argv)
    documents = _front_matters(args.folders, args.at_least, args.under)
    if not documents:
        print("no YAML front matter found", file=sys.stderr)
        return 2
    reasons: Counter[str] = Counter()
    examples: defaultdict[str, list[Path]] = defaultdict(list)
    for path, text in documents:
        reason = _reason(text)
        if reason is not None:
            reasons[reason] += 1
            examples[reason].append(path)
    declined = sum(reasons.values())
    print(
        f"{len(documents)} YAML front matters; the fast path reads {len(documents) - declined}, "
        f"declines {declined} ({declined / len(documents):.1%})"
    )
    for reason, count in reasons.most_common():
        print(f"  {count:5}  {reason}")
        if args.verbose:
            for path in examples[reason][:3]:
                print(f"         {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
