"""Hostile input: alias bombs and deep nesting end in LimitError, promptly, on both parsers."""

from __future__ import annotations

import time
import warnings
from collections.abc import Iterator

import pytest

from newsmeta import _yaml
from newsmeta._yaml import load_yaml
from newsmeta.errors import LimitError


@pytest.fixture(params=["c", "pure"])
def parser(request: pytest.FixtureRequest) -> Iterator[str]:
    _yaml.use_pure_parser(request.param == "pure")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", _yaml.SlowYAMLWarning)
            yield request.param
    finally:
        _yaml.use_pure_parser(False)


def billion_laughs(levels: int = 9, refs: int = 9) -> str:
    lines = ["a: &a [" + ", ".join(['"lol"'] * refs) + "]"]
    previous = "a"
    for index in range(1, levels):
        name = f"l{index}"
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * refs) + "]")
        previous = name
    return "\n".join(lines) + "\n"


def test_alias_bomb(parser: str) -> None:
    bomb = billion_laughs()
    assert len(bomb) < 1024
    start = time.monotonic()
    with pytest.raises(LimitError, match="aliases expand to more than 10000 nodes") as info:
        load_yaml(bomb)
    assert time.monotonic() - start < 5
    assert info.value.line is not None


DEEP = {
    "flow sequence": "[" * 10_000 + "]" * 10_000,
    "flow mapping": "{a: " * 10_000 + "1" + "}" * 10_000,
    "block mapping": "".join(" " * i + "a:\n" for i in range(10_000)) + " " * 10_000 + "a: 1\n",
    "block sequence": "".join(" " * i + "-\n" for i in range(10_000)),
}


@pytest.mark.parametrize("shape", sorted(DEEP))
def test_deep_nesting(parser: str, shape: str) -> None:
    with pytest.raises(LimitError, match="nesting deeper than 200 levels") as info:
        load_yaml(DEEP[shape])
    assert info.value.line is not None
    assert not isinstance(info.value.__context__, RecursionError)


def test_depth_limit_is_inclusive() -> None:
    assert load_yaml("[" * 200 + "]" * 200)[0] is not None
    with pytest.raises(LimitError):
        load_yaml("[" * 201 + "]" * 201)


# -- issue 10 #9: aliases bounded by expanded characters, not only by nodes ---------


def test_aliases_of_a_large_scalar_are_bounded_by_size(parser: str) -> None:
    # 9,000 aliases are few nodes (under max_alias_expansion=10,000) but would
    # expand a 127 KB document to 0.9 GB of values.
    text = "a: &a " + "x" * 100_000 + "\nb: [" + ", ".join(["*a"] * 9_000) + "]\n"
    start = time.monotonic()
    with pytest.raises(LimitError) as info:
        load_yaml(text)
    assert time.monotonic() - start < 5.0
    limit = 10 * len(text)
    assert info.value.reason == (
        f"aliases expand to more than {limit} characters (10 times the front matter, "
        "at least 65536)"
    )
    # The alias that crosses the limit: the 14th (14 x 100,000 > 1,360,200).
    assert (info.value.line, info.value.column) == (2, 5 + 4 * 13)


def test_aliased_mappings_count_their_scalars(parser: str) -> None:
    # A mapping of big scalars, aliased: its characters count, not its node count.
    text = "a: &a {k: " + "y" * 40_000 + "}\nb: [*a, *a]\n"
    assert load_yaml(text)[0]["b"] == [{"k": "y" * 40_000}] * 2  # 80,000 <= 10 x 80 KB
    text = "a: &a {k: " + "y" * 40_000 + "}\nb: [" + ", ".join(["*a"] * 11) + "]\n"
    with pytest.raises(LimitError) as info:
        load_yaml(text)
    assert info.value.reason.startswith(f"aliases expand to more than {10 * len(text)} characters")


def test_small_documents_may_alias_up_to_the_floor(parser: str) -> None:
    # 64 KiB of expansion is always allowed, however short the document.
    text = "a: &a " + "z" * 1000 + "\nb: [" + ", ".join(["*a"] * 60) + "]\n"
    assert len(load_yaml(text)[0]["b"]) == 60
    text = "a: &a " + "z" * 1000 + "\nb: [" + ", ".join(["*a"] * 66) + "]\n"
    with pytest.raises(LimitError) as info:
        load_yaml(text)
    assert info.value.reason.startswith("aliases expand to more than 65536 characters")
