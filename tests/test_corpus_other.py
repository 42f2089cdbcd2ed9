"""Every file of the static-site families in the shared corpus (other-*) parses with a
title and its published date, or fails for a listed, real reason."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import newsmeta
from newsmeta import FrontMatterError, NewsmetaError, NotAnArticleError

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus"

#: File name -> the error it must raise, and why that is right.
EXPECTED_FAILURES: dict[str, type[NewsmetaError]] = {
    "other-eleventy-yaml/404.md": NotAnArticleError,  # a 404 page: no title, date or post keys
    "other-eleventy-yaml/about.md": FrontMatterError,  # ---js front matter is never run
    "other-eleventy-yaml/fifthpost.md": FrontMatterError,  # ---js
    "other-jekyll-testfixture/2009-06-22-no-yaml.markdown": FrontMatterError,  # no front matter
}

_DATE_KEY = re.compile(r"^\s*\"?(date|publishDate|pubDate|created)\"?\s*[:=]", re.MULTILINE)
_DATED_NAME = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}-")


def _files() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    return sorted(p for p in CORPUS.glob("other-*/*") if p.is_file())


def _carries_a_date(path: Path) -> bool:
    data = path.read_bytes()
    text = data.decode("utf-16") if data.startswith(b"\xff\xfe") else data.decode("utf-8-sig")
    head = text.replace("\r\n", "\n")[:2000]
    return bool(_DATE_KEY.search(head) or _DATED_NAME.match(path.name))


@pytest.fixture(scope="module")
def files() -> list[Path]:
    found = _files()
    if not found:
        pytest.skip(f"shared corpus not found at {CORPUS}")
    return found


def test_every_other_file_has_a_title_and_its_date_or_an_expected_error(
    files: list[Path],
) -> None:
    names = {path.relative_to(CORPUS).as_posix() for path in files}
    assert set(EXPECTED_FAILURES) <= names, "an expected failure is no longer in the corpus"
    problems = []
    for path in files:
        name = path.relative_to(CORPUS).as_posix()
        expected = EXPECTED_FAILURES.get(name)
        try:
            article = newsmeta.parse_file(path)
        except NewsmetaError as error:
            if expected is None or type(error) is not expected:
                problems.append(f"{name}: unexpected {type(error).__name__}: {error}")
            continue
        if expected is not None:
            problems.append(f"{name}: parsed, but {expected.__name__} was expected")
        if not article.title.strip():
            problems.append(f"{name}: empty title")
        if _carries_a_date(path) and article.published is None:
            problems.append(f"{name}: has a date but published is None")
    assert problems == []


def test_jekyll_fixture_details(files: list[Path]) -> None:
    fixtures = CORPUS / "other-jekyll-testfixture"
    not_published = newsmeta.parse_file(fixtures / "2008-02-02-not-published.markdown")
    assert (not_published.title, not_published.is_draft) == ("Not published!", True)
    zeroes = newsmeta.parse_file(fixtures / "2017-2-5-i-dont-like-zeroes.md")
    assert (zeroes.title, zeroes.published.isoformat() if zeroes.published else None) == (
        "I Dont Like Zeroes",
        "2017-02-05T00:00:00+00:00",
    )
    assert zeroes.extra == {"foo": "bar"}
    with pytest.raises(FrontMatterError) as caught:
        newsmeta.parse_file(CORPUS / "other-eleventy-yaml/fifthpost.md")
    assert str(caught.value).endswith(
        "fifthpost.md:1:4: unsupported front-matter language 'js'; expected YAML, TOML or JSON"
    )
