"""Source keys read by meaning rather than by one spelling.

``publish_date``, ``PublishDate``, ``publish-date`` and ``publishDate`` are one
key written four ways; so are ``og:title``, ``OG_Title`` and ``og: {title: ...}``.
A key's *meaning* is its text case-folded with every separator removed (``_``,
``-``, ``:``, ``.``, spaces).  Inside a table a rule names as a container
(``og`` of ``og.title``, ``metadata`` of ``metadata.canonical``) a key means its
parent's meaning followed by its own, so ``og: {title: ...}`` is ``og:title``;
an entry of a meta-tag list (``head: [[meta, {property: og:url, content: ...}]]``)
means what its ``property`` or ``name`` says.

Loose rules (``Rule(..., loose=True)``) are looked up this way, and only for
fields the exact spellings left empty, over keys no rule took: the index is
built per document from those few leftover keys, so a clean file pays almost
nothing for it.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from ._lazy_re import lazy
from ._paths import KeyPath
from .dates import parse_datetime
from .model import Diagnostic

__all__ = [
    "LooseTable",
    "Match",
    "loose_matches",
    "looser",
    "meaning",
    "unfit",
]

_SEPARATORS = lazy(r"[\W_]+")
# What joins a namespace or container to a name inside it: og:title, dc.creator.
_NAMESPACE = lazy(r"[.:]")
_KEY_CACHE_SIZE = 4096
_CACHED_KEY_LENGTH = 100

#: (position of the path in its rule, nesting depth, document order, key path)
Match = tuple[int, int, int, tuple[str | int, ...]]


def meaning(key: str) -> str:
    """*key* case-folded without separators: ``Publish_Date`` -> ``publishdate``."""
    # Only short keys are remembered: a hostile file's megabyte-long keys must
    # not stay alive in a cache after it was read.
    return _remembered(key) if len(key) <= _CACHED_KEY_LENGTH else _meaning(key)


def _meaning(key: str) -> str:
    # Keys are nearly always words joined by "_", "-", ".", ":" or " ": if only letters
    # and digits are left without those (str.isalnum is re's \w without "_"), that is
    # what the regex gives, at a third of its cost (the built-in dialects' ~550 paths
    # are read at import).
    plain = key.replace("_", "").replace("-", "").replace(".", "").replace(":", "")
    plain = plain.replace(" ", "")
    if plain.isalnum():
        return plain.casefold()
    return _SEPARATORS.sub("", key).casefold()


_remembered = functools.lru_cache(maxsize=4096)(_meaning)


class LooseTable:
    """Loose rules compiled: each path's meaning -> (rule, position), and the
    meanings of the keys whose mappings are looked into (``og`` of ``og.title``)."""

    __slots__ = ("meanings", "containers", "_by_key")

    def __init__(self, paths_by_rule: Iterable[tuple[int, Iterable[str]]]) -> None:
        table: dict[str, list[tuple[int, int]]] = {}
        containers: set[str] = set()
        for rule_no, paths in paths_by_rule:
            for position, path in enumerate(paths):
                table.setdefault(meaning(path), []).append((rule_no, position))
                head = _NAMESPACE.split(path, maxsplit=1)
                if len(head) == 2:
                    containers.add(meaning(head[0]))
        self.meanings = {key: tuple(value) for key, value in table.items()}
        self.containers = frozenset(containers)
        # Sources repeat their keys file after file: what a key as written
        # means for these rules is remembered (bounded), one dict lookup per key.
        self._by_key: dict[str, tuple[tuple[tuple[int, int], ...], str | None]] = {}

    def lookup(self, key: str) -> tuple[tuple[tuple[int, int], ...], str | None]:
        """The (rule, position) pairs naming *key*, and its meaning if it is a container."""
        found = self._by_key.get(key)
        if found is None:
            own = meaning(key)
            found = (self.meanings.get(own, ()), own if own in self.containers else None)
            if len(key) <= _CACHED_KEY_LENGTH:
                if len(self._by_key) >= _KEY_CACHE_SIZE:
                    self._by_key.clear()
                self._by_key[key] = found
        return found


def loose_matches(
    mapping: Mapping[str, Any], used: set[Any], deep: set[KeyPath], table: LooseTable
) -> dict[int, list[Match]]:
    """For each loose rule, the leftover keys whose meaning it names, best first.

    Best means: earlier in the rule's list of paths, then a top-level key before
    a nested one (and both before an entry of a meta-tag list such as VitePress's
    ``head: [[meta, {property: og:url, content: ...}]]``), then earlier in the
    document.
    """
    found: dict[int, list[Match]] = {}
    meanings, known = table.meanings, table._by_key
    order = 0
    for key, value in mapping.items():
        if key in used or key.__class__ is not str:
            continue
        order += 1
        named, own = known.get(key) or table.lookup(key)
        for rule_no, position in named:
            found.setdefault(rule_no, []).append((position, 0, order, (key,)))
        if own is None:
            if value.__class__ is list and meaning(key) in _META_LISTS:
                _meta_matches(key, value, order, meanings, found)
            continue
        if value.__class__ is dict:
            for inner in value:
                if inner.__class__ is not str or (key, inner) in deep:
                    continue
                for rule_no, position in meanings.get(own + meaning(inner), ()):
                    found.setdefault(rule_no, []).append((position, 1, order, (key, inner)))
    for matches in found.values():
        matches.sort()
    return found


def _meta_matches(
    key: str,
    value: list[Any],
    order: int,
    meanings: Mapping[str, tuple[tuple[int, int], ...]],
    found: dict[int, list[Match]],
) -> None:
    for index, item in enumerate(value):
        name, where = _meta_entry(item)
        if name is None:
            continue
        for rule_no, position in meanings.get(meaning(name), ()):
            found.setdefault(rule_no, []).append((position, 2, order, (key, index, *where)))


# Lists of HTML meta tags kept in front matter (VitePress `head:`), whose
# entries name themselves: [meta, {property: og:url, content: ...}].
_META_LISTS = frozenset({"head", "meta", "metatags"})
_META_NAMES = ("property", "name", "itemprop")


def _meta_entry(item: Any) -> tuple[str | None, tuple[str | int, ...]]:
    """The name a meta-tag entry gives (``og:url``) and where its content is."""
    where: tuple[str | int, ...] = ("content",)
    if item.__class__ is list and len(item) == 2 and item[1].__class__ is dict:
        item, where = item[1], (1, "content")
    if item.__class__ is not dict or "content" not in item:
        return None, ()
    for name_key in _META_NAMES:
        name = item.get(name_key)
        if name.__class__ is str:
            return name, where
    return None, ()


#: Why a looser source was used, by diagnostic code (others read "a looser match").
_LOOSER_REASONS: Mapping[str, str] = {
    "published-from-created": "a creation date; no publication date was found",
    "authors-from-contributors": "contributors; no author key was found",
}


def looser(code: str, target: str, path: str) -> Diagnostic:
    """The diagnostic *code* of a rule that filled *target* from *path*."""
    reason = _LOOSER_REASONS.get(code, "a looser match")
    return Diagnostic(code=code, message=f"{target} taken from {path!r}: {reason}", key=path)


def unfit(target: str, value: Any) -> str:
    """Why a loosely matched *value* cannot be *target*, or "" if it can."""
    if target in ("published", "updated") and not isinstance(value, datetime):
        try:
            parse_datetime(value[0] if isinstance(value, list) and len(value) == 1 else value)
        except (ValueError, OverflowError):
            return f"is not a date: {_short(value)}"
    elif target == "title" and not isinstance(value, str):
        return "is not text"
    return ""


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
