"""load_yaml agrees with stock ruamel safe loading on every real front matter we have."""

from __future__ import annotations

from typing import Any

import pytest
from ruamel.yaml import YAML

from newsmeta._yaml import load_yaml
from newsmeta.errors import NewsmetaError

from ._yaml_support import SHARED, corpus_front_matters, normalise


def stock(text: str) -> tuple[str, Any]:
    try:
        return "ok", normalise(YAML(typ="safe", pure=False).load(text))
    except Exception as exc:  # stock lets ValueError, KeyError... escape
        return "error", type(exc).__name__


def ours(text: str) -> tuple[str, Any]:
    try:
        return "ok", normalise(load_yaml(text)[0])
    except NewsmetaError as exc:
        return "error", type(exc).__name__


def check_folder(folder: str) -> int:
    if not (SHARED / folder).is_dir():
        pytest.skip(f"shared test data not found: {SHARED / folder} (checkout without ../shared)")
    documents = corpus_front_matters(folder)
    assert documents, f"no YAML front matter found under {SHARED / folder}"
    mismatches = []
    for name, text in documents:
        expected, got = stock(text), ours(text)
        if expected[0] != got[0] or (expected[0] == "ok" and expected != got):
            mismatches.append((name, expected, got))
    assert not mismatches, mismatches[:3]
    return len(documents)


def test_corpus_matches_stock() -> None:
    assert check_folder("corpus") > 50


def test_bulk_matches_stock() -> None:
    assert check_folder("bulk") > 1000
