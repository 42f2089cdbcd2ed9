"""``to_dict`` encodes ``extra`` by exact class first; the result is the general path's."""

from __future__ import annotations

import enum
from datetime import date
from typing import Any

import newsmeta
from newsmeta.serialize import _encode, _encode_any


class _Key(str):
    pass


class _Level(enum.IntEnum):
    HIGH = 2


def _extra(value: Any) -> dict[str, Any]:
    article = newsmeta.Article(title="t", extra={"x": value})
    encoded: dict[str, Any] = newsmeta.to_dict(article)["extra"]["x"]
    return encoded


def test_subclasses_and_tagged_values_take_the_general_path_with_the_same_result() -> None:
    assert _extra({_Key("k"): [1, _Level.HIGH]}) == {"k": [1, 2]}
    assert _extra([{"$date": "x"}, {1: "a"}, date(2024, 5, 1)]) == [
        {"$map": [["$date", "x"]]},
        {"$map": [[1, "a"]]},
        {"$date": "2024-05-01"},
    ]
    assert _extra(({"a": (1, None)},)) == [{"a": [1, None]}]
    assert _extra([1.5, float("inf"), {"n": float("nan")}]) == [
        1.5,
        {"$float": "inf"},
        {"n": {"$float": "nan"}},
    ]


def test_the_quick_path_and_the_general_path_agree() -> None:
    value = {"a": [1, 2.5, True, None, "s", {"b": {"c": [date(2020, 1, 2)]}}], "d": {}}
    assert _encode(value) == _encode_any(value)
