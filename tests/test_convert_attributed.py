"""A clean document with notes (a date without a time ...) gets them attributed without the
careful pass, exactly as the careful pass would have done it."""

from __future__ import annotations

import pytest

import newsmeta
from newsmeta import convert

DOCUMENTS = [
    "---\ntitle: A\ndate: 2024-05-01\n---\n",  # date-only
    "---\ntitle: A\ndate: 2024-05-01 10:00:00\nlastmod: 2024-05-02\ntags:\n- a\n-\n- b\n---\n",
    "---\ntitle: A\ndate: 2024-05-01\nimages:\n- url: /a.png\n  width: x\n---\n",
    "---\ntitle: A\nsummary: [a, b]\ndate: 2024-05-01\n---\n",  # a note outside the set
    "---\ntitle: A\ndate: 2024-05-01\nrelated:\n- title: B\n  date: 2024-05-02\n---\n",
    "---\ntitle: A\ndate: 2024-05-01\ncover: false\n---\n",
]


def _parsed(text: str) -> tuple[str, object]:
    try:
        return "ok", newsmeta.to_dict(newsmeta.parse(text))
    except newsmeta.NewsmetaError as error:
        return "error", str(error)


@pytest.mark.parametrize("text", DOCUMENTS)
def test_the_same_article_and_diagnostics_as_the_careful_pass(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    quick = _parsed(text)
    monkeypatch.setattr(convert, "_attributed", lambda normalized, noted, count: None)
    assert quick == _parsed(text)


def test_a_date_without_a_time_skips_the_careful_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the careful pass ran")

    monkeypatch.setattr(convert, "_build", refuse)
    article = newsmeta.parse("---\ntitle: A\ndate: 2024-05-01\n---\n")
    assert [(d.code, d.key) for d in article.diagnostics] == [("date-only", "date")]
