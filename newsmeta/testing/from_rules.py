"""``documents()``: front-matter files written from an adapter's rules, with what each must give.

An adapter's rules are the one description of a dialect (DESIGN.md §8): this
module draws an Article that the adapter can hold, writes it with
``newsmeta.dump`` and varies the file the way real files vary:

* a field written at another path of its rules (one that no other field's key
  shadows),
* keys in another order, unknown keys the adapter leaves in ``extra``,
* CRLF line ends, a byte order mark, YAML's ``...`` closer,
* dates written date-only, without a zone, with an offset, or as Unix time
  where the rule converts dates.

The expected Article is built from the drawn values, never by parsing: only
the parser's words and places for the notes a date form needs (``date-only``,
``naive-datetime``) are read back, after checking their codes and keys.
"""

from __future__ import annotations

import codecs
import functools
import warnings
from collections.abc import Mapping
from datetime import datetime, timezone
from typing import Any, Literal

import attrs
from hypothesis import reject
from hypothesis import strategies as st

from .._paths import parts_of
from ..adapter import CANONICAL_FIELDS, RELATED_FIELDS, Adapter, MappingAdapter, Normalized, Rule
from ..errors import AdapterError, NewsmetaError
from ..model import Article, RelatedArticle, Source
from ..parser import Parser
from ..write.render import LossWarning
from .strategies import (
    _HOSTS,
    _domain_from,
    articles,
    datetimes,
    extra_values,
    images,
    related_articles,
    text_lines,
    urls,
)

__all__ = ["documents"]

DocumentFormat = Literal["yaml", "toml", "json"]

_EMPTY: Mapping[str, Any] = {
    "summary": None, "url": None, "links": (), "aliases": (), "slug": None, "published": None,
    "updated": None, "authors": (), "source": None, "tags": (), "categories": (), "images": (),
    "related": (), "kind": None, "is_draft": None, "language": None,
}  # fmt: skip
_SOURCE_PARTS = ("name", "domain", "url")
_RELATED_HELD = ("title", "summary", "url", "links", "published", "authors", "images", "kind")
_EXTRA_KEYS = st.text("abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=8).map("x_{}".format)


def _resolve(adapter_or_dialect: Adapter | str) -> MappingAdapter:
    adapter = (
        Parser().adapter(adapter_or_dialect)
        if isinstance(adapter_or_dialect, str)
        else adapter_or_dialect
    )
    if not isinstance(adapter, MappingAdapter):
        raise AdapterError(
            f"documents() reads an adapter's rules; {adapter.name!r} is "
            f"{type(adapter).__name__}, expected a MappingAdapter (a mapping file or Rule list)"
        )
    if not any(rule.target == "title" for rule in adapter.rules):
        raise AdapterError(
            f"documents() needs a rule for 'title' in adapter {adapter.name!r}; "
            "a file without a title is not an article"
        )
    return adapter


def _paths_by_field(adapter: MappingAdapter) -> dict[str, list[tuple[str, str | None]]]:
    """Each field's paths, with their rule's converter, in the order the adapter
    tries them (exact rules first, then rules by meaning)."""
    paths: dict[str, list[tuple[str, str | None]]] = {}
    for rule in sorted(adapter.rules, key=lambda rule: rule.loose):
        if rule.target == "source" or rule.note is not None:
            # A whole source mapping: its parts' rules say where each goes.  A rule
            # with a note is a looser source (a creation date) nobody writes on purpose.
            continue
        known = paths.setdefault(rule.target, [])
        known.extend((path, rule.convert) for path in rule.paths if path not in dict(known))
    return paths


def _overlap(a: str, b: str) -> bool:
    """Whether writing at *a* and at *b* would touch the same key."""
    first, second = parts_of(a), parts_of(b)
    shorter = min(len(first), len(second))
    return first[:shorter] == second[:shorter]


def _roots(adapter: MappingAdapter) -> set[str]:
    return {str(parts_of(path)[0]) for rule in adapter.rules for path in rule.paths}


def _clean(value: Any, fmt: DocumentFormat) -> Any:
    """*value* as *fmt* can say it: TOML has no null."""
    if fmt != "toml":
        return value
    if isinstance(value, Mapping):
        return {k: _clean(v, fmt) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_clean(v, fmt) for v in value if v is not None]
    return value


def _extra_strategy(fmt: DocumentFormat) -> st.SearchStrategy[Any]:
    # JSON has no dates (they would come back as text); TOML has no null.
    values: st.SearchStrategy[Any] = extra_values(dates=fmt != "json")
    return values.map(lambda value: _clean(value, fmt)).filter(lambda value: value is not None)


def _fit(article: Any, fmt: DocumentFormat) -> Any:
    """*article* (or a related item, a source) with the unknown keys of its authors
    and images as *fmt* can say them."""
    if fmt != "toml" or article is None:
        return article
    changes: dict[str, Any] = {}
    if hasattr(article, "authors"):
        changes["authors"] = tuple(
            attrs.evolve(a, extra=_clean(a.extra, fmt)) for a in article.authors
        )
    changes["images"] = tuple(attrs.evolve(i, extra=_clean(i.extra, fmt)) for i in article.images)
    if hasattr(article, "source"):
        changes["source"] = _fit(article.source, fmt)
    if hasattr(article, "related"):
        changes["related"] = tuple(_fit(item, fmt) for item in article.related)
    return attrs.evolve(article, **changes)


def _source_strategy(fields: set[str]) -> st.SearchStrategy[Source | None]:
    def part(name: str, strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
        return st.none() | strategy if f"source.{name}" in fields else st.none()

    images_ = (
        st.lists(images(), max_size=1).map(tuple) if "source.images" in fields else st.just(())
    )
    built = st.builds(
        Source,
        name=part("name", text_lines()),
        domain=part("domain", _HOSTS),
        url=part("url", urls()),
        images=images_,
    )
    return built.map(lambda s: s if any((s.name, s.domain, s.url, s.images)) else None)


def _related_strategy(fields: set[str]) -> st.SearchStrategy[tuple[RelatedArticle, ...]]:
    held = fields & RELATED_FIELDS
    source = _source_strategy(held)

    def restricted(item: RelatedArticle) -> RelatedArticle:
        # Only what the adapter's rules for related items can hold.
        values: dict[str, Any] = {name: getattr(item, name) for name in _RELATED_HELD}
        for name in _RELATED_HELD:
            if name not in held:
                values[name] = (
                    None if name in ("title", "summary", "url", "published", "kind") else ()
                )
        return RelatedArticle(**values, extra={})

    items = st.tuples(related_articles().map(restricted), source).map(
        lambda pair: attrs.evolve(pair[0], source=_domain_from(pair[1], pair[0].url))
    )
    return st.lists(items, max_size=2).map(tuple)


def _writer(
    adapter: MappingAdapter, chosen: Mapping[str, tuple[str, str | None]], order: list[str]
) -> MappingAdapter:
    """A copy of *adapter* with one rule per field, at the *chosen* path with that
    path's converter, in *order*: ``dump`` with it writes the variation that the
    adapter itself must read."""
    rules = [Rule(target, (chosen[target][0],), chosen[target][1]) for target in order]
    return MappingAdapter(adapter.name, rules, signature={"title": 1.0})


_DateForm = Literal["as-written", "date-only", "naive", "unix"]
_EPOCH_RANGE = (100_000_000, 100_000_000_000)  # what the `date` converter reads as seconds


def _renderings(moment: datetime) -> list[str]:
    iso = moment.isoformat()
    found = [iso, iso.replace("+00:00", "Z"), moment.isoformat(sep=" ")]
    return list(dict.fromkeys(found))


def _redate(text: str, moment: datetime, form: _DateForm) -> tuple[str, datetime] | None:
    """*text* with the one written *moment* in another *form*, and what it now means;
    None when the moment is not written exactly once."""
    for written in _renderings(moment):
        if text.count(written) != 1:
            continue
        at = text.index(written)
        quote = text[at - 1] if at and text[at - 1] in "'\"" else ""
        start, end = at - len(quote), at + len(written) + len(quote)
        if form == "date-only":
            day = moment.date()
            new, meaning = (
                day.isoformat(),
                datetime(day.year, day.month, day.day, tzinfo=timezone.utc),
            )
            new = f"{quote}{new}{quote}"
        elif form == "naive":
            local = moment.replace(tzinfo=None)
            new, meaning = f"{quote}{local.isoformat()}{quote}", local.replace(tzinfo=timezone.utc)
        else:
            seconds = int(moment.timestamp())
            if not _EPOCH_RANGE[0] <= seconds < _EPOCH_RANGE[1]:
                return None
            new, meaning = str(seconds), datetime.fromtimestamp(seconds, tz=timezone.utc)
        return text[:start] + new + text[end:], meaning
    return None


def _provenance(
    article: Article | RelatedArticle, chosen: Mapping[str, tuple[str, str | None]]
) -> dict[str, str]:
    """Field -> the path it was written at, for every field the parser will fill
    (a source's domain derived from the URL only where a rule writes it)."""
    source = article.source
    filled = {
        name
        for name in CANONICAL_FIELDS
        if "." not in name and name != "source" and getattr(article, name, None) not in (None, ())
    }
    if source is not None:
        filled |= {f"source.{p}" for p in _SOURCE_PARTS if getattr(source, p) is not None}
        if source.images:
            filled.add("source.images")
    return {name: chosen[name][0] for name in chosen if name in filled}


_PLAIN = frozenset(_EMPTY) - {"source", "related"}


@functools.lru_cache(maxsize=256)
def _path_choices(paths: tuple[tuple[str, str | None], ...]) -> st.SearchStrategy[Any]:
    # The first path half the time; cached, as strategies are costly to build per draw.
    return st.one_of(st.just(paths[0]), st.sampled_from(paths))


def _without_shadowed(
    article: Any,
    options: Mapping[str, list[tuple[str, str | None]]],
    chosen: Mapping[str, tuple[str, str | None]],
) -> Any:
    """*article* (or a related item) without the fields that an empty field's rule
    would read in their place (``aggregator``'s ``url`` falls back to ``webUrl``,
    where ``links`` is written): a file cannot say "no URL, but this link"."""
    while True:
        empty = {
            name
            for name in options
            if name in _PLAIN and hasattr(article, name) and getattr(article, name) in (None, ())
        }
        shadowed = {
            other
            for name in empty
            for other, (path, _) in chosen.items()
            if other != name
            and other in _PLAIN
            and getattr(article, other, None) not in (None, ())
            and any(path == tried for tried, _ in options[name])
        }
        if not shadowed:
            return article
        article = attrs.evolve(article, **{name: _EMPTY[name] for name in shadowed})


def _choose_paths(
    draw: st.DrawFn, options: Mapping[str, list[tuple[str, str | None]]]
) -> dict[str, tuple[str, str | None]]:
    """Each field at its first path, or sometimes at another one, unless that path or
    a path tried before it touches a key another field is written at."""
    chosen = {target: draw(_path_choices(tuple(paths))) for target, paths in options.items()}
    for target, paths in options.items():
        index = paths.index(chosen[target])
        if not index:
            continue
        others = [path for other, (path, _) in chosen.items() if other != target]
        mine = [path for path, _ in paths[: index + 1]]
        if any(_overlap(path, other) for path in mine for other in others):
            chosen[target] = paths[0]
    return chosen


def _article_strategy(
    adapter: MappingAdapter, fmt: DocumentFormat, fields: set[str]
) -> st.SearchStrategy[Article]:
    """Articles with only the fields *adapter* has rules for; built once per call of
    ``documents()`` (building strategies inside each draw is slow)."""
    overrides: dict[str, Any] = {k: v for k, v in _EMPTY.items() if k not in fields}
    overrides["source"] = _source_strategy(fields)
    for name in ("published", "updated"):
        if name in fields:  # mostly filled: their forms are most of the variations
            overrides[name] = st.one_of(datetimes(), datetimes(), datetimes(), st.none())
    if "related" in fields:
        overrides["related"] = _related_strategy(fields)
    roots = _roots(adapter)
    unknown_keys = _EXTRA_KEYS.filter(lambda key: key not in roots)
    overrides["extra"] = st.dictionaries(unknown_keys, _extra_strategy(fmt), max_size=3)
    return articles(**overrides, dialect=adapter.name, format=fmt, provenance={}, diagnostics=())


@st.composite
def _documents(
    draw: st.DrawFn,
    adapter: MappingAdapter,
    fmt: DocumentFormat,
    parser: Parser,
    drawn: st.SearchStrategy[Article],
) -> tuple[str, Article]:
    options = _paths_by_field(adapter)
    chosen = _choose_paths(draw, options)
    fields = set(chosen)

    article = draw(drawn)
    article = _fit(article, fmt)
    article = _without_shadowed(article, options, chosen)
    article = attrs.evolve(
        article,
        source=_domain_from(article.source, article.url),
        related=tuple(_without_shadowed(item, options, chosen) for item in article.related),
    )

    order = draw(st.permutations(sorted(fields, key=list(options).index)))
    writer = _writer(adapter, chosen, list(order))
    from .. import dump

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", LossWarning)
        text = dump(article, dialect=writer, format=fmt)
    for warning in caught:  # anything but a LossWarning is the caller's to see
        if not issubclass(warning.category, LossWarning):
            warnings.warn(warning.message, warning.category, stacklevel=2)
    if any(issubclass(w.category, LossWarning) for w in caught):
        reject()  # a field dump could not place (two fields meeting in one key)

    expected = attrs.evolve(article, provenance=_provenance(article, chosen))
    notes: list[tuple[str, str]] = []
    for name in ("published", "updated"):
        moment = getattr(expected, name)
        if moment is None:
            continue
        forms: list[_DateForm] = ["as-written", "date-only", "naive"]
        if chosen[name][1] == "date":
            forms.append("unix")
        form = draw(st.sampled_from(forms))
        changed = None if form == "as-written" else _redate(text, moment, form)
        if changed is not None:
            text, meaning = changed
            expected = (
                attrs.evolve(expected, published=meaning)
                if name == "published"
                else attrs.evolve(expected, updated=meaning)
            )
            if form in ("date-only", "naive"):
                code = "date-only" if form == "date-only" else "naive-datetime"
                notes.append((code, chosen[name][0]))
    if fmt == "yaml" and draw(st.booleans()):
        closer = text.find("\n---\n", 3)
        if closer != -1:
            text = text[: closer + 1] + "..." + text[closer + 4 :]
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    if draw(st.booleans()):
        text = codecs.BOM_UTF8.decode("utf-8") + text

    # Related items are written with the same rules, so their sources too.
    related = [_provenance(item, chosen) for item in expected.related]
    return text, _checked(text, expected, notes, related, adapter, parser)


def _checked(
    text: str,
    expected: Article,
    notes: list[tuple[str, str]],
    related: list[dict[str, str]],
    adapter: MappingAdapter,
    parser: Parser,
) -> Article:
    """*expected*, with the parser's words for the *notes*; the example is rejected
    when the adapter's own rules do not take the written keys back (a field left
    empty let another field's path through)."""
    try:
        parts = parser.split(text)
        mapping, _ = parser.load(parts)
    except NewsmetaError:
        return expected  # the user's test shows what went wrong
    normalized = adapter.normalize(mapping)
    if dict(normalized.provenance) != dict(expected.provenance) or set(normalized.extra) != set(
        expected.extra
    ):
        reject()
    items = normalized.fields.get("related", ())
    if len(items) != len(related) or any(
        not isinstance(item, Normalized) or dict(item.provenance) != wanted
        for item, wanted in zip(items, related, strict=False)
    ):
        reject()
    if not notes:
        return expected
    try:
        parsed = parser.parse(text, dialect=adapter.name)
    except NewsmetaError:
        return expected
    if sorted((d.code, d.key) for d in parsed.diagnostics) != sorted(notes):
        return expected
    return attrs.evolve(expected, diagnostics=parsed.diagnostics)


def documents(
    adapter_or_dialect: Adapter | str, format: DocumentFormat = "yaml"
) -> st.SearchStrategy[tuple[str, Article]]:
    """Pairs ``(text, expected_article)`` for any adapter with rules: a built-in
    dialect, a mapping file (``newsmeta.load_adapter``) or a plugin, by name or
    as the adapter itself.  A property test of an adapter is one line::

        @given(documents("quillwire", format="toml"))
        def test_reads_what_it_writes(pair):
            text, expected = pair
            assert newsmeta.parse(text, dialect="quillwire") == expected
    """
    if format not in ("yaml", "toml", "json"):
        raise ValueError(f"format must be 'yaml', 'toml' or 'json', not {format!r}")
    adapter = _resolve(adapter_or_dialect)
    parser = Parser([adapter], builtins=False)
    drawn = _article_strategy(adapter, format, set(_paths_by_field(adapter)))
    return _documents(adapter, format, parser, drawn)
