"""The per-document shortcuts of issue 14 give what the general code gives.

Placing a diagnostic on its key, giving an article its diagnostics, and the
detection and mapping fast paths are each checked against the general path.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Any

import attrs
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import newsmeta
from newsmeta import Diagnostic, Parser
from newsmeta.dialects import GENERIC

LONG = "k" * 120  # longer than the remembered key patterns


@pytest.mark.parametrize(
    ("text", "key", "line", "column"),
    [
        ("---\ntitle: T\ndate: 2024-05-01\n---\n", "date", 3, 1),
        ("---\ntitle: T\n'date' : 2024-05-01\n---\n", "date", 3, 1),
        (f"---\ntitle: T\n{LONG}: x\ndate: 2024-05-01\n---\n", "date", 4, 1),
        ("---\ntitle: T\nparams:\n  created: 2024-05-01\n---\n", "params.created", 4, 3),
    ],
)
def test_a_diagnostic_is_placed_on_its_key(text: str, key: str, line: int, column: int) -> None:
    notes = [d for d in Parser().parse(text).diagnostics if d.key == key]
    assert notes and {(d.line, d.column) for d in notes} == {(line, column)}


def test_a_long_key_is_found_as_a_short_one_is() -> None:
    from newsmeta.load import locate_key

    parts = Parser().split(f"---\ntitle: T\n  {LONG} : 1\n---\n")
    assert locate_key(parts, (LONG,)) == (3, 3)
    assert locate_key(parts, ("title",)) == (2, 1)


def test_an_article_with_diagnostics_is_what_evolve_would_give() -> None:
    article = Parser().parse("---\ntitle: T\ndate: 2024-05-01\n---\n")
    assert [d.code for d in article.diagnostics] == ["date-only"]
    rebuilt = attrs.evolve(article, diagnostics=article.diagnostics)
    assert rebuilt == article and hash(rebuilt) == hash(article)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        article.diagnostics = ()  # type: ignore[misc]
    assert isinstance(article.diagnostics[0], Diagnostic)
    assert newsmeta.to_dict(article)["diagnostics"][0]["line"] == 3


_KEYS = st.sampled_from(["title", "date", "Date", "slug", "link", "link.href", "tags", "x"])


@given(
    st.dictionaries(_KEYS, st.floats(0.1, 5.0), min_size=1, max_size=5),
    st.dictionaries(_KEYS, st.none() | st.integers() | st.dictionaries(st.just("href"), st.text())),
    st.booleans(),
    st.booleans(),
)
def test_a_vote_is_what_the_general_path_gives(
    signature: dict[str, float], mapping: dict[str, Any], fallback: bool, loose: bool
) -> None:
    # A dict takes the shortcuts; a mapping proxy of it walks every signature path.
    rules = [newsmeta.Rule("title", ("title",), loose=loose)]
    adapter = newsmeta.MappingAdapter("a", rules, signature=signature, fallback=fallback)
    assert adapter.vote(mapping) == adapter.vote(MappingProxyType(mapping))


@given(
    st.lists(st.sampled_from(["date", "'date'", "  date", "x: date", "date:", ":", " ", "\t"]))
    .map("".join)
    .flatmap(lambda line: st.lists(st.just(line) | st.text("dat:' \t=\nx", max_size=12)))
    .map("\n".join),
    st.sampled_from(["date", "dat", "a", "x", ":"]),
)
def test_a_key_line_is_found_where_the_full_search_finds_it(text: str, name: str) -> None:
    from newsmeta.load import _first_key_line, _key_line

    expected = _key_line(name).search(text)
    found = _first_key_line(text, name)
    assert (found and found.span(), found and found.group(1)) == (
        expected and expected.span(),
        expected and expected.group(1),
    )


_EXACT = [rule for rule in GENERIC.rules if not rule.loose]
_GENERIC_KEYS = sorted(
    {path.split(".")[0] for rule in _EXACT for path in rule.paths}
    | {path for rule in _EXACT for path in rule.paths}
    | {"weight", "og:title"}
)
_VALUES = (
    st.none()
    | st.booleans()
    | st.sampled_from(["", "x", "2024-05-01", "https://a.test/p", "a, b", "2014/12/12/s"])
    | st.lists(st.sampled_from(["a", "https://a.test/i.png"]), max_size=2)
)


@given(
    st.dictionaries(
        st.sampled_from(_GENERIC_KEYS),
        _VALUES | st.dictionaries(st.sampled_from(_GENERIC_KEYS), _VALUES, max_size=3),
        max_size=11,
    )
)
@example({"draft": False, "published": False})  # two rules for one field: the first wins
def test_a_small_document_is_mapped_as_by_every_rule(mapping: dict[str, Any]) -> None:
    # Few keys: only the rules needing one of them run.  With the threshold at 0
    # every rule is asked, as for a document of many keys.
    from newsmeta import adapter

    fast = GENERIC.normalize(mapping)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(adapter, "_FEW_KEYS", 0)
        assert GENERIC.normalize(mapping) == fast
