"""Block scalars (``|``, ``>``, with ``-`` or ``+``) for the line-based fast path.

``block_scalar(header, lines, start, parent_indent)`` reads the scalar whose header
(the text after ``key: `` or ``- ``) is *header* and whose content starts at
``lines[start]``, and returns its value and how many lines it took.  It reproduces
libyaml's scanner (``yaml_parser_scan_block_scalar``, which ruamel's C parser runs), so
that the fast path gives what the general path gives; whatever is less common or could
read two ways gives ``None`` and the general path decides: an explicit indentation
indicator (``|2``), a header comment without a blank before it, no content line, and
leading blank lines longer than the first content line.  The caller checks the lines
taken for tabs and other odd characters, as it does every line.

Why here: decap CMS and Hugo write long descriptions and URLs as ``>-`` and ``|-``; each
such file used to go to the (three times slower) event path.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["block_scalar"]

# "|" or ">", then an optional chomping indicator, then blanks and maybe a comment.
_HEADER: Final = re.compile(r"([|>])([-+]?)(?: +(?:#.*)?)?$").match


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
