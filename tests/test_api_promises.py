"""Issue 10, the smaller items: strict JSON out, a clean ``dir(newsmeta)``, documented
error attributes and read-only ``extra``/``provenance`` on the frozen model."""

from __future__ import annotations

import copy
import json
import math
import pickle
from pathlib import Path
from typing import Any

import attrs
import pytest

import newsmeta
from newsmeta.cli import main

NON_FINITE = "---\ntitle: T\nx: [.nan, .inf, -.inf, 1.5]\ny: {$float: nan}\n---\n"


def _refuse_constant(name: str) -> Any:
    raise AssertionError(f"bare {name} in the JSON output")


def test_to_dict_tags_nan_and_infinities_and_from_dict_restores_them() -> None:
    article = newsmeta.parse(NON_FINITE)
    data = newsmeta.to_dict(article)
    assert data["extra"] == {
        "x": [{"$float": "nan"}, {"$float": "inf"}, {"$float": "-inf"}, 1.5],
        "y": {"$map": [["$float", "nan"]]},  # a source mapping that looks like a tag
    }
    text = json.dumps(data, allow_nan=False)
    back = newsmeta.from_dict(json.loads(text, parse_constant=_refuse_constant))
    nan, inf, minus_inf, plain = back.extra["x"]
    assert math.isnan(nan) and (inf, minus_inf, plain) == (math.inf, -math.inf, 1.5)
    assert back.extra["y"] == {"$float": "nan"}


def test_the_jsonl_output_is_strict_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "nan.md").write_text(NON_FINITE)
    assert main(["parse", str(tmp_path / "nan.md"), "--format", "jsonl", "-q"]) == 0
    line = capsys.readouterr().out
    assert "NaN" not in line and "Infinity" not in line
    json.loads(line, parse_constant=_refuse_constant)


def test_dir_shows_only_the_public_api() -> None:
    names = dir(newsmeta)
    assert names == sorted(newsmeta.__all__)
    for private in ("Any", "Mapping", "TYPE_CHECKING", "annotations", "os"):
        assert private not in names


ARTICLE = newsmeta.parse_file("examples/news/hugo-city-council.md")


@pytest.mark.parametrize(
    "change",
    [
        lambda a: a.extra.__setitem__("x", 1),
        lambda a: a.extra.pop("mdName"),
        lambda a: a.extra.update(x=1),
        lambda a: a.extra.clear(),
        lambda a: a.extra.setdefault("x", 1),
        lambda a: a.provenance.__delitem__("title"),
        lambda a: a.provenance.popitem(),
        lambda a: a.images[0].extra.update(x=1),
    ],
)
def test_extra_and_provenance_are_read_only(change: Any) -> None:
    before = newsmeta.to_dict(ARTICLE)
    with pytest.raises(TypeError) as caught:
        change(ARTICLE)
    assert str(caught.value) == (
        "this mapping of a frozen newsmeta object is read-only; "
        "build a new object instead (attrs.evolve(article, extra={...}))"
    )
    assert newsmeta.to_dict(ARTICLE) == before


def test_read_only_mappings_compare_pickle_and_serialise_like_dicts() -> None:
    assert ARTICLE.extra == dict(ARTICLE.extra)
    assert repr(ARTICLE.provenance) == repr(dict(ARTICLE.provenance))
    for clone in (pickle.loads(pickle.dumps(ARTICLE)), copy.deepcopy(ARTICLE)):
        assert clone == ARTICLE and hash(clone) == hash(ARTICLE)
        assert type(clone.extra) is type(ARTICLE.extra)
    assert newsmeta.from_dict(newsmeta.to_dict(ARTICLE)) == ARTICLE
    assert json.dumps(ARTICLE.provenance) == json.dumps(dict(ARTICLE.provenance))
    changed = attrs.evolve(ARTICLE, extra={**ARTICLE.extra, "x": 1})
    assert changed.extra["x"] == 1 and "x" not in ARTICLE.extra
    mutable = ARTICLE.extra.copy()
    mutable["x"] = 1  # a copy is an ordinary dict
    assert type(mutable) is dict


def test_error_attributes_are_documented_and_real() -> None:
    with pytest.raises(newsmeta.FieldError) as caught:
        newsmeta.parse("---\ntitle: [a, b]\ndate: yesterday\n---\n", path="a.md")
    error = caught.value
    assert (error.path, error.line, error.column) == ("a.md", 2, 1)
    assert error.reason == "'title' is a list of 2 values; expected one"
    assert error.problems == (
        newsmeta.FieldProblem("title", "'title' is a list of 2 values; expected one", 2, 1),
        newsmeta.FieldProblem("date", "'date' is not a date: 'yesterday'", 3, 1),
    )
    for name in ("path", "line", "column", "reason", "problems"):
        assert f"``{name}``" in (newsmeta.errors.__doc__ or "")
