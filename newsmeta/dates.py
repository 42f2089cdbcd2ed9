"""Dates from whatever a source wrote into timezone-aware datetimes.

``datetime.fromisoformat`` reads ISO 8601 about 80x faster than dateutil, so it
goes first; ``dateutil.parser`` is imported only when a value needs it (the
import alone costs ~20 ms).  A value without a zone is taken as UTC and the
caller is told, never silently.
"""

from __future__ import annotations

import re
import sys
from datetime import date, datetime, time, timezone
from typing import Literal

__all__ = ["DateAssumption", "parse_datetime"]

DateAssumption = Literal["naive-datetime", "date-only"] | None

_PY311 = sys.version_info >= (3, 11)


def parse_datetime(value: object) -> tuple[datetime, DateAssumption]:
    """Return an aware datetime and which assumption, if any, was needed.

    Raises ``ValueError`` (with a message fit for a user) if *value* is not a date.
    """
    if isinstance(value, datetime):
        return _aware(value)
    if isinstance(value, date):
        return datetime.combine(value, time(), tzinfo=timezone.utc), "date-only"
    if isinstance(value, str):
        return _from_text(value.strip())
    raise ValueError(f"expected a date, got {_describe(value)}")


def _aware(value: datetime) -> tuple[datetime, DateAssumption]:
    if value.tzinfo is None or value.utcoffset() is None:
        return value.replace(tzinfo=timezone.utc), "naive-datetime"
    if value.utcoffset() == timezone.utc.utcoffset(None) and value.tzinfo is not timezone.utc:
        # One spelling of UTC, so equal articles compare and serialise equal.
        return value.replace(tzinfo=timezone.utc), None
    return value, None


def _from_text(text: str) -> tuple[datetime, DateAssumption]:
    if not text:
        raise ValueError("expected a date, got an empty string")
    parsed = _iso(text)
    if parsed is None:
        parsed = _dateutil(text)
    if isinstance(parsed, datetime):
        # A bare date written as text ("2017-01-24") has no time part at all.
        if len(text) <= 10 and parsed.time() == time() and parsed.tzinfo is None:
            return parsed.replace(tzinfo=timezone.utc), "date-only"
        return _aware(parsed)
    raise ValueError(f"expected a date, got {text!r}")  # pragma: no cover


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


_DEFAULT_A = datetime(2000, 1, 1)
_DEFAULT_B = datetime(2001, 2, 2)


def _dateutil(text: str) -> datetime:
    # dateutil fills missing parts from today's date; without a year the result
    # would change from day to day, so such text is not taken as a date.
    if len(text) > _MAX_DATE_TEXT or _YEAR.search(text) is None:
        raise ValueError(f"expected a date, got {text!r}")
    import warnings

    from dateutil import parser as dateutil_parser

    try:
        with warnings.catch_warnings():
            # An abbreviation dateutil cannot place ('EST') would silently be UTC.
            warnings.simplefilter("error", dateutil_parser.UnknownTimezoneWarning)
            # dateutil fills what the text lacks from `default`; two different
            # defaults giving different results means the text was not a full date
            # ("2024", "May 2024") and would otherwise borrow today's day.
            first = dateutil_parser.parse(text, default=_DEFAULT_A)
            second = dateutil_parser.parse(text, default=_DEFAULT_B)
    except dateutil_parser.UnknownTimezoneWarning as exc:
        raise ValueError(f"expected a date with a known time zone, got {text!r}") from exc
    except (ValueError, ArithmeticError, TypeError) as exc:
        # ArithmeticError: dateutil's own overflows, and decimal.InvalidOperation
        # for a number too long to split into minutes and seconds (found by fuzzing).
        raise ValueError(f"expected a date, got {text!r}") from exc
    if first != second:
        raise ValueError(f"expected a full date (year, month and day), got {text!r}")
    return first


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
