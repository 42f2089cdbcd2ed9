"""A title from the heading that opens the body, when nothing else gives one.

MkDocs Material blog posts, Docusaurus pages and many exports keep no title in
the front matter: the reader sees the first heading (``# Hatch v1.10.0``).  The
parser uses it only for a file that has other article fields (a date, an author,
a summary or a URL) but no title from the front matter or the file's name, and
says so with a ``title-from-heading`` diagnostic.
"""

from __future__ import annotations

from ._lazy_re import lazy
from .adapter import Normalized
from .model import Diagnostic

__all__ = ["BODY_HEADING", "apply_heading", "opening_heading"]

#: What ``Article.provenance`` names as the source of a title taken from the body.
BODY_HEADING = "<body heading>"

# Only the start of the body is looked at: the heading must open it.
_LOOK = 4096
_ATX = lazy(r"#[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*\Z")
_SETEXT = lazy(r"=+[ \t]*\Z")
_ATTRIBUTES = lazy(r"[ \t]*\{[#.][^{}]*\}\Z")  # `# Title {#anchor}` (Pandoc, MkDocs)


def opening_heading(body: str) -> str | None:
    """The text of a level-1 heading on the body's first non-blank line, or None."""
    lines = body[:_LOOK].split("\n")
    for index, line in enumerate(lines[:-1] if len(body) > _LOOK else lines):
        line = line.strip()
        if not line:
            continue
        match = _ATX.match(line)
        if match is not None:
            text = match.group(1)
        elif index + 1 < len(lines) and _SETEXT.match(lines[index + 1].strip()):
            text = line
        else:
            return None
        text = _ATTRIBUTES.sub("", text).strip()
        return text or None
    return None


def apply_heading(normalized: Normalized, body: str) -> Normalized:
    """*normalized* with the body's opening heading as its title, if it has none."""
    if "title" in normalized.fields:
        return normalized
    title = opening_heading(body)
    if title is None:
        return normalized
    note = Diagnostic(
        code="title-from-heading",
        message=f"title {title!r} taken from the heading that opens the body",
    )
    return Normalized(
        {**normalized.fields, "title": title},
        {**normalized.provenance, "title": BODY_HEADING},
        normalized.extra,
        (*normalized.diagnostics, note),
    )
