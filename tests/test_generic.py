"""The generic fallback reads static-site generator front matter; file names give dates."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

import newsmeta
from newsmeta import FrontMatterError
from newsmeta.filename import facts_from_filename


def _parse(text: str) -> newsmeta.Article:
    article = newsmeta.parse(text)
    assert article.dialect == "generic"
    return article


def test_jekyll_published_false_means_draft_not_a_date() -> None:
    article = _parse("---\ntitle: T\ndate: 2020-01-02\npublished: false\n---\n")
    assert article.is_draft is True
    assert article.published == datetime(2020, 1, 2, tzinfo=timezone.utc)
    assert article.provenance["is_draft"] == "published"


def test_published_as_a_date_is_the_publication_date() -> None:
    article = _parse("---\ntitle: T\npublished: 2020-01-02T10:00:00Z\n---\n")
    assert article.published == datetime(2020, 1, 2, 10, tzinfo=timezone.utc)
    assert article.is_draft is None


def test_draft_wins_over_published() -> None:
    assert _parse("---\ntitle: T\ndraft: true\npublished: true\n---\n").is_draft is True


def test_hugo_yaml() -> None:
    article = _parse(
        "---\ntitle: T\ndate: 2024-01-01T10:00:00+01:00\nlastmod: 2024-02-01T00:00:00Z\n"
        "summary: S\nauthors: [Ann, Bo]\ntags: [a]\ncategories: [c]\nslug: t\n"
        "aliases: [/old/]\nimages: ['https://x.test/a.png']\ndraft: false\n---\n"
    )
    assert article.updated == datetime(2024, 2, 1, tzinfo=timezone.utc)
    assert (article.summary, [a.name for a in article.authors]) == ("S", ["Ann", "Bo"])
    assert (article.tags, article.categories, article.slug) == (("a",), ("c",), "t")
    assert (article.aliases, article.images[0].url, article.is_draft) == (
        ("/old/",),
        "https://x.test/a.png",
        False,
    )


def test_zola_toml_with_taxonomies_and_extra_tables() -> None:
    article = _parse(
        '+++\ntitle = "Zola post"\ndate = 2024-03-01\nupdated = 2024-03-02\n'
        'description = "D"\n\n[taxonomies]\ntags = ["rust", "web"]\ncategories = ["dev"]\n\n'
        '[extra]\nauthor = "Zed"\nimage = "https://x.test/cover.png"\ntoc = true\n+++\nBody\n'
    )
    assert (article.tags, article.categories) == (("rust", "web"), ("dev",))
    assert [a.name for a in article.authors] == ["Zed"]
    assert article.images[0].url == "https://x.test/cover.png"
    assert article.extra == {"extra": {"toc": True}}
    assert article.format == "toml"


def test_astro_and_decap_names() -> None:
    astro = _parse(
        "---\ntitle: A\npubDate: 2023-07-01\nupdatedDate: 2023-07-02\n"
        "heroImage: /hero.jpg\ndescription: D\n---\n"
    )
    assert astro.published == datetime(2023, 7, 1, tzinfo=timezone.utc)
    assert astro.updated == datetime(2023, 7, 2, tzinfo=timezone.utc)
    assert astro.images[0].url == "/hero.jpg"
    decap = _parse("---\ntitle: D\ndate: 2020-07-13T00:00:00.000Z\ncategory: [camp]\n---\n")
    assert decap.categories == ("camp",)


def test_eleventy_tags_as_text_and_json_front_matter() -> None:
    assert _parse("---\ntitle: E\ntags: another tag\n---\n").tags == ("another tag",)
    article = _parse('{\n"title": "J",\n"date": "2019-08-09",\n"draft": "true"\n}\nBody\n')
    assert (article.format, article.is_draft) == ("json", True)


def test_a_relative_url_is_not_the_article_url_and_stays_in_extra() -> None:
    article = _parse("---\ntitle: T\nurl: /about/\n---\n")
    assert article.url is None
    assert article.extra["url"] == "/about/"


def test_javascript_front_matter_is_refused_never_run() -> None:
    with pytest.raises(FrontMatterError) as caught:
        newsmeta.parse("---js\nconst title = 'x';\n---\n", path="post.md")
    assert str(caught.value) == (
        "post.md:1:4: unsupported front-matter language 'js'; expected YAML, TOML or JSON"
    )


# -- dates and titles from Jekyll-style file names ------------------------------------


def test_file_name_facts() -> None:
    facts = facts_from_filename("posts/2017-2-5-i-dont-like-zeroes.md")
    assert facts is not None
    assert (facts.published, facts.title) == (
        datetime(2017, 2, 5, tzinfo=timezone.utc),
        "I Dont Like Zeroes",
    )
    impossible = facts_from_filename("2017-13-45-no-such-day.md")
    assert impossible is not None
    assert (impossible.published, impossible.invalid) == (None, "2017-13-45")
    assert facts_from_filename("about.md") is None


def test_parse_file_takes_the_date_from_the_file_name_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "2009-05-18-empty-tags.markdown"
    path.write_text("---\ntitle: Some Tags\ntags:\n---\nAwesome!\n")
    article = newsmeta.parse_file(path)
    assert article.published == datetime(2009, 5, 18, tzinfo=timezone.utc)
    assert article.provenance["published"] == "<file name>"
    assert [(d.code, d.message) for d in article.diagnostics] == [
        (
            "date-from-filename",
            "published date 2009-05-18 taken from the file name "
            "'2009-05-18-empty-tags.markdown' (midnight UTC)",
        )
    ]


def test_an_article_dated_by_its_file_name_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "2015-12-27-extra-spaces.markdown"
    path.write_text("---  \nextra: spaces\n---\n\nBest **post** ever\n")
    article = newsmeta.parse_file(path)
    assert (article.title, article.extra) == ("Extra Spaces", {"extra": "spaces"})
    assert newsmeta.from_dict(newsmeta.to_dict(article)) == article


def test_front_matter_date_wins_over_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "2010-01-09-date-override.md"
    path.write_text("---\ndate: 2010-01-10 13:07:09 +00:00\n---\n")
    article = newsmeta.parse_file(path)
    assert article.published == datetime(2010, 1, 10, 13, 7, 9, tzinfo=timezone.utc)
    assert (article.title, [d.code for d in article.diagnostics]) == (
        "Date Override",
        ["title-from-filename"],
    )


def test_empty_front_matter_of_a_dated_post_parses_with_the_fallback(tmp_path: Path) -> None:
    path = tmp_path / "2009-06-22-empty-yaml.markdown"
    path.write_text("---\n---\nEmpty YAML.\n")
    article = newsmeta.parse_file(path)
    assert (article.dialect, article.title) == ("generic", "Empty Yaml")
    assert [d.code for d in article.diagnostics] == [
        "empty-front-matter",
        "date-from-filename",
        "title-from-filename",
    ]
    # Without a file name the same text holds nothing an article has.
    with pytest.raises(newsmeta.NotAnArticleError) as caught:
        newsmeta.parse(path.read_text())
    assert str(caught.value) == (
        "not an article: no title, date, author, summary or URL "
        "(the front matter is empty); expected a 'title' key with text"
    )
