"""The ``generic`` fallback: front matter of common static-site generators.

Hugo, Jekyll, Zola, Eleventy, Astro and Decap (Netlify) CMS agree on most
names (``title``, ``date``, ``tags``) and differ on the rest, so each rule
lists every spelling in the order the generators document them.  Two traps:

* Jekyll's ``published: false`` is a boolean meaning "not published", not a
  date: the ``date`` converter refuses booleans, so ``published`` is then read
  by the ``is_draft`` rule (negated) instead.
* Zola keeps taxonomies in a ``[taxonomies]`` table and free-form values in
  ``[extra]``; both are read, and what no rule takes stays in ``extra``.

A source nobody described is read by meaning (``newsmeta._meaning``): after
the exact spellings, loose rules match any case and separators, schema.org,
OpenGraph and Dublin Core names and keys one level inside common tables; the
looser sources (a creation date, contributors, a date inside a path value)
come last and carry a diagnostic.  Two facts no rule can state are read here:
a date inside a path value (``path = "2014/12/12/slug"``), and a media file
(``url: .../episode.mp3``), which is never the story's URL.

It is a fallback: chosen only when no specific dialect reaches the detection
threshold, so its broad signature never takes a file from another dialect.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from datetime import datetime, timezone
from typing import Any

from ._contract import correct_by_construction
from ._lazy_re import lazy
from ._meaning import meaning
from .adapter import MappingAdapter, Normalized, Rule
from .model import Diagnostic

__all__ = ["GENERIC", "date_in_path"]

# Exact spellings first (the fast path for the files these generators write),
# then the same meanings loosely (any case and separators, schema.org,
# OpenGraph, Dublin Core, one level inside Hugo's `params`, Zola's `extra`,
# AstroWind's `metadata`, `meta` and SEO plugins' `seo` tables), then looser
# sources that carry a diagnostic.
_CONTAINERS = ("params", "extra", "metadata", "meta", "seo")


def _inside(*names: str) -> tuple[str, ...]:
    return tuple(f"{container}.{name}" for container in _CONTAINERS for name in names)


_TITLES = (
    "title", "headline", "og:title", "twitter:title", "dc.title", "dcterms.title",
    "post_title", "article_title", "news_title", "story_title", "entry_title", "blog_title",
    "page_title", "full_title", "display_title",
)  # fmt: skip
_SUMMARIES = (
    "description", "summary", "excerpt", "abstract", "og:description",
    "twitter:description", "dc.description", "dcterms.abstract", "meta_description",
    "teaser", "standfirst", "lede", "custom_excerpt", "subtitle",
)  # fmt: skip
_PUBLISHED = (
    "date", "publish_date", "pub_date", "published", "published_at", "published_on",
    "published_time", "date_published", "publication_date", "post_date", "posted_at",
    "posted_on", "date_posted", "article:published_time", "dc.date", "dc.date.issued",
    "dcterms.issued", "dcterms.date", "issued", "date_issued", "first_published_at",
    # Astro themes (AstroPaper's pubDatetime, publishedDate), Prismic, plain `posted`.
    "published_date", "pub_datetime", "first_publication_date", "posted",
)  # fmt: skip
_CREATED = (
    "created", "created_at", "created_date", "created_on", "created_time", "date_created",
    "creation_date", "dcterms.created",
)  # fmt: skip
_UPDATED = (
    "lastmod", "last_modified", "last_modified_at", "last_updated", "updated",
    "updated_at", "updated_on", "updated_date", "date_updated", "modified", "modified_at",
    "modified_date", "modified_time", "date_modified", "article:modified_time",
    "og:updated_time", "dcterms.modified", "last_edited", "last_edited_time", "edited_at",
    "mod_datetime",
)  # fmt: skip
_AUTHORS = (
    "authors", "author", "by", "byline", "author_name", "author_names", "writer",
    "writers", "creator", "creators", "dc.creator", "dcterms.creator", "article:author",
    "taxonomies.authors", "taxonomies.author", "primary_author",
)  # fmt: skip
_IMAGES = (
    "images", "image", "cover", "cover_image", "featured_image", "feature_image",
    "thumbnail", "hero_image", "header_image", "social_image", "og:image",
    "twitter:image", "image_url", "header.image", "header.overlay_image", "header.teaser",
)  # fmt: skip
_URLS = (
    "canonical_url", "canonical", "canonical_link", "external_url", "url", "og:url",
    "link", "original_url", "permalink", "main_entity_of_page", "main_entity_of_page.@id",
    "original_link",
)  # fmt: skip

_GENERIC_RULES: tuple[Rule, ...] = (
    Rule("title", ("title", "Title", "name")),
    Rule("title", (*_TITLES, *_inside("title")), loose=True),
    Rule(
        "summary",
        ("description", "summary", "excerpt", "abstract", "subtitle", "extra.description"),
    ),
    Rule("summary", (*_SUMMARIES, *_inside("description", "summary")), loose=True),
    Rule(
        "published",
        ("date", "publishDate", "pubDate", "published", "published_at", "publishedAt", "Date"),
        convert="date",
    ),
    Rule("published", (*_PUBLISHED, *_inside(*_PUBLISHED[:4])), convert="date", loose=True),
    Rule(
        "published",
        (*_CREATED, *_inside(*_CREATED[:3])),
        convert="date",
        loose=True,
        note="published-from-created",
    ),
    Rule(
        "updated",
        (
            "lastmod",
            "lastMod",
            "updated",
            "updatedDate",
            "updated_at",
            "modified",
            "last_modified_at",
        ),
        convert="date",
    ),
    Rule("updated", (*_UPDATED, *_inside(*_UPDATED[:5])), convert="date", loose=True),
    Rule("authors", ("authors", "author", "Author", "extra.authors", "extra.author")),
    Rule("authors", (*_AUTHORS, *_inside("authors", "author")), loose=True),
    Rule(
        "authors",
        ("contributors", "contributor"),
        loose=True,
        note="authors-from-contributors",
    ),
    Rule("tags", ("tags", "Tags", "tag", "taxonomies.tags", "keywords"), convert="list"),
    Rule(
        "tags",
        ("tags", "tag", "keywords", "keyword", "article:tag", "taxonomies.tag", *_inside("tags")),
        convert="list",
        loose=True,
    ),
    Rule(
        "categories",
        ("categories", "Categories", "category", "Category", "taxonomies.categories"),
        convert="list",
    ),
    Rule(
        "categories",
        ("categories", "category", "article:section", *_inside("categories")),
        convert="list",
        loose=True,
    ),
    Rule("is_draft", ("draft",)),
    Rule("is_draft", ("published",), convert="not"),
    Rule("is_draft", ("draft",), loose=True),
    Rule("slug", ("slug",)),
    Rule("slug", ("slug",), loose=True),
    Rule("aliases", ("aliases", "redirect_from", "permalink")),
    Rule(
        "images",
        (
            "images",
            "image",
            "cover",
            "coverImage",
            "featured_image",
            "thumbnail",
            "heroImage",
            "extra.images",
            "extra.image",
            "extra.cover",
        ),
    ),
    Rule("images", (*_IMAGES, *_inside("images", "image", "cover")), loose=True),
    Rule("language", ("lang", "language", "locale", "extra.lang")),
    Rule(
        "language",
        ("lang", "language", "locale", "in_language", "og:locale", "dc.language"),
        loose=True,
    ),
    Rule(
        "url",
        ("canonicalURL", "canonical_url", "canonical", "externalUrl", "url"),
        convert="url",
    ),
    Rule("url", (*_URLS, *_inside("canonical", "canonical_url", "url")), convert="url", loose=True),
    Rule("kind", ("type", "layout")),
    # Who published it: schema.org's publisher, OpenGraph's site name.
    Rule(
        "source.name",
        ("publisher.name", "publisher", "og:site_name", "site_name", "publication"),
        loose=True,
    ),
)

#: Keys whose value is a site path or URL, by meaning: ``path = "2014/12/12/slug"``.
_PATH_KEYS = frozenset(
    meaning(key)
    for key in ("path", "permalink", "url", "slug", "link", "uri", "route", "canonical_url")
)


@functools.lru_cache(maxsize=1024)
def _is_path_key(key: str) -> bool:
    return meaning(key) in _PATH_KEYS


# A date as whole path segments (2014/12/12/ or 2014-12-12-slug), never digits
# inside a longer number or word.
_PATH_DATE = lazy(r"(?:\A|/)(\d{4})([/-])(\d{1,2})\2(\d{1,2})(?=\Z|[/_.-])")


def date_in_path(value: str) -> datetime | None:
    """The date a path or URL holds as segments (``2014/12/12/slug``), or None."""
    for match in _PATH_DATE.finditer(value):
        year, month, day = int(match.group(1)), int(match.group(3)), int(match.group(4))
        if 1900 <= year < 2200:
            try:
                return datetime(year, month, day, tzinfo=timezone.utc)
            except ValueError:
                continue
    return None


# A podcast's `url:` is its audio file: a media file is never the story's address.
_MEDIA = lazy(
    r"\.(?:mp3|m4a|aac|ogg|oga|opus|wav|flac|mp4|m4v|mov|webm|mkv|avi|pdf|zip)(?:[?#]|\Z)",
    re.IGNORECASE,
)


def _without_media_url(normalized: Normalized, mapping: Mapping[str, Any]) -> Normalized:
    """*normalized* with its media-file URL given back to ``extra``, with a note."""
    key = normalized.provenance["url"]
    fields = {k: v for k, v in normalized.fields.items() if k != "url"}
    provenance = {k: v for k, v in normalized.provenance.items() if k != "url"}
    extra = dict(normalized.extra)
    if key in mapping:  # a key taken whole; a nested one is left where it was
        extra[key] = mapping[key]
    note = Diagnostic(
        code="media-url",
        message=f"{key!r} is a media file ({normalized.fields['url']!r}), not the article's "
        "URL; it is kept in extra",
        key=key,
    )
    return Normalized(fields, provenance, extra, (*normalized.diagnostics, note))


class _Generic(MappingAdapter):
    """``MappingAdapter`` plus one fact no rule can state: a date inside a path value.

    It is read only when no date key gave one; the key is not consumed (it
    stays in ``extra`` or in the field that took it), provenance names it, and
    a ``date-from-path`` diagnostic says so.
    """

    @correct_by_construction
    def normalize(self, mapping: Mapping[str, Any]) -> Normalized:
        normalized = super().normalize(mapping)
        url = normalized.fields.get("url")
        if url.__class__ is str and _MEDIA.search(url):
            normalized = _without_media_url(normalized, mapping)
        if "published" in normalized.fields:
            return normalized
        for key, value in mapping.items():
            if key.__class__ is not str or value.__class__ is not str:
                continue
            if len(key) > 20 or not _is_path_key(key):
                continue
            found = date_in_path(value)
            if found is None:
                continue
            note = Diagnostic(
                code="date-from-path",
                message=f"published date {found.date().isoformat()} taken from the path in "
                f"{key!r} ({value!r}, midnight UTC); no date key was found",
                key=key,
            )
            return Normalized(
                {**normalized.fields, "published": found},
                {**normalized.provenance, "published": key},
                normalized.extra,
                (*normalized.diagnostics, note),
            )
        return normalized


GENERIC = _Generic(
    "generic",
    _GENERIC_RULES,
    signature={
        "title": 2.0,
        "date": 1.0,
        "publishDate": 1.0,
        "pubDate": 1.0,
        "lastmod": 0.5,
        "updated": 0.5,
        "description": 0.5,
        "summary": 0.5,
        "excerpt": 0.5,
        "author": 0.5,
        "authors": 0.5,
        "tags": 0.5,
        "categories": 0.5,
        "category": 0.5,
        "draft": 0.5,
        "slug": 0.5,
        "taxonomies": 0.5,
    },
    fallback=True,
    description="Front matter of Hugo, Jekyll, Zola, Eleventy, Astro and Decap CMS sites.",
)
