"""Step 5: canonical raw values -> the typed ``Article``, every problem gathered.

One cattrs ``Converter`` holds a lenient structure hook per field type (a
string or a one-item list for text, a string or list for tags, a mapping or a
URL for images ...).  Each field is structured on its own so that every bad
field is reported with the source key it came from, not just the first.
Recoverable assumptions (a naive time taken as UTC) become ``Diagnostic``\\ s.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

import attrs
import cattrs

from .adapter import Normalized
from .dates import parse_datetime
from .model import Article, Author, Diagnostic, Image, RelatedArticle, Source

__all__ = ["KeyPath", "Problem", "build_article"]

KeyPath = tuple[str | int, ...]


@attrs.frozen
class Problem:
    """A field that failed: the source key path and a message naming it."""

    path: KeyPath
    message: str


class _Invalid(ValueError):
    """Raised by hooks; the text completes "'<key>' ..." (e.g. "is not a date: 'x'")."""


# Hooks report recoverable assumptions here; the field loop attaches the key.
_notes: ContextVar[list[tuple[str, str]] | None] = ContextVar("newsmeta_notes", default=None)


def _note(code: str, message: str) -> None:
    notes = _notes.get()
    if notes is not None:
        notes.append((code, message))


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _kind(value: Any) -> str:
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "a boolean"
    return f"a {type(value).__name__}"


def _single(value: Any) -> Any:
    if isinstance(value, list):
        if len(value) == 1:
            return value[0]
        raise _Invalid(f"is a list of {len(value)} values; expected one")
    return value


def _text(value: Any) -> str:
    value = _single(value)
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    raise _Invalid(f"is {_kind(value)}; expected text")


def _optional_text(value: Any, _: Any = None) -> str | None:
    return _text(value) or None


def _one_line(text: str) -> str:
    # Each run of white space holding a line break becomes one space.  Not the
    # regex r"\s*\n\s*": it backtracks quadratically over a long run of spaces
    # without a newline (40,000 spaces took 5 s).
    if "\n" not in text:
        return text
    return " ".join(part.strip() for part in text.split("\n") if part and not part.isspace())


def _title(value: Any, _: Any = None) -> str:
    # Titles are one line for a reader; entities like &amp; are for HTML only.
    return html.unescape(_one_line(_text(value)))


def _summary(value: Any) -> str | None:
    text = _optional_text(value)
    return html.unescape(text) if text else None


def _text_tuple(value: Any, _: Any = None) -> tuple[str, ...]:
    items = value if isinstance(value, list) else [value]
    result: list[str] = []
    for index, item in enumerate(items):
        if item is None:
            _note("null-item", f"item {index} is empty and was skipped")
            continue
        try:
            text = _text(item)
        except _Invalid as exc:
            raise _Invalid(f"item {index} {exc}") from None
        if text:
            result.append(text)
    return tuple(result)


def _datetime(value: Any, _: Any = None) -> datetime | None:
    try:
        parsed, assumption = parse_datetime(_single(value))
    except ValueError:
        raise _Invalid(f"is not a date: {_shown(value)}") from None
    if assumption == "naive-datetime":
        _note("naive-datetime", f"{_shown(value)} has no time zone; taken as UTC")
    elif assumption == "date-only":
        _note("date-only", f"{_shown(value)} has no time; taken as midnight UTC")
    return parsed


_BOOL_WORDS = {"true": True, "yes": True, "on": True, "false": False, "no": False, "off": False}


def _bool(value: Any, _: Any = None) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _BOOL_WORDS:
        _note("bool-from-text", f"{value!r} read as a boolean")
        return _BOOL_WORDS[value.strip().lower()]
    raise _Invalid(f"is {_kind(value)} ({_shown(value)}); expected true or false")


def _int(value: Any, what: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    raise _Invalid(f"has {what} {_shown(value)}; expected a whole number")


_IMAGE_URL_KEYS = ("url", "href", "src", "path", "link", "image")


def _image(value: Any) -> Image | None:
    if isinstance(value, str):
        return Image(url=value.strip())
    if not isinstance(value, Mapping):
        raise _Invalid(f"holds {_kind(value)}; expected an image URL or mapping")
    url_key = next((k for k in _IMAGE_URL_KEYS if isinstance(value.get(k), str)), None)
    if url_key is None:
        return None
    used = {url_key, "width", "height"}
    width, height = value.get("width"), value.get("height")
    size = value.get("size")
    if isinstance(size, list) and len(size) == 2 and width is None and height is None:
        width, height = size
        used.add("size")
    mime_key = next((k for k in ("mime_type", "mimeType") if isinstance(value.get(k), str)), None)
    alt = value.get("alt")
    if mime_key is not None:
        used.add(mime_key)
    if isinstance(alt, str):
        used.add("alt")
    return Image(
        url=value[url_key].strip(),
        width=_int(width, "width"),
        height=_int(height, "height"),
        mime_type=value[mime_key] if mime_key is not None else None,
        alt=alt if isinstance(alt, str) else None,
        extra={k: v for k, v in value.items() if k not in used},
    )


def _images(value: Any, _: Any = None) -> tuple[Image, ...]:
    items = value if isinstance(value, list) else [value]
    result = []
    for index, item in enumerate(items):
        if item is None:
            _note("null-item", f"image {index} is empty and was skipped")
            continue
        image = _image(item)
        if image is None:
            # Not an Image, but not ours to drop: the raw value goes to extra.
            _note(_KEPT, f"image {index} has no URL; the value is kept in extra")
            continue
        result.append(image)
    return tuple(result)


_KEPT = "kept-in-extra"


def _author(value: Any) -> Author:
    if isinstance(value, str):
        return Author(name=value.strip())
    if isinstance(value, Mapping):
        name = value.get("name", value.get("title"))
        if isinstance(name, str) and name.strip():
            url, email = value.get("url"), value.get("email")
            extra = {k: v for k, v in value.items() if k not in ("name", "title", "url", "email")}
            if "name" in value and "title" in value:
                extra["title"] = value["title"]
            return Author(
                name=name.strip(),
                url=url if isinstance(url, str) else None,
                email=email if isinstance(email, str) else None,
                extra=extra,
            )
    raise _Invalid(f"holds {_kind(value)} ({_shown(value)}); expected an author name")


def _authors(value: Any, _: Any = None) -> tuple[Author, ...]:
    items = value if isinstance(value, list) else [value]
    result = []
    for index, item in enumerate(items):
        if item is None:
            _note("null-item", f"author {index} is empty and was skipped")
            continue
        result.append(_author(item))
    return tuple(result)


def _equals(expected: Any) -> Callable[[Any], bool]:
    def predicate(candidate: Any) -> bool:
        return bool(candidate == expected)

    return predicate


def _converter() -> cattrs.Converter:
    converter = cattrs.Converter()
    hooks: dict[Any, Callable[[Any, Any], Any]] = {
        str: _title,
        str | None: _optional_text,
        tuple[str, ...]: _text_tuple,
        datetime | None: _datetime,
        bool | None: _bool,
        tuple[Image, ...]: _images,
        tuple[Author, ...]: _authors,
    }
    for field_type, hook in hooks.items():
        if isinstance(field_type, type):
            converter.register_structure_hook(field_type, hook)
        else:  # generic aliases and unions are not classes: match them by equality
            converter.register_structure_hook_func(_equals(field_type), hook)
    return converter


_LENIENT = _converter()
_FIELD_TYPES: dict[str, Any] = {f.name: f.type for f in attrs.fields(Article)}
_HOOKS: dict[str, Callable[[Any, Any], Any]] = {
    name: _LENIENT.get_structure_hook(_FIELD_TYPES[name])
    for name in (
        "title", "url", "slug", "kind", "language", "links", "aliases", "tags",
        "categories", "published", "updated", "authors", "images", "is_draft",
    )
}  # fmt: skip


def _key_path(provenance: str, prefix: KeyPath) -> KeyPath:
    return (*prefix, *provenance.split("."))


class _Builder:
    """Converts one ``Normalized`` record; collects problems and diagnostics."""

    def __init__(self, prefix: KeyPath = ()) -> None:
        self.prefix = prefix
        self.problems: list[Problem] = []
        self.diagnostics: list[Diagnostic] = []
        self.kept: dict[str, Any] = {}

    def field(self, normalized: Normalized, name: str, hook: Callable[[Any, Any], Any]) -> Any:
        if name not in normalized.fields:
            return None
        source = normalized.provenance.get(name, name)
        path = _key_path(source, self.prefix)
        key = ".".join(str(p) for p in path)
        notes: list[tuple[str, str]] = []
        token = _notes.set(notes)
        try:
            return hook(normalized.fields[name], None)
        except _Invalid as exc:
            self.problems.append(Problem(path, f"{key!r} {exc}"))
            return None
        finally:
            _notes.reset(token)
            self.diagnostics.extend(
                Diagnostic(code=code, message=f"{key!r} {message}", key=key)
                for code, message in notes
            )
            if any(code == _KEPT for code, _ in notes):
                self.kept[source] = normalized.fields[name]

    def source(self, normalized: Normalized, url: str | None) -> Source | None:
        fields = normalized.fields
        whole = fields.get("source")
        parts: dict[str, Any] = {}
        if isinstance(whole, str):
            parts["name"] = whole.strip()
        elif isinstance(whole, Mapping):
            parts.update({k: whole[k] for k in ("name", "domain", "url") if k in whole})
        elif whole is not None:
            self.field(normalized, "source", _optional_text)  # records the problem
        for part in ("name", "domain", "url"):
            value = self.field(normalized, f"source.{part}", _optional_text)
            if value is not None:
                parts[part] = value
        images = self.field(normalized, "source.images", _images) or ()
        if not parts and not images:
            return None
        texts = {k: v for k, v in parts.items() if isinstance(v, str) and v}
        if "domain" not in texts and url:
            try:
                host = urlsplit(url).hostname or ""
            except ValueError:  # an unbalanced '[' reads as a broken IPv6 host
                host = ""
            if host:
                texts["domain"] = host.removeprefix("www.")
        return Source(images=images, **texts)

    def common(self, normalized: Normalized) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for name in ("url", "published", "authors", "images", "kind"):
            values[name] = self.field(normalized, name, _HOOKS[name])
        values["summary"] = self.field(normalized, "summary", lambda v, _: _summary(v))
        links = self.field(normalized, "links", _HOOKS["links"]) or ()
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
                self.problems.append(
                    Problem(
                        (*base, index), f"{key!r} item {index} is {_kind(item)}; expected a mapping"
                    )
                )
                continue
            nested = _Builder((*base, index))
            values = nested.common(item)
            title = nested.field(item, "title", _HOOKS["title"])
            extra = {**item.extra, **nested.kept}
            for name, source_key in item.provenance.items():
                if name not in _RELATED_FIELDS:
                    extra[source_key] = item.fields[name]
            self.problems.extend(nested.problems)
            self.diagnostics.extend(nested.diagnostics)
            result.append(RelatedArticle(title=title, extra=extra, **values))
        return tuple(result)


_RELATED_FIELDS = frozenset(
    {"title", "summary", "url", "links", "published", "authors", "images", "kind"}
) | {"source", "source.name", "source.domain", "source.url", "source.images"}


def build_article(
    normalized: Normalized, *, body: str, dialect: str, format: str
) -> tuple[Article | None, list[Problem], list[Diagnostic]]:
    """Build the ``Article``, or return every problem that prevents it."""
    builder = _Builder()
    values = builder.common(normalized)
    title = builder.field(normalized, "title", _HOOKS["title"])
    if title is None and "title" not in normalized.fields:
        builder.problems.append(Problem((), "no title; expected a 'title' key with text"))
    for name in ("slug", "language", "aliases", "tags", "categories", "updated", "is_draft"):
        value = builder.field(normalized, name, _HOOKS[name])
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
        provenance=dict(normalized.provenance),
        **values,
    )
    return article, [], diagnostics
