"""Every real file of the A and B families: parsed with what it has, or a clear error.

The files are read in place from ../shared/corpus; nothing is copied.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import newsmeta

from .conftest import SHARED, corpus_files

_FILES = list(corpus_files("A*", "B"))
# Files that cannot become an Article, each for a reason a reader would agree with.
_EXPECTED_FAILURES: dict[str, type[newsmeta.NewsmetaError]] = {}


def _front_matter(path: Path) -> dict[str, Any]:
    parser = newsmeta.Parser()
    mapping, _ = parser.load(parser.split(path.read_bytes(), path=str(path)))
    return mapping


def test_corpus_is_present() -> None:
    if not (SHARED / "corpus").exists():
        pytest.skip("../shared/corpus is absent (it sits beside the checkout in CI)")
    assert len(_FILES) >= 100


@pytest.mark.parametrize("path", _FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_corpus_file_parses_with_what_it_has(path: Path) -> None:
    expected_error = _EXPECTED_FAILURES.get(path.name)
    if expected_error is not None:
        with pytest.raises(expected_error) as info:
            newsmeta.parse_file(path)
        assert str(info.value).startswith(str(path))
        return
    article = newsmeta.parse_file(path)
    source = _front_matter(path)
    family = path.parent.name
    assert article.dialect == ("aggregator" if family == "B" else "hugo") or (
        family == "A-rel-section-or-readme" and article.dialect == "generic"
    )
    assert article.title
    date_keys = {"date", "pubDate", "publishedDateTime"} & source.keys()
    assert (article.published is not None) == bool(date_keys)
    if article.published is not None:
        assert article.published.tzinfo is not None
    link = source.get("link")
    url_sources = [source.get("originalUrl"), source.get("webUrl"), link]
    if isinstance(link, dict):
        url_sources += [link.get("href"), link.get("herf"), link.get("original")]
    if any(isinstance(u, str) and u for u in url_sources):
        assert article.url


@pytest.mark.parametrize("path", _FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_corpus_file_loses_no_key(path: Path) -> None:
    if path.name in _EXPECTED_FAILURES:
        pytest.skip("this file fails to parse, for a reason tested above")
    article = newsmeta.parse_file(path)
    used_roots = {source_key.split(".")[0] for source_key in article.provenance.values()}
    used_roots |= set(article.provenance.values())  # keys that contain a dot
    for key in _front_matter(path):
        assert key in article.extra or key in used_roots, f"{key!r} was lost"
    for key in article.extra:
        assert key in _front_matter(path) or key in article.provenance.values()


@pytest.mark.parametrize("path", _FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_corpus_file_round_trips(path: Path) -> None:
    if path.name in _EXPECTED_FAILURES:
        pytest.skip("this file fails to parse, for a reason tested above")
    article = newsmeta.parse_file(path)
    assert newsmeta.from_dict(newsmeta.to_dict(article)) == article
