"""export: each format read back by an independent reader or checked against its spec."""

from __future__ import annotations

import json
import sys
from datetime import datetime, timedelta, timezone

import feedparser  # type: ignore[import-untyped]
import pytest

import newsmeta

STORY = """---
title: Harbour ferry returns & sails again
description: The 1950s ferry carries passengers again.
date: 2024-05-01T08:00:00+02:00
lastmod: 2024-05-02T09:30:00-04:00
link:
  href: https://gazette.test/ferry
  brand: Gazette
authors: [Mara Lind, Tom Okafor]
tags: [transport, harbour]
categories: [local]
featuredImage: https://gazette.test/img/ferry.jpg
lang: en
---
The harbour ferry is back.
"""
UNDATED = "---\ntitle: A note without a link\nmdName: note\n---\n"


def _articles() -> list[newsmeta.Article]:
    return [newsmeta.parse(STORY), newsmeta.parse(UNDATED, dialect="hugo")]


def test_atom_read_back_by_feedparser() -> None:
    feed = feedparser.parse(newsmeta.export(_articles(), "atom", title="Gazette"))
    assert feed.bozo == 0 and feed.version == "atom10"
    assert feed.feed.title == "Gazette"
    entry = feed.entries[0]
    assert entry.title == "Harbour ferry returns & sails again"
    assert entry.link == "https://gazette.test/ferry"
    assert entry.published == "2024-05-01T08:00:00+02:00"
    assert entry.updated == "2024-05-02T09:30:00-04:00"
    assert entry.published_parsed[:6] == (2024, 5, 1, 6, 0, 0)  # the offset was applied
    assert entry.author == "Mara Lind, Tom Okafor"
    assert [tag.term for tag in entry.tags] == ["transport", "harbour", "local"]
    assert entry.summary == "The 1950s ferry carries passengers again."
    assert entry.id == "https://gazette.test/ferry"
    assert feed.entries[1].title == "A note without a link"
    assert feed.entries[1].id.startswith("urn:sha256:")


def test_rss_read_back_by_feedparser() -> None:
    feed = feedparser.parse(newsmeta.export(_articles(), "rss", link="https://gazette.test/"))
    assert feed.bozo == 0 and feed.version == "rss20"
    entry = feed.entries[0]
    assert entry.title == "Harbour ferry returns & sails again"
    assert entry.link == "https://gazette.test/ferry"
    assert entry.published == "Wed, 01 May 2024 08:00:00 +0200"
    assert entry.published_parsed[:6] == (2024, 5, 1, 6, 0, 0)
    assert entry.author == "Mara Lind, Tom Okafor"
    assert [tag.term for tag in entry.tags] == ["transport", "harbour", "local"]


# JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/): every top-level and item field.
_FEED_FIELDS = {
    "version", "title", "home_page_url", "feed_url", "description", "user_comment",
    "next_url", "icon", "favicon", "authors", "author", "language", "expired", "hubs", "items",
}  # fmt: skip
_ITEM_FIELDS = {
    "id", "url", "external_url", "title", "content_html", "content_text", "summary", "image",
    "banner_image", "date_published", "date_modified", "authors", "author", "tags",
    "language", "attachments",
}  # fmt: skip


def test_json_feed_follows_the_spec() -> None:
    feed = json.loads(newsmeta.export(_articles(), "jsonfeed", title="Gazette"))
    assert set(feed) <= _FEED_FIELDS
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"] == "Gazette"
    assert feed["home_page_url"] == "https://gazette.test/"
    first, second = feed["items"]
    for item in feed["items"]:
        assert set(item) <= _ITEM_FIELDS
        assert isinstance(item["id"], str) and item["id"]
        assert "content_text" in item or "content_html" in item
    assert first == {
        "id": "https://gazette.test/ferry",
        "url": "https://gazette.test/ferry",
        "title": "Harbour ferry returns & sails again",
        "content_text": "The harbour ferry is back.\n",
        "summary": "The 1950s ferry carries passengers again.",
        "image": "https://gazette.test/img/ferry.jpg",
        "date_published": "2024-05-01T08:00:00+02:00",
        "date_modified": "2024-05-02T09:30:00-04:00",
        "authors": [{"name": "Mara Lind"}, {"name": "Tom Okafor"}],
        "tags": ["transport", "harbour", "local"],
        "language": "en",
    }
    assert second["content_text"] == "" and "url" not in second


def test_json_ld_has_what_google_asks_of_an_article() -> None:
    [story, note] = json.loads(newsmeta.export(_articles(), "jsonld"))
    # Google's Article structured data: author (with name), datePublished,
    # dateModified, headline and image; schema.org type and context.
    assert story["@context"] == "https://schema.org"
    assert story["@type"] == "NewsArticle"
    assert story["headline"] == "Harbour ferry returns & sails again"
    assert story["image"] == ["https://gazette.test/img/ferry.jpg"]
    assert story["author"] == [
        {"@type": "Person", "name": "Mara Lind"},
        {"@type": "Person", "name": "Tom Okafor"},
    ]
    published = datetime.fromisoformat(story["datePublished"])
    assert published.utcoffset() == timedelta(hours=2)
    assert datetime.fromisoformat(story["dateModified"]).tzinfo == timezone(-timedelta(hours=4))
    assert story["publisher"] == {"@type": "Organization", "name": "Gazette"}
    assert story["mainEntityOfPage"] == "https://gazette.test/ferry"
    assert note == {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "A note without a link",
    }


def test_atom_without_any_link_says_so() -> None:
    with pytest.raises(newsmeta.WriteError) as info:
        newsmeta.export([newsmeta.parse(UNDATED)], "atom")
    assert str(info.value) == "atom needs a link for the feed; pass link= (no article has a URL)"


def test_a_missing_extra_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "feedgenerator", None)
    with pytest.raises(newsmeta.MissingExtraError) as info:
        newsmeta.export(_articles(), "rss")
    assert str(info.value) == (
        "Atom and RSS output needs feedgenerator, which is not installed: "
        'pip install "newsmeta[feeds]"'
    )
    assert isinstance(info.value, ImportError)


def test_parse_command_writes_a_feed(
    tmp_path: object, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from pathlib import Path

    from newsmeta.cli import main

    folder = Path(str(tmp_path))
    (folder / "story.md").write_text(STORY, encoding="utf-8")
    assert main(["parse", str(folder), "--format", "atom", "--feed-title", "Mine", "-q"]) == 0
    feed = feedparser.parse(capsys.readouterr().out)
    assert feed.feed.title == "Mine" and feed.entries[0].title.startswith("Harbour")
