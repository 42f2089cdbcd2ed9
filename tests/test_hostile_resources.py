"""Issue 10 #10-#12: TOML keys, file reading and every entry point, under attack.

Each test reproduces a reported failure: a time or memory blow-up before any
limit applied, or a reader without the guards of ``parse_file``.  Time bounds are
generous guards against a hang, not speed tests.
"""

from __future__ import annotations

import time

import pytest

import newsmeta
from newsmeta import LimitError, Parser

GENEROUS_SECONDS = 5.0


def _limit_error(text: str, parser: Parser | None = None) -> LimitError:
    start = time.monotonic()
    with pytest.raises(LimitError) as info:
        (parser or Parser()).parse(text)
    assert time.monotonic() - start < GENEROUS_SECONDS
    return info.value


# -- #10 TOML dotted keys ------------------------------------------------------------


def test_a_dotted_key_of_100k_parts_is_refused_before_tomllib() -> None:
    # 200 KB: tomllib alone ran out of memory after 30 s.
    text = "+++\ntitle = 'x'\n" + ".".join(["a"] * 100_000) + " = 1\n+++\n"
    error = _limit_error(text)
    assert str(error) == (
        "<string>:3:1: key nested 100000 levels deep (table header and dotted key parts); "
        "the limit is 200 (Parser(max_depth=...))"
    )


def test_table_header_parts_count_towards_a_key() -> None:
    text = (
        "+++\ntitle = 'x'\n[" + ".".join(["a"] * 150) + "]\n" + ".".join(["b"] * 60) + " = 1\n+++\n"
    )
    error = _limit_error(text)
    assert (error.line, error.column) == (4, 1)
    assert error.reason.startswith("key nested 210 levels deep")
    # The same key under a shallower header is fine, and so is the header alone.
    article = newsmeta.parse(text.replace("a." * 100, "", 1))
    assert "a" in article.extra


@pytest.mark.parametrize(
    "key",
    [
        ".".join(['"q"'] * 250),  # quoted parts
        ".".join(["'q'"] * 250),
        " . ".join(["k"] * 250),  # spaces around the dots
    ],
    ids=["basic", "literal", "spaced"],
)
def test_every_spelling_of_a_part_counts(key: str) -> None:
    error = _limit_error(f"+++\ntitle = 'x'\nv = {{{key} = 1}}\n+++\n")
    assert error.reason.startswith("key nested 250 levels deep")
    assert (error.line, error.column) == (3, 6)


def test_many_deep_keys_are_refused_by_their_total_cost() -> None:
    # 100-part keys under a 100-part header, 1 MB of them: each within max_depth,
    # together 8 s inside tomllib.
    lines = ["[" + ".".join(["a"] * 100) + "]"]
    lines += [".".join(["b"] * 99) + f".k{i} = 1" for i in range(5_000)]
    error = _limit_error("+++\ntitle = 'x'\n" + "\n".join(lines) + "\n+++\n")
    assert error.reason.startswith(
        "dotted keys nest too deeply for the size of the front matter (parts times depth, "
        "summed over keys, exceeds "
    )
    assert error.line is not None


def test_ordinary_dotted_keys_and_values_pass_the_scan() -> None:
    text = (
        "+++\ntitle = 'x'\nsite.name = 'A'\n[params.seo]\nog.image.url = 'https://a.test/x.png'\n"
        "ratio = 1.5\nversions = [1.5, 2.25]\ninline = {a.b.c = 1, d = 'e.f.g'}\n+++\n"
    )
    article = newsmeta.parse(text)
    assert article.extra["params"]["seo"]["og"]["image"]["url"] == "https://a.test/x.png"
    assert article.extra["params"]["seo"]["inline"] == {"a": {"b": {"c": 1}}, "d": "e.f.g"}


def test_max_depth_bounds_the_key_scan_too() -> None:
    text = "+++\ntitle = 'x'\na.b.c.d = 1\n+++\n"
    assert Parser(max_depth=5).parse(text).extra["a"] == {"b": {"c": {"d": 1}}}
    error = _limit_error(text, Parser(max_depth=3))
    assert error.reason == (
        "key nested 4 levels deep (table header and dotted key parts); "
        "the limit is 3 (Parser(max_depth=...))"
    )
