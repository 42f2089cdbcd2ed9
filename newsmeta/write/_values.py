"""Article -> the raw values a source would hold: ``normalize`` run backwards.

Each canonical field becomes the plain value the core reads back into the same
field (an ISO 8601 string for a datetime, a list of names or mappings for
authors, ``{url, width, height, ...}`` for an image), so that the adapter's
rules only have to decide *where* each value goes.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from ..adapter import Normalized
from ..model import Article, Author, Image, RelatedArticle, Source

__all__ = ["article_fields", "derived_domain"]


def _text(value: str, *, one_line: bool = False) -> str:
    """Text that the reader turns back into *value*.

    The reader strips blanks, joins a title's lines and then decodes HTML
    entities; so text that would change that way ("&amp;" meant literally,
    a non-breaking space that came from ``&nbsp;`` at the end, a line break
    from ``&#10;``) is written with entities, and all other text as it is.
    """
    stripped = value.strip()
    if (
        html.unescape(value) == value
        and stripped == value
        and not (one_line and ("\n" in value or "\r" in value))
    ):
        return value
    escaped = html.escape(stripped, quote=False)
    if one_line:
        escaped = escaped.replace("\r", "&#13;").replace("\n", "&#10;")
    lead = value[: len(value) - len(value.lstrip())]
    trail = value[len(value.rstrip()) :] if stripped else ""
    return _char_refs(lead) + escaped + _char_refs(trail)


def _char_refs(text: str) -> str:
    return "".join(f"&#{ord(char)};" for char in text)


def _date(value: datetime) -> str:
    return value.isoformat()  # keeps the offset the source gave (+01:00 stays +01:00)


def _author(author: Author) -> Any:
    if author.url is None and author.email is None and not author.extra:
        from ..bylines import split_byline

        # A name that would read back as a byline ("Ann and Bob") is written as a
        # mapping, which the reader never splits.
        if split_byline(author.name) is None:
            return author.name
    item: dict[str, Any] = {"name": author.name}
    if author.url is not None:
        item["url"] = author.url
    if author.email is not None:
        item["email"] = author.email
    item.update(author.extra)
    return item


def _image(image: Image) -> Any:
    details = (image.width, image.height, image.mime_type, image.alt)
    if all(detail is None for detail in details) and not image.extra:
        return image.url
    item: dict[str, Any] = {"url": image.url}
    for key, value in zip(("width", "height", "mime_type", "alt"), details, strict=True):
        if value is not None:
            item[key] = value
    item.update(image.extra)
    return item


def _source_fields(source: Source, url: str | None, fields: dict[str, Any]) -> None:
    if source.name is not None:
        fields["source.name"] = source.name
    derived = derived_domain(url)
    # A domain the reader derives from the URL anyway is not written.
    if source.domain is not None and source.domain != derived:
        fields["source.domain"] = source.domain
    if source.url is not None:
        fields["source.url"] = source.url
    if source.images:
        fields["source.images"] = [_image(image) for image in source.images]


def derived_domain(url: str | None) -> str | None:
    if not url:
        return None
    from ..convert import _host  # the reader's own rule, so both sides agree

    host = _host(url)
    return host.removeprefix("www.") if host else None


def _common(item: Article | RelatedArticle, fields: dict[str, Any]) -> None:
    if item.summary is not None:
        fields["summary"] = _text(item.summary)
    if item.url is not None:
        fields["url"] = item.url
    if item.links:
        fields["links"] = list(item.links)
    elif item.url is not None and "links" in getattr(item, "provenance", {}):
        # The source gave a link equal to the URL (the reader keeps it once):
        # written back, so the key it came from is not lost.
        fields["links"] = [item.url]
    if item.published is not None:
        fields["published"] = _date(item.published)
    if item.authors:
        fields["authors"] = [_author(author) for author in item.authors]
    if item.source is not None:
        _source_fields(item.source, item.url, fields)
    if item.images:
        fields["images"] = [_image(image) for image in item.images]
    if item.kind is not None:
        fields["kind"] = item.kind


def _related(item: RelatedArticle) -> Normalized:
    fields: dict[str, Any] = {}
    if item.title is not None:
        fields["title"] = _text(item.title, one_line=True)
    _common(item, fields)
    return Normalized(fields, {}, dict(item.extra))


def article_fields(article: Article) -> Normalized:
    """The canonical raw values of *article*, and its ``extra``, ready to be placed."""
    fields: dict[str, Any] = {"title": _text(article.title, one_line=True)}
    _common(article, fields)
    for name in ("aliases", "tags", "categories"):
        values = getattr(article, name)
        if values:
            fields[name] = list(values)
    for name in ("slug", "language"):
        value = getattr(article, name)
        if value is not None:
            fields[name] = value
    if article.updated is not None:
        fields["updated"] = _date(article.updated)
    if article.is_draft is not None:
        fields["is_draft"] = article.is_draft
    if article.related:
        fields["related"] = tuple(_related(item) for item in article.related)
    extra: Mapping[str, Any] = article.extra
    return Normalized(fields, {}, dict(extra))
