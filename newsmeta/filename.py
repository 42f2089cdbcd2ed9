"""What a Jekyll-style file name (``2017-2-5-i-dont-like-zeroes.md``) says about a post.

Jekyll, and many sites that copied it, put the publication date and the slug
in the file name and may leave them out of the front matter.  ``parse_file``
uses these only for fields the front matter does not give, and says so with
a diagnostic (``date-from-filename``, ``title-from-filename``).  The title is
made the way Jekyll makes it: the slug's words, each capitalised.
"""

from __future__ import annotations

import os
import re
from datetime import datetime, timezone

from ._record import Record
from .adapter import Normalized
from .model import Diagnostic

__all__ = ["FILE_NAME", "FileFacts", "apply_facts", "facts_from_filename"]

#: What ``Article.provenance`` names as the source of a value taken from the file name.
FILE_NAME = "<file name>"

_DATED = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})-(.+?)(\.[A-Za-z0-9]+)?\Z")


class FileFacts(Record):
    """What a ``YYYY-M-D-slug.ext`` file name says: its date and a title."""

    __slots__ = ("name", "published", "title")
    name: str
    published: datetime
    title: str | None

    def __init__(self, name: str, published: datetime, title: str | None) -> None:
        self._init(name=name, published=published, title=title)


def facts_from_filename(path: str | os.PathLike[str]) -> FileFacts | None:
    """The date and title a ``YYYY-M-D-slug.ext`` file name holds, or None."""
    name = os.path.basename(os.fspath(path))
    match = _DATED.match(name)
    if match is None:
        return None
    year, month, day, slug = match.group(1, 2, 3, 4)
    try:
        published = datetime(int(year), int(month), int(day), tzinfo=timezone.utc)
    except ValueError:  # 2017-13-45 is a name, not a date
        return None
    words = [word for word in re.split(r"[-_\s]+", slug) if word]
    title = " ".join(word[:1].upper() + word[1:] for word in words) or None
    return FileFacts(name, published, title)


def apply_facts(normalized: Normalized, facts: FileFacts) -> Normalized:
    """*normalized* with the date and title of *facts* where the source gave none."""
    fields = dict(normalized.fields)
    provenance = dict(normalized.provenance)
    notes: list[Diagnostic] = []
    if "published" not in fields:
        fields["published"] = facts.published
        provenance["published"] = FILE_NAME
        notes.append(
            Diagnostic(
                code="date-from-filename",
                message=f"published date {facts.published.date().isoformat()} taken from "
                f"the file name {facts.name!r} (midnight UTC)",
            )
        )
    if "title" not in fields and facts.title is not None:
        fields["title"] = facts.title
        provenance["title"] = FILE_NAME
        notes.append(
            Diagnostic(
                code="title-from-filename",
                message=f"title {facts.title!r} made from the file name {facts.name!r}",
            )
        )
    if not notes:
        return normalized
    return Normalized(fields, provenance, normalized.extra, (*normalized.diagnostics, *notes))
