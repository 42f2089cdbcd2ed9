"""documents(): pairs for every built-in dialect and format, with the variations real files have."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from hypothesis import given, settings

import newsmeta
from newsmeta.testing import documents

from .conftest import ROOT

QUILLWIRE = newsmeta.load_adapter(
    ROOT / "examples" / "plugin" / "newsmeta_quillwire" / "quillwire.yaml"
)


@pytest.mark.parametrize("format", ["yaml", "toml", "json"])
@pytest.mark.parametrize("dialect", ["hugo", "aggregator", "generic"])
def test_every_builtin_dialect_reads_what_its_rules_write(dialect: str, format: str) -> None:
    @settings(max_examples=3)  # each dialect and format: a smoke test, tests below go deeper
    @given(documents(dialect, format=format))
    def reads_back(pair: tuple[str, newsmeta.Article]) -> None:
        text, expected = pair
        assert newsmeta.parse(text, dialect=dialect) == expected

    reads_back()


def _variations(adapter: newsmeta.MappingAdapter | str, examples: int) -> Counter[str]:
    seen: Counter[str] = Counter()

    # Derandomized everywhere (not only under CI): the same examples every run, so
    # the check below never depends on luck.
    @settings(max_examples=examples, derandomize=True, database=None)
    @given(documents(adapter))
    def collect(pair: tuple[str, newsmeta.Article]) -> None:
        text, expected = pair
        plain = text.replace("\r\n", "\n")
        seen["crlf"] += "\r\n" in text
        seen["bom"] += text.startswith("\ufeff")
        seen["dots closer"] += "\n...\n" in plain
        seen["unknown keys"] += bool(expected.extra)
        codes = {d.code for d in expected.diagnostics}
        seen["date-only"] += "date-only" in codes
        seen["naive"] += "naive-datetime" in codes
        lines = plain.splitlines()
        seen["unix time"] += any(re.fullmatch(r"filed_at: \d+", line) for line in lines)
        seen["other path"] += expected.provenance.get("url", "link.href") != "link.href"
        seen["key order"] += bool(lines[1:2]) and not lines[1].lstrip("\ufeff").startswith("hed")

    collect()
    return seen


def test_the_variations_are_generated() -> None:
    seen = _variations(QUILLWIRE, 45) + _variations("hugo", 10)
    expected = (
        "crlf", "bom", "dots closer", "unknown keys", "date-only", "naive", "unix time",
        "other path", "key order",
    )  # fmt: skip
    assert [name for name in expected if not seen[name]] == []


def test_a_class_adapter_without_rules_is_named() -> None:
    class Feed:
        name = "feed"
        fallback = False

        def score(self, mapping: object) -> float:
            return 0.0

        def voters(self, mapping: object) -> tuple[str, ...]:
            return ()

        def normalize(self, mapping: object) -> newsmeta.Normalized:
            return newsmeta.Normalized({}, {}, {})

    with pytest.raises(newsmeta.AdapterError) as info:
        documents(Feed())
    assert str(info.value) == (
        "documents() reads an adapter's rules; 'feed' is Feed, expected a MappingAdapter "
        "(a mapping file or Rule list)"
    )


def test_an_unknown_format_is_named() -> None:
    with pytest.raises(ValueError, match="format must be 'yaml', 'toml' or 'json', not 'xml'"):
        documents("hugo", format="xml")  # type: ignore[arg-type]
