"""Lenient value coercion: what a source wrote -> the type a field holds.

Each hook takes one raw value and returns the field's type or raises
``Invalid`` with text that completes "'<key>' ..." (e.g. "is not a date: 'x'").
Recoverable assumptions (a naive time taken as UTC, a skipped empty item) are
reported through ``NOTES`` so the caller can attach the source key.  The hooks
are registered on one cattrs ``Converter``, built on first use.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextvars import ContextVar
from datetime import date, datetime, timezone, tzinfo
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from ._words import kind_of
from .dates import INVALID_DATE, ImpossibleDate, parse_datetime
from .model import Article, Author, Image, ReadOnlyDict

_T = TypeVar("_T")

if TYPE_CHECKING:  # cattrs is imported when the converter is first built
    import cattrs

# Bound by hooks_for_fields() with the other hooks on first use: the byline rules
# compile ~20 patterns (~3 ms) that `import newsmeta` should not pay for.
_may_be_byline: Callable[[str], bool]
_split_byline: Callable[[str], tuple[Author, ...] | None]

__all__ = [
    "BYLINE_SPLIT",
    "DATE_SETTINGS",
    "ITEM_KEPT",
    "KEEPING_CODES",
    "KEPT",
    "NOTES",
    "Invalid",
    "hooks_for_fields",
    "image_tuple",
    "kind_of",
    "note",
    "optional_text",
    "summary",
    "text_tuple",
    "title_text",
]


class Invalid(ValueError):
    """Raised by hooks; the text completes "'<key>' ..." (e.g. "is not a date: 'x'")."""


# Hooks report recoverable assumptions here; the field loop attaches the key.
NOTES: ContextVar[list[tuple[str, str]] | None] = ContextVar("newsmeta_notes", default=None)


# How text dates are read while one document converts: (dayfirst, default zone).
# Set by ``convert.build_article`` from the Parser's options; the hooks are shared.
DATE_SETTINGS: ContextVar[tuple[bool, tzinfo]] = ContextVar(
    "newsmeta_date_settings", default=(False, timezone.utc)
)


def note(code: str, message: str) -> None:
    """Report a recoverable assumption from a hook; the field loop attaches the key."""
    notes = NOTES.get()
    if notes is not None:
        notes.append((code, message))


def _shown(value: Any) -> str:
    if isinstance(value, date):
        return repr(value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat())
    try:
        text = repr(value)
    except ValueError:  # an int too long for decimal (only a custom adapter can make one)
        return f"a {value.bit_length()}-bit integer" if isinstance(value, int) else "a value"
    return text if len(text) <= 60 else text[:57] + "..."


def _single(value: Any) -> Any:
    if isinstance(value, list):
        if len(value) == 1:
            return value[0]
        raise Invalid(f"is a list of {len(value)} values; expected one")
    return value


def _text(value: Any) -> str:
    if value.__class__ is str:  # nearly always: skip the general checks
        return value.strip()
    value = _single(value)
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            return str(value)
        except ValueError:  # an int too long for decimal (only an adapter can make one)
            raise Invalid("is a number too long to write as text; expected text") from None
    raise Invalid(f"is {kind_of(value)}; expected text")


def optional_text(value: Any, _: Any = None) -> str | None:
    return _text(value) or None


def _one_line(text: str) -> str:
    # Each run of white space holding a line break becomes one space.  Not the
    # regex r"\s*\n\s*": it backtracks quadratically over a long run of spaces
    # without a newline (40,000 spaces took 5 s).
    if "\n" not in text:
        return text
    return " ".join(part.strip() for part in text.split("\n") if part and not part.isspace())


def _unescape(text: str) -> str:
    if "&" not in text:
        return text
    import html  # its entity table costs ~1 ms to import; most titles never need it

    return html.unescape(text)


def title_text(value: Any, _: Any = None) -> str:
    # Titles are one line for a reader; entities like &amp; are for HTML only.
    title = _unescape(_one_line(_text(value)))
    if not title:
        raise Invalid("is empty; expected text")
    return title


def summary(value: Any) -> str | None:
    text = optional_text(value)
    return _unescape(text) if text else None


def text_tuple(value: Any, _: Any = None) -> tuple[str, ...]:
    if value.__class__ is str:  # one text (links, aliases): nor a list nor a mapping
        text = value.strip()
        return (text,) if text else ()
    if value.__class__ is list and all(item.__class__ is str for item in value):
        # The usual shape, a list of text: no per-item bookkeeping needed.
        return tuple(text for text in (item.strip() for item in value) if text)
    return _text_items(value)


def _text_items(value: Any) -> tuple[str, ...]:
    """``text_tuple`` for any value: each item checked, an empty one noted."""
    if isinstance(value, Mapping):
        raise Invalid("is a mapping; expected text or a list of text")
    items = value if isinstance(value, list) else [value]
    result: list[str] = []
    for index, item in enumerate(items):
        if item is None:
            note("null-item", f"item {index} is empty and was skipped")
            continue
        try:
            text = _text(item)
        except Invalid as exc:
            raise Invalid(f"item {index} {exc}") from None
        if text:
            result.append(text)
    return tuple(result)


def _datetime(value: Any, _: Any = None) -> datetime | None:
    dayfirst, zone = DATE_SETTINGS.get()
    try:
        parsed, notes = parse_datetime(_single(value), dayfirst=dayfirst, default_timezone=zone)
    except ImpossibleDate:
        # A placeholder such as 0000-00-00 says "no date"; it must not sink the file.
        note(INVALID_DATE, f"is {_shown(value)}, a date that does not exist; kept in extra")
        return None
    except ValueError:
        raise Invalid(f"is not a date: {_shown(value)}") from None
    if notes:
        _date_notes(value, notes, dayfirst, zone)
    return parsed


def _date_notes(value: Any, notes: tuple[str, ...], dayfirst: bool, zone: tzinfo) -> None:
    where = "UTC" if zone is timezone.utc else str(zone)
    if "ambiguous-date" in notes:
        order = "day first" if dayfirst else "month first"
        option = f"Parser(dayfirst={not dayfirst})"
        note(
            "ambiguous-date",
            f"{_shown(value)} could be day/month or month/day; read {order} "
            f"({option} for the other)",
        )
    if "naive-datetime" in notes:
        note("naive-datetime", f"{_shown(value)} has no time zone; taken as {where}")
    if "date-only" in notes:
        note("date-only", f"{_shown(value)} has no time; taken as midnight {where}")
    if "repeated-time" in notes:
        note(
            "ambiguous-time",
            f"{_shown(value)} happened twice in {where} (clocks went back); the first was taken",
        )
    if "skipped-time" in notes:
        note(
            "ambiguous-time",
            f"{_shown(value)} never happened in {where} (clocks went forward); "
            "read with the offset before the change",
        )


_BOOL_WORDS = {"true": True, "yes": True, "on": True, "false": False, "no": False, "off": False}


def _bool(value: Any, _: Any = None) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _BOOL_WORDS:
        note("bool-from-text", f"{value!r} read as a boolean")
        return _BOOL_WORDS[value.strip().lower()]
    raise Invalid(f"is {kind_of(value)} ({_shown(value)}); expected true or false")


def _int(value: Any, what: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    raise Invalid(f"has {what} {_shown(value)}; expected a whole number")


_IMAGE_URL_KEYS = ("url", "href", "src", "path", "link", "image")


def _kept_value(value: Any) -> bool:
    return value is not None and not isinstance(value, str)


def _text_or_kept(item: Mapping[str, Any], key: str, label: str) -> str | None:
    """``item[key]`` if it is text (or absent: None); another value is not the field's
    to take: it stays in the item's ``extra`` (its caller leaves the key there), with a
    diagnostic rather than silently."""
    value = item.get(key)
    if not _kept_value(value):
        return value
    note(
        ITEM_KEPT,
        f"{label} {key!r} is {kind_of(value)}, not text; it is kept in the {label.split()[0]}'s"
        " extra",
    )
    return None


def _image(value: Any, label: str) -> Image | None:
    if isinstance(value, str):
        return Image(url=value.strip())
    if not isinstance(value, Mapping):
        raise Invalid(f"holds {kind_of(value)}; expected an image URL or mapping")
    for url_key in _IMAGE_URL_KEYS:
        if isinstance(value.get(url_key), str):
            break
    else:
        return None
    used = {url_key, "width", "height"}
    width, height = value.get("width"), value.get("height")
    size = value.get("size")
    if isinstance(size, list) and len(size) == 2 and width is None and height is None:
        width, height = size
        used.add("size")
    elif size is not None and width is None and height is None:
        note(
            ITEM_KEPT,
            f"{label} 'size' is {kind_of(size)} ({_shown(size)}), not [width, height]; "
            "it is kept in the image's extra",
        )
    mime_key = "mime_type"
    mime_type = _text_or_kept(value, mime_key, label)
    if mime_type is None and "mimeType" in value:
        mime_key = "mimeType"
        mime_type = _text_or_kept(value, mime_key, label)
    alt = _text_or_kept(value, "alt", label)
    if mime_type is not None:
        used.add(mime_key)
    if alt is not None:
        used.add("alt")
    return Image(
        url=value[url_key].strip(),
        width=_int(width, "width"),
        height=_int(height, "height"),
        mime_type=mime_type,
        alt=alt,
        extra={k: v for k, v in value.items() if k not in used},
    )


def image_tuple(value: Any, _: Any = None) -> tuple[Image, ...]:
    items = value if value.__class__ is list else (value,)
    images = []
    for item in items:
        image = _plain_image(item)
        if image is None:
            return _each(value, "image", _image)  # the general path, which notes
        images.append(image)
    return tuple(images)


# Keys that ask more of an image mapping than its URL, size and extra keys.
_IMAGE_DETAIL_KEYS = frozenset(("size", "mime_type", "mimeType", "alt"))
_PLAIN_IMAGE_USED = frozenset(("url", "width", "height"))
_NO_EXTRA = ReadOnlyDict()


def _plain_image(value: Any) -> Image | None:
    """``_image(value)`` for the usual shapes (a URL; a mapping with a text ``url`` and
    none of ``_IMAGE_DETAIL_KEYS``), which cannot note anything; else None.

    Images are most of the cost of building a news article: this skips the
    lookups that cannot find anything, and the per-item label.
    """
    if value.__class__ is str:
        return Image(url=value.strip())
    if (
        value.__class__ is not dict
        or value.get("url").__class__ is not str
        or not _IMAGE_DETAIL_KEYS.isdisjoint(value)
    ):
        return None
    extra = ReadOnlyDict((k, v) for k, v in value.items() if k not in _PLAIN_IMAGE_USED)
    return Image(
        url=value["url"].strip(),
        width=_int(value.get("width"), "width"),
        height=_int(value.get("height"), "height"),
        extra=extra if extra else _NO_EXTRA,
    )


KEPT = "kept-in-extra"
#: A value inside an item (an author's ``url``, an image's ``alt``) that the field
#: cannot take: it stays in that item's ``extra``.
ITEM_KEPT = "kept-in-item-extra"
#: Notes after which the field's raw value is kept in ``extra``: the field took nothing.
KEEPING_CODES = frozenset((KEPT, INVALID_DATE))


def _author(value: Any, label: str) -> Author:
    if isinstance(value, str):
        return Author(name=value.strip())
    if isinstance(value, Mapping):
        name = value.get("name", value.get("title"))
        if isinstance(name, str) and name.strip():
            url = _text_or_kept(value, "url", label)
            email = _text_or_kept(value, "email", label)
            # A null url/email says "none" and is dropped; other non-text values stay.
            used = {"name", "title"} | {
                k for k in ("url", "email") if k in value and not _kept_value(value[k])
            }
            extra = {k: v for k, v in value.items() if k not in used}
            if "name" in value and "title" in value:
                extra["title"] = value["title"]
            return Author(name=name.strip(), url=url, email=email, extra=extra)
    raise Invalid(f"holds {kind_of(value)} ({_shown(value)}); expected an author name")


BYLINE_SPLIT = "byline-split"


def _authors(value: Any, _: Any = None) -> tuple[Author, ...]:
    if value.__class__ is str and not _may_be_byline(value):
        return (Author(name=value.strip()),)  # the usual shape: one plain name
    if value.__class__ is list:
        plain = []
        for item in value:
            if item.__class__ is not str or _may_be_byline(item):
                break
            plain.append(Author(name=item.strip()))
        else:
            return tuple(plain)
    return tuple(author for people in _each(value, "author", _people) for author in people)


def _people(value: Any, label: str) -> tuple[Author, ...]:
    """One author, or the people a byline names ("A, B and C"), reported with its text."""
    if not isinstance(value, str):
        return (_author(value, label),)
    people = _split_byline(value)
    if people is None:
        return (Author(name=value.strip()),)
    note(BYLINE_SPLIT, f"{value.strip()!r} read as {_described(people)}")
    return people


def _described(people: tuple[Author, ...]) -> str:
    parts = []
    for person in people:
        details = [f"{key} {value!r}" for key, value in person.extra.items()]
        details += [
            f"{key} {value!r}" for key in ("url", "email") if (value := getattr(person, key))
        ]
        parts.append(repr(person.name) + (f" ({', '.join(details)})" if details else ""))
    count = f"{len(people)} author{'s' if len(people) != 1 else ''}"
    return f"{count}: {', '.join(parts)}"


def _each(value: Any, what: str, build: Callable[[Any, str], _T | None]) -> tuple[_T, ...]:
    """Build every item of a list (or the one value): empty items are skipped,
    items *build* declines (None) are left for the caller to keep in ``extra``."""
    items = value if isinstance(value, list) else [value]
    result = []
    for index, item in enumerate(items):
        if item is None:
            note("null-item", f"{what} {index} is empty and was skipped")
            continue
        built = build(item, f"{what} {index}")
        if built is None:
            # Not ours to drop: the raw value goes to extra.
            note(KEPT, f"{what} {index} has no URL; the value is kept in extra")
            continue
        result.append(built)
    return tuple(result)


def _equals(expected: Any) -> Callable[[Any], bool]:
    def predicate(candidate: Any) -> bool:
        return bool(candidate == expected)

    return predicate


def _converter() -> cattrs.Converter:
    import cattrs

    converter = cattrs.Converter()
    hooks: dict[Any, Callable[[Any, Any], Any]] = {
        str: title_text,
        str | None: optional_text,
        tuple[str, ...]: text_tuple,
        datetime | None: _datetime,
        bool | None: _bool,
        tuple[Image, ...]: image_tuple,
        tuple[Author, ...]: _authors,
    }
    for field_type, hook in hooks.items():
        if isinstance(field_type, type):
            converter.register_structure_hook(field_type, hook)
        else:  # generic aliases and unions are not classes: match them by equality
            converter.register_structure_hook_func(_equals(field_type), hook)
    return converter


_HOOKED_FIELDS = (
    "title", "url", "slug", "kind", "language", "links", "aliases", "tags",
    "categories", "published", "updated", "authors", "images", "is_draft",
)  # fmt: skip
_HOOKS: dict[str, Callable[[Any, Any], Any]] = {}


def hooks_for_fields() -> dict[str, Callable[[Any, Any], Any]]:
    # Built on first use, not at import: `import newsmeta` stays cheap.
    global _may_be_byline, _split_byline
    if not _HOOKS:
        from .bylines import may_be_byline as _may_be_byline
        from .bylines import split_byline as _split_byline

        lenient = _converter()
        types = {f.name: f.type for f in attrs.fields(Article)}
        _HOOKS.update({name: lenient.get_structure_hook(types[name]) for name in _HOOKED_FIELDS})
    return _HOOKS
