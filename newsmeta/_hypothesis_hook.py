"""Registers the model's strategies with Hypothesis (its ``hypothesis`` entry point).

Hypothesis calls ``_hypothesis_setup_hook`` when it is imported, in every
program where newsmeta is installed, so the hook only registers functions: the
strategies module is imported the first time ``st.from_type`` asks for one of
the classes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__: list[str] = []


def _strategy_for(cls: type[Any]) -> Any:
    from .testing import strategies

    strategy_of: dict[str, Callable[[], Any]] = {
        "Article": strategies.articles,
        "Author": strategies.authors,
        "Diagnostic": strategies.diagnostics,
        "Image": strategies.images,
        "RelatedArticle": strategies.related_articles,
        "Source": strategies.sources,
    }
    return strategy_of[cls.__name__]()


def _hypothesis_setup_hook() -> None:
    from hypothesis import strategies as st

    from .model import Article, Author, Diagnostic, Image, RelatedArticle, Source

    for cls in (Article, Author, Diagnostic, Image, RelatedArticle, Source):
        st.register_type_strategy(cls, _strategy_for)
