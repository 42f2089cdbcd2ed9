"""Detection decides in one pass what ranking every candidate would decide."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from newsmeta import Adapter, Normalized, Parser
from newsmeta.detect import clear_winner, rank


class _Fixed:
    """An adapter with a fixed score that counts how often it is asked."""

    def __init__(self, name: str, score: float, fallback: bool) -> None:
        self.name, self._score, self.fallback, self.calls = name, score, fallback, 0

    def score(self, mapping: Mapping[str, Any]) -> float:
        self.calls += 1
        return self._score

    def voters(self, mapping: Mapping[str, Any]) -> tuple[str, ...]:
        return ()

    def normalize(self, mapping: Mapping[str, Any]) -> Normalized:
        return Normalized({"title": mapping["title"]}, {"title": "title"}, {})


def _ranked_choice(adapters: list[_Fixed], threshold: float) -> Adapter | None:
    """The choice as made from a full ``rank`` (what the parser did before)."""
    detection = rank(adapters, {}, threshold=threshold)
    if detection.chosen is None:
        specific = [c for c in detection.candidates if not c.fallback]
        if not any(c.score >= threshold for c in specific):
            return next((a for a in adapters if a.fallback), None)
        return None
    return next(a for a in adapters if a.name == detection.chosen)


_SCORES = st.sampled_from([0.0, 0.1, 0.2, 0.5, 1.0])


@given(st.lists(st.tuples(_SCORES, st.booleans()), max_size=6), st.sampled_from([0.2, 0.5]))
def test_one_pass_chooses_what_a_full_ranking_chooses(
    drawn: list[tuple[float, bool]], threshold: float
) -> None:
    adapters = [_Fixed(f"a{n}", score, fallback) for n, (score, fallback) in enumerate(drawn)]
    assert clear_winner(adapters, {}, threshold) is _ranked_choice(adapters, threshold)


def test_each_adapter_is_scored_once_and_a_lone_fallback_not_at_all() -> None:
    adapters = [_Fixed("one", 0.1, False), _Fixed("two", 0.0, False), _Fixed("back", 0.3, True)]
    article = Parser(adapters, builtins=False).parse("---\ntitle: Hi\n---\n")
    assert article.dialect == "back"
    assert [a.calls for a in adapters] == [1, 1, 0]


def test_the_best_of_several_fallbacks_is_chosen_the_first_among_equals() -> None:
    adapters = [
        _Fixed("one", 0.1, False),
        _Fixed("low", 0.2, True),
        _Fixed("high", 0.4, True),
        _Fixed("same", 0.4, True),
    ]
    assert Parser(adapters, builtins=False).parse("---\ntitle: Hi\n---\n").dialect == "high"
    zero = [_Fixed("one", 0.1, False), _Fixed("first", 0.0, True), _Fixed("second", 0.0, True)]
    assert Parser(zero, builtins=False).parse("---\ntitle: Hi\n---\n").dialect == "first"
