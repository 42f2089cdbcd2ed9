"""Surrogate escapes (``\\ud83d\\udcca``) in YAML and JSON text: pairs join, lone ones fail.

JSON, and YAML 1.2 as its superset, may spell a character outside the Basic
Multilingual Plane as two ``\\u`` escapes, a high surrogate then a low one; the
pair means one character (``"\\ud83d\\udcca"`` is 📊).  One surrogate on its own
is no character at all: it cannot be written as UTF-8, so it must never reach an
``Article``.  Loaders call ``lone_surrogate_error`` to say where it is.
"""

from __future__ import annotations

import re
from typing import Final

from .errors import EncodingError

__all__ = [
    "SURROGATE",
    "SURROGATE_ESCAPE",
    "first_lone",
    "join_pairs",
    "lone_escape_in_json",
    "lone_surrogate_error",
    "nth_surrogate_escape",
]

#: Finds a surrogate code point in decoded text.
SURROGATE: Final = re.compile("[\ud800-\udfff]")
#: A quick test whether source text may hold a surrogate escape at all (it may
#: also match an escaped backslash followed by "ud800": the full scan decides).
SURROGATE_ESCAPE: Final = re.compile(r"\\(?:u[dD][89a-fA-F]|U0000[dD][89a-fA-F])")
# Every escape, so that "\\\\ud800" (an escaped backslash, then text) is no escape.
_ESCAPE: Final = re.compile(r"\\(?:u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|.)", re.DOTALL)


def join_pairs(text: str) -> str:
    """Each high surrogate directly followed by a low one becomes the character they spell."""
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


def first_lone(text: str) -> int | None:
    """How many surrogates precede the first unpaired one in *text* (unjoined), or ``None``."""
    count = 0
    index = 0
    while True:
        found = SURROGATE.search(text, index)
        if found is None:
            return None
        char = found.group()
        after = text[found.end() : found.end() + 1]
        if char <= "\udbff" and "\udc00" <= after <= "\udfff":
            count += 2  # a pair
            index = found.end() + 1
            continue
        return count


def _surrogate_escapes(text: str, start: int, end: int) -> list[tuple[int, int, int]]:
    """(start, end, code point) of each surrogate escape in ``text[start:end]``."""
    found = []
    for match in _ESCAPE.finditer(text, start, end):
        digits = match[1] or match[2]
        if digits is not None and 0xD800 <= int(digits, 16) <= 0xDFFF:
            found.append((match.start(), match.end(), int(digits, 16)))
    return found


def nth_surrogate_escape(text: str, start: int, end: int, nth: int) -> tuple[int, int] | None:
    """Where the *nth* (0-based) surrogate escape in ``text[start:end]`` starts and ends."""
    escapes = _surrogate_escapes(text, start, end)
    if nth >= len(escapes):
        return None
    return escapes[nth][0], escapes[nth][1]


def lone_escape_in_json(text: str) -> tuple[int, int] | None:
    """Where the first surrogate escape that ``json.loads`` leaves unpaired is, or ``None``.

    Only for text that ``json.loads`` accepted: every backslash then sits in a
    string, and the decoder pairs a high escape only with a low escape that
    follows it at once.
    """
    if SURROGATE_ESCAPE.search(text) is None:
        return None
    escapes = _surrogate_escapes(text, 0, len(text))
    index = 0
    while index < len(escapes):
        start, end, code = escapes[index]
        if code <= 0xDBFF and index + 1 < len(escapes):
            following = escapes[index + 1]
            if following[0] == end and following[2] >= 0xDC00:
                index += 2
                continue
        return start, end
    return None


def lone_surrogate_error(text: str, start: int, end: int) -> EncodingError:
    """The error for the lone surrogate escape at ``text[start:end]``, positioned in *text*."""
    line_start = text.rfind("\n", 0, start) + 1
    return EncodingError(
        f"'{text[start:end]}' is a lone surrogate, not a character; expected a high "
        "surrogate escape followed by a low one (a pair such as '\\ud83d\\udcca') "
        "or the character itself",
        line=text.count("\n", 0, start) + 1,
        column=start - line_start + 1,
    )
