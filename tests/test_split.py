"""Finding the front matter: delimiters, BOMs, newlines, offsets."""

from __future__ import annotations

import pytest

from newsmeta.errors import EncodingError
from newsmeta.split import decode, split


@pytest.mark.parametrize(
    ("text", "front_matter", "body", "offset"),
    [
        ("---\na: 1\n---\nbody\n", "a: 1\n", "body\n", 1),
        ("---\r\na: 1\r\n---\r\nbody\r\n", "a: 1\n", "body\n", 1),
        ("---\ra: 1\r---\rbody", "a: 1\n", "body", 1),
        ("\ufeff---\na: 1\n---\n", "a: 1\n", "", 1),
        ("\n\n---\na: 1\n---\nb", "a: 1\n", "b", 3),
        ("--- \n a: 1\n--- \nb", " a: 1\n", "b", 1),
        ("---\na: 1\n...\nb", "a: 1\n", "b", 1),
        ("---\na: 1\n---", "a: 1\n", "", 1),
        ("---\n---\nb", "", "b", 1),
        ("---yaml\na: 1\n---\n", "a: 1\n", "", 1),
        ("+++\na = 1\n+++\nb\n", "a = 1\n", "b\n", 1),
        ('{\n"a": "}{"\n}\nb\n', '{\n"a": "}{"\n}', "b\n", 0),
        ('{"a": "\\"}"}\nb', '{"a": "\\"}"}', "b", 0),
    ],
)
def test_split_finds_front_matter(text: str, front_matter: str, body: str, offset: int) -> None:
    result = split(text)
    assert (result.front_matter, result.body, result.line_offset) == (front_matter, body, offset)


def test_a_dashes_line_inside_the_body_is_body() -> None:
    result = split("---\na: 1\n---\nintro\n---\nmore\n")
    assert result.body == "intro\n---\nmore\n"


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"\xef\xbb\xbf---\n", "---\n"),
        ("---\n".encode("utf-16"), "---\n"),
        (b"\xfe\xff" + "---\n".encode("utf-16-be"), "---\n"),
        ("---\n".encode("utf-32"), "---\n"),
    ],
)
def test_decode_honours_byte_order_marks(data: bytes, text: str) -> None:
    assert decode(data) == text


def test_decode_error_points_at_the_bad_byte() -> None:
    with pytest.raises(EncodingError) as info:
        decode(b"---\ntitle: caf\xe9\n---\n", path="a.md")
    assert str(info.value) == "a.md:2:11: invalid UTF-8 byte 0xe9; expected utf-8 text"
