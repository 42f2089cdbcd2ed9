"""Dates through the whole pipeline: impossible dates, ambiguous dates, the default zone."""

from __future__ import annotations

import pickle
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

import newsmeta
from newsmeta import _yaml
from newsmeta.errors import FieldError

UTC = timezone.utc


@pytest.fixture(params=["fast path", "general path"])
def yaml_path(request: pytest.FixtureRequest) -> Iterator[str]:
    """Run a test on both YAML paths: they must agree."""
    _yaml.use_simple_path(request.param == "fast path")
    try:
        yield str(request.param)
    finally:
        _yaml.use_simple_path(True)


def test_an_impossible_yaml_date_is_kept_as_text_and_the_file_parses(yaml_path: str) -> None:
    article = newsmeta.parse(
        "---\ntitle: Placeholder\ndate: 0000-00-00\ntags: [a]\n---\nBody\n", path="a.md"
    )
    assert (article.title, article.published, article.tags) == ("Placeholder", None, ("a",))
    assert article.extra == {"date": "0000-00-00"}
    assert article.provenance == {"title": "title", "tags": "tags"}  # published took nothing
    assert [(d.code, d.key, d.line, d.message) for d in article.diagnostics] == [
        (
            "invalid-date",
            "date",
            3,
            "'date' is '0000-00-00', a date that does not exist; kept in extra",
        )
    ]


def test_an_impossible_date_outside_any_field_is_reported_where_it_is(yaml_path: str) -> None:
    article = newsmeta.parse(
        "---\ntitle: T\nmeta:\n  expires: 2023-02-30\n  seen:\n    - 2020-01-01 25:00:00\n---\n"
    )
    assert article.extra == {"meta": {"expires": "2023-02-30", "seen": ["2020-01-01 25:00:00"]}}
    assert [(d.code, d.key, d.line, d.column, d.message) for d in article.diagnostics] == [
        (
            "invalid-date",
            "meta.expires",
            4,
            12,
            "'meta.expires' is '2023-02-30', a date that does not exist; kept as text",
        ),
        (
            "invalid-date",
            "meta.seen.0",
            6,
            7,
            "'meta.seen.0' is '2020-01-01 25:00:00', a date that does not exist; kept as text",
        ),
    ]


def test_wordpress_zero_datetime_and_a_jekyll_leap_day_that_is_not() -> None:
    text = "---\ntitle: T\ndate: 2017-02-29 11:00:00\nlastmod: '0000-00-00 00:00:00'\n---\n"
    article = newsmeta.parse(text)
    assert (article.published, article.updated) == (None, None)
    assert article.extra == {"date": "2017-02-29 11:00:00", "lastmod": "0000-00-00 00:00:00"}
    assert [(d.code, d.key) for d in article.diagnostics] == [
        ("invalid-date", "date"),
        ("invalid-date", "lastmod"),
    ]


def test_impossible_dates_in_json_and_toml_text_fields_too() -> None:
    article = newsmeta.parse('{"title": "T", "date": "2023-02-30"}\n')
    assert (article.published, article.extra) == (None, {"date": "2023-02-30"})
    assert [d.code for d in article.diagnostics] == ["invalid-date"]
    article = newsmeta.parse('+++\ntitle = "T"\ndate = "0000-00-00"\n+++\n')
    assert (article.published, article.extra) == (None, {"date": "0000-00-00"})


def test_strict_refuses_an_impossible_date() -> None:
    with pytest.raises(FieldError) as info:
        newsmeta.Parser(strict=True).parse("---\ntitle: T\ndate: 0000-00-00\n---\n", path="a.md")
    assert str(info.value) == (
        "a.md:3:1: 'date' is '0000-00-00', a date that does not exist; kept in extra (strict)"
    )


def test_a_date_that_is_not_a_date_at_all_is_still_a_field_error() -> None:
    with pytest.raises(FieldError, match=r"'date' is not a date: '1/2/25'"):
        newsmeta.parse("---\ntitle: T\ndate: 1/2/25\n---\n")


def test_ambiguous_dates_are_reported_and_follow_dayfirst() -> None:
    text = "---\ntitle: T\ndate: 01/02/2025\n---\n"
    article = newsmeta.parse(text)
    assert article.published == datetime(2025, 1, 2, tzinfo=UTC)
    assert [(d.code, d.message) for d in article.diagnostics] == [
        (
            "ambiguous-date",
            "'date' '01/02/2025' could be day/month or month/day; read month first "
            "(Parser(dayfirst=True) for the other)",
        ),
        ("date-only", "'date' '01/02/2025' has no time; taken as midnight UTC"),
    ]
    article = newsmeta.Parser(dayfirst=True).parse(text)
    assert article.published == datetime(2025, 2, 1, tzinfo=UTC)
    assert "read day first (Parser(dayfirst=False) for the other)" in article.diagnostics[0].message
    # A day over 12 settles the order: no diagnostic about it.
    article = newsmeta.parse("---\ntitle: T\ndate: 13/02/2025 10:00:00 +0000\n---\n")
    assert (article.published, article.diagnostics) == (datetime(2025, 2, 13, 10, tzinfo=UTC), ())


def test_default_timezone_places_naive_times_and_still_says_so() -> None:
    parser = newsmeta.Parser(default_timezone="Europe/Berlin")
    text = "---\ntitle: T\ndate: 2024-07-01 10:00:00\nlastmod: 2024-01-15\n---\n"
    article = parser.parse(text)
    assert article.published == datetime(2024, 7, 1, 8, tzinfo=UTC)
    assert article.published.utcoffset() == timedelta(hours=2)
    assert article.updated == datetime(2024, 1, 14, 23, tzinfo=UTC)
    assert [d.message for d in article.diagnostics] == [
        "'date' '2024-07-01 10:00:00' has no time zone; taken as Europe/Berlin",
        "'lastmod' '2024-01-15' has no time; taken as midnight Europe/Berlin",
    ]
    # An explicit offset wins; the parser pickles for worker processes.
    assert parser.parse("---\ntitle: T\ndate: 2024-07-01T10:00:00Z\n---\n").diagnostics == ()
    assert pickle.loads(pickle.dumps(parser)).default_timezone == parser.default_timezone


def test_a_repeated_wall_time_in_the_default_zone_is_reported() -> None:
    parser = newsmeta.Parser(default_timezone="Europe/Berlin")
    article = parser.parse("---\ntitle: T\ndate: 2024-10-27 02:30:00\n---\n")
    assert article.published == datetime(2024, 10, 27, 0, 30, tzinfo=UTC)
    assert [(d.code, d.message) for d in article.diagnostics][1] == (
        "ambiguous-time",
        "'date' '2024-10-27 02:30:00' happened twice in Europe/Berlin (clocks went back); "
        "the first was taken",
    )


def test_date_options_are_checked() -> None:
    with pytest.raises(ValueError, match="unknown time zone 'Mars/Olympus'"):
        newsmeta.Parser(default_timezone="Mars/Olympus")
    with pytest.raises(TypeError, match="dayfirst must be True or False, not 'yes'"):
        newsmeta.Parser(dayfirst="yes")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            "Mon Nov 13 2017 00:00:00 GMT+0000 (Coordinated Universal Time)",
            datetime(2017, 11, 13, tzinfo=UTC),
        ),
        ("April 8, 2022", datetime(2022, 4, 8, tzinfo=UTC)),
        ("2016-09-21 12:22:29+00:00", datetime(2016, 9, 21, 12, 22, 29, tzinfo=UTC)),
        ("2014-06-20 12:12", datetime(2014, 6, 20, 12, 12, tzinfo=UTC)),
    ],
)
def test_issue_forms_through_parse(value: str, expected: datetime) -> None:
    article = newsmeta.parse(f"---\ntitle: T\ndate: '{value}'\n---\n")
    assert article.published == expected


def test_import_newsmeta_compiles_no_date_or_byline_rules() -> None:
    # Most documents never need them: they load on first use, not with the package.
    code = (
        "import sys, newsmeta\n"
        "print(sorted(m for m in ('newsmeta._dates_text', 'newsmeta.bylines', 'dateutil', "
        "'zoneinfo') if m in sys.modules))"
    )
    root = Path(__file__).resolve().parents[1]
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root
    )
    assert run.stdout == "[]\n"
