"""A linear scan of TOML keys, run before ``tomllib`` sees the text.

tomllib spends time quadratic in the parts of a dotted key, counting the parts of
the table header it sits under: for each key it re-walks every prefix of
``header + key``.  One key of 16,000 parts (32 KB) took 3 s and 1 GB, and a
megabyte of 100-part keys under a 100-part header took 8 s, all before any depth
check could run on what it built.  This scan refuses such text first:

- a key nested deeper than ``max_depth`` (header parts plus key parts): each part
  nests one level, so the loaded value would be refused as too deep anyway;
- keys whose total cost (parts times depth, summed) exceeds ``COST_PER_CHARACTER``
  per character of front matter plus ``COST_FLOOR``: real front matter stays far
  below (``a.b.c = 1`` costs 9 in 9 characters), and tomllib's work stays linear.

The scan looks only where a key can start: table headers and ``key =`` at the
start of a line (a key nests under the last header), and runs after ``{`` or
``,`` (inline-table keys, also array items, which cost little).  It does not skip
strings or comments, so nothing can hide a key from it; text inside a multi-line
string that looks like a key counts too, which only matters for absurd text (a
line of 200 dotted parts).  It never decides whether the text is valid TOML;
tomllib does that next.
"""

from __future__ import annotations

import re
from typing import Final

from .errors import LimitError

__all__ = ["COST_FLOOR", "COST_PER_CHARACTER", "check_toml_keys"]

#: Key cost allowed per character of TOML front matter (see the module doc).
COST_PER_CHARACTER: Final = 8
#: Key cost always allowed, so small documents are never refused for it.
COST_FLOOR: Final = 64 * 1024

# A quoted part that is never closed still ends at the end of its line: as one
# (invalid) part rather than a failed match, retried from every later quote.
_PART: Final = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"?|'[^'\n]*'?)"""
_DOTTED: Final = _PART + r"(?:[ \t]*\.[ \t]*" + _PART + r")*"
_SCAN: Final = re.compile(
    rf"^[ \t]*\[\[?[ \t]*(?P<header>{_DOTTED})"
    rf"|^[ \t]*(?P<key>{_DOTTED})[ \t]*="
    rf"|[{{,][ \t]*(?P<other>{_DOTTED})",
    re.MULTILINE,
)
_PARTS: Final = re.compile(_PART)


def check_toml_keys(text: str, max_depth: int) -> None:
    """Raise ``LimitError`` for keys too deep, or too costly, to hand to tomllib."""
    budget = COST_PER_CHARACTER * len(text) + COST_FLOOR
    cost = 0
    header = 0  # parts of the last table header
    for match in _SCAN.finditer(text):
        kind = match.lastgroup
        if kind is None:  # pragma: no cover - every alternative is a named group
            continue
        run = match.group(kind)
        parts = _count_parts(run)
        if kind == "header":
            header, prefix, cost = parts, 0, cost + parts
        elif kind == "key":
            prefix = header
            cost += parts * (header + parts) + header
        else:  # an inline-table key (or an array item) nests from its own table
            prefix = 0
            cost += parts * parts
        if prefix + parts <= max_depth and cost <= budget:
            continue
        line, column = _position(text, match.start(kind))
        if prefix + parts > max_depth:
            raise LimitError(
                f"key nested {prefix + parts} levels deep (table header and dotted key "
                f"parts); the limit is {max_depth} (Parser(max_depth=...))",
                line=line,
                column=column,
            )
        raise LimitError(
            f"dotted keys nest too deeply for the size of the front matter (parts "
            f"times depth, summed over keys, exceeds {budget}: {COST_PER_CHARACTER} "
            f"per character plus {COST_FLOOR})",
            line=line,
            column=column,
        )


def _count_parts(run: str) -> int:
    if "." not in run:  # most keys: one part, no need to look closer
        return 1
    return sum(1 for _ in _PARTS.finditer(run))


def _position(text: str, index: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1
