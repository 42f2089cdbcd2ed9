"""Repair mode for a ``---`` block left open: read it as ending at its first blank line.

Two ways a closing line gets lost, both seen in real files, and each tried only
after the normal reading failed (a file that parses is never touched):

- ``close_front_matter``: no closing line at all (``---``, ``key: value``
  lines, a blank line, then Markdown): ``split`` refused the file;
- ``reopen_front_matter``: a ``---`` rule further down in the Markdown closed
  the block by accident, so its YAML fails to load after a blank line.

With ``Parser(repair=True)`` the block ends at the blank line, with an
``unclosed-front-matter`` diagnostic; without it the error says that repair
mode would read the file.  Only when the lines before the blank line start
with a ``key:`` at the left margin and load as a non-empty mapping (and, for a
rule, text, not YAML, follows the blank line).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

from .errors import FrontMatterError, LoadError, NewsmetaError
from .load import Loaded
from .model import Diagnostic
from .split import Split, decode

__all__ = ["close_front_matter", "reopen_front_matter"]

_YAML_OPENER: Final = re.compile(r"---[ \t]*(?:[Yy][Aa]?[Mm][Ll])?[ \t]*\Z")
_CLOSER: Final = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
_FIRST_KEY: Final = re.compile(r"""[^\s#'"\[\]{},&*!|>%@`?:-][^\n]*?:(?: |$)""")


def close_front_matter(
    text: str, error: FrontMatterError, *, repair: bool, load: Callable[[Split], Loaded]
) -> Split:
    """A YAML block never closed, read as ending at its first blank line; else *error*.

    Only when the lines between the ``---`` opener and the first blank line
    load as a mapping, the first of them a ``key: value`` at the left margin,
    and no closing line follows anywhere.  With *repair* false, *error* comes
    back with a hint when repair mode would read the file.
    """
    lines = _lines(text)
    opener = _opener(lines)
    if opener is None or any(_CLOSER.match(line) for line in lines[opener + 1 :]):
        raise error  # a closing line exists: whatever failed, it was not this
    found = _split_at_blank_line(lines, opener, len(lines) - 1, load)
    if found is None:
        raise error
    split, blank = found
    if not repair:
        raise FrontMatterError(
            f"{error.reason} (repair mode, Parser(repair=True) or --repair, would end it "
            f"at the blank line {blank})",
            path=error.path,
            line=error.line,
            column=error.column,
        )
    return _with_diagnostic(split, f"is never closed; read it as ending at the blank line {blank}")


def reopen_front_matter(
    text: str | bytes,
    parts: Split,
    error: LoadError,
    *,
    repair: bool,
    load: Callable[[Split], Loaded],
) -> Split:
    """A YAML block "closed" by a ``---`` rule in the body, read as ending at its blank line.

    The author forgot the closing line, and a ``---`` further down (a Markdown
    rule) closed the block instead, so its YAML fails to load after a blank line.
    Read as ending there only when the first line after the blank (comments
    aside, a Markdown heading reads as one) is not YAML-like (``key:``,
    ``- item``, indented) and *error* (in file lines) lies at or after it;
    otherwise *error*.  *text* is the whole document, decoded only when needed.
    """
    if parts.format != "yaml" or error.line is None:
        raise error
    inside = parts.front_matter.split("\n")  # the lines after the opener, up to the closer
    blank = _first_blank(inside, -1, len(inside))
    after = next((i for i in range(blank + 1, len(inside)) if inside[i].strip()[:1] not in "#"), -1)
    offset = parts.line_offset + 1  # file line of inside[0]
    if after == -1 or error.line < after + offset or not _reads_as_text(inside[after]):
        raise error
    lines = _lines(text if isinstance(text, str) else decode(text))
    opener = parts.line_offset - 1
    closer = opener + len(inside)  # (inside ends with what follows its last line break)
    if _opener(lines) != opener:
        raise error
    found = _split_at_blank_line(lines, opener, closer, load)
    if found is None:
        raise error
    split, blank_line = found
    why = (
        f"is not closed before the body (the '---' at line {closer + 1} closed it, and line "
        f"{after + offset} is not YAML)"
    )
    if not repair:
        raise LoadError(
            f"front matter opened with '---' {why}; add a line '---' at the blank line "
            f"{blank_line}, or read it in repair mode (Parser(repair=True), --repair)",
            path=error.path,
            line=after + offset,
            column=1,
        )
    return _with_diagnostic(split, f"{why}; read it as ending at the blank line {blank_line}")


def _lines(text: str) -> list[str]:
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _opener(lines: list[str]) -> int | None:
    """Index of the ``---`` opener line (after leading blank lines), if the file has one."""
    opener = next((i for i, line in enumerate(lines) if line.strip()), None)
    if opener is None or _YAML_OPENER.match(lines[opener]) is None:
        return None
    return opener


def _first_blank(lines: list[str], opener: int, stop: int) -> int:
    """Index of the first blank line after *opener* and before *stop*, else *stop*."""
    return next((i for i in range(opener + 1, stop) if not lines[i].strip(" \t")), stop)


def _reads_as_text(line: str) -> bool:
    """Whether *line* is body text rather than more YAML (a key, an item, indented)."""
    return not (line[:1] in (" ", "-") or _FIRST_KEY.match(line) is not None)


def _split_at_blank_line(
    lines: list[str], opener: int, stop: int, load: Callable[[Split], Loaded]
) -> tuple[Split, int] | None:
    """(the split ending at the first blank line before *stop*, that line's number) or None.

    The lines before it must start with a ``key:`` at the left margin and load
    as a non-empty mapping.
    """
    # (The last item of *lines* is what follows the final line break, not a line.)
    blank = _first_blank(lines, opener, min(stop, len(lines) - 1))
    block = lines[opener + 1 : blank]
    if blank >= min(stop, len(lines) - 1) or not block or _FIRST_KEY.match(block[0]) is None:
        return None
    front = "".join(line + "\n" for line in block)
    split = Split("yaml", front, "\n".join(lines[blank + 1 :]), opener + 1)
    try:
        if not load(split).mapping:
            return None
    except NewsmetaError:
        return None
    return split, blank + 1


def _with_diagnostic(split: Split, what: str) -> Split:
    diagnostic = Diagnostic(
        code="unclosed-front-matter",
        message=f"front matter opened with '---' {what} (add a line '---' there)",
        line=split.line_offset,
        column=1,
    )
    return Split("yaml", split.front_matter, split.body, split.line_offset, (diagnostic,))
