"""Step 5: canonical raw values -> the typed ``Article``, every problem gathered.

One cattrs ``Converter`` holds a lenient structure hook per field type (a
string or a one-item list for text, a string or list for tags, a mapping or a
URL for images ...).  Each field is structured on its own so that every bad
field is reported with the source key it came from, not just the first.
Recoverable assumptions (a naive time taken as UTC) become ``Diagnostic``\\ s.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import timezone, tzinfo
from typing import Any

from ._coerce import (
    DATE_SETTINGS,
    KEEPING_CODES,
    KEPT,
    NOTES,
    Invalid,
    hooks_for_fields,
    image_tuple,
    kind_of,
    note,
    optional_text,
    summary,
)
from ._lazy_re import lazy
from ._record import Record
from .adapter import RELATED_FIELDS, Normalized
from .model import Article, Diagnostic, Format, Image, RelatedArticle, Source

__all__ = ["KeyPath", "Problem", "build_article"]

KeyPath = tuple[str | int, ...]


class Problem(Record):
    """A field that failed: the source key path and a message naming it."""

    __slots__ = ("path", "message")
    path: KeyPath
    message: str

    def __init__(self, path: KeyPath, message: str) -> None:
        self._init(path=path, message=message)


def _dotted(path: KeyPath) -> str:
    return ".".join(str(p) for p in path)


def _key_path(provenance: str, prefix: KeyPath) -> KeyPath:
    return (*prefix, *provenance.split("."))


# Where the authority after "scheme://" ends (the path, query or fragment), and the
# characters in it (user info, IPv6 brackets, a port, escapes) that leave the host
# to urlsplit: one search each, not a split per separator and a scan per character.
_AUTHORITY_END = lazy(r"[/?#]")
_UNUSUAL_AUTHORITY = lazy(r"[@\[\]:%\\]")


def _host(url: str) -> str:
    """The lower-case host of *url*, or ""."""
    scheme, sep, rest = url.partition("://")
    if sep and scheme in ("http", "https"):
        authority: str = _AUTHORITY_END.split(rest, maxsplit=1)[0]
        if authority and _UNUSUAL_AUTHORITY.search(authority) is None:
            return authority.lower()  # the plain case, without urlsplit's general parse
    from urllib.parse import urlsplit  # the rare case: not worth ~2 ms at import

    try:
        return urlsplit(url).hostname or ""
    except ValueError:  # an unbalanced '[' reads as a broken IPv6 host
        return ""


def _make_source(
    whole: Any, parts: dict[str, str], images: tuple[Image, ...], url: str | None
) -> Source | None:
    """The Source from a whole ``source`` value and/or its separately mapped parts
    (*parts* holds text that is not empty; it may be changed)."""
    texts = parts
    if whole is not None:  # most sources come as parts alone
        texts = {}
        if isinstance(whole, str):
            if whole.strip():
                texts["name"] = whole.strip()
        elif isinstance(whole, Mapping):
            texts.update(
                {k: whole[k] for k in ("name", "domain", "url") if isinstance(whole.get(k), str)}
            )
        texts.update(parts)
        texts = {k: v for k, v in texts.items() if v}
    if not texts and not images:
        return None
    if "domain" not in texts and url:
        # The publisher's domain is what readers filter by; the URL states it.
        host = _host(url)
        if host:
            texts["domain"] = host.removeprefix("www.")
    return Source(images=images, **texts)


_SOURCE_PARTS = (("name", "source.name"), ("domain", "source.domain"), ("url", "source.url"))
_SOURCE_TEXTS = ("name", "domain", "url")


def _check_whole_source(value: Any, _: Any = None) -> None:
    """Note a whole ``source`` mapping holding what a ``Source`` cannot (a key other
    than name/domain/url, or one of those not text): the mapping is then kept whole
    in ``extra`` (``KEPT``), so nothing it says is lost."""
    if not isinstance(value, Mapping):
        return
    odd = [
        str(k)
        for k, v in value.items()
        if k not in _SOURCE_TEXTS or not (v is None or isinstance(v, str))
    ]
    if odd:
        note(KEPT, f"has keys a source cannot hold ({', '.join(odd)}); it is kept in extra")


def _straight_source(fields: Mapping[str, Any], url: str | None) -> Source | None:
    whole = fields.get("source")
    if whole is not None:  # most sources come as parts (source.name ...) alone
        if not isinstance(whole, str | Mapping):
            raise Invalid("is not a source")  # the careful pass words the problem
        _check_whole_source(whole)  # a note sends the document to the careful pass
    parts = {}
    for part, name in _SOURCE_PARTS:
        if name in fields:
            value = optional_text(fields[name])
            if value is not None:
                parts[part] = value
    images = image_tuple(fields["source.images"]) if "source.images" in fields else ()
    return _make_source(whole, parts, images, url)


class _Builder:
    """Converts one ``Normalized`` record; collects problems and diagnostics."""

    def __init__(self, prefix: KeyPath = ()) -> None:
        self.prefix = prefix
        self.problems: list[Problem] = []
        self.diagnostics: list[Diagnostic] = []
        self.kept: dict[str, Any] = {}

    def field(self, normalized: Normalized, name: str, hook: Callable[[Any, Any], Any]) -> Any:
        fields = normalized.fields
        if name not in fields:
            return None
        notes = NOTES.get()
        assert notes is not None, "fields are converted inside build_article"
        before = len(notes)
        try:
            return hook(fields[name], None)
        except Invalid as exc:
            path = self._path(normalized, name)
            self.problems.append(Problem(path, f"{_dotted(path)!r} {exc}"))
            return None
        finally:
            if len(notes) > before:
                self._noted(normalized, name, notes[before:])
                del notes[before:]

    def _path(self, normalized: Normalized, name: str) -> KeyPath:
        return _key_path(normalized.provenance.get(name, name), self.prefix)

    def _noted(self, normalized: Normalized, name: str, notes: list[tuple[str, str]]) -> None:
        # Rare (a naive date, an empty item): only now is the key path worked out.
        key = _dotted(self._path(normalized, name))
        self.diagnostics.extend(
            Diagnostic(code=code, message=f"{key!r} {message}", key=key) for code, message in notes
        )
        if any(code in KEEPING_CODES for code, _ in notes):
            self.kept[normalized.provenance.get(name, name)] = normalized.fields[name]

    def source(self, normalized: Normalized, url: str | None) -> Source | None:
        fields = normalized.fields
        whole = fields.get("source")
        if whole is not None and not isinstance(whole, str | Mapping):
            self.field(normalized, "source", optional_text)  # records the problem
            whole = None
        elif isinstance(whole, Mapping):
            self.field(normalized, "source", _check_whole_source)
        parts = {}
        for part in ("name", "domain", "url"):
            value = self.field(normalized, f"source.{part}", optional_text)
            if value is not None:
                parts[part] = value
        images = self.field(normalized, "source.images", image_tuple) or ()
        return _make_source(whole, parts, images, url)

    def common(self, normalized: Normalized) -> dict[str, Any]:
        values: dict[str, Any] = {}
        hooks = hooks_for_fields()
        for name in ("url", "published", "authors", "images", "kind"):
            values[name] = self.field(normalized, name, hooks[name])
        values["summary"] = self.field(normalized, "summary", lambda v, _: summary(v))
        links = self.field(normalized, "links", hooks["links"]) or ()
        # Another spelling of the main URL is not another link.
        values["links"] = tuple(dict.fromkeys(u for u in links if u != values["url"]))
        values["source"] = self.source(normalized, values["url"])
        return {k: v for k, v in values.items() if v is not None}

    def related(self, normalized: Normalized) -> tuple[RelatedArticle, ...]:
        items = normalized.fields.get("related", ())
        result = []
        base = _key_path(normalized.provenance.get("related", "related"), self.prefix)
        for index, item in enumerate(items):
            if not isinstance(item, Normalized):
                key = ".".join(map(str, base))
                message = f"{key!r} item {index} is {kind_of(item)}; expected a mapping"
                self.problems.append(Problem((*base, index), message))
                continue
            nested = _Builder((*base, index))
            values = nested.common(item)
            title = nested.field(item, "title", hooks_for_fields()["title"])
            extra = {**item.extra, **nested.kept}
            for name, source_key in item.provenance.items():
                if name not in RELATED_FIELDS:
                    extra[source_key] = item.fields[name]
            self.problems.extend(nested.problems)
            self.diagnostics.extend(nested.diagnostics)
            result.append(RelatedArticle(title=title, extra=extra, **values))
        return tuple(result)


def build_article(
    normalized: Normalized,
    *,
    body: str,
    dialect: str,
    format: Format,
    dayfirst: bool = False,
    default_timezone: tzinfo = timezone.utc,
) -> tuple[Article | None, list[Problem], list[Diagnostic]]:
    """Build the ``Article``, or return every problem that prevents it.

    Most documents are clean, so a straight pass builds the article first; only
    when a value is invalid or needs a note does the careful pass run, which
    attributes every problem and diagnostic to its source key.  *dayfirst* and
    *default_timezone* say how text dates are read (``Parser`` documents them).
    """
    notes: list[tuple[str, str]] = []
    token = NOTES.set(notes)
    # The default settings are DATE_SETTINGS' own default (only this function sets
    # it, and always resets it): setting them again costs every document ~0.5 µs.
    usual_dates = not dayfirst and default_timezone is timezone.utc
    date_token = None if usual_dates else DATE_SETTINGS.set((dayfirst, default_timezone))
    try:
        noted: dict[str, list[tuple[str, str]]] = {}
        try:
            article = _straight(normalized, body, dialect, format, notes, noted)
        except Invalid:
            article = None
        if article is not None and not notes:
            return article, [], list(normalized.diagnostics)
        if article is not None:
            attributed = _attributed(normalized, noted, len(notes))
            if attributed is not None:
                return article, [], attributed
        notes.clear()
        return _build(normalized, body=body, dialect=dialect, format=format)
    finally:
        if date_token is not None:
            DATE_SETTINGS.reset(date_token)
        NOTES.reset(token)


#: The top-level fields whose notes the straight pass can attribute, in the order the
#: careful pass reports them (its other fields produce no note when these are all).
_ATTRIBUTED = (
    "url", "published", "authors", "images", "kind", "title",
    "slug", "language", "aliases", "tags", "categories", "updated", "is_draft",
)  # fmt: skip

_Notes = list[tuple[str, str]]


def _attributed(
    normalized: Normalized, noted: Mapping[str, _Notes], count: int
) -> list[Diagnostic] | None:
    """The diagnostics of a clean straight pass that noted *count* things, else None.

    A naive time or a date without one (a third of small files) only needs its
    note put on its key.  The straight pass recorded which field noted what
    (*noted*), so the notes are put on their keys in the careful pass's order
    instead of building the whole article again.  None (so the careful pass
    runs) unless those fields account for every note (a related item's or the
    summary's are not recorded) and none keeps a value in ``extra``.
    """
    if sum(map(len, noted.values())) != count:
        return None
    diagnostics = list(normalized.diagnostics)
    for name in _ATTRIBUTED:
        if name not in noted:
            continue
        if any(code in KEEPING_CODES for code, _ in noted[name]):
            return None
        # The careful pass's key path, joined: the provenance key itself.
        key = normalized.provenance.get(name, name)
        diagnostics.extend(
            Diagnostic(code=code, message=f"{key!r} {message}", key=key)
            for code, message in noted[name]
        )
    return diagnostics


_SIMPLE = (
    "url", "published", "authors", "images", "kind", "slug", "language",
    "aliases", "tags", "categories", "updated", "is_draft",
)  # fmt: skip
_RELATED_SIMPLE = ("url", "published", "authors", "images", "kind")
_SOURCE_FIELDS = frozenset(
    {"source", "source.name", "source.domain", "source.url", "source.images"}
)


_Hook = Callable[[Any, Any], Any]
_Hooks = Mapping[str, _Hook]
# The hooks of the fields one call converts (title and the _SIMPLE ones; a related
# item's _RELATED_SIMPLE ones), looked up by the name of each field a record has:
# a record fills a few of them, so its own fields are the shorter loop.
_ARTICLE_HOOKS: dict[str, _Hook] = {}
_RELATED_HOOKS: dict[str, _Hook] = {}


def _straight_hooks() -> tuple[_Hooks, _Hooks]:
    if not _ARTICLE_HOOKS:
        hooks = hooks_for_fields()
        _RELATED_HOOKS.update({name: hooks[name] for name in _RELATED_SIMPLE})
        _ARTICLE_HOOKS.update({name: hooks[name] for name in ("title", *_SIMPLE)})
    return _ARTICLE_HOOKS, _RELATED_HOOKS


def _noting_values(
    fields: Mapping[str, Any], hooks: _Hooks, notes: _Notes, noted: dict[str, _Notes]
) -> dict[str, Any]:
    """Each field of *fields* that has one of *hooks* through it, recording in *noted*
    which field added which of *notes* (so that they can be put on their keys without a
    second pass: their order is the careful pass's, restored by ``_attributed``)."""
    values = {}
    count = len(notes)
    for name, raw in fields.items():
        hook = hooks.get(name)
        if hook is not None:
            values[name] = hook(raw, None)
            if len(notes) != count:
                noted[name] = notes[count:]
                count = len(notes)
    return values


def _straight_common(
    fields: Mapping[str, Any], values: dict[str, Any], hooks: _Hooks
) -> dict[str, Any]:
    """*values* (the simple fields, converted) with summary, links and source added.

    A value may be None: every field a hook can leave None defaults to None.
    """
    url = values.get("url")
    if "summary" in fields:
        values["summary"] = summary(fields["summary"])
    if "links" in fields:
        links = hooks["links"](fields["links"], None)
        values["links"] = tuple(dict.fromkeys(u for u in links if u != url))
    if not _SOURCE_FIELDS.isdisjoint(fields):
        values["source"] = _straight_source(fields, url)
    return values


def _straight(
    normalized: Normalized,
    body: str,
    dialect: str,
    format: Format,
    notes: _Notes,
    noted: dict[str, _Notes],
) -> Article | None:
    fields = normalized.fields
    if "title" not in fields:
        return None
    hooks = hooks_for_fields()
    article_hooks, related_hooks = _straight_hooks()
    values = _straight_common(fields, _noting_values(fields, article_hooks, notes, noted), hooks)
    related = fields.get("related")
    if related:
        items = []
        for item in related:
            if not isinstance(item, Normalized):
                return None
            nested = item.fields
            extra = dict(item.extra)
            for name, source_key in item.provenance.items():
                if name not in RELATED_FIELDS:
                    extra[source_key] = nested[name]
            title = hooks["title"](nested["title"], None) if "title" in nested else None
            simple = {n: related_hooks[n](v, None) for n, v in nested.items() if n in related_hooks}
            items.append(
                RelatedArticle(title=title, extra=extra, **_straight_common(nested, simple, hooks))
            )
        values["related"] = tuple(items)
    return Article(
        body=body,
        extra=normalized.extra,
        dialect=dialect,
        format=format,
        provenance=normalized.provenance,
        **values,
    )


def _build(
    normalized: Normalized, *, body: str, dialect: str, format: Format
) -> tuple[Article | None, list[Problem], list[Diagnostic]]:
    builder = _Builder()
    values = builder.common(normalized)
    hooks = hooks_for_fields()
    title = builder.field(normalized, "title", hooks["title"])
    if title is None and "title" not in normalized.fields:
        builder.problems.append(Problem((), "no title; expected a 'title' key with text"))
    for name in ("slug", "language", "aliases", "tags", "categories", "updated", "is_draft"):
        value = builder.field(normalized, name, hooks[name])
        if value is not None:
            values[name] = value
    values["related"] = builder.related(normalized)
    diagnostics = [*normalized.diagnostics, *builder.diagnostics]
    if builder.problems or title is None:
        return None, builder.problems, diagnostics
    article = Article(
        title=title,
        body=body,
        extra={**normalized.extra, **builder.kept},
        dialect=dialect,
        format=format,
        provenance=_honest(normalized.provenance, builder.kept, values),
        **values,
    )
    return article, [], diagnostics


def _honest(
    provenance: Mapping[str, str], kept: Mapping[str, Any], values: Mapping[str, Any]
) -> dict[str, str]:
    """*provenance* less the fields that took nothing: their source key went to ``extra``.

    (``date: 0000-00-00`` is kept as text; ``published`` did not come from it.)
    """
    return {
        name: key
        for name, key in provenance.items()
        if key not in kept or name == "title" or values.get(name) not in (None, ())
    }
