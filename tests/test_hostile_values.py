"""Issue 10: hostile values and arguments keep the promise "only NewsmetaError, nothing lost".

One test (or parametrised group) per item: #1 integers too long to write in decimal,
#7 bad arguments, #8 values an adapter's converter cannot use, #14 JSON duplicate keys,
#17 NEL/LS/PS as ordinary characters (YAML 1.2).  Adapter contract (#16) and item
fields (#15) have their own modules.
"""

from __future__ import annotations

import array
import json
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

import newsmeta
from newsmeta import (
    AdapterFileError,
    FieldError,
    LoadError,
    Parser,
    SourceError,
    StructureError,
    _yaml,
)
from newsmeta._yaml_simple import load_simple

HEX = "0x" + "F" * 4000  # 4,000 hex digits: about 4,817 decimal digits
TOO_LONG = (
    "integer longer than 4300 decimal digits; expected at most 4300 (sys.set_int_max_str_digits)"
)


@pytest.fixture(params=["fast path", "C parser", "pure parser"])
def yaml_path(request: pytest.FixtureRequest) -> Iterator[str]:
    """Run a test with the line-based YAML fast path, then with the general path on
    ruamel's C parser's events, then on its pure-Python parser's events."""
    _yaml.use_simple_path(request.param == "fast path")
    _yaml.use_pure_parser(request.param == "pure parser")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", _yaml.SlowYAMLWarning)
            yield request.param
    finally:
        _yaml.use_simple_path(True)
        _yaml.use_pure_parser(False)


# -- #1: hex, octal and binary integers over 4,300 decimal digits ---------------------


@pytest.mark.parametrize(
    ("document", "where", "shown"),
    [
        (f"---\ntitle: {HEX}\n---\n", "2:8", HEX[:57]),
        (f"---\ntitle: T\ntags: {HEX}\n---\n", "3:7", HEX[:57]),
        (f"---\ntitle: T\ndescription: {HEX}\n---\n", "3:14", HEX[:57]),
        (f"---\ntitle: T\ndraft: {HEX}\n---\n", "3:8", HEX[:57]),
        (f"---\ntitle: T\ntags: [a, -0o{'7' * 5000}]\n---\n", "3:11", "-0o" + "7" * 54),
        (f"---\ntitle: T\nn: !!int 0b{'1' * 15000}\n---\n", "3:4", "0b" + "1" * 55),
        # the hugo date of the issue: the message used to fail while being built
        (f"---\ntitle: T\nlink: x\nmdName: y\ndate: {HEX}\n---\n", "5:7", HEX[:57]),
        (f"---\ntitle: T\nn: {'9' * 5000}\n---\n", "3:4", "9" * 57),
    ],
)
def test_integers_too_long_for_decimal_are_a_load_error(
    yaml_path: str, document: str, where: str, shown: str
) -> None:
    with pytest.raises(LoadError) as caught:
        newsmeta.parse(document)
    assert str(caught.value) == f"<string>:{where}: cannot construct '{shown}...': {TOO_LONG}"


def test_the_fast_path_leaves_a_too_long_integer_to_the_general_path() -> None:
    assert load_simple(f"title: {HEX}\n") is None
    assert load_simple("title: 0xFF\n") == {"title": 255}


def test_the_longest_writable_hex_integer_still_loads() -> None:
    # 3,571 hex digits are 4,300 decimal digits: the limit itself is fine.
    article = newsmeta.parse(f"---\ntitle: T\nn: 0x{'F' * 3571}\n---\n")
    assert len(str(article.extra["n"])) == 4300
    assert json.loads(json.dumps(newsmeta.to_dict(article)))["extra"]["n"] == article.extra["n"]


def test_toml_hex_integers_too_long_for_decimal_are_a_load_error() -> None:
    with pytest.raises(LoadError) as caught:
        newsmeta.parse(f"+++\ntitle = 'T'\nn = {HEX}\n+++\n", path="a.md")
    assert str(caught.value) == f"a.md:3:5: invalid TOML: {TOO_LONG}"
    # The same characters inside a string are just text.
    assert newsmeta.parse(f"+++\ntitle = 'T'\nn = '{HEX}'\n+++\n").extra == {"n": HEX}
    # A decimal one is worded the same (tomllib's own ValueError had no position).
    with pytest.raises(LoadError) as caught:
        newsmeta.parse(f"+++\ntitle = 'T'\nn = 1_{'9' * 5000}\n+++\n", path="a.md")
    assert str(caught.value) == f"a.md:3:5: invalid TOML: {TOO_LONG}"


def test_json_integers_too_long_are_a_load_error_at_their_place() -> None:
    text = '{"title": "T",\n "s": "1 ' + "9" * 5000 + '",\n "n": -' + "9" * 5000 + "}\n"
    with pytest.raises(LoadError) as caught:
        newsmeta.parse(text)
    assert str(caught.value) == f"<string>:3:7: invalid JSON: {TOO_LONG}"


def test_messages_about_an_integer_too_long_for_decimal_can_still_be_built() -> None:
    # Loaders refuse such integers and the adapter contract refuses them from class
    # adapters; the messages do not rely on either.
    from newsmeta._coerce import Invalid, hooks_for_fields

    hooks = hooks_for_fields()
    with pytest.raises(Invalid, match=r"^is not a date: a 16001-bit integer$"):
        hooks["published"](16**4000, None)
    with pytest.raises(Invalid, match=r"^is a number too long to write as text; expected text$"):
        hooks["title"](16**4000, None)


# -- #7: bad arguments ---------------------------------------------------------------

DOC = b"---\ntitle: Bytes-like\n---\nBody\n"


@pytest.mark.parametrize(
    "data",
    [bytearray(DOC), memoryview(DOC), array.array("B", DOC), memoryview(b"xx" + DOC)[2:]],
    ids=["bytearray", "memoryview", "array", "memoryview slice"],
)
def test_bytes_like_objects_parse_like_bytes(data: object) -> None:
    assert newsmeta.parse(data) == newsmeta.parse(DOC)  # type: ignore[arg-type]
    assert newsmeta.detect(data).chosen == "generic"  # type: ignore[arg-type]


def test_bytes_like_input_reaches_the_repairs_that_read_the_text_again() -> None:
    repairing = Parser(repair=True)
    article = repairing.parse(memoryview(b"---\ntitle: Left open\n\nThe body.\n"))
    assert (article.title, article.body) == ("Left open", "The body.\n")


def test_a_nul_in_a_file_path_is_a_source_error() -> None:
    with pytest.raises(SourceError) as caught:
        newsmeta.parse_file("a\0b.md")
    assert caught.value.reason == (
        "file path contains a NUL character (U+0000); expected a path without NUL"
    )
    assert caught.value.path == "a\0b.md"
    with pytest.raises(AdapterFileError) as adapter_error:
        newsmeta.load_adapter("a\0b.yaml")
    assert adapter_error.value.reason == caught.value.reason


TEXT_TYPE = "argument 'text' must be str or a bytes-like object, not "
PATH_TYPE = "argument 'path' must be str, bytes or os.PathLike"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: newsmeta.parse(None), TEXT_TYPE + "NoneType"),
        (lambda: newsmeta.parse(12), TEXT_TYPE + "int"),
        (lambda: newsmeta.parse("x", path=3), PATH_TYPE + " or None, not int"),
        (lambda: newsmeta.parse("x", dialect=3), "argument 'dialect' must be str or None, not int"),
        (lambda: newsmeta.parse_file(None), PATH_TYPE + ", not NoneType"),
        (
            lambda: newsmeta.parse_file("a.md", dialect=b"hugo"),
            "argument 'dialect' must be str or None, not bytes",
        ),
        (
            lambda: newsmeta.detect(None),
            "argument 'source' must be str or a bytes-like object, not NoneType",
        ),
    ],
)
def test_usage_errors_are_type_errors_naming_the_argument(call: object, message: str) -> None:
    with pytest.raises(TypeError) as caught:
        call()  # type: ignore[operator]
    assert str(caught.value) == message
    assert not isinstance(caught.value, newsmeta.NewsmetaError)


def test_a_bytes_path_reads_the_file() -> None:
    path = b"examples/news/hugo-city-council.md"
    assert newsmeta.parse_file(path) == newsmeta.parse_file(path.decode())


# -- #8: a value the adapter's converter cannot use ----------------------------------


@pytest.mark.parametrize("key", ["published", "date", "updated"])
def test_a_date_the_converter_cannot_use_is_a_field_error_at_its_line(key: str) -> None:
    with pytest.raises(FieldError) as caught:
        newsmeta.parse(f"---\ntitle: T\n{key}: 1{'0' * 400}\n---\n", path="a.md")
    shown = "1" + "0" * 56 + "..."
    target = "updated" if key == "updated" else key
    assert str(caught.value) == f"a.md:3:1: {target!r} is not a date: {shown}"


def test_a_mapping_file_date_the_converter_cannot_use_is_a_field_error() -> None:
    acme = newsmeta.load_adapter("examples/adapters/acme.yaml")
    text = f"---\nacmeId: 1\nheadline: H\nmeta:\n  issued: -1{'0' * 400}\n---\n"
    with pytest.raises(FieldError) as caught:
        Parser(adapters=[acme]).parse(text)
    shown = "-1" + "0" * 55 + "..."
    assert str(caught.value) == f"<string>:5:3: 'meta.issued' is not a date: {shown}"


# -- #14: JSON duplicate keys --------------------------------------------------------


def test_a_json_duplicate_key_is_an_error_like_in_yaml() -> None:
    with pytest.raises(StructureError) as caught:
        newsmeta.parse('{"title": "T", "x": 1, "x": 2}\n', path="a.md")
    assert str(caught.value) == "a.md:1:24: duplicate key 'x' (first on the same line)"
    text = '{"title": "T",\n "x": 1,\n "a": {"x": 1, "y": [{"x": 1}, {"x": 2}]},\n "x": 2}\n'
    with pytest.raises(StructureError) as caught:
        newsmeta.parse(text, path="a.md")
    assert str(caught.value) == "a.md:4:2: duplicate key 'x' (first 2 lines above)"
    # the same words as YAML
    with pytest.raises(StructureError) as yaml_error:
        newsmeta.parse("---\ntitle: T\nx: 1\na: {x: 1}\nx: 2\n---\n", path="a.md")
    assert yaml_error.value.reason == caught.value.reason


def test_json_duplicate_keys_follow_the_last_policy_with_a_diagnostic() -> None:
    text = '{"title": "T",\n "x": 1, "a": {"k": 1, "k": "\\u006b"},\n "x": 2}\nBody\n'
    article = Parser(duplicate_keys="last").parse(text)
    assert article.extra == {"x": 2, "a": {"k": "k"}}
    assert [(d.code, d.key, d.line, d.column, d.message) for d in article.diagnostics] == [
        ("duplicate-key", "k", 2, 24, "key 'k' repeated; the last value was kept"),
        ("duplicate-key", "x", 3, 2, "key 'x' repeated; the last value was kept"),
    ]


def test_keys_repeated_in_different_json_objects_are_fine() -> None:
    text = '{"title": "T", "a": {"x": 1}, "b": [{"x": 1}, {"x": 2}], "x": 3}\n'
    assert newsmeta.parse(text).extra["x"] == 3


def test_a_json_mapping_file_with_a_duplicate_key_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "dup.json"
    path.write_text('{"name": "dup", "fields": {"title": ["a"]},\n "name": "again"}\n')
    with pytest.raises(AdapterFileError) as caught:
        newsmeta.load_adapter(path)
    assert str(caught.value) == f"{path}:2:2: duplicate key 'name' (first 1 line above)"


# -- #17: NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR are ordinary characters (YAML 1.2) --


@pytest.mark.parametrize("char", ["\x85", "\u2028", "\u2029"])
def test_yaml_1_1_line_breaks_are_ordinary_characters(yaml_path: str, char: str) -> None:
    article = newsmeta.parse(
        f"---\ntitle: a{char}b\ntags: [x{char}y, '{char}q']\nk{char}: \"{char}\"\n---\n"
    )
    assert article.title == f"a{char}b"
    # (text fields are trimmed of white space as Python sees it, which includes these)
    assert article.tags == (f"x{char}y", "q")
    assert article.extra == {f"k{char}": char}


@pytest.mark.parametrize("char", ["\x85", "\u2028", "\u2029"])
def test_errors_after_a_yaml_1_1_line_break_have_the_right_line(yaml_path: str, char: str) -> None:
    with pytest.raises(LoadError) as caught:
        newsmeta.parse(f"---\ntitle: a{char}b\nx: @\n---\n")
    assert str(caught.value) == (
        "<string>:3:4: invalid YAML: the unquoted text that starts at 3:4 begins with '@', "
        "which YAML reserves; put the whole value in quotes"
    )
    # What looks like a second key after U+2028 is part of the title's plain scalar.
    with pytest.raises(LoadError) as caught:
        newsmeta.parse(f"---\ntitle: a{char}date: 2024-01-01\n---\n")
    assert str(caught.value) == (
        "<string>:2:14: invalid YAML: the unquoted text that starts at 2:8 has ': ' at 2:14, "
        "which YAML reads as a new key; put the whole value in quotes"
    )


def test_stand_ins_never_clash_with_the_text_and_aliases_stay_shared() -> None:
    text = "a: &x [\ue000, \u2028]\nb: *x\n\ue001\u2029: 1\n"
    value, _ = _yaml.load_yaml(text)
    assert value == {"a": ["\ue000", "\u2028"], "b": ["\ue000", "\u2028"], "\ue001\u2029": 1}
    assert value["a"] is value["b"]


def test_positions_are_found_after_a_yaml_1_1_line_break() -> None:
    assert _yaml.locate("a: x\u2028y\nb:\n  c\u2028: 1\n", ["b", "c\u2028"]) == (3, 3)


@pytest.mark.parametrize("workers", [1, 2])
def test_parse_many_reads_bytes_like_pairs_and_reports_nul_paths(workers: int) -> None:
    sources = [
        ("a.md", bytearray(b"---\ntitle: A\n---\n")),
        ("b.md", memoryview(b"---\ntitle: B\n---\n")),  # cannot be pickled as it is
        "x\0y.md",
    ]
    results = list(newsmeta.parse_many(sources, workers=workers))
    assert [r.article.title for r in results[:2] if r.article is not None] == ["A", "B"]
    assert results[2].message == (
        "x\0y.md: file path contains a NUL character (U+0000); expected a path without NUL"
    )
