"""Unit tests of newsmeta._yaml.load_yaml / locate: exact values, exact errors."""

from __future__ import annotations

import math
import warnings
from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest

from newsmeta import _yaml
from newsmeta._yaml import SlowYAMLWarning, load_yaml, locate, use_pure_parser
from newsmeta.errors import LimitError, LoadError, StructureError


def value(text: str, **kwargs: Any) -> Any:
    return load_yaml(text, **kwargs)[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 1", {"a": 1}),
        ("a: +12", {"a": 12}),
        ("a: -7", {"a": -7}),
        ("a: 0123", {"a": 123}),  # YAML 1.2: no implicit octal
        ("a: 0o17", {"a": 15}),
        ("a: 0x1F", {"a": 31}),
        ("a: 0X1F", {"a": "0X1F"}),
        ("a: 0b101", {"a": 5}),
        ("a: 1_000", {"a": 1000}),
        ("a: 1e3", {"a": 1000.0}),
        ("a: 1.5", {"a": 1.5}),
        ("a: 0.", {"a": 0.0}),
        ("a: .5", {"a": 0.5}),
        ("a: -.INF", {"a": -math.inf}),
        ("a: .inf", {"a": math.inf}),
        ("a: true", {"a": True}),
        ("a: False", {"a": False}),
        ("a: TRUE", {"a": True}),
        ("a: yes", {"a": "yes"}),  # YAML 1.1 booleans are strings in 1.2
        ("a: no", {"a": "no"}),
        ("a: on", {"a": "on"}),
        ("a: ~", {"a": None}),
        ("a: null", {"a": None}),
        ("a: NULL", {"a": None}),
        ("a:", {"a": None}),
        ("a: '~'", {"a": "~"}),
        ('a: "123"', {"a": "123"}),
        ("a: 12:30:45", {"a": "12:30:45"}),  # no sexagesimal in 1.2
        ("a: 2020-01-02", {"a": date(2020, 1, 2)}),
        ("a: 2020-1-2", {"a": "2020-1-2"}),
        ("a: '2020-01-02'", {"a": "2020-01-02"}),
        ("a: =", None),
        ("=: 1", {"=": 1}),
        ("", None),
        ("# only a comment\n", None),
        ("just text", "just text"),
        ("- a\n- 1\n-\n", ["a", 1, None]),
        ("%YAML 1.1\n---\na: yes\nb: 0123\n", {"a": "yes", "b": 123}),  # like ruamel's C loader
    ],
)
def test_scalars(text: str, expected: Any) -> None:
    if text == "a: =":
        with pytest.raises(LoadError, match=r"tag:yaml\.org,2002:value"):
            value(text)
        return
    got = value(text)
    assert got == expected
    assert type(got) is type(expected)
    if isinstance(expected, dict):
        for key in expected:
            assert type(got[key]) is type(expected[key])


def test_nan() -> None:
    assert math.isnan(value("a: .NaN")["a"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2001-12-14t21:59:43.10-05:00", datetime(2001, 12, 14, 21, 59, 43, 100000,
                                                  timezone(timedelta(hours=-5)))),
        ("2001-12-14 21:59:43.10 -5", datetime(2001, 12, 14, 21, 59, 43, 100000,
                                               timezone(timedelta(hours=-5)))),
        ("2001-12-14T21:59:43Z", datetime(2001, 12, 14, 21, 59, 43, tzinfo=timezone.utc)),
        ("2020-12-07T08:52:06.835428Z", datetime(2020, 12, 7, 8, 52, 6, 835428, timezone.utc)),
        ("2020-01-01T10:00:00+00:00", datetime(2020, 1, 1, 10, tzinfo=timezone.utc)),
        ("2001-12-14 21:59:43", datetime(2001, 12, 14, 21, 59, 43)),
        ("2020-1-2 1:02:03", datetime(2020, 1, 2, 1, 2, 3)),
        ("2001-12-14 21:59:43.1234567", datetime(2001, 12, 14, 21, 59, 43, 123457)),
        ("2001-12-14t21:59:43.9999996Z", datetime(2001, 12, 14, 21, 59, 44, tzinfo=timezone.utc)),
    ],
)  # fmt: skip
def test_timestamps(text: str, expected: datetime) -> None:
    got = value(f"t: {text}")["t"]
    assert type(got) is datetime
    assert got == expected
    assert got.utcoffset() == expected.utcoffset()
    if expected.tzinfo is timezone.utc:
        assert got.tzinfo is timezone.utc  # intentional: ruamel uses timezone(0, 'Z')


@pytest.mark.parametrize("pure", [False, True])
def test_a_timestamp_that_cannot_exist_stays_text_and_is_reported(pure: bool) -> None:
    text = (
        "a: 1\nb: 2023-02-30\nc:\n  - x\n  - 0000-00-00 00:00:00\n"
        "d: {e: !!timestamp 2020-01-01 25:00:00}\n0000-00-00: key\nf: '2023-02-30'\n"
    )
    found: list[Any] = []
    use_pure_parser(pure)
    try:
        loaded, _ = load_yaml(text, impossible_dates=found)
    finally:
        use_pure_parser(False)
    assert loaded == {
        "a": 1,
        "b": "2023-02-30",
        "c": ["x", "0000-00-00 00:00:00"],
        "d": {"e": "2020-01-01 25:00:00"},
        "0000-00-00": "key",
        "f": "2023-02-30",  # quoted: text anyway, nothing to report
    }
    assert found == [
        (("b",), "2023-02-30", 2, 4),
        (("c", 1), "0000-00-00 00:00:00", 5, 5),
        (("d", "e"), "2020-01-01 25:00:00", 6, 8),  # the tag starts the node
        (("0000-00-00",), "0000-00-00", 7, 1),
    ]


def test_a_tagged_timestamp_of_another_shape_is_still_an_error() -> None:
    with pytest.raises(LoadError, match="failed to construct timestamp"):
        value("a: !!timestamp yesterday")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("!!str 1", "1"),
        ("!!int '0x1F'", 31),
        ("!!float '1'", 1.0),
        ("!!float 1_0", 10.0),
        ("!!bool yes", True),
        ("!!bool OFF", False),
        ("!!null abc", None),
        ("!!timestamp 2020-1-2", date(2020, 1, 2)),
        ("!!str", ""),
        ("!<tag:yaml.org,2002:str> 1", "1"),
        ("! 123", 123),
        ('! "123"', 123),  # ruamel resolves the non-specific tag even when quoted
        ("!!map {a: 1}", {"a": 1}),
        ("!!seq [1]", [1]),
    ],
)
def test_explicit_tags(text: str, expected: Any) -> None:
    got = value(text)
    assert got == expected
    assert type(got) is type(expected)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("!!python/object:os.system x", "'tag:yaml.org,2002:python/object:os.system'"),
        ("!!python/object/apply:os.system [ls]", "python/object/apply:os.system"),
        ("!foo 1", "'!foo'"),
        ("a: !foo [1]", "'!foo'"),
        ("!!binary aGVsbG8=", "binary"),
        ("!!set {a, b}", "tag:yaml.org,2002:set"),
        ("!!omap [a: 1]", "tag:yaml.org,2002:omap"),
        ("!!map [1]", "expected a mapping node, but found sequence"),
        ("!!seq {a: 1}", "expected a sequence node, but found mapping"),
        ("!!str [1]", "expected a scalar node"),
        ("!!int abc", "invalid literal for int"),
        ("!!int", "cannot construct ''"),
        ("!!bool maybe", "cannot construct 'maybe'"),
        ("!!merge a", "tag:yaml.org,2002:merge"),
        ("a: <<", "tag:yaml.org,2002:merge"),
        ("-_", "cannot construct '-_'"),
    ],
)
def test_rejected_tags_and_values(text: str, message: str) -> None:
    with pytest.raises(LoadError, match=None) as info:
        value(text)
    assert message in info.value.reason
    assert info.value.line is not None


def test_unknown_tag_never_constructs(tmp_path: Any) -> None:
    marker = tmp_path / "pwned"
    with pytest.raises(LoadError):
        value(f"!!python/object/apply:os.system ['touch {marker}']")
    assert not marker.exists()


def test_anchors_and_aliases() -> None:
    got = value("a: &x [1, 2]\nb: *x\nc: &s hi\nd: *s")
    assert got == {"a": [1, 2], "b": [1, 2], "c": "hi", "d": "hi"}
    assert got["a"] is got["b"]  # shared, not copied


def test_anchor_errors() -> None:
    with pytest.raises(LoadError, match="undefined alias 'nope'") as info:
        value("a: *nope")
    assert (info.value.line, info.value.column) == (1, 4)
    with pytest.raises(LoadError, match="duplicate anchor 'x'"):
        value("a: &x 1\nb: &x 2")
    with pytest.raises(LimitError, match="refers to its own anchor"):
        value("a: &a [*a]")


def test_merge_keys() -> None:
    assert value("base: &b {a: 1, b: 1}\nx:\n  <<: *b\n  b: 2")["x"] == {"a": 1, "b": 2}
    got = value("<<: [{a: 1, b: 1}, {a: 2, c: 2}]\na: 3")
    assert got == {"a": 3, "b": 1, "c": 2}
    assert value('"<<": 1') == {"<<": 1}  # quoted: an ordinary key


@pytest.mark.parametrize(
    ("text", "error", "message"),
    [
        ("<<: 1", LoadError, "expected a mapping or list of mappings for merging"),
        ("<<: [1]", LoadError, "expected a mapping for merging, but found scalar"),
        ("<<: {a: 1}\n<<: {b: 2}", StructureError, 'duplicate merge key "<<"'),
    ],
)
def test_merge_errors(text: str, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        value(text)


def test_duplicate_key_error() -> None:
    with pytest.raises(StructureError) as info:
        value("a: 1\nb: 2\na: 3")
    assert info.value.reason == "duplicate key 'a' (first 2 lines above)"
    assert (info.value.line, info.value.column) == (3, 1)


def test_duplicate_key_last() -> None:
    got, duplicates = load_yaml("a: 1\nb:\n  c: 1\n  c: 2\na: 3", duplicate_keys="last")
    assert got == {"a": 3, "b": {"c": 2}}  # intentional: ruamel keeps the first value
    assert duplicates == (("c", 4, 3), ("a", 5, 1))


def test_non_string_keys() -> None:
    assert value("1: a\n2020-01-02: b\n? [a, b]\n: c") == {
        1: "a",
        date(2020, 1, 2): "b",
        ("a", "b"): "c",
    }
    with pytest.raises(StructureError, match="unhashable mapping key"):
        value("? {a: 1}\n: 1")
    with pytest.raises(StructureError, match="unhashable mapping key"):
        value("? [[a]]\n: 1")


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("a: [1, 2\n", (2, 1)),
        ("a: b: c", (1, 5)),
        ("a:\n  - b\n c: d", (3, 2)),
        ("a: 1\n---\nb: 2", (2, 1)),
        ("x: \x01", (1, 4)),
        ("a: '\ud800'", None),
    ],
)
def test_syntax_errors(text: str, position: tuple[int, int] | None) -> None:
    with pytest.raises(LoadError) as info:
        value(text)
    if position is not None:
        assert (info.value.line, info.value.column) == position
    if "---" not in text:  # a second document is our own check, with no cause
        assert info.value.__cause__ is not None


def test_limits() -> None:
    with pytest.raises(LimitError, match="nesting deeper than 3 levels"):
        value("a: {b: {c: {d: 1}}}", max_depth=3)
    assert value("a: {b: {c: 1}}", max_depth=3) == {"a": {"b": {"c": 1}}}
    with pytest.raises(LimitError, match="through alias 'x'"):
        value("x: &x {b: {c: 1}}\ny: {z: *x}", max_depth=3)
    with pytest.raises(LimitError, match="more than 5 nodes"):
        value("a: &a [1, 2]\nb: [*a, *a]", max_alias_expansion=5)
    assert value("a: &a [1, 2]\nb: [*a]", max_alias_expansion=5)["b"] == [[1, 2]]


def test_locate() -> None:
    text = "a: 1\nb:\n  c: [x, y]\n"
    assert locate(text, ["b", "c"]) == (3, 3)
    assert locate(text, ["b", "c", 1]) == (3, 10)
    assert locate(text, ["a"]) == (1, 1)
    assert locate(text, ["nope"]) is None
    assert locate("a: [1", ["a"]) is None
    assert locate("[" * 300 + "]" * 300, ["a", 0]) is None  # wrong path kind: no raise


def test_pure_fallback_same_results_and_warns_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # Block style: ruamel's pure scanner rejects ':' inside plain scalars in flow context.
    text = "a: &x\n- 1\n- 2.5\n- true\n- ~\n- 2020-01-02\n- 2001-12-14T21:59:43Z\nb: *x\n"
    text += "<<: {m: 1}\nc: !!int '7'\n"
    expected = value(text)
    monkeypatch.setattr(_yaml, "_warned_pure", False)
    _yaml.use_pure_parser(True)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            assert value(text) == expected
            assert value(text) == expected
            with pytest.raises(LoadError):
                value("a: [1")
    finally:
        _yaml.use_pure_parser(False)
    slow = [w for w in caught if issubclass(w.category, SlowYAMLWarning)]
    assert len(slow) == 1
    assert "C extension" in str(slow[0].message)
    assert issubclass(SlowYAMLWarning, RuntimeWarning)


def test_a_colon_inside_a_flow_plain_scalar_is_read_as_yaml_1_2_allows() -> None:
    # libyaml refuses it; ruamel's pure parser (and YAML 1.2) read it as text.
    assert load_yaml("images: [https://a.test/a.jpg, b]")[0] == {
        "images": ["https://a.test/a.jpg", "b"]
    }


def test_an_escaped_surrogate_pair_is_one_character() -> None:
    # The flow sequence with ':' sends this document to ruamel's pure parser.
    text = 'd: [2024-01-02T03:04:05Z]\nt: "\\ud83d\\ude00"'
    assert load_yaml(text)[0]["t"] == "\U0001f600"
