"""Date key spellings found on real sites the generic fallback had never seen.

Each file here is written for the test, in the style of the generator or theme
that uses the spelling (AstroPaper's ``pubDatetime``/``modDatetime``, Astro and
Contentful-style ``publishedDate``, Prismic's ``first_publication_date``, a bare
``posted:``); none is copied from a real site.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

import newsmeta

_DAY = datetime(2024, 5, 1, tzinfo=timezone.utc)


def _parse(text: str) -> newsmeta.Article:
    article = newsmeta.parse(text)
    assert article.dialect == "generic"
    return article


def test_astropaper_front_matter() -> None:
    article = _parse(
        "---\nauthor: Ann Lee\npubDatetime: 2024-05-01T09:30:00+02:00\n"
        "modDatetime: 2024-05-03T10:00:00Z\ntitle: Typed content collections\n"
        "featured: false\ndraft: false\ntags:\n  - astro\n"
        "description: How the theme reads its posts.\n---\n\nBody.\n"
    )
    assert article.title == "Typed content collections"
    assert article.published == datetime(2024, 5, 1, 9, 30, tzinfo=timezone(timedelta(hours=2)))
    assert article.updated == datetime(2024, 5, 3, 10, 0, tzinfo=timezone.utc)
    assert article.provenance["published"] == "pubDatetime"
    assert article.provenance["updated"] == "modDatetime"
    assert [a.name for a in article.authors] == ["Ann Lee"]
    assert "pubDatetime" not in article.extra and "modDatetime" not in article.extra


@pytest.mark.parametrize(
    "key",
    ["publishedDate", "published_date", "PublishedDate", "pub_datetime", "first_publication_date",
     "posted"],
)  # fmt: skip
def test_more_publication_date_spellings(key: str) -> None:
    article = _parse(f"---\ntitle: T\n{key}: 2024-05-01T00:00:00Z\n---\n")
    assert (article.published, article.provenance["published"]) == (_DAY, key)
    assert key not in article.extra
    assert [d.code for d in article.diagnostics] == []


def test_a_date_key_still_wins_over_the_new_spellings() -> None:
    article = _parse("---\ntitle: T\nposted: 2020-01-02\ndate: 2024-05-01T00:00:00Z\n---\n")
    assert (article.published, article.provenance["published"]) == (_DAY, "date")
    assert article.extra["posted"] is not None


def test_posted_that_is_not_a_date_stays_in_extra() -> None:
    # `posted: true` is a flag some themes use; it must not become a date or fail.
    article = _parse("---\ntitle: T\nposted: true\n---\n")
    assert article.published is None
    assert article.extra == {"posted": True}


def test_original_link_of_a_cross_post_is_the_url() -> None:
    # Jekyll "post-external" layouts keep the original address of a cross-post here.
    article = _parse(
        "---\ntitle: T\ndate: 2022-03-29 12:00:00.000000000 Z\nlayout: post-external\n"
        "original_link: https://a.test/log/2022-03-29-t/\n---\n"
    )
    assert (article.url, article.provenance["url"]) == (
        "https://a.test/log/2022-03-29-t/",
        "original_link",
    )
    assert article.published == datetime(2022, 3, 29, 12, tzinfo=timezone.utc)


def test_the_own_url_still_wins_over_original_link() -> None:
    article = _parse(
        "---\ntitle: T\nurl: https://a.test/own\noriginalLink: https://b.test/x\n---\n"
    )
    assert article.url == "https://a.test/own"
    assert article.extra == {"originalLink": "https://b.test/x"}
