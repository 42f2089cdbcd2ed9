"""Rules of a MappingAdapter: converters, list paths, path validation, nothing lost."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import pytest

import newsmeta
from newsmeta import AdapterError, MappingAdapter, Rule


def _adapter(*rules: Rule) -> MappingAdapter:
    return MappingAdapter("t", rules, signature={"k": 1.0})


def _normalize(mapping: dict[str, Any], *rules: Rule) -> newsmeta.Normalized:
    return _adapter(*rules).normalize(mapping)


# -- converters ----------------------------------------------------------------


def test_not_negates_booleans_and_boolean_words() -> None:
    rule = Rule("is_draft", ("live",), convert="not")
    assert _normalize({"live": True}, rule).fields == {"is_draft": False}
    assert _normalize({"live": "no"}, rule).fields == {"is_draft": True}


def test_not_skips_a_value_that_is_no_boolean_and_keeps_it_in_extra() -> None:
    normalized = _normalize({"live": "2024-01-01"}, Rule("is_draft", ("live",), convert="not"))
    assert normalized.fields == {}
    assert normalized.extra == {"live": "2024-01-01"}


def test_date_reads_unix_seconds_and_milliseconds() -> None:
    rule = Rule("published", ("t",), convert="date")
    expected = datetime(2024, 5, 1, 8, tzinfo=timezone.utc)
    assert _normalize({"t": 1714550400}, rule).fields["published"] == expected
    assert _normalize({"t": 1714550400000}, rule).fields["published"] == expected


def test_date_leaves_small_numbers_and_text_to_date_parsing() -> None:
    rule = Rule("published", ("t",), convert="date")
    assert _normalize({"t": 2013}, rule).fields == {"published": 2013}
    assert _normalize({"t": "2013-05-06"}, rule).fields == {"published": "2013-05-06"}


def test_date_skips_a_boolean_so_the_next_path_is_tried() -> None:
    rule = Rule("published", ("published", "date"), convert="date")
    normalized = _normalize({"published": False, "date": "2020-01-01"}, rule)
    assert normalized.fields == {"published": "2020-01-01"}
    assert normalized.provenance == {"published": "date"}
    assert normalized.extra == {"published": False}


def test_url_strips_and_accepts_only_absolute_http_urls() -> None:
    rule = Rule("url", ("a", "b"), convert="url")
    assert _normalize({"a": " <https://x.test/a> "}, rule).fields == {"url": "https://x.test/a"}
    normalized = _normalize({"a": "/local/path", "b": "http://x.test/b"}, rule)
    assert normalized.fields == {"url": "http://x.test/b"}
    assert normalized.extra == {"a": "/local/path"}


def test_url_on_a_list_matches_only_when_every_item_is_a_url() -> None:
    rule = Rule("links", ("l",), convert="url")
    assert _normalize({"l": ["https://a.test", " https://b.test "]}, rule).fields == {
        "links": ["https://a.test", "https://b.test"]
    }
    assert _normalize({"l": ["https://a.test", "nope"]}, rule).fields == {}


def test_list_wraps_a_scalar_and_splits_text_on_commas() -> None:
    rule = Rule("tags", ("k",), convert="list")
    assert _normalize({"k": "a, b ,,c"}, rule).fields == {"tags": ["a", "b", "c"]}
    assert _normalize({"k": 2013}, rule).fields == {"tags": [2013]}
    assert _normalize({"k": ["x, y"]}, rule).fields == {"tags": ["x, y"]}


def test_converters_change_what_an_article_gets() -> None:
    adapter = MappingAdapter(
        "c",
        (
            Rule("title", ("t",)),
            Rule("tags", ("k",), convert="list"),
            Rule("published", ("p",), convert="date"),
        ),
        signature={"t": 1.0},
    )
    text = "---\nt: T\nk: a, b\np: 1714550400\n---\n"
    article = newsmeta.Parser([adapter], builtins=False).parse(text)
    assert article.tags == ("a", "b")
    assert article.published == datetime(2024, 5, 1, 8, tzinfo=timezone.utc)


# -- list paths ----------------------------------------------------------------


def test_each_item_path_collects_and_leaves_the_rest_of_each_item_in_extra() -> None:
    mapping = {
        "media": [
            {"url": "https://a.test/1.jpg", "credit": "A"},
            {"credit": "no url"},
            {"url": "https://a.test/2.jpg"},
        ]
    }
    normalized = _normalize(mapping, Rule("images", ("media[].url",)))
    assert normalized.fields == {"images": ["https://a.test/1.jpg", "https://a.test/2.jpg"]}
    assert normalized.provenance == {"images": "media[].url"}
    assert normalized.extra == {"media": [{"credit": "A"}, {"credit": "no url"}, None]}


def test_each_item_path_without_any_value_does_not_match() -> None:
    normalized = _normalize({"media": [{"credit": "A"}]}, Rule("images", ("media[].url",)))
    assert normalized.fields == {}
    assert normalized.extra == {"media": [{"credit": "A"}]}


def test_signature_may_use_nested_and_each_item_paths() -> None:
    adapter = MappingAdapter("s", (Rule("title", ("t",)),), signature={"a.b": 1, "c[].d": 1})
    assert adapter.voters({"a": {"b": 1}, "c": [{"d": 1}]}) == ("a.b", "c[].d")
    assert adapter.score({"a": {"b": 1}, "c": [{"e": 1}]}) == 0.5


# -- validation ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        (
            lambda: Rule("title", ("a..b",)),
            "invalid key path 'a..b' for 'title': expected keys joined by '.', "
            "each optionally followed by [0] or []",
        ),
        (
            lambda: Rule("images", ("a[].b[].c",)),
            "invalid key path 'a[].b[].c' for 'images': at most one '[]' is allowed",
        ),
        (
            lambda: Rule("title", ("t",), convert="date"),
            "converter 'date' does not fit 'title'; it fits: published, updated",
        ),
        (
            lambda: Rule("title", ("t",), convert="list"),
            "converter 'list' does not fit 'title'; it fits: links, aliases, authors, "
            "source.images, tags, categories, images",
        ),
        (
            lambda: Rule("is_draft", ("t",), convert="nope"),
            "unknown converter 'nope' for 'is_draft'; "
            "expected one of: date, list, not, pattern, url",
        ),
        (lambda: Rule("title", ()), "rule for 'title' names no source keys"),
    ],
)
def test_invalid_rules_are_rejected_with_a_clear_message(rule: Any, message: str) -> None:
    with pytest.raises(AdapterError) as caught:
        rule()
    assert str(caught.value) == message
