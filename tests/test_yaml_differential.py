"""load_yaml agrees with stock ruamel safe loading on every real front matter we have."""

from __future__ import annotations

import pytest

from ._yaml_support import SHARED, corpus_front_matters, ours, stock


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
