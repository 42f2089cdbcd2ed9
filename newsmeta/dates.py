"""Dates from whatever a source wrote into timezone-aware datetimes.

``datetime.fromisoformat`` reads ISO 8601 about 80x faster than dateutil, so it
goes first; every other form is read by ``newsmeta._dates_text``, imported (with
dateutil, whose import alone costs ~20 ms) only when a value needs it.  Every
assumption is reported to the caller, never made silently:

- ``naive-datetime``: no time zone; taken in the default zone (UTC unless the
  caller passes another);
- ``date-only``: no time; taken as midnight in the default zone;
- ``ambiguous-date``: ``01/02/2025`` reads as 2 January (month first) or as
  1 February (day first); *dayfirst* chooses;
- ``repeated-time`` / ``skipped-time``: a wall time in the default zone that
  happened twice (clocks went back; the first is taken) or never (clocks went
  forward; read with the offset before the change).

Text that has the shape of a numeric date but names a day that does not exist
(``0000-00-00``, ``2023-02-30``) raises ``ImpossibleDate``, so callers can keep
the text rather than refuse the document.  Anything else that is not a date
raises ``ValueError`` with a message fit for a user.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from datetime import date, datetime, time, timezone, tzinfo
from typing import Literal

__all__ = ["INVALID_DATE", "DateNote", "ImpossibleDate", "parse_datetime", "zone_named"]

DateNote = Literal["naive-datetime", "date-only", "ambiguous-date", "repeated-time", "skipped-time"]

_PY311 = sys.version_info >= (3, 11)
_UTC = timezone.utc


#: The diagnostic code of a value written as a date that names no real day or time
#: (``0000-00-00``, ``2023-02-30``), wherever it was found; the text is kept.
INVALID_DATE = "invalid-date"


class ImpossibleDate(ValueError):
    """The text is written as a date, but that day (or time) does not exist."""


def zone_named(name: str | tzinfo) -> tzinfo:
    """The time zone *name* names (an IANA name such as ``"Europe/Berlin"``), or *name*.

    Raises ``ValueError`` naming the zone when it is unknown.
    """
    if isinstance(name, tzinfo):
        return name
    if not isinstance(name, str):
        raise TypeError(f"default_timezone must be a zone name or a tzinfo, not {name!r}")
    if name.upper() == "UTC":
        return _UTC
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError  # stdlib, but not needed for UTC

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(
            f"unknown time zone {name!r}; expected an IANA name such as 'Europe/Berlin' "
            "(on systems without a zone database: pip install tzdata)"
        ) from exc


def parse_datetime(
    value: object, *, dayfirst: bool = False, default_timezone: tzinfo = _UTC
) -> tuple[datetime, tuple[DateNote, ...]]:
    """Return an aware datetime and the assumptions that were needed.

    Raises ``ImpossibleDate`` or ``ValueError`` (with a message fit for a user)
    if *value* is not a date.
    """
    if isinstance(value, datetime):
        return _aware(value, default_timezone, ())
    if isinstance(value, date):
        return _in_zone(datetime.combine(value, time()), default_timezone, ("date-only",))
    if isinstance(value, str):
        return _from_text(value.strip(), dayfirst, default_timezone)
    raise ValueError(f"expected a date, got {_describe(value)}")


def _in_zone(
    naive: datetime, zone: tzinfo, notes: tuple[DateNote, ...]
) -> tuple[datetime, tuple[DateNote, ...]]:
    """*naive* read as a wall time in *zone*, with a note when that time is not unique there."""
    # A fixed offset, not the zone object: the article then holds what a source
    # writing that offset would give, and serialises and compares the same.
    if zone is _UTC:
        return _as_utc(naive), notes
    first = naive.replace(tzinfo=zone, fold=0)
    offset = first.utcoffset()
    if offset is None:  # pragma: no cover - a tzinfo that knows no offset
        return naive.replace(tzinfo=_UTC), notes
    if naive.replace(tzinfo=zone, fold=1).utcoffset() != offset:
        # Clocks changed around this wall time: it happened twice (the first is
        # taken) or never (read with the offset before the change).
        back = first.astimezone(_UTC).astimezone(zone).replace(tzinfo=None, fold=0)
        notes = (*notes, "repeated-time" if back == naive else "skipped-time")
    return naive.replace(tzinfo=_UTC if not offset else timezone(offset)), notes


def _as_utc(naive: datetime) -> datetime:
    """``naive.replace(tzinfo=UTC)`` at a third of the cost (``replace`` reads its keywords
    slowly, and a third of small files have a time without a zone or a date alone)."""
    if naive.__class__ is datetime:  # a subclass stays one through replace
        return datetime.combine(naive.date(), naive.time(), _UTC)
    return naive.replace(tzinfo=_UTC)


def _aware(
    value: datetime, zone: tzinfo, notes: tuple[DateNote, ...]
) -> tuple[datetime, tuple[DateNote, ...]]:
    if value.tzinfo is None:  # already naive: no need to replace it
        return _in_zone(value, zone, (*notes, "naive-datetime"))
    if value.utcoffset() is None:
        return _in_zone(value.replace(tzinfo=None), zone, (*notes, "naive-datetime"))
    offset = value.utcoffset()
    if not offset:
        if value.tzinfo is not _UTC:
            # One spelling of UTC, so equal articles compare and serialise equal.
            value = value.replace(tzinfo=_UTC)
        return value, notes
    if value.tzinfo.__class__ is not timezone:  # dateutil's tzoffset, a zoneinfo zone
        value = value.replace(tzinfo=timezone(offset))
    return value, notes


def _from_text(text: str, dayfirst: bool, zone: tzinfo) -> tuple[datetime, tuple[DateNote, ...]]:
    if not text:
        raise ValueError("expected a date, got an empty string")
    parsed = _iso(text)
    if parsed is not None:
        # A bare date written as text ("2017-01-24") has no time part at all.
        if len(text) <= 10 and parsed.time() == time() and parsed.tzinfo is None:
            return _in_zone(parsed, zone, ("date-only",))
        return _aware(parsed, zone, ())
    parsed, date_only, notes = _text_reader()(text, dayfirst)
    if date_only:
        return _in_zone(parsed, zone, (*notes, "date-only"))
    return _aware(parsed, zone, notes)


@functools.cache
def _text_reader() -> Callable[[str, bool], tuple[datetime, bool, tuple[DateNote, ...]]]:
    # Every other form: the rules live apart, compiled on the first value that needs
    # them; cached, as an import statement costs ~1 µs each time it runs.
    from ._dates_text import read_text

    return read_text


def _iso(text: str) -> datetime | None:
    candidate = text
    # 3.10's fromisoformat does not read a 'Z' suffix.
    if not _PY311 and candidate.endswith(("Z", "z")):
        candidate = candidate[:-1] + "+00:00"
    try:
        return datetime.fromisoformat(candidate)
    except ValueError:
        return None


def _describe(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"a boolean ({value!r})"
    if isinstance(value, int | float):
        return f"a number ({value!r})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__
