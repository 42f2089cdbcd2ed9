"""`newsmeta schema` describes exactly what to_dict writes, checked on real files."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

import newsmeta

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus"


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = newsmeta.json_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _corpus_outputs() -> list[dict[str, Any]]:
    if not CORPUS.is_dir():
        pytest.skip(f"real corpus not found at {CORPUS} (CI keeps ../shared beside the checkout)")
    folders = sorted(p for p in CORPUS.iterdir() if p.is_dir() and p.name[0] in "AB")
    results = list(newsmeta.parse_many(folders))
    assert len(results) > 100, "the A*/B corpus folders should hold over a hundred files"
    return [newsmeta.to_dict(r.article) for r in results if r.article is not None]


def test_every_corpus_article_validates(validator: Draft202012Validator) -> None:
    outputs = _corpus_outputs()
    assert len(outputs) > 100
    problems = [
        f"{data['title']!r}: {error.message}"
        for data in outputs
        for error in validator.iter_errors(data)
    ]
    assert problems == []


def test_the_schema_rejects_what_to_dict_never_writes(validator: Draft202012Validator) -> None:
    data = newsmeta.to_dict(
        newsmeta.parse("---\ntitle: Hi\ndate: 2024-01-01T00:00:00Z\nauthor: Ann\n---\n")
    )
    assert validator.is_valid(data)
    for change, message in [
        (lambda d: d.pop("title"), "'title' is a required property"),
        (lambda d: d.update(mood="sunny"), "Additional properties are not allowed"),
        (lambda d: d.update(tags="a"), "'a' is not of type 'array'"),
        (lambda d: d["authors"][0].update(name=None), "None is not of type 'string'"),
        (lambda d: d.update(published=5), "5 is not valid under any of the given schemas"),
        (lambda d: d.update(format="xml"), "'xml' is not one of ['yaml', 'toml', 'json', "),
    ]:
        broken = copy.deepcopy(data)
        change(broken)
        [error] = validator.iter_errors(broken)
        assert error.message.startswith(message)


def test_every_format_is_in_the_schema_and_round_trips() -> None:
    schema = newsmeta.json_schema()
    assert schema["properties"]["format"] == {
        "type": "string",
        "enum": ["yaml", "toml", "json", "hexo-yaml", "multimarkdown"],
    }
    for text in ("title: A\n---\n", "Title: A\n\n"):
        article = newsmeta.parse(text)
        assert newsmeta.from_dict(newsmeta.to_dict(article)) == article
    data = newsmeta.to_dict(newsmeta.parse("Title: A\n\n"))
    with pytest.raises(newsmeta.StructureError):
        newsmeta.from_dict({**data, "format": "xml"})
