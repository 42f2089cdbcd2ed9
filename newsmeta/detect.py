"""Step 3: choose the adapter whose dialect a mapping is written in.

Every adapter scores the mapping; the best score at or above the threshold
wins.  A tie at the top and "nothing fits" are errors that name every
candidate, never a silent guess.  Fallback adapters are asked only when no
specific adapter reaches the threshold.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ._contract import checked_score
from ._record import Record
from .adapter import Adapter, MappingAdapter
from .errors import DialectError

__all__ = ["DEFAULT_THRESHOLD", "Candidate", "Detection", "choose", "clear_winner", "rank"]

DEFAULT_THRESHOLD = 0.2


class Candidate(Record):
    """One adapter's verdict: its score and the keys that voted for it."""

    __slots__ = ("name", "score", "voters", "fallback")
    name: str
    score: float
    voters: tuple[str, ...]
    fallback: bool

    def __init__(
        self, name: str, score: float, voters: tuple[str, ...], fallback: bool = False
    ) -> None:
        set_ = object.__setattr__
        set_(self, "name", name)
        set_(self, "score", score)
        set_(self, "voters", voters)
        set_(self, "fallback", fallback)


class Detection(Record):
    """All candidates, best first, and the name of the one chosen (or None)."""

    __slots__ = ("candidates", "chosen", "reason")
    candidates: tuple[Candidate, ...]
    chosen: str | None
    reason: str

    def __init__(self, candidates: tuple[Candidate, ...], chosen: str | None, reason: str) -> None:
        set_ = object.__setattr__
        set_(self, "candidates", candidates)
        set_(self, "chosen", chosen)
        set_(self, "reason", reason)


def _safe_score(adapter: Adapter, mapping: Mapping[str, Any]) -> tuple[float, tuple[str, ...]]:
    if isinstance(adapter, MappingAdapter):  # one pass instead of two; never raises
        return adapter.vote(mapping)
    return checked_score(adapter, mapping)


def rank(
    adapters: Sequence[Adapter],
    mapping: Mapping[str, Any],
    *,
    threshold: float = DEFAULT_THRESHOLD,
) -> Detection:
    """Score *mapping* with every adapter and pick a winner if there is one."""
    candidates = []
    for adapter in adapters:
        score, voters = _safe_score(adapter, mapping)
        candidates.append(Candidate(adapter.name, score, voters, adapter.fallback))
    candidates.sort(key=lambda c: (c.fallback, -c.score))
    specific = [c for c in candidates if not c.fallback and c.score >= threshold]
    if specific:
        best = specific[0]
        tied = [c.name for c in specific if c.score == best.score]
        if len(tied) > 1:
            return Detection(
                tuple(candidates),
                None,
                f"dialects {', '.join(tied)} fit equally well (score {best.score:.2f})",
            )
        return Detection(tuple(candidates), best.name, f"best score {best.score:.2f}")
    fallbacks = [c for c in candidates if c.fallback and c.score > 0.0]
    if fallbacks:
        best = max(fallbacks, key=lambda c: c.score)
        return Detection(
            tuple(candidates),
            best.name,
            f"no specific dialect reached {threshold:.2f}; fallback {best.name!r}",
        )
    return Detection(
        tuple(candidates), None, f"no dialect fits (none reached score {threshold:.2f})"
    )


def clear_winner(
    adapters: Sequence[Adapter], mapping: Mapping[str, Any], threshold: float
) -> Adapter | None:
    """The adapter detection chooses for *mapping*, decided in one pass, else None.

    The one specific adapter that clearly fits; when no specific adapter
    reaches *threshold*, the fallback ``rank`` would choose (without scoring
    it when there is only one: its score cannot change the choice).  A tie or
    "nothing fits" gives None, left to ``rank`` and ``choose`` to explain.
    Scoring every adapter a second time in ``rank`` cost a fifth of the time
    of a file read by the fallback.
    """
    best: Adapter | None = None
    best_score = threshold
    tied = False
    fallbacks: list[Adapter] = []
    for adapter in adapters:
        if adapter.fallback:
            fallbacks.append(adapter)
            continue
        score = _safe_score(adapter, mapping)[0]
        if score > best_score or (best is None and score == best_score):
            best, best_score, tied = adapter, score, False
        elif score == best_score and best is not None:
            tied = True
    if best is not None:
        return None if tied else best
    if len(fallbacks) <= 1:
        return fallbacks[0] if fallbacks else None
    # As rank: the best-scoring fallback above 0, the first registered among
    # equals; if none scores, the first fallback.
    chosen, chosen_score = fallbacks[0], 0.0
    for adapter in fallbacks:
        score = _safe_score(adapter, mapping)[0]
        if score > chosen_score:
            chosen, chosen_score = adapter, score
    return chosen


def choose(detection: Detection, *, path: str | None = None) -> str:
    """The chosen dialect's name, or a ``DialectError`` listing every candidate."""
    if detection.chosen is not None:
        return detection.chosen
    listing = ", ".join(f"{c.name}={c.score:.2f}" for c in detection.candidates)
    raise DialectError(
        f"{detection.reason}; candidates: {listing or 'none'}",
        candidates=[(c.name, c.score) for c in detection.candidates],
        path=path,
    )
