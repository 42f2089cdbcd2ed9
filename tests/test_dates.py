"""Dates from YAML timestamps and from text, always timezone-aware."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from newsmeta.dates import parse_datetime

UTC = timezone.utc


@pytest.mark.parametrize(
    ("value", "expected", "assumption"),
    [
        ("2020-02-12T11:52:42Z", datetime(2020, 2, 12, 11, 52, 42, tzinfo=UTC), None),
        ("2020-02-12T11:52:42+00:00", datetime(2020, 2, 12, 11, 52, 42, tzinfo=UTC), None),
        (
            "2019-09-20T10:06:04.694704Z",
            datetime(2019, 9, 20, 10, 6, 4, 694704, tzinfo=UTC),
            None,
        ),
        (
            "2020-01-17 21:17:00+05:30",
            datetime(2020, 1, 17, 21, 17, tzinfo=timezone(timedelta(hours=5, minutes=30))),
            None,
        ),
        ("2017-03-01 11:39:02", datetime(2017, 3, 1, 11, 39, 2, tzinfo=UTC), "naive-datetime"),
        ("2017-01-24", datetime(2017, 1, 24, tzinfo=UTC), "date-only"),
        (date(2017, 1, 24), datetime(2017, 1, 24, tzinfo=UTC), "date-only"),
        (datetime(2017, 1, 24, 5), datetime(2017, 1, 24, 5, tzinfo=UTC), "naive-datetime"),
        ("Jan 17, 2020 10:00 UTC", datetime(2020, 1, 17, 10, tzinfo=UTC), None),
        ("Tue, 15 Sep 2020 12:00:37 +0000", datetime(2020, 9, 15, 12, 0, 37, tzinfo=UTC), None),
    ],
)
def test_parse_datetime(value: object, expected: datetime, assumption: str | None) -> None:
    parsed, note = parse_datetime(value)
    assert parsed == expected
    assert parsed.tzinfo is not None
    assert note == assumption


def test_named_utc_offsets_become_timezone_utc() -> None:
    named_z = timezone(timedelta(0), "Z")
    parsed, _ = parse_datetime(datetime(2021, 9, 27, 12, tzinfo=named_z))
    assert parsed.tzinfo is UTC


@pytest.mark.parametrize("value", ["yesterday", "", "5", True, 1.5, None, ["2020-01-01", "x"]])
def test_not_a_date(value: object) -> None:
    with pytest.raises(ValueError):
        parse_datetime(value)


@pytest.mark.parametrize("value", ["2024", "2024-05", "May 2024", "2019 10:00"])
def test_text_without_a_full_date_is_not_completed_from_today(value: str) -> None:
    with pytest.raises(ValueError, match="full date"):
        parse_datetime(value)


def test_an_unknown_time_zone_abbreviation_is_not_taken_as_utc() -> None:
    with pytest.raises(ValueError, match="known time zone"):
        parse_datetime("2024-03-05 18:20 EST")


@pytest.mark.parametrize(
    "text", ["1" + "0" * 60 + "m000", "2024 1" + "0" * 40 + "m", "1" + "0" * 30 + "m"]
)
def test_a_number_too_long_for_minutes_is_not_a_date(text: str) -> None:
    # dateutil raised decimal.InvalidOperation (an ArithmeticError), which escaped
    # newsmeta.parse bare (found by the atheris fuzzer).
    with pytest.raises(ValueError, match=r"^expected a date, got "):
        parse_datetime(text)
    import newsmeta

    with pytest.raises(newsmeta.FieldError) as info:
        newsmeta.parse(f"---\ntitle: T\npublished: {text}\n---\n")
    assert str(info.value).startswith("<string>:3:1: 'published' is not a date: ")
