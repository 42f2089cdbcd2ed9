"""The one typed shape every source ends up in.

All classes are frozen, slotted and keyword-only; collections are tuples so an
``Article`` can be shared between threads and compared by value.  ``extra``
mappings hold source values exactly as loaded (they are excluded from hashing
because they may contain lists and dicts); ``extra`` and ``provenance`` are
``ReadOnlyDict`` mappings, so a frozen object cannot be changed through them either.
"""

# No `from __future__ import annotations` here: real annotation objects let cattrs
# and the schema read the field types without resolving strings at import.
import threading
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


# The model's __repr__, __eq__ and __hash__ behave exactly as the ones attrs would
# generate, but are written once for all classes here: attrs compiles a script per
# class for them, ~2 ms of `import newsmeta` for these six (issue 14).  attrs
# (``auto_detect``) leaves a class's own methods alone.

# Objects whose repr is being built on this thread: a value holding its own object
# (through a list in ``extra``) prints as "...".
_repring = threading.local()


def _repr(self: Any) -> str:
    try:
        already: set[int] = _repring.ids
    except AttributeError:
        already = _repring.ids = set()
    if id(self) in already:
        return "..."
    already.add(id(self))
    try:
        fields = ", ".join(f"{a.name}={getattr(self, a.name)!r}" for a in self.__attrs_attrs__)
        return f"{self.__class__.__qualname__.rsplit('>.', 1)[-1]}({fields})"
    finally:
        already.remove(id(self))


def _eq(self: Any, other: Any) -> Any:
    if other.__class__ is not self.__class__:
        return NotImplemented
    # attrs' `a == b and c == d and ...`: the first false result, else the last one.
    result: Any = True
    for field in self.__attrs_attrs__:
        result = getattr(self, field.name) == getattr(other, field.name)
        if not result:
            return result
    return result


def _hash(self: Any) -> int:
    # Every field but those marked hash=False (the mappings: they may hold lists).
    values = [getattr(self, f.name) for f in self.__attrs_attrs__ if f.hash is not False]
    return hash((self.__class__, *values))


def _shared_methods(cls: type) -> type:
    """*cls* with the shared ``__repr__``, ``__eq__`` and ``__hash__``."""
    cls.__repr__ = _repr  # type: ignore[assignment]
    cls.__eq__ = _eq  # type: ignore[assignment]
    cls.__hash__ = _hash  # type: ignore[assignment]
    return cls


@attrs.frozen(kw_only=True)
@_shared_methods
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
@_shared_methods
class Author:
    name: str
    url: str | None = None
    email: str | None = None
    extra: Mapping[str, Any] = attrs.field(factory=_empty_mapping, converter=_read_only, hash=False)


@attrs.frozen(kw_only=True)
@_shared_methods
class Image:
    url: str
    width: int | None = None
    height: int | None = None
    mime_type: str | None = None
    alt: str | None = None
    extra: Mapping[str, Any] = attrs.field(factory=_empty_mapping, converter=_read_only, hash=False)


@attrs.frozen(kw_only=True)
@_shared_methods
class Source:
    """Who published the story (not the feed or tool that delivered it)."""

    name: str | None = None
    domain: str | None = None
    url: str | None = None
    images: tuple[Image, ...] = ()


@attrs.frozen(kw_only=True)
@_shared_methods
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
@_shared_methods
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
