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
