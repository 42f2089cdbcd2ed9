"""The named converters a mapping rule may apply to a found value (``convert:``).

Each takes a raw source value and returns what the field should read, or says
that the value is not for this field so the rule tries its next path.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime, timezone
from typing import TYPE_CHECKING, Any

from .dates import ImpossibleDate, parse_datetime

if TYPE_CHECKING:
    from urllib.parse import SplitResult

__all__ = ["converter_accepts"]

# A converter returns _SKIP when a value is not meant for the field (``published:
# false`` is no date): the rule then tries its next path and the key stays in extra.
# It returns _REFUSED when the value was meant for the field but is not valid
# (text that is no date): the next path is tried too, but if none gives a value,
# the first refused one is used after all, so the core reports it ("'date' is not
# a date: 'yesterday'") instead of a bad date vanishing silently.
_SKIP = object()
_REFUSED = object()

_TRUE_WORDS = frozenset({"true", "yes", "on"})
_FALSE_WORDS = frozenset({"false", "no", "off"})
# Smaller numbers are more likely a year or a count than Unix time.
_EPOCH_MIN = 100_000_000
_EPOCH_MILLIS = 100_000_000_000


def _convert_not(value: Any) -> Any:
    """A boolean (or true/false text) negated; any other value does not match."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, str):
        word = value.strip().lower()
        if word in _TRUE_WORDS:
            return False
        if word in _FALSE_WORDS:
            return True
    return _SKIP


def _convert_date(value: Any) -> Any:
    """The value if it is a date (a date, a datetime, date text, or a one-item list
    of one), Unix time (seconds, or milliseconds from 10^11) as a UTC datetime; a
    boolean (Jekyll's ``published: false``) is skipped; anything else is refused."""
    if isinstance(value, bool):
        return _SKIP
    if isinstance(value, date):
        return value
    if isinstance(value, int | float):
        if abs(value) < _EPOCH_MIN:  # a year, a count ("read_time: 8"), NaN
            return _REFUSED
        try:
            seconds = value / 1000 if abs(value) >= _EPOCH_MILLIS else value
            return datetime.fromtimestamp(seconds, tz=timezone.utc)
        except (OverflowError, OSError, ValueError):  # 10**400 is no time
            return _REFUSED
    if isinstance(value, list):
        return value if len(value) == 1 and _convert_date(value[0]) is value[0] else _REFUSED
    if isinstance(value, str):
        try:
            datetime.fromisoformat(value.strip())  # the common case, without the general parse
        except ValueError:
            try:
                parse_datetime(value)
            except ImpossibleDate:
                return value  # meant as a date: the core keeps it with an invalid-date note
            except (ValueError, OverflowError):
                return _REFUSED
        return value  # the core converts it, with its notes (no zone, no time)
    return _REFUSED


def _urlsplit(url: str) -> SplitResult:
    # urllib.parse (with ipaddress) costs ~2 ms to import, so it is imported on the
    # first URL, and the import rebinds this name to urlsplit itself for later calls.
    global _urlsplit
    from urllib.parse import urlsplit as _urlsplit

    return _urlsplit(url)


def _absolute_url(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    text = value.strip().removeprefix("<").removesuffix(">").strip()
    try:
        parts = _urlsplit(text)
    except ValueError:
        return None
    if parts.scheme in ("http", "https") and parts.hostname and " " not in text:
        return text
    return None


def _convert_url(value: Any) -> Any:
    """An absolute http(s) URL, stripped (also of ``<...>``); anything else does not
    match.  A list matches only if every item is such a URL or a mapping (an image)."""
    if isinstance(value, list):
        items = [item if isinstance(item, Mapping) else _absolute_url(item) for item in value]
        return _SKIP if any(item is None for item in items) else items
    if isinstance(value, Mapping):
        return value
    url = _absolute_url(value)
    return _SKIP if url is None else url


def _convert_list(value: Any) -> Any:
    """A list as is; text split on commas (``"a, b"``); any other value as one item."""
    if isinstance(value, list):
        return value
    if isinstance(value, str):
        items = [item.strip() for item in value.split(",")]
        return [item for item in items if item] or _SKIP
    return [value]


def _converted(convert: Callable[[Any], Any], value: Any) -> Any:
    """*convert* applied to *value*; a value it fails on is handed on unchanged.

    Such a value is meant for the field (else the converter would decline it
    with ``_SKIP``) but unusable (Unix time 10**400 overflows): the core then
    reports it as a ``FieldError`` at its key and line, as for any bad value.
    """
    try:
        return convert(value)
    except (ArithmeticError, ValueError, TypeError, OSError):
        return value


_CONVERTER_FUNCTIONS: Mapping[str, Callable[[Any], Any]] = {
    "date": _convert_date,
    "list": _convert_list,
    "not": _convert_not,
    "url": _convert_url,
}


def converter_accepts(convert: str, value: Any) -> bool:
    """Whether the named converter takes *value*: writers check a value reads back,
    ``newsmeta infer`` judges a value's shape by it."""
    result = _CONVERTER_FUNCTIONS[convert](value)
    return result is not _SKIP and result is not _REFUSED
