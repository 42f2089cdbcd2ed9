"""Front matter without an opening fence: Hexo's YAML and MultiMarkdown headers.

``split`` asks here only when a file starts with none of the fenced forms, so a
fenced document splits exactly as before.  Both forms are recognised by the
shape of their lines alone (loading them is the next step's job) and strictly,
because a Markdown file without front matter must keep getting the "no front
matter" error:

- **Hexo** documents front matter that starts at line 1 with no opener and ends
  at the first ``---`` line.  Every line before that ``---`` must belong to a YAML
  block mapping (``key: value`` or ``key:`` at column 0, indented lines, ``- item``
  lines, comments, blank lines), one key must be ``title`` (Hexo's own spelling),
  and what follows the ``---`` must not open another ``key:`` section closed by
  ``---`` (Lektor's ``contents.lr`` fields look like that).  A Markdown paragraph
  over a setext ``---`` underline fails the first rule unless every line of it is
  ``key: value`` with a ``title`` key among them, which is Hexo's form exactly.
- **MultiMarkdown** (also Pelican's and Python-Markdown's ``meta``): the file starts
  with ``Key: value`` lines, where indented lines continue the previous value, and
  a blank line (or the end of the file) follows; at least one key must be
  title-like or date-like, so a paragraph that merely starts with ``Note: ...`` is
  not taken for metadata.

Each returns where the front matter ends and the body starts, or ``None``.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["hexo_yaml", "multimarkdown"]

_YAML_KEY: Final = r"[A-Za-z_][\w.-]*:(?:[ \t][^\n]*)?"
# Lines up to (not including) the first "---" line: a key first, then keys,
# indented or comment lines, "- item" lines and blank lines.  Alternatives start
# with different characters and "---" matches none of them, so this never
# backtracks more than one step per line.
_HEXO_BLOCK: Final = re.compile(
    rf"{_YAML_KEY}\n(?:(?:{_YAML_KEY}|[ \t#][^\n]*|-(?:[ \t][^\n]*)?|)\n)*(?=---[ \t]*(?:\n|\Z))"
)
_HEXO_TITLE: Final = re.compile(r"^title:(?:[ \t]|$)", re.MULTILINE)
_KEY_LINE: Final = re.compile(rf"(?:[ \t]*\n)*{_YAML_KEY}(?:\n|\Z)")
_SECTION_END: Final = re.compile(r"^---[ \t]*$", re.MULTILINE)

# MultiMarkdown keys may hold spaces ("Base Header Level"); Python-Markdown's may
# not; both end at the first colon, which must be followed by a blank or the line
# end so that "https://..." is never read as a key "https".
_MMD_HEADER: Final = re.compile(
    r"(?:[A-Za-z0-9_][\w-]*(?: [\w-]+)*:(?:[ \t][^\n]*)?(?:\n|\Z)(?:[ \t]+\S[^\n]*(?:\n|\Z))*)+"
)
_MMD_KEY: Final = re.compile(r"^([A-Za-z0-9_][\w -]*):", re.MULTILINE)
#: Key spellings (lower case, without spaces, "_" and "-") that make a header metadata.
MMD_SIGNAL_KEYS: Final = frozenset(
    ("title", "date", "published", "pubdate", "created", "modified", "updated")
)


def hexo_yaml(text: str, start: int, bound: int) -> tuple[int, int] | None:
    """(end of the YAML, start of the body) of Hexo front matter opening at *start*."""
    match = _HEXO_BLOCK.match(text, start, bound)
    if match is None:
        return None
    end = match.end()
    newline = text.find("\n", end)
    closer_end = len(text) if newline == -1 else newline
    if text[end:closer_end].rstrip(" \t") != "---":  # the bound cut a longer line short
        return None
    if _HEXO_TITLE.search(text, start, end) is None:
        return None
    body = min(closer_end + 1, len(text))
    if _KEY_LINE.match(text, body) is not None and _SECTION_END.search(text, body):
        return None  # more "key:" sections separated by "---": not Hexo's form
    return end, body


def multimarkdown(text: str, start: int, bound: int) -> tuple[int, int] | None:
    """(end of the header, start of the body) of a ``Key: value`` header at *start*."""
    match = _MMD_HEADER.match(text, start, bound)
    if match is None:
        return None
    end = match.end()
    if end < len(text):
        if text[end - 1] != "\n":
            return None  # the size bound cut a line short: a header that long is not one
        # The header must be ended by a blank line, which is not part of the body.
        newline = text.find("\n", end)
        line_end = len(text) if newline == -1 else newline
        if text[end:line_end].strip():
            return None
        body = min(line_end + 1, len(text))
    else:
        body = end
    keys = _MMD_KEY.findall(text, start, end)
    if not any(_signal(key) in MMD_SIGNAL_KEYS for key in keys):
        return None
    return end, body


def _signal(key: str) -> str:
    return key.lower().replace(" ", "").replace("_", "").replace("-", "")
