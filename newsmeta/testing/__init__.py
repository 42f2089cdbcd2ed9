"""Test support for users of newsmeta: Hypothesis strategies and assertions.

Install with ``pip install "newsmeta[testing]"``::

    from hypothesis import given
    from newsmeta.testing import articles, documents, hostile_documents

* ``articles(**overrides)``: Articles the parser could produce; fix or redraw any field.
* ``documents(adapter_or_dialect, format=...)``: ``(text, expected_article)`` pairs
  written from an adapter's rules, with the variations real files have.
* ``hostile_documents()``: inputs that must end in an Article or a ``NewsmetaError``.
* ``assert_lossless`` and ``assert_matches_golden``: also available without
  Hypothesis from the pytest plugin (``newsmeta.pytest_plugin``), which adds the
  fixtures ``newsmeta_parser`` and ``newsmeta_corpus`` and ``--newsmeta-update``.

Once newsmeta is installed, ``st.from_type(Article)`` (and the other model
classes) use these strategies: newsmeta registers them through Hypothesis's
``hypothesis`` entry point.
"""

from __future__ import annotations

from .._extras import require

# Checked before the modules below import Hypothesis, so that its absence is
# reported as the extra to install, not as a bare ModuleNotFoundError.
require("hypothesis", "testing", "newsmeta.testing")

from .._assertions import assert_lossless, assert_matches_golden  # noqa: E402
from .from_rules import documents  # noqa: E402
from .hostile import hostile_documents  # noqa: E402
from .strategies import (  # noqa: E402
    articles,
    authors,
    datetimes,
    diagnostics,
    extra_values,
    images,
    related_articles,
    sources,
    text_lines,
    texts,
    urls,
)

__all__ = [
    "articles",
    "assert_lossless",
    "assert_matches_golden",
    "authors",
    "datetimes",
    "diagnostics",
    "documents",
    "extra_values",
    "hostile_documents",
    "images",
    "related_articles",
    "sources",
    "text_lines",
    "texts",
    "urls",
]
