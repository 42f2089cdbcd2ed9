"""Mutation tests: documents() catches a broken copy of the example adapter.

Each mutant is the Quillwire mapping file (examples/plugin) with one mistake a
user makes: a wrong path, a converter where none belongs, a field whose rule
was dropped (its key then lands in ``extra``).  The property a user writes,
``parse(text, dialect=...) == expected`` over ``documents(spec)``, must fail
with the mutant installed within Hypothesis's default 100 examples; with the
unchanged copy it must pass (so the test is not failing for another reason).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import Phase, given, settings

import newsmeta
from newsmeta.testing import documents

from .conftest import ROOT

SPEC_FILE = ROOT / "examples" / "plugin" / "newsmeta_quillwire" / "quillwire.yaml"
SPEC = newsmeta.load_adapter(SPEC_FILE)

MUTANTS = {
    "wrong-path": ("published: {paths: [filed_at], convert: date}", "published: [filed]"),
    "converter-where-none-belongs": (
        "is_draft: [embargoed]",
        "is_draft: {paths: [embargoed], convert: not}",
    ),
    "dropped-field": ("  summary: [dek]\n", ""),
}

# Hypothesis's default budget; no shrinking: only whether a failure is found matters.
DEFAULT_BUDGET = settings(
    max_examples=100, database=None, phases=[Phase.generate], report_multiple_bugs=False
)


def _installed(tmp_path: Path, change: tuple[str, str] | None) -> newsmeta.Parser:
    text = SPEC_FILE.read_text(encoding="utf-8")
    if change is not None:
        assert change[0] in text
        text = text.replace(*change)
    copy = tmp_path / "quillwire.yaml"
    copy.write_text(text, encoding="utf-8")
    return newsmeta.Parser([newsmeta.load_adapter(copy)], builtins=False)


def _property(parser: newsmeta.Parser, budget: settings = DEFAULT_BUDGET) -> None:
    @budget
    @given(documents(SPEC))
    def reads_what_the_spec_writes(pair: tuple[str, newsmeta.Article]) -> None:
        text, expected = pair
        assert parser.parse(text, dialect="quillwire") == expected

    reads_what_the_spec_writes()


def test_the_unchanged_copy_passes(tmp_path: Path) -> None:
    _property(_installed(tmp_path, None), settings(DEFAULT_BUDGET, max_examples=30))


@pytest.mark.parametrize("mutant", list(MUTANTS))
def test_documents_catch_the_mutant(tmp_path: Path, mutant: str) -> None:
    parser = _installed(tmp_path, MUTANTS[mutant])
    with pytest.raises((AssertionError, newsmeta.NewsmetaError)):
        _property(parser)
