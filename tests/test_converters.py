"""Rule converters decide: a value they do not accept falls through to the next path.

`date` refuses text that is no date ('8 mins'): the next path is tried and the
key stays in `extra`; only when no path gives a date is the refused value
reported, so a bad date never vanishes silently.  `pattern` reads a date or a
piece of text out of another value with a regular expression.
"""

from __future__ import annotations

import pickle
from datetime import datetime, timezone
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import newsmeta
from newsmeta import AdapterError, AdapterFileError, MappingAdapter, Parser, Rule

DATE_IN_PATH = r"(?P<year>\d{4})/(?P<month>\d{1,2})/(?P<day>\d{1,2})/"


def _parser(*rules: Rule) -> Parser:
    return Parser([MappingAdapter("t", (Rule("title", ("title",)), *rules), signature={"k": 1})])


def _parse(parser: Parser, front: str) -> newsmeta.Article:
    return parser.parse(f"---\nk: 1\ntitle: T\n{front}---\n", dialect="t")


def test_a_date_converter_passes_over_text_that_is_no_date() -> None:
    parser = _parser(Rule("published", ("read_time", "publish_date"), convert="date"))
    article = _parse(parser, "read_time: 8 mins\npublish_date: 2024-05-01T09:30:00Z\n")
    assert article.published == datetime(2024, 5, 1, 9, 30, tzinfo=timezone.utc)
    assert article.provenance["published"] == "publish_date"
    assert article.extra == {"k": 1, "read_time": "8 mins"}


@pytest.mark.parametrize(
    "value", ["8 mins", "'8'", "3", "[1, 2]", "{a: 1}", "'2024'", "'next week'"]
)
def test_when_no_path_gives_a_date_the_first_refused_value_is_reported(value: str) -> None:
    parser = _parser(Rule("published", ("read_time", "publish_date"), convert="date"))
    with pytest.raises(newsmeta.FieldError) as caught:
        _parse(parser, f"read_time: {value}\n")
    assert str(caught.value).startswith("<string>:4:1: 'read_time' is not a date: ")


def test_a_boolean_is_passed_over_silently_and_stays_in_extra() -> None:
    parser = _parser(Rule("published", ("published", "date"), convert="date"))
    article = _parse(parser, "published: false\n")
    assert article.published is None
    assert article.extra == {"k": 1, "published": False}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1714552200", datetime(2024, 5, 1, 8, 30, tzinfo=timezone.utc)),
        ("1714552200000", datetime(2024, 5, 1, 8, 30, tzinfo=timezone.utc)),
        ("[2024-05-01T08:30:00Z]", datetime(2024, 5, 1, 8, 30, tzinfo=timezone.utc)),
        ("'1 May 2024 08:30 +00:00'", datetime(2024, 5, 1, 8, 30, tzinfo=timezone.utc)),
    ],
)
def test_the_date_converter_accepts_unix_time_lists_of_one_and_date_text(
    value: str, expected: datetime
) -> None:
    parser = _parser(Rule("published", ("when",), convert="date"))
    assert _parse(parser, f"when: {value}\n").published == expected


def test_the_generic_fallback_still_reports_a_bad_date() -> None:
    with pytest.raises(newsmeta.FieldError) as caught:
        newsmeta.parse("---\ntitle: Hi\ndate: yesterday\n---\n", path="a.md")
    assert str(caught.value) == "a.md:3:1: 'date' is not a date: 'yesterday'"


def test_a_later_valid_date_wins_over_an_earlier_bad_one_in_generic() -> None:
    article = newsmeta.parse("---\ntitle: Hi\ndate: soon\npubDate: 2024-05-01\n---\n")
    assert article.provenance["published"] == "pubDate"
    assert article.extra == {"date": "soon"}


def test_a_date_pattern_reads_the_date_inside_a_path() -> None:
    parser = _parser(Rule("published", ("path",), pattern=DATE_IN_PATH))
    article = _parse(parser, "path: 2014/12/12/some-post\n")
    assert article.published == datetime(2014, 12, 12, tzinfo=timezone.utc)
    assert article.provenance["published"] == "path"
    assert [d.code for d in article.diagnostics] == ["date-only"]
    assert article.extra == {"k": 1}


@pytest.mark.parametrize("value", ["about/us", "2014/13/45/bad-month", "42", "[a, b]"])
def test_no_match_or_an_impossible_day_moves_on_to_the_next_path(value: str) -> None:
    parser = _parser(
        Rule("published", ("path",), pattern=DATE_IN_PATH), Rule("published", ("date",))
    )
    article = _parse(parser, f"path: {value}\ndate: 2020-01-02T00:00:00Z\n")
    assert article.provenance["published"] == "date"
    assert "path" in article.extra


def test_a_one_group_pattern_gives_text() -> None:
    parser = _parser(
        Rule("slug", ("permalink",), pattern=r"/posts/([^/]+)/?$"), Rule("slug", ("slug",))
    )
    assert _parse(parser, "permalink: /posts/hello-world/\n").slug == "hello-world"
    article = _parse(parser, "permalink: /about/\nslug: fallback\n")
    assert (article.slug, article.extra["permalink"]) == ("fallback", "/about/")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda: Rule("published", ("path",), pattern="(?P<year>\\d{4}"),
            "pattern '(?P<year>\\\\d{4}' for 'published' is not a valid regular expression: "
            "missing ), unterminated subpattern at position 0",
        ),
        (
            lambda: Rule("slug", ("path",), pattern="(a)(b)"),
            "pattern '(a)(b)' for 'slug' has 2 groups; expected named groups year, month "
            "and day (a date) or exactly one group (text)",
        ),
        (
            lambda: Rule("title", ("path",), pattern=DATE_IN_PATH),
            f"pattern {DATE_IN_PATH!r} gives a date (groups year, month, day), which does "
            "not fit 'title'; it fits: published, updated",
        ),
        (
            lambda: Rule("published", ("path",), convert="pattern"),
            "pattern for 'published' must be a non-empty regular expression",
        ),
        (
            lambda: Rule("published", ("path",), convert="date", pattern=DATE_IN_PATH),
            "rule for 'published' has both converter 'date' and a pattern; "
            "a pattern is a converter of its own",
        ),
        (
            lambda: Rule("related", ("path",), pattern="(x)"),
            "converter 'pattern' does not fit 'related'; it fits: title, summary, url, links, "
            "aliases, slug, published, updated, authors, source, source.name, source.domain, "
            "source.url, source.images, tags, categories, images, kind, is_draft, language",
        ),
    ],
)
def test_pattern_mistakes_are_refused_when_the_rule_is_made(make: object, message: str) -> None:
    with pytest.raises(AdapterError) as caught:
        make()  # type: ignore[operator]
    assert str(caught.value) == message


def test_a_bad_pattern_in_a_mapping_file_names_its_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(
        "name: a\nsignature: {k: 1}\nfields:\n  published:\n"
        "    paths: [path]\n    pattern: '(?P<year>\\d{4}'\n"
    )
    with pytest.raises(AdapterFileError) as caught:
        newsmeta.load_adapter(path)
    assert str(caught.value) == (
        f"{path}:6:5: pattern '(?P<year>\\\\d{{4}}' for 'published' is not a valid regular "
        "expression: missing ), unterminated subpattern at position 0"
    )


def test_a_pattern_rule_from_a_file_reads_like_one_made_in_python(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    path.write_text(
        'name = "a"\nsignature = { k = 1 }\n[fields]\ntitle = ["title"]\n'
        f"published = {{ paths = [\"path\"], pattern = '{DATE_IN_PATH}' }}\n"
    )
    adapter = newsmeta.load_adapter(path)
    assert adapter.rules[1] == Rule("published", ("path",), pattern=DATE_IN_PATH)
    article = Parser([adapter]).parse('+++\ntitle = "T"\npath = "2014/1/5/x"\nk = 1\n+++\n')
    assert article.published == datetime(2014, 1, 5, tzinfo=timezone.utc)


def test_an_adapter_with_a_pattern_survives_pickling_for_workers() -> None:
    adapter = MappingAdapter(
        "p",
        (Rule("title", ("title",)), Rule("published", ("path",), pattern=DATE_IN_PATH)),
        signature={"path": 1},
    )
    copy = pickle.loads(pickle.dumps(adapter))
    mapping = {"title": "T", "path": "2014/12/12/x", "other": 1}
    assert copy.normalize(mapping) == adapter.normalize(mapping)
    results = list(
        newsmeta.parse_many(
            [("a.md", "---\ntitle: T\npath: 2014/12/12/x\n---\n")] * 3,
            parser=Parser([copy]),
            workers=2,
        )
    )
    assert [r.article.published.year for r in results if r.article] == [2014] * 3


_DATE_LIKE = st.one_of(
    st.text(max_size=30),
    st.datetimes().map(str),
    st.dates().map(str),
    st.datetimes(timezones=st.just(timezone.utc)).map(lambda d: d.isoformat()),
    st.integers(-(10**13), 10**13),
    st.floats(allow_nan=True),
    st.booleans(),
    st.dates(),
    st.datetimes(),
)


@given(st.one_of(_DATE_LIKE, st.lists(_DATE_LIKE, max_size=2)))
@example("2023-02-30")
@example("0000-00-00")
def test_the_date_converter_accepts_exactly_what_the_core_reads_as_a_date(value: object) -> None:
    from newsmeta._coerce import NOTES, Invalid, hooks_for_fields
    from newsmeta._converters import _CONVERTER_FUNCTIONS, converter_accepts

    hook = hooks_for_fields()["published"]
    token = NOTES.set([])
    try:
        if converter_accepts("date", value):
            # a date, or one that cannot exist, kept with an invalid-date note
            hook(_CONVERTER_FUNCTIONS["date"](value), None)
        else:
            with pytest.raises(Invalid):
                hook(value, None)
    finally:
        NOTES.reset(token)
