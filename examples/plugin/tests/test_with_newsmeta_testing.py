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
from newsmeta.testing import assert_lossless, assert_matches_golden, hostile_documents


def test_the_sample_matches_its_golden_file(newsmeta_parser: newsmeta.Parser) -> None:
    article = newsmeta_parser.parse_file(SAMPLE_FILE, dialect="quillwire")
    assert_matches_golden(article, "tests/golden/quillwire-sample.json")


def test_the_sample_loses_no_key(newsmeta_parser: newsmeta.Parser) -> None:
    article = newsmeta_parser.parse_file(SAMPLE_FILE, dialect="quillwire")
    assert_lossless(article, SAMPLE_FILE)


@given(hostile_documents())
def test_hostile_input_gives_an_article_or_a_newsmeta_error(data: str | bytes) -> None:
    parser = newsmeta.Parser(plugins=["quillwire"])
    try:
        article = parser.parse(data)
    except newsmeta.NewsmetaError:
        return
    newsmeta.to_dict(article)
