"""``export``: articles published as JSON Feed 1.1, Atom 1.0, RSS 2.0 or schema.org JSON-LD.

JSON Feed and JSON-LD are plain JSON built here; Atom and RSS are written by
``feedgenerator`` (``newsmeta[feeds]``), a maintained stand-alone copy of
Django's feed writer, so the XML is escaped and laid out by code that many
sites already rely on.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any, Literal
from urllib.parse import urlsplit

from .._extras import require
from ..errors import WriteError
from ..model import Article

__all__ = ["EXPORT_FORMATS", "ExportFormat", "export"]

ExportFormat = Literal["jsonfeed", "atom", "rss", "jsonld"]
EXPORT_FORMATS: tuple[ExportFormat, ...] = ("jsonfeed", "atom", "rss", "jsonld")
_DEFAULT_TITLE = "newsmeta export"


def _id(article: Article) -> str:
    """A stable id: the article's URL, else a digest of what identifies it."""
    if article.url:
        return article.url
    seed = f"{article.title}\x00{article.published.isoformat() if article.published else ''}"
    return "urn:sha256:" + hashlib.sha256(seed.encode("utf-8")).hexdigest()[:32]


def _date(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _home(articles: list[Article]) -> str | None:
    for article in articles:
        if article.url:
            parts = urlsplit(article.url)
            return f"{parts.scheme}://{parts.netloc}/"
    return None


def _json_feed_item(article: Article) -> dict[str, Any]:
    item: dict[str, Any] = {"id": _id(article)}
    if article.url:
        item["url"] = article.url
    item["title"] = article.title
    item["content_text"] = article.body
    optional: dict[str, Any] = {
        "summary": article.summary,
        "image": article.images[0].url if article.images else None,
        "date_published": _date(article.published),
        "date_modified": _date(article.updated),
        "authors": [
            {k: v for k, v in (("name", a.name), ("url", a.url)) if v} for a in article.authors
        ],
        "tags": list(dict.fromkeys((*article.tags, *article.categories))),
        "language": article.language,
    }
    item.update((key, value) for key, value in optional.items() if value)
    return item


def _json_feed(articles: list[Article], title: str, link: str | None) -> str:
    feed: dict[str, Any] = {"version": "https://jsonfeed.org/version/1.1", "title": title}
    if link:
        feed["home_page_url"] = link
    feed["items"] = [_json_feed_item(article) for article in articles]
    return json.dumps(feed, indent=2, ensure_ascii=False) + "\n"


def _json_ld_item(article: Article) -> dict[str, Any]:
    item: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
    }
    source = article.source
    optional: dict[str, Any] = {
        "url": article.url,
        "mainEntityOfPage": article.url,
        "description": article.summary,
        "datePublished": _date(article.published),
        "dateModified": _date(article.updated or article.published),
        "author": [
            {"@type": "Person", **{k: v for k, v in (("name", a.name), ("url", a.url)) if v}}
            for a in article.authors
        ],
        "image": [image.url for image in article.images],
        "publisher": (
            {"@type": "Organization", "name": source.name or source.domain}
            | ({"url": source.url} if source.url else {})
            if source is not None and (source.name or source.domain)
            else None
        ),
        "keywords": list(article.tags),
        "articleSection": list(article.categories),
        "inLanguage": article.language,
    }
    item.update((key, value) for key, value in optional.items() if value)
    return item


def _xml_feed(kind: str, articles: list[Article], title: str, link: str | None) -> str:
    feedgenerator = require("feedgenerator", "feeds", "Atom and RSS output")
    link = link or _home(articles)
    if not link:
        raise WriteError(f"{kind} needs a link for the feed; pass link= (no article has a URL)")
    feed_class = feedgenerator.Atom1Feed if kind == "atom" else feedgenerator.Rss201rev2Feed
    feed = feed_class(title=title, link=link, description=title, language=None)
    for article in articles:
        names = [author.name for author in article.authors]
        feed.add_item(
            title=article.title,
            link=article.url or link,
            description=article.summary or "",
            content=article.body or None,
            author_name=", ".join(names) if names else None,
            pubdate=article.published,
            updateddate=article.updated,
            unique_id=_id(article),
            categories=list(dict.fromkeys((*article.tags, *article.categories))),
        )
    try:
        return str(feed.writeString("utf-8"))
    except Exception as exc:  # a value XML cannot carry (a control character)
        raise WriteError(f"cannot write the {kind} feed: {exc}") from exc


def export(
    articles: Iterable[Article],
    format: ExportFormat,
    *,
    title: str = _DEFAULT_TITLE,
    link: str | None = None,
) -> str:
    """*articles* as one JSON Feed 1.1, Atom 1.0 or RSS 2.0 document, or as a JSON
    array of schema.org ``NewsArticle`` objects (``jsonld``).

    *title* and *link* describe the feed (the link defaults to the site of the
    first article with a URL).  Atom and RSS need ``newsmeta[feeds]``.
    """
    items = list(articles)
    if format == "jsonfeed":
        return _json_feed(items, title, link or _home(items))
    if format == "jsonld":
        return json.dumps([_json_ld_item(a) for a in items], indent=2, ensure_ascii=False) + "\n"
    if format in ("atom", "rss"):
        return _xml_feed(format, items, title, link)
    raise WriteError(f"cannot export {format!r}; expected one of: {', '.join(EXPORT_FORMATS)}")
