"""Time ``split`` on documents that start with millions of blank lines (issue 10 #13).

Run:  python benchmarks/bench_blank_lines.py [--lines 60000000]
v0.1 skipped leading blank lines in a Python loop (13 s for 60 million lines); the
scan (``str.lstrip``, ``rfind``, ``count``) must keep this well under a second, for a
document with front matter after the blanks and for one without any.
"""

from __future__ import annotations

import argparse
import time

from newsmeta.errors import FrontMatterError
from newsmeta.split import split


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__)
    options.add_argument("--lines", type=int, default=60_000_000)
    lines = options.parse_args().lines
    blanks = "\n" * lines
    start = time.perf_counter()
    result = split(blanks + "---\ntitle: A\n---\nbody")
    print(f"{lines:,} blank lines, then front matter: {time.perf_counter() - start:.2f} s")
    assert result.line_offset == lines + 1
    start = time.perf_counter()
    try:
        split(blanks + "No front matter.")
    except FrontMatterError as error:
        assert error.line == lines + 1
    print(f"{lines:,} blank lines, then no front matter: {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main()
