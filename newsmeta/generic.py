"""The ``generic`` fallback: front matter of common static-site generators.

Hugo, Jekyll, Zola, Eleventy, Astro and Decap (Netlify) CMS agree on most
names (``title``, ``date``, ``tags``) and differ on the rest, so each rule
lists every spelling in the order the generators document them.  Two traps:

* Jekyll's ``published: false`` is a boolean meaning "not published", not a
  date: the ``date`` converter refuses booleans, so ``published`` is then read
  by the ``is_draft`` rule (negated) instead.
* Zola keeps taxonomies in a ``[taxonomies]`` table and free-form values in
  ``[extra]``; both are read, and what no rule takes stays in ``extra``.

It is a fallback: chosen only when no specific dialect reaches the detection
threshold, so its broad signature never takes a file from another dialect.
"""

from __future__ import annotations

from .adapter import MappingAdapter, Rule

__all__ = ["GENERIC"]

_GENERIC_RULES: tuple[Rule, ...] = (
    Rule("title", ("title", "Title", "name")),
    Rule(
        "summary",
        ("description", "summary", "excerpt", "abstract", "subtitle", "extra.description"),
    ),
    Rule(
        "published",
        (
            "date",
            "publishDate",
            "pubDate",
            "published",
            "published_at",
            "publishedAt",
            "created",
            "createdAt",
            "Date",
        ),
        convert="date",
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
    Rule("authors", ("authors", "author", "Author", "extra.authors", "extra.author")),
    Rule("tags", ("tags", "Tags", "tag", "taxonomies.tags", "keywords")),
    Rule(
        "categories",
        ("categories", "Categories", "category", "Category", "taxonomies.categories"),
    ),
    Rule("is_draft", ("draft",)),
    Rule("is_draft", ("published",), convert="not"),
    Rule("slug", ("slug",)),
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
    Rule("language", ("lang", "language", "locale", "extra.lang")),
    Rule(
        "url",
        ("canonicalURL", "canonical_url", "canonical", "externalUrl", "url"),
        convert="url",
    ),
    Rule("kind", ("type", "layout")),
)

GENERIC = MappingAdapter(
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
