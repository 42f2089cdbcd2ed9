"""Dates from YAML timestamps and from text, always timezone-aware."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsmeta.dates import ImpossibleDate, parse_datetime, zone_named

UTC = timezone.utc
CET = timezone(timedelta(hours=1))
CEST = timezone(timedelta(hours=2))


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
    parsed, notes = parse_datetime(value)
    assert parsed == expected
    assert parsed.tzinfo is not None
    assert notes == ((assumption,) if assumption else ())


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


@pytest.mark.parametrize(
    ("text", "expected", "notes"),
    [
        # JavaScript's Date.toString(), as in Hashnode exports: the offset is exact, the
        # zone name in parentheses only names it.
        (
            "Mon Nov 13 2017 00:00:00 GMT+0000 (Coordinated Universal Time)",
            datetime(2017, 11, 13, tzinfo=UTC),
            (),
        ),
        (
            "Wed Jan 08 2025 17:23:27 GMT+0100 (Central European Standard Time)",
            datetime(2025, 1, 8, 17, 23, 27, tzinfo=CET),
            (),
        ),
        (
            "Mon Nov 13 2017 00:00:00 GMT-0500 (Eastern Standard Time)",
            datetime(2017, 11, 13, tzinfo=timezone(timedelta(hours=-5))),
            (),
        ),
        # "GMT+0200" means two hours ahead of UTC (dateutil alone reads it as behind).
        ("Tue, 10 Jun 2003 04:00:00 GMT+0200", datetime(2003, 6, 10, 4, tzinfo=CEST), ()),
        ("2003-06-10 04:00 UTC+2", datetime(2003, 6, 10, 4, tzinfo=CEST), ()),
        # Month names: a date without a time is date-only, not a naive time.
        ("April 8, 2022", datetime(2022, 4, 8, tzinfo=UTC), ("date-only",)),
        ("23 October 2015", datetime(2015, 10, 23, tzinfo=UTC), ("date-only",)),
        ("April 8, 2022 3pm", datetime(2022, 4, 8, 15, tzinfo=UTC), ("naive-datetime",)),
        # WordPress exports: a space, not 'T'.
        ("2016-09-21 12:22:29+00:00", datetime(2016, 9, 21, 12, 22, 29, tzinfo=UTC), ()),
        # Pelican: no seconds.
        ("2014-06-20 12:12", datetime(2014, 6, 20, 12, 12, tzinfo=UTC), ("naive-datetime",)),
        # Year first is read year-month-day whatever the separator.
        ("2025/01/02", datetime(2025, 1, 2, tzinfo=UTC), ("date-only",)),
        ("2025.01.02 10:00", datetime(2025, 1, 2, 10, tzinfo=UTC), ("naive-datetime",)),
        # Year last: a number over 12 settles the order; otherwise it is ambiguous.
        ("13/02/2025", datetime(2025, 2, 13, tzinfo=UTC), ("date-only",)),
        ("02/13/2025", datetime(2025, 2, 13, tzinfo=UTC), ("date-only",)),
        ("04/04/2020", datetime(2020, 4, 4, tzinfo=UTC), ("date-only",)),
        ("01/02/2025", datetime(2025, 1, 2, tzinfo=UTC), ("ambiguous-date", "date-only")),
        (
            "01.02.2025 10:00 +0100",
            datetime(2025, 1, 2, 10, tzinfo=CET),
            ("ambiguous-date",),
        ),
        (
            "06/20/2014 12:12 PM",
            datetime(2014, 6, 20, 12, 12, tzinfo=UTC),
            ("naive-datetime",),
        ),
        ("2015-09-03 14:01:57 UTC", datetime(2015, 9, 3, 14, 1, 57, tzinfo=UTC), ()),
    ],
)
def test_forms_other_programs_print(text: str, expected: datetime, notes: tuple[str, ...]) -> None:
    parsed, got_notes = parse_datetime(text)
    assert (parsed, parsed.utcoffset(), got_notes) == (expected, expected.utcoffset(), notes)
    assert parsed.tzinfo.__class__ is timezone  # a plain fixed offset, never dateutil's


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("01/02/2025", datetime(2025, 2, 1, tzinfo=UTC)),
        ("01-02-2025 08:30 +0000", datetime(2025, 2, 1, 8, 30, tzinfo=UTC)),
        ("13/02/2025", datetime(2025, 2, 13, tzinfo=UTC)),  # not ambiguous either way
        ("02/13/2025", datetime(2025, 2, 13, tzinfo=UTC)),
        ("2025/01/02", datetime(2025, 1, 2, tzinfo=UTC)),  # year first stays Y-M-D
        ("2025-01-02 10:00 EET", None),
    ],
)
def test_dayfirst(text: str, expected: datetime | None) -> None:
    if expected is None:
        with pytest.raises(ValueError, match="known time zone"):
            parse_datetime(text, dayfirst=True)
        return
    assert parse_datetime(text, dayfirst=True)[0] == expected


@pytest.mark.parametrize(
    "text",
    [
        "0000-00-00",
        "2023-02-30",
        "2017-02-29 11:00:00",
        "0000-00-00 00:00:00",  # WordPress's "no date"
        "2020-01-01 25:00:00",
        "30/02/2023",
        "2024-13-01",
        "Thu Feb 30 2017 00:00:00 GMT+0000 (Coordinated Universal Time)",
    ],
)
def test_a_date_that_does_not_exist_is_impossible(text: str) -> None:
    with pytest.raises(ImpossibleDate, match="expected a date that exists"):
        parse_datetime(text)


@pytest.mark.parametrize("text", ["1/2/25", "31/31/2020", "8 April 2022 (CET)", "GMT+1"])
def test_unreadable_forms_are_errors(text: str) -> None:
    with pytest.raises(ValueError) as info:
        parse_datetime(text)
    assert not isinstance(info.value, ImpossibleDate)


def test_default_timezone_applies_to_naive_times_and_dates() -> None:
    berlin = zone_named("Europe/Berlin")
    winter, notes = parse_datetime("2024-01-15 10:00", default_timezone=berlin)
    assert (winter, winter.utcoffset(), notes) == (
        datetime(2024, 1, 15, 10, tzinfo=CET),
        timedelta(hours=1),
        ("naive-datetime",),
    )
    summer, _ = parse_datetime(datetime(2024, 7, 15, 10), default_timezone=berlin)
    assert summer.utcoffset() == timedelta(hours=2)
    assert summer.tzinfo.__class__ is timezone  # the offset, not the zone object
    midnight, notes = parse_datetime(date(2024, 7, 15), default_timezone=berlin)
    assert (midnight, notes) == (datetime(2024, 7, 15, tzinfo=CEST), ("date-only",))
    # An explicit offset wins over the default zone.
    assert parse_datetime("2024-01-15T10:00:00Z", default_timezone=berlin)[0].tzinfo is UTC


def test_zone_named() -> None:
    assert zone_named("UTC") is UTC
    assert zone_named(CET) is CET
    with pytest.raises(ValueError, match="unknown time zone 'Mars/Olympus'"):
        zone_named("Mars/Olympus")


@pytest.mark.parametrize(
    "text",
    ["Tue Nov 13 2017 00:00:00 GMT+0000 (Coordinated Universal Time)", "Tuesday, 13 Nov 2017"],
)
def test_a_weekday_that_contradicts_the_date_is_an_error(text: str) -> None:
    # 13 November 2017 was a Monday: one of the two is wrong, and we cannot tell which.
    with pytest.raises(ValueError, match="expected a date whose weekday matches"):
        parse_datetime(text)


@pytest.mark.parametrize(
    ("text", "offset", "notes"),
    [
        # 27 October 2024, 03:00 CEST: clocks went back to 02:00, so 02:30 happened twice.
        ("2024-10-27 02:30:00", CEST, ("naive-datetime", "repeated-time")),
        # 31 March 2024, 02:00 CET: clocks went forward to 03:00, so 02:30 never happened.
        ("2024-03-31 02:30:00", CET, ("naive-datetime", "skipped-time")),
        ("2024-03-31 03:30:00", CEST, ("naive-datetime",)),
        ("2024-10-27 03:30:00", CET, ("naive-datetime",)),
    ],
)
def test_wall_times_that_clocks_skip_or_repeat_are_reported(
    text: str, offset: timezone, notes: tuple[str, ...]
) -> None:
    parsed, got = parse_datetime(text, default_timezone=zone_named("Europe/Berlin"))
    assert (parsed.tzinfo, got) == (offset, notes)


def test_messages_show_the_text_as_written() -> None:
    # The date part is rewritten in ISO order before dateutil reads the rest.
    with pytest.raises(ValueError, match=r"known time zone, got '01/02/2025 10:00 EST'"):
        parse_datetime("01/02/2025 10:00 EST")


_DATE_ALPHABET = "0123456789-/.:+ TZGMUCAprilMonNov(),ESTamp"


@given(
    st.text(alphabet=_DATE_ALPHABET, max_size=40) | st.text(max_size=20),
    st.booleans(),
    st.sampled_from([UTC, CET, zone_named("Europe/Berlin"), zone_named("America/New_York")]),
)
def test_text_gives_an_aware_datetime_or_a_value_error(
    text: str, dayfirst: bool, zone: timezone
) -> None:
    try:
        parsed, notes = parse_datetime(text, dayfirst=dayfirst, default_timezone=zone)
    except ValueError:
        return
    assert parsed.utcoffset() is not None
    assert parsed.tzinfo.__class__ is timezone
    assert set(notes) <= {
        "naive-datetime", "date-only", "ambiguous-date", "repeated-time", "skipped-time"
    }  # fmt: skip
