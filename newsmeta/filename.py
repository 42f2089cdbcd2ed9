"""What a file's name and folders say about a post: its date, and perhaps a title.

Jekyll, and many sites that copied it, put the publication date and the slug
in the file name (``2017-2-5-i-dont-like-zeroes.md``) and may leave them out
of the front matter; page bundles put them in the folder
(``2024-05-01-slug/index.md``) or in date folders (``2024/05/01/slug/index.md``,
``2024/05/01/slug.md``).  The parser uses these only for fields the front
matter does not give, and says so with a diagnostic (``date-from-filename``,
``date-from-folder``, ``title-from-filename``).  The title is made the way
Jekyll makes it: the slug's words, each capitalised.

The same name gives the same facts wherever it comes from: ``parse_file``,
``parse(text, path=...)`` and ``(name, text)`` pairs in ``parse_many``.
A date that cannot exist (``2020-11-31``) gives no date and an ``invalid-date``
diagnostic; in a name that is not valid UTF-8 (``caf\\udce9``, as ``os`` decodes
such bytes) each bad byte becomes U+FFFD, with a ``filename-not-utf8``
diagnostic when a title is made from it: no lone surrogate reaches an Article.
"""

from __future__ import annotations

import os
import re
from datetime import datetime, timezone

from ._lazy_re import lazy
from ._record import Record
from .adapter import Normalized
from .model import Diagnostic

__all__ = ["FILE_NAME", "FOLDER", "FileFacts", "apply_facts", "facts_from_filename"]

#: What ``Article.provenance`` names as the source of a value taken from the file name.
FILE_NAME = "<file name>"
#: ... and from the folders the file is in.
FOLDER = "<folder>"

_DATED = lazy(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:-(.+?))?(\.[A-Za-z0-9]+)?\Z")
_DATED_FOLDER = lazy(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:-(.+))?\Z")
_YEAR, _PART = lazy(r"\d{4}\Z"), lazy(r"\d{1,2}\Z")
# A page bundle's text is in one of these; its folder names the post.
_BUNDLE_FILES = frozenset({"index", "_index", "readme"})
_SURROGATE = lazy("[\ud800-\udfff]")


class FileFacts(Record):
    """What a path says: its date (or an impossible one), a title, and where from."""

    __slots__ = ("name", "published", "title", "origin", "invalid", "note")
    name: str
    published: datetime | None
    title: str | None
    origin: str
    invalid: str | None
    note: Diagnostic | None

    def __init__(
        self,
        name: str,
        published: datetime | None,
        title: str | None,
        origin: str = FILE_NAME,
        invalid: str | None = None,
        note: Diagnostic | None = None,
    ) -> None:
        self._init(
            name=name, published=published, title=title, origin=origin, invalid=invalid, note=note
        )


def facts_from_filename(path: str | os.PathLike[str]) -> FileFacts | None:
    """The date and title a path's file name or folders hold, or None.

    The file name comes first (``YYYY-M-D-slug.ext``, ``YYYY-M-D.ext``); then the
    folder holding the file (``YYYY-M-D-slug/``); then date folders ending at the
    file's folder or the one above it (``YYYY/M/D/slug.md``, ``YYYY/M/D/slug/index.md``).
    """
    text = os.fspath(path)
    note = None
    if _SURROGATE.search(text):
        shown = _readable(text)
        note = Diagnostic(
            code="filename-not-utf8",
            message=f"the file name {os.path.basename(shown)!r} is not valid UTF-8; "
            "each undecodable byte became U+FFFD in the title made from it",
        )
        text = shown
    folders, name = os.path.split(text.replace("\\", "/") if os.sep == "\\" else text)
    match = _DATED.match(name)
    if match is not None:
        year, month, day, slug = match.group(1, 2, 3, 4)
        return _facts(name, (year, month, day), slug, FILE_NAME, note)
    parts = [part for part in folders.split("/") if part]
    if parts:
        match = _DATED_FOLDER.match(parts[-1])
        if match is not None:
            stem = os.path.splitext(name)[0].lower()
            slug = match.group(4) if stem in _BUNDLE_FILES else None
            year, month, day = match.group(1, 2, 3)
            return _facts(parts[-1] + "/", (year, month, day), slug, FOLDER, note)
    for end in (len(parts), len(parts) - 1):
        ymd = parts[max(0, end - 3) : end]
        if len(ymd) == 3 and _YEAR.match(ymd[0]) and _PART.match(ymd[1]) and _PART.match(ymd[2]):
            return _facts("/".join(ymd) + "/", (ymd[0], ymd[1], ymd[2]), None, FOLDER, note)
    return None


def _readable(text: str) -> str:
    # Bytes that were not UTF-8 come back from os as lone surrogates; show them
    # as U+FFFD so no message or field ever holds something that is not text.
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _facts(
    name: str,
    ymd: tuple[str, str, str],
    slug: str | None,
    origin: str,
    note: Diagnostic | None,
) -> FileFacts:
    year, month, day = ymd
    published: datetime | None = None
    invalid = None
    try:
        published = datetime(int(year), int(month), int(day), tzinfo=timezone.utc)
    except ValueError:  # 2017-13-45 or 2020-11-31: a name, not a date
        invalid = f"{year}-{month}-{day}"
    title = None
    if slug:
        words = [word for word in re.split(r"[-_\s]+", slug) if word]
        title = " ".join(word[:1].upper() + word[1:] for word in words) or None
    return FileFacts(name, published, title, origin, invalid, note)


def apply_facts(normalized: Normalized, facts: FileFacts) -> Normalized:
    """*normalized* with the date and title of *facts* where the source gave none."""
    fields = dict(normalized.fields)
    provenance = dict(normalized.provenance)
    notes: list[Diagnostic] = []
    where = "file name" if facts.origin == FILE_NAME else "folder"
    if "published" not in fields:
        if facts.published is not None:
            fields["published"] = facts.published
            provenance["published"] = facts.origin
            code = "date-from-filename" if facts.origin == FILE_NAME else "date-from-folder"
            notes.append(
                Diagnostic(
                    code=code,
                    message=f"published date {facts.published.date().isoformat()} taken from "
                    f"the {where} {facts.name!r} (midnight UTC)",
                )
            )
        elif facts.invalid is not None:
            notes.append(
                Diagnostic(
                    code="invalid-date",
                    message=f"the {where} {facts.name!r} holds {facts.invalid}, which is not "
                    "a date; no published date was taken from it",
                )
            )
    if "title" not in fields and facts.title is not None:
        fields["title"] = facts.title
        provenance["title"] = facts.origin
        notes.append(
            Diagnostic(
                code="title-from-filename",
                message=f"title {facts.title!r} made from the {where} {facts.name!r}",
            )
        )
        if facts.note is not None:
            notes.append(facts.note)
    if not notes:
        return normalized
    return Normalized(fields, provenance, normalized.extra, (*normalized.diagnostics, *notes))
