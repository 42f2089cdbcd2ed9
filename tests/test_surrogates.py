"""Surrogate escapes: a pair is one character on every YAML path and in JSON; a lone one fails.

The oracle for double-quoted YAML scalars is ``json.loads``: with only JSON escapes
in it, a double-quoted YAML scalar is a JSON string (YAML 1.2 is a superset of JSON).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsmeta
from newsmeta import _yaml
from newsmeta.errors import EncodingError

_PATHS = ["fast", "c", "pure"]
_EXPECTED_HINT = (
    "is a lone surrogate, not a character; expected a high surrogate escape followed by a "
    "low one (a pair such as '\\ud83d\\udcca') or the character itself"
)


@contextmanager
def _path(name: str) -> Iterator[None]:
    """Run with one YAML path: the line reader, the C parser or the pure parser."""
    _yaml.use_simple_path(name == "fast")
    _yaml.use_pure_parser(name == "pure")
    try:
        yield
    finally:
        _yaml.use_simple_path(True)
        _yaml.use_pure_parser(False)


@pytest.fixture(autouse=True)
def _quiet_pure_parser(recwarn: pytest.WarningsRecorder) -> None:
    """The forced pure parser warns once (SlowYAMLWarning); not what these tests are about."""


@pytest.mark.parametrize("path", _PATHS)
@pytest.mark.parametrize(
    "document",
    [
        '---\ntitle: "\\uD83D\\uDCCA stats"\n---\n',
        '---\ntitle: "\\ud83d\\udcca stats"\ntags: [a]\n---\n',  # flow: never the line reader
        'title: "\\uD83D\\uDCCA stats"\n---\n',  # Hexo's opener-less YAML
    ],
)
def test_an_escaped_pair_is_one_character_on_every_yaml_path(path: str, document: str) -> None:
    with _path(path):
        assert newsmeta.parse(document).title == "\U0001f4ca stats"


def test_an_escaped_pair_is_one_character_in_json() -> None:
    assert newsmeta.parse('{"title": "\\uD83D\\uDCCA stats"}\n').title == "\U0001f4ca stats"


@pytest.mark.parametrize("path", _PATHS)
@pytest.mark.parametrize(
    ("document", "where", "escape"),
    [
        ('---\ntitle: "a \\uD83D stats"\n---\n', "2:11", "\\uD83D"),
        ('---\ntitle: T\nx: ["ok \\ud83d\\ude00", "b \\udcca"]\n---\n', "3:27", "\\udcca"),
        ('---\ntitle: T\n"\\ude00\\ud83d": 1\n---\n', "3:2", "\\ude00"),  # a key, low first
        ('\n\ntitle: "\\ud800"\n---\n', "3:9", "\\ud800"),  # Hexo, after blank lines
    ],
)
def test_a_lone_surrogate_escape_in_yaml_is_an_encoding_error_at_the_escape(
    path: str, document: str, where: str, escape: str
) -> None:
    with _path(path), pytest.raises(EncodingError) as info:
        newsmeta.parse(document, path="a.md")
    assert str(info.value) == f"a.md:{where}: '{escape}' {_EXPECTED_HINT}"


@pytest.mark.parametrize(
    ("document", "where", "escape"),
    [
        ('{"title": "T", "x": "\\ud800"}\n', "1:22", "\\ud800"),  # issue 10 #6
        ('\n{\n  "title": "T",\n  "x": ["\\uD83D\\uDCCA", "\\uDCCA"]\n}\n', "4:26", "\\uDCCA"),
        ('{"title": "T", "\\ud83dx": 1}\n', "1:17", "\\ud83d"),  # a key; not followed by a low
    ],
)
def test_a_lone_surrogate_escape_in_json_is_an_encoding_error_at_the_escape(
    document: str, where: str, escape: str
) -> None:
    with pytest.raises(EncodingError) as info:
        newsmeta.parse(document, path="a.md")
    assert str(info.value) == f"a.md:{where}: '{escape}' {_EXPECTED_HINT}"


def test_an_escaped_backslash_before_u_is_text_not_an_escape() -> None:
    article = newsmeta.parse('{"title": "T", "x": "\\\\ud800"}\n')
    assert article.extra["x"] == "\\ud800"
    article = newsmeta.parse('---\ntitle: T\nx: "\\\\ud800"\n---\n')
    assert article.extra["x"] == "\\ud800"


def test_a_lone_surrogate_never_reaches_a_batch_result() -> None:
    # Issue 10 #6: JSON accepted it, then writing the article crashed.
    results = list(newsmeta.parse_many([("a.md", '{"title": "T", "x": "\\ud800"}\n')]))
    assert [type(r.error).__name__ for r in results] == ["EncodingError"]


_UNITS = st.one_of(
    st.sampled_from(["a", " ", "é", "😀", '\\"', "\\\\", "\\n", "\\/"]),
    st.integers(0xD800, 0xDFFF).map(lambda code: f"\\u{code:04x}"),  # surrogates, often lone
    st.tuples(st.integers(0xD800, 0xDBFF), st.integers(0xDC00, 0xDFFF)).map(
        lambda pair: f"\\u{pair[0]:04X}\\u{pair[1]:04x}"  # a pair, in either case
    ),
    st.integers(0x20, 0xFFFF)
    .filter(lambda c: not 0xD800 <= c <= 0xDFFF)
    .map(lambda code: f"\\u{code:04x}"),
)


@given(st.lists(_UNITS, min_size=1, max_size=8).map("".join))
def test_double_quoted_yaml_and_json_strings_agree_with_json_loads(escaped: str) -> None:
    expected = json.loads(f'"{escaped}"')
    try:
        expected.encode("utf-8")
        lone = False
    except UnicodeEncodeError:
        lone = True
    documents = [f'---\ntitle: T\nx: "{escaped}"\n---\n', f'{{"title": "T", "x": "{escaped}"}}\n']
    for path in _PATHS:
        with _path(path):
            for document in documents:
                if lone:
                    with pytest.raises(EncodingError):
                        newsmeta.parse(document)
                else:
                    assert newsmeta.parse(document).extra["x"] == expected
