"""Groups of articles that tell the same story, across files and sources.

Two articles are the same story when they share a *story key*
(``newsmeta.urls``):

- the ``url_key`` of the article's ``url`` or of any of its ``links`` (so
  ``utm_*``, AMP, ``www.``, ``http``/``https`` and trailing-slash variants
  meet);
- with *related* (the default), the ``url_key`` of each ``related`` entry: an
  aggregator lists there other sources' coverage of the same story, so a file
  holding that coverage joins the aggregator item's group;
- an article with no usable URL: its ``title:`` key (``dedup_key``);
- with *by_title*, also the same folded title (at least three words) when
  both are published within *title_window* of each other: syndicated copies
  of a story under different URLs.

Keys are joined transitively (A~B and B~C make one group).  In each group one
article is *kept* by ``KEEP_RULE``; the others are its duplicates.  Only small
``Entry`` records are held, not articles, so memory grows with the number of
files but not with their bodies.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta, timezone
from itertools import pairwise
from typing import TYPE_CHECKING, Any

import attrs

from .model import Article
from .urls import dedup_key, title_key, url_key

if TYPE_CHECKING:
    from .batch import Result

__all__ = ["KEEP_RULE", "Entry", "Group", "find_duplicates", "story_keys"]

KEEP_RULE = (
    "keep the earliest published article (undated ones last), then one with a URL, "
    "then the first path in sorted order"
)

#: Titles with fewer words are too generic ("Home", "Weekly update") to match by.
_MIN_TITLE_WORDS = 3


@attrs.frozen(kw_only=True)
class Entry:
    """What grouping needs of one article: where it came from and its keys."""

    path: str
    title: str
    url: str | None
    published: datetime | None
    dialect: str
    dedup_key: str | None
    story_keys: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        published = None if self.published is None else self.published.isoformat()
        return {
            "path": self.path,
            "title": self.title,
            "url": self.url,
            "published": published,
            "dialect": self.dialect,
            "dedup_key": self.dedup_key,
        }


@attrs.frozen(kw_only=True)
class Group:
    """One story: the entry kept, its duplicates, and the keys that joined them."""

    key: str | None
    kept: Entry
    duplicates: tuple[Entry, ...]
    matched: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "size": 1 + len(self.duplicates),
            "keep": self.kept.to_dict(),
            "duplicates": [entry.to_dict() for entry in self.duplicates],
            "matched": list(self.matched),
        }


def story_keys(article: Article, *, related: bool = True) -> tuple[str, ...]:
    """Every key under which *article* can meet another telling of its story."""
    urls = [article.url, *article.links]
    if related:
        for item in article.related:
            urls += [item.url, *item.links]
    keys = dict.fromkeys(f"url:{key}" for key in map(url_key, urls) if key is not None)
    own = dedup_key(article)
    if own is not None:
        keys.setdefault(own)
    return tuple(keys)


def find_duplicates(
    items: Iterable[Article | Result | tuple[str, Article]],
    *,
    related: bool = True,
    by_title: bool = False,
    title_window: timedelta = timedelta(days=2),
) -> list[Group]:
    """The groups of two or more articles among *items* that tell one story,
    in the order their first member came; failed results are skipped."""
    entries = list(_entries(items, related))
    parent = list(range(len(entries)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, j: int) -> None:
        a, b = root(i), root(j)
        if a != b:
            parent[max(a, b)] = min(a, b)

    first_with: dict[str, int] = {}
    shared: defaultdict[str, int] = defaultdict(int)
    for index, entry in enumerate(entries):
        for key in entry.story_keys:
            shared[key] += 1
            if key in first_with:
                join(index, first_with[key])
            else:
                first_with[key] = index
    if by_title:
        for i, j in _same_title_pairs(entries, title_window):
            join(i, j)
    members: defaultdict[int, list[Entry]] = defaultdict(list)
    for index, entry in enumerate(entries):
        members[root(index)].append(entry)
    groups = []
    for root_index in sorted(members):
        group = members[root_index]
        if len(group) < 2:
            continue
        ordered = sorted(group, key=_keep_order)
        matched = {key for entry in group for key in entry.story_keys if shared[key] > 1}
        if by_title:
            matched |= _titles_shared(group)
        groups.append(
            Group(
                key=ordered[0].dedup_key,
                kept=ordered[0],
                duplicates=tuple(ordered[1:]),
                matched=tuple(sorted(matched)),
            )
        )
    return groups


def _entries(
    items: Iterable[Article | Result | tuple[str, Article]], related: bool
) -> Iterator[Entry]:
    for item in items:
        if isinstance(item, Article):
            path, article = "", item
        elif isinstance(item, tuple):
            path, article = item
        elif item.article is not None:
            path, article = item.name, item.article
        else:
            continue  # a failed result (or rendered JSON) tells no story here
        yield Entry(
            path=path,
            title=article.title,
            url=article.url,
            published=article.published,
            dialect=article.dialect,
            dedup_key=dedup_key(article),
            story_keys=story_keys(article, related=related),
        )


def _keep_order(entry: Entry) -> tuple[bool, datetime | None, bool, str]:
    published = entry.published
    # None sorts last through the first flag; the placeholder is never compared.
    return (published is None, published or _EPOCH, entry.url is None, entry.path)


_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def _title_of(entry: Entry) -> str | None:
    key = title_key(entry.title)
    if key is None or len(key.split()) < _MIN_TITLE_WORDS:
        return None
    return key


def _same_title_pairs(entries: list[Entry], window: timedelta) -> Iterator[tuple[int, int]]:
    by_title: defaultdict[str, list[int]] = defaultdict(list)
    for index, entry in enumerate(entries):
        title = _title_of(entry)
        if title is not None and entry.published is not None:
            by_title[title].append(index)
    for indexes in by_title.values():
        # Sorted by date, a member within the window of its predecessor joins it.
        dated = sorted(indexes, key=lambda i: entries[i].published or _EPOCH)
        for before, after in pairwise(dated):
            gap = (entries[after].published or _EPOCH) - (entries[before].published or _EPOCH)
            if gap <= window:
                yield before, after


def _titles_shared(group: list[Entry]) -> set[str]:
    counts: defaultdict[str, int] = defaultdict(int)
    for entry in group:
        title = _title_of(entry)
        if title is not None:
            counts[title] += 1
    return {f"title:{title}" for title, count in counts.items() if count > 1}
