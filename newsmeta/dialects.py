"""The built-in dialects, written with the same public ``MappingAdapter`` a user uses.

``generic`` (in ``newsmeta.generic``) reads the common front matter of
static-site generators (Hugo, Jekyll, Zola, Eleventy, Astro, Decap CMS) and is
a fallback: it is chosen only when no specific dialect fits.  ``hugo`` is the
news-curation flavour of Hugo (``link``, ``featuredImage``, ``mdName``);
``aggregator`` is the feed-export flavour (``publishedDateTime``,
``originalUrl``, ``provider``, ``secured``).
"""

from __future__ import annotations

from .adapter import MappingAdapter, Rule
from .generic import GENERIC

__all__ = ["AGGREGATOR", "BUILTIN_ADAPTERS", "GENERIC", "HUGO"]

HUGO = MappingAdapter(
    "hugo",
    (
        Rule("title", ("title",)),
        Rule("summary", ("description", "summary", "metaDesc")),
        Rule(
            "url",
            (
                "link.href",
                "link.herf",
                "link.original",
                "link",
                "herf",
                "original",
                "openProjectCustomFields.sourceUrl",
                "openGraphMetaData[0].ogurl",
                "htmlMetaData[0].ogurl",
            ),
        ),
        Rule("links", ("link.original", "original", "openProjectCustomFields.cleanUrl")),
        Rule("published", ("date", "pubDate", "publishDate")),
        Rule("updated", ("lastmod", "lastMod")),
        Rule("authors", ("author", "authors")),
        Rule("source.name", ("link.brand", "linkBrand", "brand")),
        Rule("tags", ("tags",)),
        Rule("categories", ("categories", "Categories")),
        Rule("images", ("featuredImage",)),
        Rule("aliases", ("aliases",)),
        Rule("slug", ("slug",)),
        Rule("kind", ("archetype",)),
        Rule("is_draft", ("draft",)),
        Rule("language", ("lang", "language")),
    ),
    signature={
        "link": 3.0,
        "linkBrand": 2.0,
        "featuredImage": 2.0,
        "mdName": 2.0,
        "archetype": 1.0,
        "breadcrumbs": 1.0,
        "basePath": 1.0,
        "mastHead": 1.0,
        "searchCategory": 1.0,
        "aliases": 1.0,
        "slug": 0.5,
        "date": 0.5,
    },
    description="Hugo news curation: link{brand,href,original}, featuredImage, mdName.",
)

AGGREGATOR = MappingAdapter(
    "aggregator",
    (
        Rule("title", ("title",)),
        Rule("summary", ("excerpt", "description")),
        Rule("url", ("originalUrl", "webUrl")),
        Rule("links", ("webUrl",)),
        Rule("published", ("publishedDateTime",)),
        Rule("authors", ("provider.authors", "authors")),
        Rule("source.name", ("provider.name",)),
        Rule("source.domain", ("provider.domain",)),
        Rule("source.images", ("provider.images",)),
        Rule("tags", ("topics",)),
        Rule("categories", ("category",)),
        Rule("images", ("images",)),
        Rule("related", ("related",)),
        Rule("kind", ("type",)),
        Rule("is_draft", ("published",), convert="not"),
    ),
    signature={
        "publishedDateTime": 3.0,
        "originalUrl": 3.0,
        "provider": 2.0,
        "secured": 2.0,
        "webUrl": 1.0,
        "topics": 1.0,
        "excerpt": 1.0,
        "heat": 1.0,
        "quality": 1.0,
    },
    description="Aggregator export: publishedDateTime, originalUrl, provider, images[], related[].",
)

BUILTIN_ADAPTERS: tuple[MappingAdapter, ...] = (HUGO, AGGREGATOR, GENERIC)
