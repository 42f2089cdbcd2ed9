"""Hypothesis strategies for the model: only values the parser could produce.

``st.builds(Article)`` makes Articles no file could give (a blank title, a
naive date, a list in ``extra`` that JSON cannot carry back).  Each strategy
here follows what ``newsmeta.convert`` and ``newsmeta._coerce`` do to a
source's values: titles are one stripped line with no HTML entity left,
datetimes are aware (UTC is ``timezone.utc``, the one spelling the parser
uses), URLs are absolute http(s), collections are tuples without blank items,
and ``extra`` holds what YAML, TOML or JSON loads (JSON values, dates and
datetimes).  Sizes stay far below the ``Parser`` limits (``DEFAULT_LIMITS``).
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from datetime import date, datetime, timedelta, timezone
from typing import Any

import attrs
from hypothesis import strategies as st

from ..convert import _host
from ..model import Article, Author, Diagnostic, Image, RelatedArticle, Source

__all__ = [
    "FIELD_STRATEGIES",
    "Given",
    "articles",
    "authors",
    "datetimes",
    "diagnostics",
    "extra_values",
    "images",
    "related_articles",
    "sources",
    "text_lines",
    "texts",
    "urls",
]

#: A field given to ``articles(**overrides)``: a strategy, or a value to fix.
Given = Any

# Letters, marks, digits, punctuation, symbols and the space: what a title or a
# name holds.  Control and format characters, line and paragraph separators and
# surrogates are left out: a parser reads them (escaped), but a test of an
# adapter should not be about them (hostile_documents() is).
_CHARACTERS = st.characters(
    categories=["L", "M", "N", "P", "S", "Zs"], exclude_characters="\u00a0\u1680\u3000"
)
_WORD_CHARACTERS = st.characters(categories=["L", "N"])


def _fixed_point(text: str) -> bool:
    # The parser strips text and decodes HTML entities in titles and summaries:
    # only text that both leave alone is text it could produce.
    return bool(text) and text == text.strip() and html.unescape(text) == text


def text_lines(min_size: int = 1, max_size: int = 40) -> st.SearchStrategy[str]:
    """One stripped, non-blank line (a title, a name, a tag)."""
    return st.text(_CHARACTERS, min_size=max(min_size, 1), max_size=max_size).filter(_fixed_point)


def texts(max_lines: int = 3, max_size: int = 40) -> st.SearchStrategy[str]:
    """Stripped, non-blank text of a few lines joined by ``\\n`` (a summary)."""
    return st.lists(text_lines(max_size=max_size), min_size=1, max_size=max_lines).map("\n".join)


_WORDS = st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=10)
_SLUGS = st.lists(_WORDS, min_size=1, max_size=4).map("-".join)
_HOSTS = st.tuples(
    st.lists(
        st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=12),
        min_size=1,
        max_size=3,
    ),
    st.sampled_from(["com", "org", "net", "test", "example", "news", "co.uk"]),
).map(lambda parts: ".".join([*parts[0], parts[1]]))


def urls() -> st.SearchStrategy[str]:
    """Absolute http(s) URLs: a host, an optional path, query and fragment."""
    return st.builds(
        lambda scheme, www, host, path, query, fragment: (
            f"{scheme}://{www}{host}/{'/'.join(path)}{query}{fragment}"
        ),
        st.sampled_from(["https", "http"]),
        st.sampled_from(["", "www."]),
        _HOSTS,
        st.lists(_SLUGS, max_size=3),
        st.one_of(st.just(""), _WORDS.map(lambda w: f"?q={w}")),
        st.one_of(st.just(""), _WORDS.map(lambda w: f"#{w}")),
    )


_MIN_YEAR, _MAX_YEAR = 1900, 2100


def datetimes() -> st.SearchStrategy[datetime]:
    """Aware datetimes between 1900 and 2100, as the parser gives them.

    A zero offset is ``timezone.utc`` (the parser's one spelling of UTC);
    other offsets are whole minutes between -12:00 and +14:00.
    """
    offsets = st.one_of(
        st.just(timezone.utc),
        st.integers(-12 * 60, 14 * 60)
        .filter(bool)
        .map(lambda minutes: timezone(timedelta(minutes=minutes))),
    )
    return st.datetimes(
        min_value=datetime(_MIN_YEAR, 1, 2),
        max_value=datetime(_MAX_YEAR, 12, 30),
        timezones=offsets,
    ).map(lambda moment: moment.replace(fold=0))  # fold only means something in local time


_PLAIN_KEYS = st.text("abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=10).filter(
    lambda key: key.strip("_") != ""
)
_JSON_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**63), 2**63 - 1),  # TOML's integers are 64-bit
    st.floats(allow_nan=False, allow_infinity=False),
    text_lines(max_size=20),
)


def extra_values(*, dates: bool = True) -> st.SearchStrategy[Any]:
    """What a loader puts in ``extra``: JSON values (no NaN, which is never equal
    to itself), with *dates* also dates and datetimes (YAML and TOML timestamps)."""
    scalars: st.SearchStrategy[Any] = _JSON_SCALARS
    if dates:
        day = st.dates(min_value=date(_MIN_YEAR, 1, 1), max_value=date(_MAX_YEAR, 12, 31))
        scalars = st.one_of(scalars, day, datetimes())
    return st.recursive(
        scalars,
        lambda inner: st.one_of(
            st.lists(inner, max_size=3), st.dictionaries(_PLAIN_KEYS, inner, max_size=3)
        ),
        max_leaves=8,
    )


def _extras(
    keys: st.SearchStrategy[str], *, dates: bool = True
) -> st.SearchStrategy[dict[str, Any]]:
    return st.dictionaries(keys, extra_values(dates=dates), max_size=3)


def _small_extras(keys: st.SearchStrategy[str]) -> st.SearchStrategy[dict[str, Any]]:
    # The unknown keys of an author or image mapping: a few scalars keep an
    # Article small enough for Hypothesis to draw quickly.
    return st.dictionaries(keys, _JSON_SCALARS, max_size=2)


def _without(*taken: str) -> st.SearchStrategy[str]:
    return _PLAIN_KEYS.filter(lambda key: key not in taken)


def authors() -> st.SearchStrategy[Author]:
    """An author as a name alone, or a mapping with url, email and other keys."""
    name_only = st.builds(Author, name=text_lines())
    full = st.builds(
        Author,
        name=text_lines(),
        url=st.none() | urls(),
        email=st.none() | st.builds("{}@{}".format, _WORDS, _HOSTS),
        extra=_small_extras(_without("name", "title", "url", "email")),
    )
    return name_only | full


_IMAGE_KEYS = ("url", "href", "src", "path", "link", "image", "width", "height", "size",
               "mime_type", "mimeType", "alt")  # fmt: skip


def images() -> st.SearchStrategy[Image]:
    """An image: an absolute URL, and maybe a size, a MIME type, alt text and other keys."""
    sizes = st.none() | st.integers(1, 10_000)
    return st.builds(
        Image,
        url=urls(),
        width=sizes,
        height=sizes,
        mime_type=st.none() | st.sampled_from(["image/jpeg", "image/png", "image/webp"]),
        alt=st.none() | text_lines(),
        extra=_small_extras(_without(*_IMAGE_KEYS)),
    )


def sources(url: str | None = None) -> st.SearchStrategy[Source]:
    """Who published the story.  As in the parser, a source without a domain takes
    the host of the article's *url* (without ``www.``)."""
    return (
        st.builds(
            Source,
            name=st.none() | text_lines(),
            domain=st.none() | _HOSTS,
            url=st.none() | urls(),
            images=_tuples(images(), max_size=1),
        )
        .filter(lambda s: any((s.name, s.domain, s.url, s.images)))
        .map(lambda source: _domain_from(source, url))
    )


def _domain_from(source: Any, url: str | None) -> Any:
    """*source* (a ``Source`` or None), with the domain the parser would derive."""
    if source is None or source.domain is not None or not url:
        return source
    host = _host(url)
    return attrs.evolve(source, domain=host.removeprefix("www.")) if host else source


def _tuples(elements: st.SearchStrategy[Any], max_size: int = 3) -> st.SearchStrategy[Any]:
    return st.lists(elements, max_size=max_size).map(tuple)


def diagnostics() -> st.SearchStrategy[Diagnostic]:
    """A diagnostic as the parser reports one (a code, a message, a key and a place)."""
    return st.builds(
        Diagnostic,
        code=st.sampled_from(["naive-datetime", "date-only", "null-item", "kept-in-extra"]),
        message=text_lines(),
        key=st.none() | _PLAIN_KEYS,
        line=st.none() | st.integers(1, 200),
        column=st.none() | st.integers(1, 80),
    )


def _link_tuple(url: str | None, links: tuple[str, ...]) -> tuple[str, ...]:
    # The parser drops repeats and another spelling of the main URL.
    return tuple(dict.fromkeys(link for link in links if link != url))


def _related_from(values: tuple[Any, ...]) -> RelatedArticle:
    title, summary, url, links, published, people, source, pictures, kind, extra = values
    return RelatedArticle(
        title=title,
        summary=summary,
        url=url,
        links=_link_tuple(url, links),
        published=published,
        authors=people,
        source=_domain_from(source, url),
        images=pictures,
        kind=kind,
        extra=extra,
    )


def related_articles() -> st.SearchStrategy[RelatedArticle]:
    """A related item, read with the same rules as an article (all fields optional)."""
    # One tuples() of prebuilt strategies: a composite that built them on every
    # draw spent most of its time validating them again.
    return st.tuples(
        st.none() | text_lines(),
        st.none() | texts(max_lines=1),
        st.none() | urls(),
        _tuples(urls(), max_size=2),
        st.none() | datetimes(),
        _tuples(authors(), max_size=1),
        st.none() | sources(),
        _tuples(images(), max_size=1),
        st.none() | _WORDS,
        _small_extras(_PLAIN_KEYS),
    ).map(_related_from)


_ALIASES = st.lists(_SLUGS, min_size=1, max_size=3).map(lambda parts: "/" + "/".join(parts) + "/")
_TAGS = text_lines(max_size=20).filter(lambda tag: "," not in tag)
_LANGUAGES = st.sampled_from(["en", "en-GB", "fr", "de", "es", "pt-BR", "ja", "zh-Hans"])
_BODY = st.text(
    st.characters(categories=["L", "M", "N", "P", "S", "Zs"], include_characters="\n"),
    max_size=120,
)

#: The default strategy of each field ``articles()`` draws itself (``source`` and
#: ``provenance`` also follow the other fields, see ``articles``).
FIELD_STRATEGIES: Mapping[str, st.SearchStrategy[Any]] = {
    "title": text_lines(),
    "summary": st.none() | texts(),
    "body": _BODY,
    "url": st.none() | urls(),
    "links": _tuples(urls(), max_size=2),
    "aliases": _tuples(_ALIASES, max_size=2),
    "slug": st.none() | _SLUGS,
    "published": st.none() | datetimes(),
    "updated": st.none() | datetimes(),
    "authors": _tuples(authors()),
    "source": st.none() | sources(),
    "tags": _tuples(_TAGS),
    "categories": _tuples(_TAGS, max_size=2),
    "images": _tuples(images(), max_size=2),
    "related": st.just(()),
    "kind": st.none() | _WORDS,
    "is_draft": st.none() | st.booleans(),
    "language": st.none() | _LANGUAGES,
    "extra": _extras(_PLAIN_KEYS),
    "dialect": st.sampled_from(["hugo", "aggregator", "generic"]),
    "format": st.sampled_from(["yaml", "toml", "json"]),
    "provenance": st.none(),  # None: derived from the filled fields
    "diagnostics": st.just(()),
}

_FIELDS = frozenset(field.name for field in attrs.fields(Article))


def _as_strategy(value: Given) -> st.SearchStrategy[Any]:
    return value if isinstance(value, st.SearchStrategy) else st.just(value)


_PLAIN_FIELDS = (
    "title", "summary", "url", "links", "aliases", "slug", "published", "updated", "authors",
    "tags", "categories", "images", "related", "kind", "is_draft", "language",
)  # fmt: skip


def _provenance(values: Mapping[str, Any]) -> dict[str, str]:
    """Canonical field -> source key, for every field the parser would have filled."""
    filled = {name: name for name in _PLAIN_FIELDS if values.get(name) not in (None, ())}
    source = values.get("source")
    if source is not None:
        for part in ("name", "url"):
            if getattr(source, part) is not None:
                filled[f"source.{part}"] = f"source.{part}"
        if source.images:
            filled["source.images"] = "source.images"
    return filled


@st.composite
def _articles(draw: st.DrawFn, given: Mapping[str, st.SearchStrategy[Any]]) -> Article:
    values = {name: draw(given[name]) for name in attrs.fields_dict(Article)}
    values["links"] = _link_tuple(values["url"], tuple(values["links"]))
    values["source"] = _domain_from(values["source"], values["url"])
    if values["provenance"] is None:
        values["provenance"] = _provenance(values)
    return Article(**values)


def articles(**overrides: Given) -> st.SearchStrategy[Article]:
    """Articles the parser could produce.

    Every field can be fixed (``articles(dialect="hugo", related=())``) or given
    its own strategy (``articles(title=st.sampled_from(["A", "B"]))``); the rest
    are drawn from ``FIELD_STRATEGIES``.  Two relations the parser enforces are
    applied after drawing: ``links`` never repeat ``url``, and a source without
    a domain takes the host of ``url``.  ``provenance`` (unless given) names
    each filled field as its own source key.  ``related`` is empty by default
    (only adapters with a ``related`` rule fill it): pass
    ``related=st.lists(related_articles(), max_size=2).map(tuple)`` for some.
    """
    unknown = sorted(set(overrides) - _FIELDS)
    if unknown:
        raise TypeError(
            f"articles() got unknown field(s) {', '.join(unknown)}; "
            f"expected fields of Article: {', '.join(attrs.fields_dict(Article))}"
        )
    given = {**FIELD_STRATEGIES, **{k: _as_strategy(v) for k, v in overrides.items()}}
    return _articles(given)
