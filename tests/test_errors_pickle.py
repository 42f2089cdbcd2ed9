"""Every error pickles with all its fields: batch workers send them between processes."""

from __future__ import annotations

import pickle
from typing import Any

import pytest

from newsmeta import (
    AdapterError,
    DialectError,
    EncodingError,
    FieldError,
    FieldProblem,
    FrontMatterError,
    LimitError,
    LoadError,
    NewsmetaError,
    PluginError,
    SourceError,
    StructureError,
)

SOURCE_ERRORS = [
    SourceError,
    EncodingError,
    FrontMatterError,
    LoadError,
    StructureError,
    LimitError,
]

PROBLEMS = (
    FieldProblem("date", "'date' is not a date: 'soon'", 3, 1),
    FieldProblem("tags", "'tags' item 1 is a mapping; expected text", None, None),
)


def _fields(error: BaseException) -> dict[str, Any]:
    return {
        "type": type(error),
        "str": str(error),
        "args": error.args,
        **{k: v for k, v in vars(error).items() if not k.startswith("__")},
    }


def _round_trip(error: BaseException) -> BaseException:
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        copy = pickle.loads(pickle.dumps(error, protocol=protocol))
        assert _fields(copy) == _fields(error)
    return copy


@pytest.mark.parametrize("cls", SOURCE_ERRORS)
def test_source_errors_keep_reason_path_line_and_column(cls: type[SourceError]) -> None:
    error = cls("bad thing; expected good", path="news/a.md", line=4, column=7)
    copy = _round_trip(error)
    assert isinstance(copy, cls)
    assert (copy.reason, copy.path, copy.line, copy.column) == (
        "bad thing; expected good",
        "news/a.md",
        4,
        7,
    )
    assert str(copy) == "news/a.md:4:7: bad thing; expected good"


@pytest.mark.parametrize("cls", SOURCE_ERRORS)
def test_located_copies_pickle_too(cls: type[SourceError]) -> None:
    moved = cls("oops", line=2).located("b.md", 3)
    copy = _round_trip(moved)
    assert str(copy) == "b.md:5: oops"


def test_field_error_keeps_every_problem() -> None:
    error = FieldError(problems=PROBLEMS, path="a.md")
    copy = _round_trip(error)
    assert isinstance(copy, FieldError)
    assert copy.problems == PROBLEMS
    assert (copy.line, copy.column) == (3, 1)
    assert str(copy) == (
        "a.md:3:1: 'date' is not a date: 'soon'\na.md: 'tags' item 1 is a mapping; expected text"
    )


def test_field_problem_pickles() -> None:
    assert pickle.loads(pickle.dumps(PROBLEMS[0])) == PROBLEMS[0]


def test_dialect_error_keeps_candidates_and_path() -> None:
    error = DialectError(
        "two dialects fit equally well", candidates=[("hugo", 0.5), ("generic", 0.5)], path="a.md"
    )
    copy = _round_trip(error)
    assert isinstance(copy, DialectError)
    assert copy.candidates == (("hugo", 0.5), ("generic", 0.5))
    assert (copy.message, copy.path, str(copy)) == (
        "two dialects fit equally well",
        "a.md",
        "a.md: two dialects fit equally well",
    )


def test_plugin_error_keeps_plugin_and_package() -> None:
    error = PluginError("broken import", plugin="feedly", package="newsmeta-feedly")
    copy = _round_trip(error)
    assert isinstance(copy, PluginError)
    assert (copy.message, copy.plugin, copy.package) == (
        "broken import",
        "feedly",
        "newsmeta-feedly",
    )


@pytest.mark.parametrize("cls", [NewsmetaError, AdapterError])
def test_plain_errors_pickle(cls: type[NewsmetaError]) -> None:
    copy = _round_trip(cls("adapter 'x' has no rules"))
    assert str(copy) == "adapter 'x' has no rules"


def _all_error_classes() -> list[type[NewsmetaError]]:
    found: list[type[NewsmetaError]] = [NewsmetaError]
    for cls in found:  # grows while iterating: a breadth-first walk
        found.extend(sub for sub in cls.__subclasses__() if sub not in found)
    return found


@pytest.mark.parametrize("cls", _all_error_classes(), ids=lambda cls: cls.__name__)
def test_every_error_class_pickles_with_its_fields(cls: type[NewsmetaError]) -> None:
    # Includes classes added later (by other modules): each must take a message
    # as its first argument and survive pickling unchanged.
    copy = _round_trip(cls("something went wrong"))
    assert type(copy) is cls
    assert "something went wrong" in str(copy)
