"""The forms ``newsmeta._dates_text`` reads without dateutil are read exactly as
dateutil reads them: the same datetime, the same notes, the same error."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Any
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from newsmeta import _dates_text
from newsmeta.dates import _as_utc, parse_datetime

_MONTHS = st.sampled_from(
    [
        "Jan", "feb", "MARCH", "Apr", "May", "june", "Jul", "aug", "Sep", "Sept", "September",
        "oct", "Nov", "December", "Foo", "Mayo", "Mon", "Marc", "Janu",
    ]
)  # fmt: skip
_DAYS = st.integers(0, 39).flatmap(lambda day: st.sampled_from([str(day), f"{day:02d}"]))
_YEARS = st.sampled_from(["2023", "2024", "1999", "1000", "0999", "0099", "0000", "9999"])
_DOT = st.sampled_from(["", "."])
_COMMA = st.sampled_from(["", ","])


@st.composite
def _named_month_dates(draw: st.DrawFn) -> str:
    day, month, year = draw(_DAYS), draw(_MONTHS) + draw(_DOT), draw(_YEARS)
    if draw(st.booleans()):
        return f"{day} {month} {year}"
    return f"{month} {day}{draw(_COMMA)} {year}"


@st.composite
def _one_digit_hours(draw: st.DrawFn) -> str:
    date = draw(st.sampled_from(["2013-09-05", "2013/9/5", "05/09/2013", "2024-02-30"]))
    time = f"{draw(st.sampled_from(['T', ' ']))}{draw(st.integers(0, 9))}"
    time += f":{draw(st.sampled_from(['00', '24', '5', '60']))}"
    time += draw(st.sampled_from(["", ":40", ":40.5", ":40,25", ":61", ":40.1234567"]))
    time += draw(
        st.sampled_from(
            ["", "Z", "+02", "-0400", " -0400", " +05:30", "+5", " PM", " am", " EST", " UTC", "x"]
        )
    )
    return date + time


def _read(text: str, dayfirst: bool, zone: Any) -> tuple[str, Any]:
    try:
        return "ok", parse_datetime(text, dayfirst=dayfirst, default_timezone=zone)
    except ValueError as error:
        return type(error).__name__, str(error)


def _by_dateutil(text: str, dayfirst: bool, zone: Any) -> tuple[str, Any]:
    never = re.compile(r"(?!)")
    with (
        mock.patch.object(_dates_text, "_named_month_date", lambda text: None),
        mock.patch.object(_dates_text, "_ONE_DIGIT_HOUR", never),
    ):
        return _read(text, dayfirst, zone)


_ZONES = st.sampled_from([timezone.utc, ZoneInfo("America/New_York")])


@given(_named_month_dates(), st.booleans(), _ZONES)
@example("22 Feb 2023", False, timezone.utc)
@example("February 29, 2023", False, timezone.utc)
def test_a_date_with_a_months_name_is_read_as_dateutil_reads_it(
    text: str, dayfirst: bool, zone: Any
) -> None:
    assert _read(text, dayfirst, zone) == _by_dateutil(text, dayfirst, zone)


@given(_one_digit_hours(), st.booleans(), _ZONES)
@example("2013-09-05 9:24:40 -0400", False, timezone.utc)
@example("2013-09-05T0:00-0400", False, timezone.utc)
def test_an_iso_date_with_a_one_digit_hour_is_read_as_dateutil_reads_it(
    text: str, dayfirst: bool, zone: Any
) -> None:
    assert _read(text, dayfirst, zone) == _by_dateutil(text, dayfirst, zone)


@pytest.mark.parametrize(
    "text",
    ["22 Feb 2023", "6 December 2024", "February 22, 2023", "Sept. 3 2021", "2013-09-05 9:24:40"],
)
def test_the_usual_forms_do_not_need_dateutil(text: str) -> None:
    def refuse(*args: object) -> None:
        raise AssertionError("dateutil was asked")

    with mock.patch.object(_dates_text, "_dateutil", refuse):
        parse_datetime(text)


class _Stamp(datetime):
    """A datetime subclass, as some YAML loaders give (ruamel's TimeStamp)."""


@given(st.datetimes(), st.booleans())
@example(datetime(2024, 10, 27, 2, 30, fold=1), False)
def test_a_naive_time_taken_as_utc_is_what_replace_gives(naive: datetime, subclass: bool) -> None:
    if subclass:
        naive = _Stamp.combine(naive.date(), naive.time())
    quick, plain = _as_utc(naive), naive.replace(tzinfo=timezone.utc)
    assert (quick, type(quick), quick.fold, quick.tzinfo) == (
        plain, type(plain), plain.fold, plain.tzinfo
    )  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2013-09-05T0:00-0400", "2013-09-05T00:00:00-04:00"),
        ("2013-09-05T10:30-0530", "2013-09-05T10:30:00-05:30"),
        ("2013-09-05 9:24:40 -0400", "2013-09-05T09:24:40-04:00"),
    ],
)
def test_a_negative_offset_is_not_read_as_a_time_number(text: str, expected: str) -> None:
    # "-0400" once counted as a third time number (400 seconds): the date was refused.
    assert parse_datetime(text)[0].isoformat() == expected
