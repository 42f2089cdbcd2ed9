"""Shared test helpers: where the real corpora live, and how to skip without them."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = Path(__file__).resolve().parent / "data"

# In CI (CI=true) the examples are derandomized: a submission is judged on the
# same inputs every run; exploration with fresh random inputs is for runs by hand
# (and NEWSMETA_HYPOTHESIS_EXAMPLES asks for more of them).  Modules' own settings
# inherit this profile.
settings.register_profile(
    "ci",
    max_examples=int(os.environ.get("NEWSMETA_HYPOTHESIS_EXAMPLES", "300")),
    deadline=None,
    derandomize=bool(os.environ.get("CI")),
)
settings.load_profile("ci")


def shared(*parts: str) -> Path:
    """A path under ../shared, or skip the test with the reason visible in the report."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (the real corpora live in ../shared beside the checkout)")
    return path


def corpus_files(*families: str) -> Iterator[Path]:
    """Every content file of the given corpus families (folder name globs)."""
    base = SHARED / "corpus"
    for family in families:
        for folder in sorted(base.glob(family)):
            if folder.is_dir():
                yield from sorted(p for p in folder.iterdir() if p.is_file())


def readme_block(marker: str) -> str:
    """The code of the README's fenced block that follows the comment naming *marker*."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index(f"<!-- {marker}:")
    fence = text.index("```python\n", start) + len("```python\n")
    return text[fence : text.index("```", fence)]
