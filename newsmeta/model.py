"""The one typed shape every source ends up in.

All classes are frozen, slotted and keyword-only; collections are tuples so an
``Article`` can be shared between threads and compared by value.  ``extra``
mappings hold source values exactly as loaded (they are excluded from hashing
because they may contain lists and dicts).
"""

# No `from __future__ import annotations` here: real annotation objects let cattrs
# and the schema read the field types without resolving strings at import.
from collections.abc import Mapping
from datetime import datetime
from typing import Any, Literal

import attrs

__all__ = [
    "Article",
    "Author",
    "Diagnostic",
    "Format",
    "Image",
    "RelatedArticle",
    "Source",
]

#: Which container held the front matter: the three fenced forms (``---`` YAML,
#: ``+++`` TOML, ``{`` JSON), Hexo's YAML without an opening ``---``, and the
#: fence-less ``Key: value`` header of MultiMarkdown, Pelican and Python-Markdown.
Format = Literal["yaml", "toml", "json", "hexo-yaml", "multimarkdown"]


def _empty_mapping() -> Mapping[str, Any]:
    return {}


@attrs.frozen(kw_only=True)
class Diagnostic:
    """A recoverable problem: the article was built, but a reader should know.

    ``code`` is stable and meant for filtering (``naive-datetime``,
    ``date-only``, ``null-item``, ...); ``key`` is the source key path.
    """

    code: str
    message: str
    key: str | None = None
    line: int | None = None
    column: int | None = None


@attrs.frozen(kw_only=True)
class Author:
    name: str
    url: str | None = None
    email: str | None = None
    extra: Mapping[str, Any] = attrs.field(factory=_empty_mapping, hash=False)


@attrs.frozen(kw_only=True)
class Image:
    url: str
    width: int | None = None
    height: int | None = None
    mime_type: str | None = None
    alt: str | None = None
    extra: Mapping[str, Any] = attrs.field(factory=_empty_mapping, hash=False)


@attrs.frozen(kw_only=True)
class Source:
    """Who published the story (not the feed or tool that delivered it)."""

    name: str | None = None
    domain: str | None = None
    url: str | None = None
    images: tuple[Image, ...] = ()


@attrs.frozen(kw_only=True)
class RelatedArticle:
    title: str | None = None
    summary: str | None = None
    url: str | None = None
    links: tuple[str, ...] = ()
    published: datetime | None = None
    authors: tuple[Author, ...] = ()
    source: Source | None = None
    images: tuple[Image, ...] = ()
    kind: str | None = None
    extra: Mapping[str, Any] = attrs.field(factory=_empty_mapping, hash=False)


@attrs.frozen(kw_only=True)
class Article:
    """One news article, whatever source it came from.

    ``url`` is the original publisher's URL; ``links`` are other URLs the
    source gave for the same story (e.g. an aggregator's own page) and
    ``aliases`` site-local paths.  ``provenance`` maps each filled field to the
    source key it came from; ``extra`` keeps every source key no field took.
    """

    title: str
    summary: str | None = None
    body: str = ""
    url: str | None = None
    links: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    slug: str | None = None
    published: datetime | None = None
    updated: datetime | None = None
    authors: tuple[Author, ...] = ()
    source: Source | None = None
    tags: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    images: tuple[Image, ...] = ()
    related: tuple[RelatedArticle, ...] = ()
    kind: str | None = None
    is_draft: bool | None = None
    language: str | None = None
    extra: Mapping[str, Any] = attrs.field(factory=_empty_mapping, hash=False)
    dialect: str = ""
    format: Format = "yaml"
    provenance: Mapping[str, str] = attrs.field(factory=_empty_mapping, hash=False)
    diagnostics: tuple[Diagnostic, ...] = ()
