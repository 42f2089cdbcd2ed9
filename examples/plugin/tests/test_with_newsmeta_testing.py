"""The plugin tested the way its users would, with newsmeta.testing only.

``pip install "newsmeta[testing]"`` brings the strategies; the pytest plugin
brings ``newsmeta_parser`` (strict, with the adapters of the ini setting
``newsmeta_adapters`` in this package's ``pyproject.toml``) and
``--newsmeta-update`` to rewrite ``golden/*.json``.
"""

from __future__ import annotations

from hypothesis import given
from newsmeta_quillwire import SAMPLE_FILE

import newsmeta
from newsmeta.testing import (
    articles,
    assert_lossless,
    assert_matches_golden,
    documents,
    hostile_documents,
)

# Not strict: documents() also writes dates without a zone or a time, which the
# parser reads with a diagnostic (and the expected Article carries it).
PARSER = newsmeta.Parser(plugins=["quillwire"])


def test_the_sample_matches_its_golden_file(newsmeta_parser: newsmeta.Parser) -> None:
    article = newsmeta_parser.parse_file(SAMPLE_FILE, dialect="quillwire")
    assert_matches_golden(article, "tests/golden/quillwire-sample.json")


def test_the_sample_loses_no_key(newsmeta_parser: newsmeta.Parser) -> None:
    article = newsmeta_parser.parse_file(SAMPLE_FILE, dialect="quillwire")
    assert_lossless(article, SAMPLE_FILE)


@given(documents("quillwire", format="yaml"))
def test_reads_what_its_rules_write_in_yaml(pair: tuple[str, newsmeta.Article]) -> None:
    text, expected = pair
    assert PARSER.parse(text, dialect="quillwire") == expected


@given(documents("quillwire", format="json"))
def test_reads_what_its_rules_write_in_json(pair: tuple[str, newsmeta.Article]) -> None:
    text, expected = pair
    assert PARSER.parse(text, dialect="quillwire") == expected


@given(articles(dialect="quillwire"))
def test_any_article_survives_json(article: newsmeta.Article) -> None:
    assert newsmeta.from_dict(newsmeta.to_dict(article)) == article


@given(hostile_documents())
def test_hostile_input_gives_an_article_or_a_newsmeta_error(data: str | bytes) -> None:
    try:
        article = PARSER.parse(data)
    except newsmeta.NewsmetaError:
        return
    newsmeta.to_dict(article)
