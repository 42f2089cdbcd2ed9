"""newsmeta.testing's strategies make only what the parser could produce."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsmeta
from newsmeta import DEFAULT_LIMITS, Article, Author, Image, RelatedArticle, Source
from newsmeta._coerce import summary, text_tuple, title_text
from newsmeta._converters import _absolute_url
from newsmeta.convert import _host
from newsmeta.dates import parse_datetime
from newsmeta.testing import articles, related_articles

# An Article costs ~10 ms to draw: these budgets keep the module at a few seconds.
FEW = settings(max_examples=25)
FEWER = settings(max_examples=10)


def _depth(value: object) -> int:
    if isinstance(value, dict):
        return 1 + max(map(_depth, value.values()), default=0)
    if isinstance(value, list):
        return 1 + max(map(_depth, value), default=0)
    return 0


def _check_time(moment: object) -> None:
    if moment is None:
        return
    parsed, assumptions = parse_datetime(moment)
    assert (parsed, assumptions) == (moment, ())  # aware, needs no assumption
    assert moment.utcoffset() or moment.tzinfo is timezone.utc  # type: ignore[attr-defined]


def _check_image(image: Image) -> None:
    assert _absolute_url(image.url) == image.url
    assert image.width is None or image.width > 0


def _check_people(people: tuple[Author, ...]) -> None:
    for author in people:
        assert title_text(author.name) == author.name
        assert not {"name", "title", "url", "email"} & set(author.extra)


def _check_source(source: Source | None, url: str | None) -> None:
    if source is None:
        return
    assert source.name or source.domain or source.url or source.images
    if url and source.domain is None:
        assert not _host(url)
    for image in source.images:
        _check_image(image)


def check_as_parsed(article: Article) -> None:
    """What the parser's value hooks would leave unchanged, and its relations."""
    assert title_text(article.title) == article.title
    assert "\n" not in article.title
    assert article.summary is None or summary(article.summary) == article.summary
    for texts in (article.tags, article.categories, article.aliases):
        assert text_tuple(list(texts)) == texts
    for url in (article.url, *article.links):
        assert url is None or _absolute_url(url) == url
    assert article.url not in article.links
    assert len(set(article.links)) == len(article.links)
    _check_time(article.published)
    _check_time(article.updated)
    _check_people(article.authors)
    _check_source(article.source, article.url)
    for image in article.images:
        _check_image(image)
    for item in article.related:
        _check_time(item.published)
        _check_people(item.authors)
        _check_source(item.source, item.url)
    assert "\r" not in article.body
    assert set(article.provenance) <= set(newsmeta.adapter.CANONICAL_FIELDS)
    plain = newsmeta.to_dict(article)
    text = json.dumps(plain)
    assert newsmeta.from_dict(json.loads(text)) == article
    # Far inside the parser's limits, so a document written from it is never refused.
    assert len(text) < DEFAULT_LIMITS["max_front_matter_bytes"] // 100
    assert _depth(plain["extra"]) < DEFAULT_LIMITS["max_depth"] // 10


@FEW
@given(articles(related=st.lists(related_articles(), max_size=2).map(tuple)))
def test_articles_are_what_the_parser_could_produce(article: Article) -> None:
    check_as_parsed(article)


@FEWER
@given(st.from_type(Article))
def test_from_type_uses_the_registered_strategy(article: Article) -> None:
    # Registered through the `hypothesis` entry point when Hypothesis was imported.
    check_as_parsed(article)


@FEWER
@given(
    st.from_type(Author),
    st.from_type(Image),
    st.from_type(Source),
    st.from_type(RelatedArticle),
    st.from_type(newsmeta.Diagnostic),
)
def test_every_model_class_is_registered(
    author: Author, image: Image, source: Source, item: RelatedArticle, note: newsmeta.Diagnostic
) -> None:
    _check_people((author,))
    _check_image(image)
    _check_source(source, None)
    _check_source(item.source, item.url)
    assert note.code and note.message


@FEWER
@given(
    articles(
        title="Fixed title",
        dialect="quillwire",
        tags=st.sampled_from([("a",), ("b", "c")]),
        url="https://www.example.test/story",
        source=Source(name="Wire"),
        provenance={"title": "hed"},
    )
)
def test_fields_are_fixed_or_drawn_from_the_given_strategy(article: Article) -> None:
    assert article.title == "Fixed title"
    assert article.dialect == "quillwire"
    assert article.tags in (("a",), ("b", "c"))
    assert article.provenance == {"title": "hed"}
    # The parser derives a source's missing domain from the URL: so does articles().
    assert article.source == Source(name="Wire", domain="example.test")


def test_an_unknown_field_is_named() -> None:
    with pytest.raises(TypeError) as info:
        articles(titel="x")
    assert str(info.value).startswith(
        "articles() got unknown field(s) titel; expected fields of Article: title, summary, "
    )


def _python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )


def test_import_newsmeta_imports_neither_hypothesis_nor_pytest() -> None:
    result = _python(
        "import sys, newsmeta; newsmeta.parse('---\\ntitle: x\\n---\\n');"
        "print(sorted(m for m in ('hypothesis', 'pytest') if m in sys.modules))"
    )
    assert result.stdout.strip() == "[]", result.stderr


def test_without_hypothesis_the_error_names_the_extra() -> None:
    result = _python(
        "import sys; sys.modules['hypothesis'] = None\n"
        "try:\n    import newsmeta.testing\n"
        "except ImportError as error:\n"
        "    import newsmeta; print(isinstance(error, newsmeta.NewsmetaError), error)"
    )
    assert result.stdout.strip() == (
        "True newsmeta.testing needs hypothesis, which is not installed: "
        'pip install "newsmeta[testing]"'
    ), result.stderr


def test_newsmeta_testing_needs_no_pytest() -> None:
    # Strategies and assertions serve unittest users too.
    result = _python(
        "import sys; sys.modules['pytest'] = None\n"
        "from newsmeta.testing import articles, assert_lossless; print('ok')"
    )
    assert result.stdout.strip() == "ok", result.stderr
