"""Dates from whatever a source wrote into timezone-aware datetimes.

``datetime.fromisoformat`` reads ISO 8601 about 80x faster than dateutil, so it
goes first; ``dateutil.parser`` is imported only when a value needs it (the
import alone costs ~20 ms).  Every assumption is reported to the caller, never
made silently:

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

import re
import sys
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
        return naive.replace(tzinfo=_UTC), notes
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


def _aware(
    value: datetime, zone: tzinfo, notes: tuple[DateNote, ...]
) -> tuple[datetime, tuple[DateNote, ...]]:
    if value.tzinfo is None or value.utcoffset() is None:
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


# A numeric date first: year first (2014-06-20, 2014/6/20, 2014.06.20), or year
# last (06/20/2014, 20.06.2014), then nothing, or a time after 'T', ' ' or ','.
_NUMERIC_DATE = re.compile(
    r"(?:(?P<year>\d{4})(?P<sep>[-/.])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})"
    r"|(?P<first>\d{1,2})(?P<sep2>[-/.])(?P<second>\d{1,2})(?P=sep2)(?P<year2>\d{4}))"
    r"(?P<rest>(?:[T ,].*)?)\Z",
    re.DOTALL,
)
# The time after a numeric date when it is written like ISO 8601: if such a time
# does not exist (25:00), the date as a whole does not.
_ISO_TIME = re.compile(r"[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d*)?)?\s*(?:Z|[-+]\d{1,2}(?::?\d{2})?)?\Z")
# "GMT+0100" / "UTC+01:00" / "GMT+1" (JavaScript's Date.toString, mail clients):
# dateutil reads the POSIX meaning (GMT+1 is one hour *behind*), nobody writing a
# date means that, so the offset is rewritten as a plain "+01:00".
_GMT_OFFSET = re.compile(r"\b(?:GMT|UTC)\s*([-+])(\d{1,2})(?::?(\d{2}))?\b")
# "(Coordinated Universal Time)" after an explicit offset only names that offset.
_ZONE_NAME = re.compile(r"\s*\([^()]*\)\Z")
_OFFSET = re.compile(r"[-+]\d{2}:?\d{2}\b")


def _from_text(text: str, dayfirst: bool, zone: tzinfo) -> tuple[datetime, tuple[DateNote, ...]]:
    if not text:
        raise ValueError("expected a date, got an empty string")
    parsed = _iso(text)
    if parsed is not None:
        # A bare date written as text ("2017-01-24") has no time part at all.
        if len(text) <= 10 and parsed.time() == time() and parsed.tzinfo is None:
            return _in_zone(parsed, zone, ("date-only",))
        return _aware(parsed, zone, ())
    notes: tuple[DateNote, ...] = ()
    shown = text
    numeric = _NUMERIC_DATE.match(text)
    if numeric is not None:
        day, notes = _numeric_date(numeric, text, dayfirst)
        rest = numeric["rest"].lstrip(",")
        if not rest.strip():
            return _in_zone(datetime.combine(day, time()), zone, (*notes, "date-only"))
        # The date is settled; the rest is read with the date in ISO order.
        text = day.isoformat() + rest
        parsed = _iso(text)
        if parsed is not None:
            return _aware(parsed, zone, notes)
        if _ISO_TIME.match(rest) is not None and _has_bad_time(rest):
            raise ImpossibleDate(f"expected a date that exists, got {numeric.string!r}")
    # Once a numeric date is settled the text starts with it in ISO order, which
    # dateutil must then read year-month-day whatever *dayfirst* says.
    parsed, has_time, ambiguous = _dateutil(
        text, shown, dayfirst and numeric is None, numeric is None
    )
    if ambiguous:
        notes = (*notes, "ambiguous-date")
    if not has_time and parsed.tzinfo is None:
        return _in_zone(parsed, zone, (*notes, "date-only"))
    return _aware(parsed, zone, notes)


def _numeric_date(
    match: re.Match[str], text: str, dayfirst: bool
) -> tuple[date, tuple[DateNote, ...]]:
    notes: tuple[DateNote, ...] = ()
    if match["year"] is not None:
        year, month, day = int(match["year"]), int(match["month"]), int(match["day"])
    else:
        year, first, second = int(match["year2"]), int(match["first"]), int(match["second"])
        if first > 12 and second > 12:
            raise ValueError(f"expected a date, got {text!r} (neither number is a month)")
        if first > 12 or (second <= 12 and dayfirst):
            day, month = first, second
        else:
            month, day = first, second
        if first <= 12 and second <= 12 and first != second:
            notes = ("ambiguous-date",)
    try:
        return date(year, month, day), notes
    except ValueError:
        raise ImpossibleDate(f"expected a date that exists, got {text!r}") from None


def _has_bad_time(rest: str) -> bool:
    numbers = [int(n) for n in re.findall(r"\d+", rest.split("+")[0].split("Z")[0])[:3]]
    limits = (23, 59, 59)
    return any(n > limit for n, limit in zip(numbers, limits, strict=False))


def _iso(text: str) -> datetime | None:
    candidate = text
    # 3.10's fromisoformat does not read a 'Z' suffix.
    if not _PY311 and candidate.endswith(("Z", "z")):
        candidate = candidate[:-1] + "+00:00"
    try:
        return datetime.fromisoformat(candidate)
    except ValueError:
        return None


_YEAR = re.compile(r"\d{4}")


# Longer text is not a date, and dateutil would take seconds to say so.
_MAX_DATE_TEXT = 200


# dateutil fills what the text lacks from `default`; defaults differing in every
# part show what the text left out.
_DEFAULT_A = datetime(2000, 1, 1)
_DEFAULT_B = datetime(2001, 2, 2, 1, 1, 1)


def _dateutil(
    text: str, shown: str, dayfirst: bool, may_be_ambiguous: bool
) -> tuple[datetime, bool, bool]:
    """(the datetime, whether the text gave a time, whether day and month could swap).

    *shown* is the text as the source wrote it, for messages.
    """
    # dateutil fills missing parts from today's date; without a year the result
    # would change from day to day, so such text is not taken as a date.
    if len(text) > _MAX_DATE_TEXT or _YEAR.search(text) is None:
        raise ValueError(f"expected a date, got {shown!r}")
    text = _GMT_OFFSET.sub(_plain_offset, text)
    if _OFFSET.search(text):
        text = _ZONE_NAME.sub("", text)
    import warnings

    from dateutil import parser as dateutil_parser

    try:
        with warnings.catch_warnings():
            # An abbreviation dateutil cannot place ('EST') would silently be UTC.
            warnings.simplefilter("error", dateutil_parser.UnknownTimezoneWarning)
            first = dateutil_parser.parse(text, default=_DEFAULT_A, dayfirst=dayfirst)
            second = dateutil_parser.parse(text, default=_DEFAULT_B, dayfirst=dayfirst)
            other = first
            if may_be_ambiguous:
                other = dateutil_parser.parse(text, default=_DEFAULT_A, dayfirst=not dayfirst)
    except dateutil_parser.UnknownTimezoneWarning as exc:
        raise ValueError(f"expected a date with a known time zone, got {shown!r}") from exc
    except (ValueError, ArithmeticError, TypeError) as exc:
        # ArithmeticError: dateutil's own overflows, and decimal.InvalidOperation
        # for a number too long to split into minutes and seconds (found by fuzzing).
        raise ValueError(f"expected a date, got {shown!r}") from exc
    if first.date() != second.date():
        # Two defaults giving different days: the text was not a full date
        # ("2024", "May 2024") and would otherwise borrow today's.
        raise ValueError(f"expected a full date (year, month and day), got {shown!r}")
    weekday = _WEEKDAY.search(shown)
    if weekday is not None and _WEEKDAYS.index(weekday[1].lower()) != first.weekday():
        # "Mon Nov 14 2017": one of the two is wrong, and we cannot tell which.
        raise ValueError(f"expected a date whose weekday matches, got {shown!r}")
    has_time = first.hour == second.hour
    return first, has_time, other != first


_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_WEEKDAY = re.compile(
    r"\b(mon|tue|wed|thu|fri|sat|sun)(?:day|s|sday|nesday|rsday|urday)?\b\.?", re.IGNORECASE
)


def _plain_offset(match: re.Match[str]) -> str:
    sign, hours, minutes = match.groups()
    return f"{sign}{int(hours):02d}:{minutes or '00'}"


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
