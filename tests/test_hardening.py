"""Hostile, broken and huge input: a clear newsmeta error, quickly, never a crash.

Each threat asserts the exact error type (and message where it is ours and
stable).  ``_quick`` bounds are generous guards against a hang or an
exponential blow-up, not speed tests.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

import newsmeta
from newsmeta import (
    EncodingError,
    FrontMatterError,
    LimitError,
    LoadError,
    Parser,
    SourceError,
    StructureError,
)

GENEROUS_SECONDS = 5.0


@contextmanager
def _quick() -> Iterator[None]:
    start = time.monotonic()
    yield
    assert time.monotonic() - start < GENEROUS_SECONDS


def _raises(error: type[Exception], call: Callable[[], Any]) -> Any:
    with _quick(), pytest.raises(error) as info:
        call()
    assert type(info.value) is error
    return info.value


def _round_trips(article: newsmeta.Article) -> None:
    plain = newsmeta.to_dict(article)
    assert newsmeta.from_dict(json.loads(json.dumps(plain))) == article


# -- alias bombs -----------------------------------------------------------------


def _bomb(levels: int) -> str:
    lines = ["---", "title: Bomb", "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, levels):
        refs = ", ".join([f"*l{i - 1}"] * 9)
        lines.append(f"l{i}: &l{i} [{refs}]")
    return "\n".join([*lines, "---", ""])


def test_billion_laughs_is_a_limit_error_at_load_time() -> None:
    error = _raises(LimitError, lambda: newsmeta.parse(_bomb(9)))
    assert error.reason.startswith("aliases expand to more than 10000 nodes")
    assert error.line is not None


def test_alias_expansion_limit_is_a_parser_argument() -> None:
    text = _bomb(3)  # 9 + 81 + 729 nodes once expanded
    article = Parser(max_alias_expansion=10_000).parse(text)
    _round_trips(article)
    error = _raises(LimitError, lambda: Parser(max_alias_expansion=100).parse(text))
    assert error.reason.startswith("aliases expand to more than 100 nodes")


def test_aliases_within_the_limit_serialise() -> None:
    article = newsmeta.parse(_bomb(3))
    assert len(article.extra["l2"]) == 9
    _round_trips(article)


# -- deep nesting ----------------------------------------------------------------

DEEP = 10_000


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("---\ntitle: x\nv: " + "[" * DEEP + "]" * DEEP + "\n---\n", (4, 204)),
        ("---\ntitle: x\nv: " + "{a: " * DEEP + "1" + "}" * DEEP + "\n---\n", (4, 804)),
    ],
    ids=["yaml-list", "yaml-map"],
)
def test_deep_yaml_is_a_limit_error(text: str, position: tuple[int, int]) -> None:
    error = _raises(LimitError, lambda: newsmeta.parse(text))
    assert error.reason.startswith("nesting deeper than 200 levels")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '{"title": "x", "v": ' + "[" * DEEP + "]" * DEEP + "}\n",
            "<string>:1:{}: nesting deeper than the JSON parser's recursion limit allows",
        ),
        (
            '{"title": "x", "v": ' + '{"a": ' * DEEP + "1" + "}" * DEEP + "}\n",
            "<string>:1:{}: nesting deeper than the JSON parser's recursion limit allows",
        ),
        (
            '{"title": "x", "v": ' + "[" * 500 + "]" * 500 + "}\n",
            "<string>:1:220: nesting deeper than 200 levels (Parser(max_depth=...))",
        ),
        (
            "+++\ntitle = 'x'\nv = " + "[" * DEEP + "]" * DEEP + "\n+++\n",
            "<string>:3:{}: nesting deeper than the TOML parser's recursion limit allows",
        ),
        (
            "+++\ntitle = 'x'\nv = " + "{a = " * DEEP + "1" + "}" * DEEP + "\n+++\n",
            "<string>:3:{}: nesting deeper than the TOML parser's recursion limit allows",
        ),
        (
            "+++\ntitle = 'x'\n[" + ".".join(["a"] * 300) + "]\nb = 1\n+++\n",
            "<string>:3:2: key nested 300 levels deep (table header and dotted key parts); "
            "the limit is 200 (Parser(max_depth=...))",
        ),
    ],
    ids=["json-list", "json-object", "json-500", "toml-array", "toml-inline", "toml-dotted"],
)
def test_deep_json_and_toml_are_limit_errors(text: str, message: str) -> None:
    error = _raises(LimitError, lambda: newsmeta.parse(text))
    if "{}" in message:  # the column depends on the recursion limit
        assert error.column is not None
        message = message.format(error.column)
    assert str(error) == message


@pytest.mark.parametrize("fmt", ["yaml", "json", "toml"])
def test_nesting_at_the_limit_converts_and_serialises(fmt: str) -> None:
    levels = 199  # plus the root mapping: exactly max_depth=200
    if fmt == "yaml":
        text = "---\ntitle: x\nv: " + "[" * levels + "1" + "]" * levels + "\n---\n"
    elif fmt == "json":
        text = '{"title": "x", "v": ' + "[" * levels + "1" + "]" * levels + "}\n"
    else:
        text = "+++\ntitle = 'x'\nv = " + "[" * levels + "1" + "]" * levels + "\n+++\n"

    def nest(frames: int) -> newsmeta.Article:
        # Called from a few hundred frames deep, as inside a web framework.
        return nest(frames - 1) if frames else newsmeta.parse(text)

    article = nest(150)
    _round_trips(article)
    with pytest.raises(LimitError):
        Parser(max_depth=levels).parse(text)


def test_max_depth_is_capped_where_conversion_stays_safe() -> None:
    with pytest.raises(ValueError) as info:
        Parser(max_depth=301)
    assert str(info.value) == (
        "max_depth must be at most 300 (deeper values could not be converted without "
        "exceeding Python's recursion limit), not 301"
    )
    Parser(max_depth=300)


@pytest.mark.parametrize(
    "name",
    ["max_front_matter_bytes", "max_body_bytes", "max_alias_expansion", "max_depth"],
)
@pytest.mark.parametrize("bad", [0, -1, True, 1.5])
def test_limits_must_be_positive_whole_numbers(name: str, bad: Any) -> None:
    with pytest.raises(ValueError) as info:
        Parser(**{name: bad})
    assert str(info.value) == f"{name} must be a whole number of at least 1, not {bad!r}"


def test_very_deep_flow_yaml_does_not_crash_the_interpreter() -> None:
    # 400,000 levels fit in the default 1 MiB front matter; ruamel's C composer
    # recurses without a check and segfaults, so run it in a child process.
    code = (
        "import newsmeta\n"
        "n = 400_000\n"
        "try:\n"
        "    newsmeta.parse('---\\ntitle: x\\nv: ' + '[' * n + ']' * n + '\\n---\\n')\n"
        "except newsmeta.LimitError as e:\n"
        "    print(type(e).__name__, e.reason)\n"
    )
    with _quick():
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
        )
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.startswith("LimitError nesting deeper than 200 levels")


# -- huge input --------------------------------------------------------------------


def test_huge_file_is_refused_from_its_size_without_reading(tmp_path: Path) -> None:
    huge = tmp_path / "huge.md"
    with huge.open("wb") as handle:
        handle.write(b"---\ntitle: x\n---\n")
        handle.truncate(200 * 1024 * 1024)  # sparse: costs no disk and no time
    error = _raises(LimitError, lambda: newsmeta.parse_file(huge))
    assert str(error) == (
        f"{huge}: input is 209715200 bytes; the limit is 68161536 "
        "(Parser(max_front_matter_bytes=...) + Parser(max_body_bytes=...) + 4096)"
    )


def test_oversized_bytes_are_refused_before_decoding(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_decoding(*args: Any, **kwargs: Any) -> str:
        raise AssertionError("decoded before the size check")

    monkeypatch.setattr("newsmeta.parser.decode", no_decoding)
    parser = Parser(max_front_matter_bytes=100, max_body_bytes=1000)
    data = b"---\ntitle: x\n---\n" + b"x" * 6000
    error = _raises(LimitError, lambda: parser.parse(data))
    assert error.reason.startswith("input is 6017 bytes; the limit is 5196 ")


def test_oversized_text_is_refused() -> None:
    parser = Parser(max_front_matter_bytes=100, max_body_bytes=1000)
    error = _raises(LimitError, lambda: parser.parse("---\ntitle: x\n---\n" + "x" * 6000))
    assert error.reason.startswith("input is 6017 characters; the limit is 5196 ")


def test_body_limit() -> None:
    parser = Parser(max_body_bytes=10)
    error = _raises(LimitError, lambda: parser.parse("---\ntitle: x\n---\n" + "x" * 11))
    assert (
        str(error)
        == "<string>: body is 11 characters; the limit is 10 (Parser(max_body_bytes=...))"
    )


@pytest.mark.parametrize(
    "text",
    [
        "---\n" + "k: v\n" * 5000,  # never closed: the scan must stop at the limit
        "---\n" + "k: v\n" * 5000 + "---\n",
        "+++\n" + "k = 1\n" * 5000 + "+++\n",
        '{"title": "' + "x" * 20_000 + '"}\n',
    ],
    ids=["yaml-unclosed", "yaml", "toml", "json"],
)
def test_front_matter_limit_stops_the_search(text: str) -> None:
    parser = Parser(max_front_matter_bytes=1000)
    error = _raises(LimitError, lambda: parser.parse(text))
    assert str(error) == (
        "<string>:1:1: front matter is more than 1000 characters; "
        "the limit is 1000 (Parser(max_front_matter_bytes=...))"
    )


def test_long_runs_of_white_space_in_a_title_take_linear_time() -> None:
    # The old r"\s*\n\s*" title clean-up backtracked quadratically: 40,000
    # spaces took 5 s, so these would have taken minutes.
    spaces = " " * 200_000
    with _quick():
        article = newsmeta.parse(f'---\ntitle: "x{spaces}y"\n---\n')
        folded = newsmeta.parse(f'---\ntitle: "a {spaces}\\n{spaces} b"\n---\n')
    assert article.title == f"x{spaces}y"
    assert folded.title == "a b"


def test_very_long_text_is_not_a_date() -> None:
    text = "2024 " + "a " * 5000
    error = _raises(
        newsmeta.FieldError, lambda: newsmeta.parse(f"---\ntitle: x\ndate: {text}\n---\n")
    )
    assert error.reason == f"'date' is not a date: {repr(text)[:57]}..."


def test_thousands_of_diagnostics_are_placed_without_re_reading_each_time() -> None:
    # Each position used to cost a full second parse: 2,000 nulls took 200 s.
    nulls = ", ".join(["~"] * 3000)
    with _quick():
        article = newsmeta.parse(f"---\ntitle: x\ntags: [{nulls}]\n---\n")
    assert len(article.diagnostics) == 3000
    assert {(d.code, d.key, d.line, d.column) for d in article.diagnostics} == {
        ("null-item", "tags", 3, 1)
    }


def test_positions_are_not_looked_up_in_front_matter_over_64_kib() -> None:
    padding = "x" * 70_000
    article = newsmeta.parse(f"---\ntitle: x\ntags: [a, ~]\npad: {padding}\n---\n")
    assert [(d.code, d.key, d.line) for d in article.diagnostics] == [("null-item", "tags", None)]


# -- encodings ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b"---\ntitle: x\nab: \xff\n---\n",
            "<string>:3:5: invalid UTF-8 byte 0xff; expected utf-8 text",
        ),
        (
            "---\ntitle: caf\u00e9 \u00e9\u00e9\n".encode() + b"\xc3(",
            "<string>:3:1: invalid UTF-8 byte 0xc3; expected utf-8 text",
        ),
        (
            "---\r\ntitle: \u00e9\u00e9\u00e9 ".encode() + b"\xe2\x82",
            "<string>:2:12: invalid UTF-8 byte 0xe2; expected utf-8 text",
        ),
        (
            "\ufeff---\ntitle: \u00e9\u00e9".encode("utf-16-le") + b"\x00",
            "<string>:2:10: invalid UTF-16-LE byte 0x00; expected utf-16-le text",
        ),
    ],
    ids=["ascii", "after-multibyte-line", "crlf-and-columns-in-characters", "utf16-odd"],
)
def test_undecodable_bytes_name_line_and_column(data: bytes, message: str) -> None:
    error = _raises(EncodingError, lambda: newsmeta.parse(data))
    assert str(error) == message


@pytest.mark.parametrize(
    "encoding", ["utf-8-sig", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"]
)
def test_byte_order_marks_are_decoded(encoding: str) -> None:
    text = "\ufeff---\ntitle: Gr\u00fc\u00dfe\ndate: 2024-01-02T03:04:05Z\n---\nBody \u20ac\n"
    data = text.encode(encoding.replace("-sig", ""))
    if encoding == "utf-8-sig":
        data = text.encode("utf-8")
    article = newsmeta.parse(data)
    assert (article.title, article.body) == ("Gr\u00fc\u00dfe", "Body \u20ac\n")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "---\ntitle: a\x00b\n---\n",
            "<string>:2:9: NUL character (U+0000) in the front matter; "
            "expected text without NUL bytes",
        ),
        (
            "+++\ntitle = 'a\x00'\n+++\n",
            "<string>:2:11: NUL character (U+0000) in the front matter; "
            "expected text without NUL bytes",
        ),
        (
            '{"title": "a\x00"}\n',
            "<string>:1:13: NUL character (U+0000) in the front matter; "
            "expected text without NUL bytes",
        ),
    ],
    ids=["yaml", "toml", "json"],
)
def test_nul_in_front_matter_is_a_load_error(text: str, message: str) -> None:
    error = _raises(LoadError, lambda: newsmeta.parse(text.encode()))
    assert str(error) == message


def test_nul_in_body_is_kept() -> None:
    article = newsmeta.parse(b"---\ntitle: x\n---\nbin\x00ary\n")
    assert article.body == "bin\x00ary\n"
    _round_trips(article)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "---\ntitle: x\ud800\n---\n",
            "<string>:2:9: lone surrogate U+D800 is not Unicode text; "
            "expected text that can be encoded as UTF-8",
        ),
        (
            "---\r\ntitle: x\r\n---\r\nbody \udcff\n",
            "<string>:4:6: lone surrogate U+DCFF is not Unicode text; "
            "expected text that can be encoded as UTF-8",
        ),
    ],
    ids=["front-matter", "body"],
)
def test_lone_surrogates_in_text_are_an_encoding_error(text: str, message: str) -> None:
    error = _raises(EncodingError, lambda: newsmeta.parse(text))
    assert str(error) == message


def test_escaped_lone_surrogate_in_json_never_reaches_an_article() -> None:
    # JSON may spell a lone surrogate as an escape, but it is no character: it could
    # not be written as UTF-8 (issue 10 #6: `newsmeta parse` crashed writing it).
    with pytest.raises(newsmeta.EncodingError) as info:
        newsmeta.parse('{"title": "x", "note": "\\ud800"}\n')
    assert (info.value.line, info.value.column) == (1, 25)


@pytest.mark.parametrize(
    "text",
    [
        "---\r\ntitle: x\ndate: 2024-01-01T00:00:00Z\r\n---\r\nline 1\r\nline 2\n",
        "---\rtitle: x\rdate: 2024-01-01T00:00:00Z\r---\rline 1\rline 2\n",
    ],
    ids=["mixed-crlf-lf", "cr-only"],
)
def test_line_endings_are_normalised(text: str) -> None:
    article = newsmeta.parse(text)
    assert (article.title, article.body) == ("x", "line 1\nline 2\n")


def test_line_numbers_count_cr_only_lines() -> None:
    error = _raises(StructureError, lambda: newsmeta.parse("---\rtitle: x\rtitle: y\r---\r"))
    assert (error.line, error.column) == (3, 1)


# -- unsafe YAML -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tag", "named"),
    [
        ("!!python/object:os.system\n  a: 1", "python/object:os.system"),
        ("!!python/object/apply:os.system [echo hacked]", "python/object/apply:os.system"),
        ("!!python/name:os.system ''", "python/name:os.system"),
        ("!foo bar", "'!foo'"),
    ],
)
def test_unsafe_and_unknown_tags_never_construct(tag: str, named: str) -> None:
    error = _raises(LoadError, lambda: newsmeta.parse(f"---\ntitle: x\nv: {tag}\n---\n"))
    assert named in error.reason
    assert (error.line, error.column) == (3, 4)


@pytest.mark.parametrize("tag", ["!!set {a: null}", "!!omap [a: 1]", "!!pairs [a: 1]"])
def test_non_plain_yaml_types_are_load_errors(tag: str) -> None:
    error = _raises(LoadError, lambda: newsmeta.parse(f"---\ntitle: x\nv: {tag}\n---\n"))
    assert tag.split()[0][2:] in error.reason


@pytest.mark.parametrize("opener", ["---js", "---javascript", "---coffee"])
def test_executable_front_matter_is_never_run(opener: str) -> None:
    text = f"{opener}\n{{title: (function () {{ throw 1 }})()}}\n---\n"
    error = _raises(FrontMatterError, lambda: newsmeta.parse(text))
    language = opener[3:]
    assert str(error) == (
        f"<string>:1:4: unsupported front-matter language {language!r}; expected YAML, TOML or JSON"
    )


# -- structure ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "---\n- a\n- b\n---\n",
            "<string>:2:1: front matter is a list; expected a mapping of keys to values",
        ),
        (
            "---\nhello\n---\n",
            "<string>:2:1: front matter is text; expected a mapping of keys to values",
        ),
        (
            "---\n42\n---\n",
            "<string>:2:1: front matter is a number; expected a mapping of keys to values",
        ),
        ("+++\n+++\n", None),
        ("[1, 2]\n", None),
    ],
    ids=["yaml-list", "yaml-string", "yaml-number", "toml-empty", "json-list"],
)
def test_root_must_be_a_mapping(text: str, message: str | None) -> None:
    if message is None:  # empty TOML is an empty mapping; '[' does not open JSON
        with pytest.raises((FrontMatterError, newsmeta.DialectError)):
            newsmeta.parse(text)
        return
    error = _raises(StructureError, lambda: newsmeta.parse(text))
    assert str(error) == message


@pytest.mark.parametrize(
    ("key_text", "message"),
    [
        ("1: x", "<string>:3:1: key 1 is a number; expected a string key"),
        ("? [a]\n: x", "<string>:3:3: key ('a',) is a tuple; expected a string key"),
        ("null: x", "<string>:3:1: key None is empty; expected a string key"),
        (
            "2020-01-01: x",
            "<string>:3:1: key datetime.date(2020, 1, 1) is a date; expected a string key",
        ),
        ("true: x", "<string>:3:1: key True is a boolean; expected a string key"),
    ],
)
def test_top_level_keys_must_be_strings(key_text: str, message: str) -> None:
    text = f"---\ntitle: x\n{key_text}\n---\n"
    error = _raises(StructureError, lambda: newsmeta.parse(text))
    assert str(error) == message


def test_nested_non_string_keys_are_kept_in_extra() -> None:
    article = newsmeta.parse("---\ntitle: x\nv:\n  1: one\n  2020-01-01: day\n---\n")
    assert list(article.extra["v"]) == [1, __import__("datetime").date(2020, 1, 1)]
    _round_trips(article)


def test_null_tags_are_kept_not_crashed_on() -> None:
    article = newsmeta.parse("---\ntitle: x\ntags: null\n---\n")
    assert (article.tags, article.extra) == ((), {"tags": None})


def test_null_items_are_skipped_with_a_diagnostic() -> None:
    article = newsmeta.parse("---\ntitle: x\ntags: [a, null]\nauthor: [null]\n---\n")
    assert article.tags == ("a",)
    assert [(d.code, d.key, d.line) for d in article.diagnostics] == [
        ("null-item", "author", 4),
        ("null-item", "tags", 3),
    ]


def test_duplicate_keys_are_an_error_by_default() -> None:
    error = _raises(StructureError, lambda: newsmeta.parse("---\ntitle: x\ntitle: y\n---\n"))
    assert (error.line, error.column) == (3, 1)
    assert "duplicate key" in error.reason


def test_duplicate_keys_last_wins_with_a_diagnostic() -> None:
    article = Parser(duplicate_keys="last").parse("---\ntitle: x\ntitle: y\n---\n")
    assert article.title == "y"
    assert [(d.code, d.key, d.line) for d in article.diagnostics] == [("duplicate-key", "title", 3)]


# -- files that are not files --------------------------------------------------------


def test_directory_is_a_source_error(tmp_path: Path) -> None:
    folder = tmp_path / "x.md"
    folder.mkdir()
    error = _raises(SourceError, lambda: newsmeta.parse_file(folder))
    assert str(error) == f"{folder}: is a directory; expected a file"


def test_missing_file_is_a_source_error(tmp_path: Path) -> None:
    error = _raises(SourceError, lambda: newsmeta.parse_file(tmp_path / "gone.md"))
    assert str(error) == f"{tmp_path / 'gone.md'}: cannot read file: No such file or directory"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs os.mkfifo")
def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    error = _raises(SourceError, lambda: newsmeta.parse_file(fifo))
    assert str(error) == f"{fifo}: is not a regular file; expected a file"
