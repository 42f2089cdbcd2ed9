"""Load a MultiMarkdown / Pelican metadata header (``Key: value`` lines) into a mapping.

The format (MultiMarkdown's metadata, read the same way by Pelican and by
Python-Markdown's ``meta`` extension): one ``Key: value`` per line, a line that
starts with a blank continues the previous value, and the header ends at the
first blank line (``split`` has already cut it there).

- Values are text, exactly as written apart from the blanks around them; a
  continued value keeps its line breaks (each line stripped), as MultiMarkdown
  does.  Nothing is typed: ``Date: 2014-06-20 12:12`` stays a string for the
  date converter, and ``Draft: no`` is the word "no".
- Keys are kept as written (``Title``, ``Base Header Level``); adapters match
  them case-insensitively like any key.  Two keys that differ only in case (or
  spaces, as MultiMarkdown ignores those) are the same key, so they follow the
  parser's duplicate-key policy.
- ``Tags``, ``Category`` and ``Authors`` are lists: Pelican defines them so
  (split on semicolons when there are any, else on commas, as docutils' author
  lists and Pelican's ``ensure_metadata_list`` do), and each continuation line is
  one more boundary.  This is the container's convention, so it is applied here,
  where the container is known: adapters only see a mapping, cannot tell a
  Pelican ``Tags: a, b`` from a YAML ``tags: "a, b"`` (one tag), and every adapter
  (built-in, mapping file or plugin) then gets the list shape a YAML list has.
"""

from __future__ import annotations

import re
from typing import Any, Final

from .errors import LoadError, StructureError

__all__ = ["LIST_KEYS", "load_multimarkdown"]

#: Keys (compared in lower case, without spaces) whose value is a list.
LIST_KEYS: Final = frozenset(("tags", "category", "authors"))

_LINE: Final = re.compile(r"([A-Za-z0-9_][\w-]*(?: [\w-]+)*):(?:[ \t]+(.*))?\Z")


def load_multimarkdown(
    text: str, *, keep_last: bool
) -> tuple[dict[str, Any], tuple[tuple[str, int, int], ...]]:
    """``(mapping, duplicates)`` like the YAML loader: duplicates kept by ``keep_last``.

    Positions in errors and in *duplicates* are 1-based and relative to *text*.
    """
    entries: list[tuple[str, list[str], int]] = []  # key, its lines, its line number
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()  # the end of the last line
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            raise LoadError(
                "blank line inside a metadata header; expected 'Key: value' lines",
                line=number,
                column=1,
            )
        if line[0] in " \t":
            if not entries:
                raise LoadError(
                    "indented line before the first key; expected 'Key: value'",
                    line=number,
                    column=1,
                )
            entries[-1][1].append(line.strip())
            continue
        match = _LINE.match(line.rstrip(" \t"))
        if match is None:
            raise LoadError(
                "not a metadata line; expected 'Key: value' or an indented continuation",
                line=number,
                column=1,
            )
        entries.append((match[1], [match[2] or ""], number))

    mapping: dict[str, Any] = {}
    # normalised key -> (the spelling stored in mapping, its line)
    spelled: dict[str, tuple[str, int]] = {}
    duplicates: list[tuple[str, int, int]] = []
    for key, values, number in entries:
        folded = key.lower().replace(" ", "")
        earlier = spelled.get(folded)
        if earlier is not None:
            if not keep_last:
                # Said relative to this line, like the YAML loader: positions are
                # later shifted to file lines, and a distance stays true.
                above = number - earlier[1]
                same = "" if earlier[0] == key else f" as {earlier[0]!r}"
                raise StructureError(
                    f"duplicate key {key!r} (first{same} {above} line{'s' if above != 1 else ''}"
                    " above)",
                    line=number,
                    column=1,
                )
            duplicates.append((key, number, 1))
            del mapping[earlier[0]]
        spelled[folded] = (key, number)
        mapping[key] = _list(values) if folded in LIST_KEYS else "\n".join(values).strip("\n")
    return mapping, tuple(duplicates)


def _list(lines: list[str]) -> list[str]:
    items: list[str] = []
    for line in lines:
        separator = ";" if ";" in line else ","
        items.extend(item.strip() for item in line.split(separator))
    return [item for item in items if item]
