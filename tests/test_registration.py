"""The Adapter protocol by hand, and per-parser registration."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timezone
from typing import Any

import pytest

import newsmeta
from newsmeta import Adapter, AdapterError, Normalized, Parser, UnexpectedError

NEWSLETTER = (
    "---\nissue_no: 12\nsubject: May news\nsent: 2024-05-03T07:00:00Z\nlist: all\n---\nHi\n"
)


class Newsletter:
    """A hand-written adapter: it scores and normalises, the core builds the Article."""

    fallback = False

    def __init__(self, name: str = "newsletter") -> None:
        self.name = name

    def score(self, mapping: Mapping[str, Any]) -> float:
        return 1.0 if "issue_no" in mapping else 0.0

    def voters(self, mapping: Mapping[str, Any]) -> tuple[str, ...]:
        return ("issue_no",) if "issue_no" in mapping else ()

    def normalize(self, mapping: Mapping[str, Any]) -> Normalized:
        used = {"subject": "title", "sent": "published"}
        fields = {target: mapping[key] for key, target in used.items() if key in mapping}
        provenance = {target: key for key, target in used.items() if key in mapping}
        extra = {k: v for k, v in mapping.items() if k not in used}
        return Normalized(fields, provenance, extra)


def test_a_class_adapter_satisfies_the_protocol_and_is_detected() -> None:
    assert isinstance(Newsletter(), Adapter)
    article = Parser(adapters=[Newsletter()]).parse(NEWSLETTER)
    assert (article.dialect, article.title) == ("newsletter", "May news")
    assert article.published == datetime(2024, 5, 3, 7, tzinfo=timezone.utc)
    assert article.extra == {"issue_no": 12, "list": "all"}
    assert article.provenance == {"title": "subject", "published": "sent"}


def test_registration_is_per_parser() -> None:
    parser = Parser()
    parser.register(Newsletter())
    assert parser.parse(NEWSLETTER).dialect == "newsletter"
    assert "newsletter" not in [a.name for a in Parser().adapters]
    with pytest.raises(newsmeta.DialectError):
        Parser().parse(NEWSLETTER)


def test_a_name_clash_is_an_error_unless_replace() -> None:
    parser = Parser(adapters=[Newsletter()])
    with pytest.raises(AdapterError) as caught:
        parser.register(Newsletter())
    assert str(caught.value) == (
        "an adapter named 'newsletter' is already registered; pass replace=True to replace it"
    )
    replacement = Newsletter()
    parser.register(replacement, replace=True)
    assert parser.adapter("newsletter") is replacement
    assert [a.name for a in parser.adapters].count("newsletter") == 1


def test_a_clash_with_a_builtin_needs_replace_too() -> None:
    with pytest.raises(AdapterError, match="an adapter named 'generic' is already registered"):
        Parser(adapters=[Newsletter("generic")])


def test_something_that_is_not_an_adapter_is_refused() -> None:
    with pytest.raises(AdapterError) as caught:
        Parser().register("hugo")  # type: ignore[arg-type]
    assert str(caught.value) == (
        "'hugo' is not an adapter; expected name, fallback, score, voters, normalize"
    )


def test_an_adapter_that_raises_is_reported_with_its_name() -> None:
    class Broken(Newsletter):
        def normalize(self, mapping: Mapping[str, Any]) -> Normalized:
            raise KeyError("subject")

    # A bug in normalize() is an UnexpectedError (issue 10 #16), its traceback kept as text.
    with pytest.raises(UnexpectedError) as caught:
        Parser(adapters=[Broken()]).parse(NEWSLETTER, path="n.md")
    assert str(caught.value) == (
        "n.md: unexpected KeyError: adapter 'newsletter' failed in normalize(): 'subject'"
    )
    assert 'raise KeyError("subject")' in caught.value.details
