"""Scalars over several lines for the line-based fast path (``_yaml_simple``).

Each reader takes the document's lines and the index of the first line after the one that
opens the scalar, and returns the scalar's value (or raw text) and how many lines it took;
``None`` when the scalar is outside the fast path's subset (tabs and other odd characters
too), and the general path decides.

``block_scalar`` reads ``|`` and ``>`` scalars (with ``-`` or ``+``) as libyaml's scanner
does (``yaml_parser_scan_block_scalar``, which ruamel's C parser runs).  Refused: an
explicit indentation indicator (``|2``), a header comment without a blank before it, no
content line, and leading blank lines longer than the first content line.  Why: decap CMS
and Hugo write long descriptions and URLs as ``>-`` and ``|-``; each such file used to go
to the (three times slower) event path.

``quoted_scalar`` reads a quoted scalar folded over lines in one loop of its own: the
fast path's main loop no longer asks on every line whether a quoted scalar is open, and
a long one (a thousand lines, in generated front matter) skips the main loop's work.
"""

from __future__ import annotations

from typing import Final

from ._lazy_re import lazy

__all__ = ["block_scalar", "odd_line", "quoted_scalar"]

# Anything but LF and the printable characters YAML and Python agree on: tabs, CR, NEL,
# LS/PS (line breaks to YAML, not to str.split), BOM, controls, surrogates, non-characters.
# Written as the (small) set of odd characters, not the complement of the allowed
# ranges: a negated class reaching U+10FFFF takes ~7 ms to compile at import.
_ODD_CHAR: Final = lazy(
    "[\x00-\t\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]"
)

# A line that closes a quoted scalar (its text, then nothing or a comment after a blank),
# and a line that holds its quotes only escaped ("''" or "\\"").
_SINGLE_END: Final = lazy(r"([^']*(?:''[^']*)*)'(?: +(?:#.*)?)?$").call("match")
_SINGLE_MID: Final = lazy(r"[^']*(?:''[^']*)*$").call("match")
_DOUBLE_END: Final = lazy(r'([^"\\]*(?:\\.[^"\\]*)*)"(?: +(?:#.*)?)?$').call("match")
_DOUBLE_MID: Final = lazy(r'[^"\\]*(?:\\.[^"\\]*)*$').call("match")
# "|" or ">", then an optional chomping indicator, then blanks and maybe a comment.
_HEADER: Final = lazy(r"([|>])([-+]?)(?: +(?:#.*)?)?$").call("match")


def odd_line(line: str) -> bool:
    """Whether *line* holds an odd character; call it when ``line.isprintable()`` is False.

    str.isprintable is quick but also refuses NBSP and the like: ask the regex then, but
    not for NBSP, the commonest of them (a regex search costs more than a replace).
    """
    return not line.replace("\xa0", " ").isprintable() and _ODD_CHAR.search(line) is not None


def block_scalar(
    header: str, lines: list[str], start: int, parent_indent: int
) -> tuple[str, int] | None:
    """(value, lines taken) of the block scalar headed *header*, or None; see the module doc.

    *lines* is the document split at ``"\\n"`` (its last item follows no line break);
    *parent_indent* is the indentation of the collection holding the scalar, which its
    content must exceed.  The lines consumed are the content lines and the blank lines
    after them; the next line (if any) is less indented and not blank.
    """
    match = _HEADER(header)
    if match is None:
        return None  # an indentation indicator, or text after the header
    literal = match[1] == "|"
    chomping = match[2]
    last = len(lines) - 1
    # Leading blank lines: libyaml takes the content's indentation from the longest of them
    # and the first content line; refuse the rare case where a blank line is the longer.
    index = start
    longest_blank = 0
    while index <= last and not lines[index].strip(" "):
        longest_blank = max(longest_blank, len(lines[index]))
        index += 1
    if index > last:
        return None  # no content line
    first = lines[index]
    indent = len(first) - len(first.lstrip(" "))
    if indent <= parent_indent or longest_blank > indent:
        return None  # no content (the next line is not indented), or longer blank lines
    pieces: list[str] = []
    breaks = index - start  # line breaks since the last content line (blank lines)
    line_break = ""  # the break after the last content line ("" at the end of the text)
    leading_blank = False  # the last content line started with a blank (more indented)
    for index in range(index, last + 1):  # noqa: B020 (it goes on from the first content line)
        line = lines[index]
        if len(line) <= indent and not line.strip(" "):  # blank (not more than the indent)
            if index == last:
                break  # the end of the text: no line break to count
            breaks += 1
            continue
        if line[:indent].strip(" "):  # less indented and not blank: the scalar has ended
            break
        if not line.isprintable() and odd_line(line):
            return None
        text = line[indent:]
        blank_first = text[0] == " "
        if literal or not line_break or leading_blank or blank_first:
            pieces.append(line_break)
        elif not breaks:
            pieces.append(" ")  # folded: one line break between two lines is a space
        # (folded, else: the line break before blank lines goes, the blank lines stay)
        pieces.append("\n" * breaks)
        pieces.append(text)
        breaks = 0
        leading_blank = blank_first
        line_break = "\n" if index < last else ""
    else:
        index = last + 1
    if chomping == "+":
        pieces.append(line_break + "\n" * breaks)
    elif not chomping:
        pieces.append(line_break)
    return "".join(pieces), index - start


def quoted_scalar(
    first: str, lines: list[str], start: int, indent: int, double: bool
) -> tuple[str, int] | None:
    """(raw text, lines taken) of a quoted scalar continued on ``lines[start]``, or None.

    *first* is its text on the opening line (after the quote, blanks cut); continuation
    lines must be indented past *indent*.  The raw text is folded as YAML folds a flow
    scalar (a line break is a space, blank lines are line breaks, the blanks around them
    go); the caller reads its escapes (``''``, ``\\n``).  None: never closed, text after
    the closing quote, a line not indented past *indent*, an odd character, or a
    double-quoted line ending in a backslash (an escaped line break or blank).
    """
    quote = '"' if double else "'"
    closes = _DOUBLE_END if double else _SINGLE_END
    holds = _DOUBLE_MID if double else _SINGLE_MID
    pieces = [first]  # joined once: a long scalar would be quadratic
    blanks = 0
    for end in range(start, len(lines)):
        line = lines[end]
        if not line.isprintable() and odd_line(line):
            return None
        content = line.lstrip(" ")
        if not content:
            blanks += 1
            continue
        if len(line) - len(content) <= indent:
            return None
        pieces.append("\n" * blanks if blanks else " ")
        blanks = 0
        if quote in content:  # most lines hold none: no regex for them
            close = closes(content)
            if close is not None:
                pieces.append(close[1])
                return "".join(pieces), end + 1 - start
            if holds(content) is None:
                return None  # text after the closing quote
        content = content.rstrip(" ")
        if double and content[-1] == "\\":
            return None
        pieces.append(content)
    return None  # never closed
