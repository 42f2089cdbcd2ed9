"""Date text in the forms ``datetime.fromisoformat`` does not read (see ``newsmeta.dates``).

Kept apart from ``newsmeta.dates`` because most dates never come here: these
patterns (and dateutil) are compiled and imported on the first value that needs
them, not by ``import newsmeta``.

- A numeric date is settled by our own rule before anything else: year first is
  always year-month-day; year last is month first unless *dayfirst*, and a number
  over 12 is the day; when both orders are possible the result says so.
- ``GMT+0100``/``UTC+1`` offsets are read as JavaScript and people mean them
  (ahead of UTC), and a zone name in parentheses after an explicit offset is
  dropped (``Date.toString()``).
- A day, a month's name and a year ("22 Feb 2023", "February 22, 2023") and an
  ISO date whose hour has one digit ("2013-09-05 9:24:40 -0400") are read
  directly, as dateutil reads them: most text dates that are not ISO are one of
  these, and dateutil takes 50-100 µs a value.
- Everything else goes to dateutil, which must find a full date (no part
  borrowed from today), a known zone, and a weekday, if written, that matches.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone

from .dates import DateNote, ImpossibleDate, _iso

__all__ = ["read_text"]

# A numeric date first: year first (2014-06-20, 2014/6/20, 2014.06.20), or year
# last (06/20/2014, 20.06.2014), then nothing, or a time after 'T', ' ' or ','.
_NUMERIC_DATE = re.compile(
    r"(?:(?P<year>\d{4})(?P<sep>[-/.])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})"
    r"|(?P<first>\d{1,2})(?P<sep2>[-/.])(?P<second>\d{1,2})(?P=sep2)(?P<year2>\d{4}))"
    r"(?P<rest>(?:[T ,].*)?)\Z",
    re.DOTALL,
)
# JavaScript's Date.toString(), as Hashnode exports print it:
# "Mon Nov 13 2017 00:00:00 GMT+0000 (Coordinated Universal Time)".
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_JAVASCRIPT = re.compile(
    r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
    r"(\d{2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT([-+])(\d{2})(\d{2})(?: \([^()]*\))?\Z"
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
# "22 Feb 2023", "22 February 2023", "February 22, 2023", "Feb 22 2023": the forms
# of a date with a month's name that dateutil reads one way only (whatever
# *dayfirst* says).  A year of four digits from 1000: dateutil reads "0099" as 1999.
_DAY_MONTH_YEAR = re.compile(r"([0-9]{1,2}) ([A-Za-z]{3,9})\.? ([1-9][0-9]{3})\Z")
_MONTH_DAY_YEAR = re.compile(r"([A-Za-z]{3,9})\.? ([0-9]{1,2}),? ([1-9][0-9]{3})\Z")
# The month names and abbreviations dateutil knows (its parserinfo.MONTHS).
_MONTH_NAMES = (
    ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
    ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
    ("oct", "october"), ("nov", "november"), ("dec", "december"),
)  # fmt: skip
_MONTH_NUMBERS = {name: number for number, names in enumerate(_MONTH_NAMES, 1) for name in names}
# A time after an ISO date with a one-digit hour (" 9:24:40"), which
# ``fromisoformat`` refuses and reads once the hour is padded.
_ONE_DIGIT_HOUR = re.compile(r"[T ][0-9]:")


def read_text(text: str, dayfirst: bool) -> tuple[datetime, bool, tuple[DateNote, ...]]:
    """(the datetime, naive or aware; whether the text had no time; the notes).

    Raises ``ImpossibleDate`` for a numeric date that names no real day, and
    ``ValueError`` for anything that is not a date.
    """
    javascript = _JAVASCRIPT.match(text)
    if javascript is not None:
        return _javascript_date(javascript), False, ()
    notes: tuple[DateNote, ...] = ()
    shown = text
    numeric = _NUMERIC_DATE.match(text)
    if numeric is not None:
        day, notes = _numeric_date(numeric, text, dayfirst)
        rest = numeric["rest"].lstrip(",")
        if not rest.strip():
            return datetime.combine(day, time()), True, notes
        # The date is settled; the rest is read with the date in ISO order.
        text = day.isoformat() + rest
        parsed = _iso(text)
        if parsed is not None:
            return parsed, False, notes
        if _ISO_TIME.match(rest) is not None and _has_bad_time(rest):
            raise ImpossibleDate(f"expected a date that exists, got {numeric.string!r}")
        if _ONE_DIGIT_HOUR.match(rest) is not None:
            parsed = _iso(f"{text[:11]}0{text[11:]}")
            if parsed is not None:
                return parsed, False, notes
    else:
        named = _named_month_date(text)
        if named is not None:
            return named, True, ()
    # Once a numeric date is settled the text starts with it in ISO order, which
    # dateutil must then read year-month-day whatever *dayfirst* says.
    parsed, has_time, ambiguous = _dateutil(
        text, shown, dayfirst and numeric is None, numeric is None
    )
    if ambiguous:
        notes = (*notes, "ambiguous-date")
    return parsed, not has_time and parsed.tzinfo is None, notes


def _named_month_date(text: str) -> datetime | None:
    """The midnight of "22 Feb 2023" or "February 22, 2023", read as dateutil reads it;
    None for any other text, or a day that does not exist (dateutil words that)."""
    match = _DAY_MONTH_YEAR.match(text)
    if match is not None:
        day, month, year = match.groups()
    else:
        match = _MONTH_DAY_YEAR.match(text)
        if match is None:
            return None
        month, day, year = match.groups()
    number = _MONTH_NUMBERS.get(month.lower())
    if number is None:
        return None
    try:
        return datetime(int(year), number, int(day))
    except ValueError:
        return None


def _javascript_date(match: re.Match[str]) -> datetime:
    """The instant ``Date.toString()`` printed, read exactly, without dateutil."""
    weekday, month, day, year, hour, minute, second, sign, hours, minutes = match.groups()
    offset = timedelta(hours=int(hours), minutes=int(minutes))
    try:
        parsed = datetime(
            int(year), _MONTHS.index(month) + 1, int(day), int(hour), int(minute), int(second),
            tzinfo=timezone(-offset if sign == "-" else offset),
        )  # fmt: skip
    except ValueError:
        raise ImpossibleDate(f"expected a date that exists, got {match.string!r}") from None
    if _WEEKDAYS.index(weekday.lower()) != parsed.weekday():
        raise ValueError(f"expected a date whose weekday matches, got {match.string!r}")
    return parsed


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
    # Only the numbers before the offset: "-0400" is an offset, not a third time number.
    clock = re.split("[-+Z]", rest, maxsplit=1)[0]
    numbers = [int(n) for n in re.findall(r"\d+", clock)[:3]]
    limits = (23, 59, 59)
    return any(n > limit for n, limit in zip(numbers, limits, strict=False))


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
            if may_be_ambiguous and _MONTH_NAME.search(text) is None:
                # Only numbers can swap: "8 April 2022" reads the same either way.
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


_MONTH_NAME = re.compile(r"(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)")
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_WEEKDAY = re.compile(
    r"\b(mon|tue|wed|thu|fri|sat|sun)(?:day|s|sday|nesday|rsday|urday)?\b\.?", re.IGNORECASE
)


def _plain_offset(match: re.Match[str]) -> str:
    sign, hours, minutes = match.groups()
    return f"{sign}{int(hours):02d}:{minutes or '00'}"
