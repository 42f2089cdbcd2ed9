"""The one typed shape every source ends up in.

All classes are frozen, slotted and keyword-only; collections are tuples so an
``Article`` can be shared between threads and compared by value.  ``extra``
mappings hold source values exactly as loaded (they are excluded from hashing
because they may contain lists and dicts); ``extra`` and ``provenance`` are
``ReadOnlyDict`` mappings, so a frozen object cannot be changed through them either.
"""

# No `from __future__ import annotations` here: real annotation objects let cattrs
# and the schema read the field types without resolving strings at import.
from collections.abc import Mapping
from datetime import datetime
from typing import Any, Literal, NoReturn

import attrs

__all__ = [
    "Article",
    "Author",
    "Diagnostic",
    "Format",
    "Image",
    "ReadOnlyDict",
    "RelatedArticle",
    "Source",
]

#: Which container held the front matter: the three fenced forms (``---`` YAML,
#: ``+++`` TOML, ``{`` JSON), Hexo's YAML without an opening ``---``, and the
#: fence-less ``Key: value`` header of MultiMarkdown, Pelican and Python-Markdown.
Format = Literal["yaml", "toml", "json", "hexo-yaml", "multimarkdown"]


class ReadOnlyDict(dict):  # type: ignore[type-arg]
    """The ``extra`` and ``provenance`` mappings of the frozen model: a dict that
    refuses every change.

    A frozen ``Article`` holding a plain dict could be changed in place, which
    changes its equality but not its hash.  Being a dict, this one still
    compares equal to a dict with the same items, prints like one, and goes
    through ``json.dumps`` and pickling unchanged.  (Values inside are the
    source values as loaded; a list in ``extra`` is still a list.)
    """

    __slots__ = ()

    def _refuse(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise TypeError(
            "this mapping of a frozen newsmeta object is read-only; "
            "build a new object instead (attrs.evolve(article, extra={...}))"
        )

    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = _refuse
    __ior__ = _refuse

    def copy(self) -> dict[Any, Any]:
        """A plain, changeable dict with the same items."""
        return dict(self)

    def __reduce__(self) -> tuple[Any, ...]:
        # Not dict's protocol, which would rebuild the copy with __setitem__.
        return (ReadOnlyDict, (dict(self),))


_EMPTY = ReadOnlyDict()


def _empty_mapping() -> Mapping[str, Any]:
    return _EMPTY


def _read_only(value: Mapping[str, Any]) -> Mapping[str, Any]:
    return value if value.__class__ is ReadOnlyDict else ReadOnlyDict(value)


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
    extra: Mapping[str, Any] = attrs.field(factory=_empty_mapping, converter=_read_only, hash=False)


@attrs.frozen(kw_only=True)
class Image:
    url: str
    width: int | None = None
    height: int | None = None
    mime_type: str | None = None
    alt: str | None = None
    extra: Mapping[str, Any] = attrs.field(factory=_empty_mapping, converter=_read_only, hash=False)


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
    extra: Mapping[str, Any] = attrs.field(factory=_empty_mapping, converter=_read_only, hash=False)


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
    extra: Mapping[str, Any] = attrs.field(factory=_empty_mapping, converter=_read_only, hash=False)
    dialect: str = ""
    format: Format = "yaml"
    provenance: Mapping[str, str] = attrs.field(
        factory=_empty_mapping, converter=_read_only, hash=False
    )
    diagnostics: tuple[Diagnostic, ...] = ()
