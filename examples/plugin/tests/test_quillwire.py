"""The plugin is found by name once installed (pip install -e examples/plugin)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from newsmeta_quillwire import SAMPLE_FILE

import newsmeta
from newsmeta import plugins


def test_sample_parses_by_dialect_name() -> None:
    plugins.refresh()
    article = newsmeta.parse_file(SAMPLE_FILE, dialect="quillwire")
    assert article.dialect == "quillwire"
    assert article.title == "Tram line extension opens two stations early"
    assert article.published == datetime(2024, 6, 14, 16, 45, tzinfo=timezone(timedelta(hours=2)))
    assert article.tags == ("transport", "city")
    assert article.source is not None and article.source.name == "Quillwire"
    assert article.authors[0].email == "ines@quillwire.test"
    assert article.is_draft is False
    assert article.extra == {"qw_story_id": "QW-88213", "priority": 2}


def test_detection_needs_the_plugin_enabled() -> None:
    plugins.refresh()
    # No built-in dialect fits; the generic fallback finds nothing article-like.
    with pytest.raises(newsmeta.NotAnArticleError, match="not an article"):
        newsmeta.parse_file(SAMPLE_FILE)
    parser = newsmeta.Parser(plugins=["quillwire"])
    assert parser.parse_file(SAMPLE_FILE).dialect == "quillwire"
