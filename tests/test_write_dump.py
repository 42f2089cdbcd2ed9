"""dump: an Article written in any dialect reads back as the same Article."""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import attrs
import pytest

import newsmeta
from newsmeta.dialects import BUILTIN_ADAPTERS
from newsmeta.write import LossWarning

from .conftest import ROOT, SHARED

_DIALECTS = {adapter.name: adapter for adapter in BUILTIN_ADAPTERS}
# What only describes the source, not the story.
_SOURCE_ONLY = {"dialect", "format", "provenance", "diagnostics"}
_ARTICLE_FIELDS = [f.name for f in attrs.fields(newsmeta.Article) if f.name not in _SOURCE_ONLY]


def _differences(before: newsmeta.Article, after: newsmeta.Article) -> set[str]:
    return {name for name in _ARTICLE_FIELDS if getattr(before, name) != getattr(after, name)}


def _why_not_equal(article: newsmeta.Article, dialect: str) -> dict[str, str]:
    """The fields that cannot read back the same in *dialect*, each with the reason."""
    adapter = _DIALECTS[dialect]
    targets = {rule.target for rule in adapter.rules}
    reasons: dict[str, str] = {}
    for name in CANONICAL:
        if getattr(article, name) not in (None, ()) and name not in targets:
            reasons[name] = f"{dialect} has no key for {name}"
    source = article.source
    if source is not None:
        parts = [p for p in ("name", "domain", "url", "images") if getattr(source, p)]
        if any(f"source.{part}" not in targets for part in parts):
            reasons["source"] = f"{dialect} has no key for part of the source"
    # Keys kept in extra that the dialect itself reads as a field (by their spelling
    # or by their meaning: `ogImage` is og:image):
    read_from_extra = adapter.normalize(dict(article.extra))
    for target, key in read_from_extra.provenance.items():
        target = target.split(".")[0]
        reasons[target] = f"the kept key {key!r} is {dialect}'s key for {target}"
    if reasons:
        reasons["extra"] = "keys written for missing places read back in extra"
    return reasons


CANONICAL = (
    "summary", "url", "links", "aliases", "slug", "published", "updated", "authors",
    "tags", "categories", "images", "related", "kind", "is_draft", "language",
)  # fmt: skip


def _corpus_sample() -> list[Path]:
    files = [
        p
        for folder in ("corpus", "seeds")
        for p in sorted((SHARED / folder).rglob("*"))
        if p.is_file() and p.suffix in (".md", ".html")
    ]
    bulk = sorted(p for p in (SHARED / "bulk").rglob("*.md") if p.is_file())
    return files + bulk[::100]  # every corpus and seed file, and a fixed 1/100 of bulk


_SAMPLE = _corpus_sample()


@pytest.mark.parametrize("dialect", sorted(_DIALECTS))
def test_round_trip_on_the_real_files(dialect: str) -> None:
    if not _SAMPLE:
        pytest.skip(f"{SHARED} is absent (the real corpora live beside the checkout)")
    checked = 0
    for path in _SAMPLE:
        try:
            article = newsmeta.parse_file(path)
        except newsmeta.NewsmetaError:
            continue  # files that do not parse are covered by the corpus tests
        text, lost = _dump_noting_losses(article, dialect, None)
        again = newsmeta.parse(text, dialect=dialect)
        unexplained = _differences(article, again) - set(_why_not_equal(article, dialect)) - lost
        assert not unexplained, f"{path}: {sorted(unexplained)} changed\n{text}"
        checked += 1
    assert checked >= 200


def test_same_dialect_round_trip_is_exact_on_the_seeds() -> None:
    if not (SHARED / "seeds").exists():
        pytest.skip("../shared/seeds is absent")
    for path in sorted((SHARED / "seeds").rglob("*.md")):
        article = newsmeta.parse_file(path)
        again = newsmeta.parse(newsmeta.dump(article, article.dialect), dialect=article.dialect)
        assert _differences(article, again) == set(), path


HUGO_TEXT = """---
title: City council approves the cycling path
date: 2024-03-05T18:20:00+01:00
draft: false
link:
  href: https://gazette.test/a
  brand: Gazette
mdName: city
---
Body line.
"""


def test_fields_go_to_the_first_path_of_their_rule() -> None:
    article = newsmeta.parse(HUGO_TEXT)
    assert newsmeta.dump(article, "aggregator") == (
        "---\n"
        "title: City council approves the cycling path\n"
        "originalUrl: https://gazette.test/a\n"
        "publishedDateTime: '2024-03-05T18:20:00+01:00'\n"
        "provider:\n"
        "  name: Gazette\n"
        "published: true\n"
        "mdName: city\n"
        "---\n"
        "Body line.\n"
    )


def test_nested_paths_and_the_original_offset() -> None:
    text = newsmeta.dump(newsmeta.parse(HUGO_TEXT), "hugo")
    assert "date: '2024-03-05T18:20:00+01:00'\n" in text
    assert "link:\n  href: https://gazette.test/a\n  brand: Gazette\n" in text
    assert "draft: false\n" in text


def test_list_items_and_converters_of_a_mapping_file() -> None:
    acme = newsmeta.load_adapter(ROOT / "examples/adapters/acme.yaml")
    story = newsmeta.Parser(adapters=[acme]).parse_file(ROOT / "examples/adapters/acme-story.md")
    text = newsmeta.dump(story, acme, "yaml")
    assert "  issued: '2024-05-01T08:00:00+00:00'\n" in text
    assert "live: true\n" in text  # is_draft False, through `not`
    # The image URL goes back into the list item that kept its other key.
    picture = "  pictures:\n  - credit: Acme Wire\n    src: https://acme-wire.test/img/ferry.jpg\n"
    assert picture in text
    again = newsmeta.Parser(adapters=[acme]).parse(text, dialect="acme")
    assert _differences(story, again) == set()


def test_a_plugin_dialect_by_name() -> None:
    article = newsmeta.parse(HUGO_TEXT)
    text = newsmeta.dump(article, "quillwire")
    again = newsmeta.parse(text, dialect="quillwire")
    assert (again.title, again.published, again.url) == (
        article.title,
        article.published,
        article.url,
    )


@pytest.mark.parametrize("fmt", ["yaml", "toml", "json"])
def test_every_format_reads_back(fmt: str) -> None:
    article = newsmeta.parse(HUGO_TEXT)
    text = newsmeta.dump(article, "hugo", fmt)
    again = newsmeta.parse(text, dialect="hugo")
    assert again.format == fmt
    assert _differences(article, again) == set()


def test_what_the_dialect_cannot_hold_is_kept_as_keys_with_a_warning() -> None:
    article = newsmeta.parse("---\ntitle: T\nlastmod: 2024-01-02T00:00:00Z\nslug: t\n---\n")
    with pytest.warns(LossWarning) as caught:
        text = newsmeta.dump(article, "aggregator")
    assert str(caught[0].message) == (
        "dialect 'aggregator' has no place for 'slug', 'updated'; "
        "written as keys 'slug', 'updated' that read back in extra"
    )
    assert newsmeta.parse(text, dialect="aggregator").extra == {
        "slug": "t",
        "updated": "2024-01-02T00:00:00+00:00",
    }


def test_text_the_reader_would_change_is_written_with_entities() -> None:
    article = newsmeta.Article(title="Fish &amp; chips", summary="Ends in a space\xa0")
    text = newsmeta.dump(article, "generic")
    assert "title: Fish &amp;amp; chips\n" in text
    assert newsmeta.parse(text).summary == "Ends in a space\xa0"


def test_yaml_11_booleans_are_quoted() -> None:
    article = newsmeta.Article(title="no", extra={"country": "NO", "code": "0123"})
    text = newsmeta.dump(article, "generic", "yaml")
    assert "title: 'no'\ncountry: 'NO'\ncode: '0123'\n" in text


def test_toml_has_no_null() -> None:
    article = newsmeta.Article(title="T", extra={"gone": None})
    with pytest.warns(LossWarning, match="TOML has no null: left out 'gone'"):
        text = newsmeta.dump(article, "generic", "toml")
    assert text == '+++\ntitle = "T"\n+++\n'


def test_unknown_format() -> None:
    with pytest.raises(newsmeta.WriteError) as info:
        newsmeta.dump(newsmeta.Article(title="T"), "generic", "xml")  # type: ignore[arg-type]
    assert str(info.value) == "cannot write format 'xml'; expected one of: yaml, toml, json"


class _ReadOnly:
    name = "readonly"
    fallback = False

    def score(self, mapping: Mapping[str, Any]) -> float:
        return 0.0

    def voters(self, mapping: Mapping[str, Any]) -> tuple[str, ...]:
        return ()

    def normalize(self, mapping: Mapping[str, Any]) -> newsmeta.Normalized:
        return newsmeta.Normalized({"title": mapping["subject"]}, {"title": "subject"}, {})


class _Writable(_ReadOnly):
    name = "writable"

    def denormalize(self, normalized: newsmeta.Normalized) -> Mapping[str, Any]:
        return {"subject": normalized.fields["title"], **normalized.extra}


def test_a_class_adapter_without_denormalize_says_what_is_missing() -> None:
    with pytest.raises(newsmeta.AdapterError) as info:
        newsmeta.dump(newsmeta.Article(title="T"), _ReadOnly())
    assert str(info.value) == (
        "adapter 'readonly' cannot write: it is a class adapter without "
        "denormalize(normalized) -> mapping; add that method or describe the dialect "
        "with MappingAdapter rules"
    )


def test_a_class_adapter_with_denormalize() -> None:
    article = newsmeta.Article(title="T", extra={"k": 1})
    assert newsmeta.dump(article, _Writable()) == "---\nsubject: T\nk: 1\n---\n"


# -- Hypothesis: generated articles ------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_words = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1
).map(str.strip).filter(bool)  # fmt: skip
_urls = st.from_regex(r"https://[a-z]{1,10}\.test/[a-z0-9/-]{0,20}", fullmatch=True)
_offsets = st.integers(-14 * 60, 14 * 60).map(lambda m: timezone(timedelta(minutes=m)))
_dates = st.datetimes(
    min_value=datetime(1970, 1, 1), max_value=datetime(2100, 1, 1), timezones=_offsets
)


def _as_read(article: newsmeta.Article) -> newsmeta.Article:
    """What the reader would make of it: no link repeating the URL, the source's
    domain taken from the URL."""
    links = tuple(link for link in article.links if link != article.url)
    source = article.source
    if source is not None and article.url:
        source = attrs.evolve(source, domain=article.url.split("/")[2])
    return attrs.evolve(article, links=links, source=source)


_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)))
_scalars = st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | _text
# Keys no built-in dialect reads; TOML has no null, so extras hold none.
_extra = st.dictionaries(
    st.from_regex(r"x_[a-z]{1,8}", fullmatch=True),
    st.recursive(_scalars.filter(lambda v: v is not None), lambda inner: st.lists(inner, max_size=3)
                 | st.dictionaries(st.from_regex(r"[a-z]{1,6}", fullmatch=True), inner, max_size=3),
                 max_leaves=6),
    max_size=3,
)  # fmt: skip
_authors = st.builds(
    newsmeta.Author, name=_words, url=st.none() | _urls, email=st.none() | st.just("a@b.test")
)
_images = st.builds(
    newsmeta.Image,
    url=_urls,
    width=st.none() | st.integers(1, 5000),
    height=st.none() | st.integers(1, 5000),
    mime_type=st.none() | st.just("image/jpeg"),
    alt=st.none() | _words,
)
_articles = st.builds(
    newsmeta.Article,
    title=_words,
    summary=st.none() | _words,
    body=st.text(st.characters(codec="utf-8", exclude_characters="\r")),
    url=st.none() | _urls,
    links=st.lists(_urls, max_size=2, unique=True).map(tuple),
    aliases=st.lists(st.from_regex(r"/[a-z]{1,8}/", fullmatch=True), max_size=2).map(tuple),
    slug=st.none() | st.from_regex(r"[a-z][a-z0-9-]{0,15}", fullmatch=True),
    published=st.none() | _dates,
    updated=st.none() | _dates,
    authors=st.lists(_authors, max_size=3).map(tuple),
    source=st.none() | st.builds(newsmeta.Source, name=_words),
    tags=st.lists(_words, max_size=3).map(tuple),
    categories=st.lists(_words, max_size=3).map(tuple),
    images=st.lists(_images, max_size=2).map(tuple),
    kind=st.none() | _words,
    is_draft=st.none() | st.booleans(),
    language=st.none() | st.sampled_from(["en", "fr-CA", "pl"]),
    extra=_extra,
).map(_as_read)


def _dump_noting_losses(
    article: newsmeta.Article, dialect: str, fmt: str | None
) -> tuple[str, set[str]]:
    """The dumped text, and the fields dump's LossWarning says it had no place for."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", LossWarning)
        text = newsmeta.dump(article, dialect, fmt)  # type: ignore[arg-type]
    named: set[str] = set()
    for warning in caught:
        message = str(warning.message)
        if "has no place for" in message:
            listed = message.split("has no place for ", 1)[1].split(";", 1)[0]
            named |= {name.strip("'").split(".")[0] for name in listed.split(", ")}
        if "does not read back what was written for" in message:
            listed = message.split(" for ", 1)[1].split(", ")
            named |= {item.split(" at ")[0].strip("'").split(".")[0] for item in listed}
    return text, named | ({"extra"} if named else set())


@settings(max_examples=60)  # x 9 dialect/format pairs each; kept within the time budget
@given(article=_articles)
def test_generated_articles_round_trip(article: newsmeta.Article) -> None:
    for dialect in _DIALECTS:
        for fmt in ("yaml", "json", "toml"):
            text, lost = _dump_noting_losses(article, dialect, fmt)
            again = newsmeta.parse(text, dialect=dialect)
            expected = set(_why_not_equal(article, dialect)) | lost
            assert _differences(article, again) <= expected, f"{dialect} {fmt}\n{text}"


def test_an_author_name_that_reads_as_a_byline_is_written_as_a_mapping() -> None:
    # "Ann and Bob" as one name (from a mapping) must not come back as two people.
    article = newsmeta.parse(
        "---\ntitle: T\nauthors:\n  - {name: Ann and Bob}\n  - Jane Doe\n---\n"
    )
    text = newsmeta.dump(article, dialect="generic")
    assert "- name: Ann and Bob\n- Jane Doe\n" in text
    again = newsmeta.parse(text)
    assert (again.authors, again.diagnostics) == (article.authors, ())
