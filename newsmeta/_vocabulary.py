"""The names each canonical field goes by, read from the built-in adapters' rules.

``newsmeta infer`` recognises a key by these names, compared without case or
separators (``PublishDate`` = ``publish_date``), and by their words
(``created_date`` -> created, date), so a new compound of known words is
recognised too.  The rules are the one description of the dialects; the
tables below only add words no built-in rule spells yet.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from .adapter import CANONICAL_FIELDS, Adapter, Rule

__all__ = ["INFERRED", "Vocabulary", "normalized", "words_of"]

# Words the built-in rules do not spell yet, by field (the rules give the rest).
_MORE_WORDS: Mapping[str, tuple[str, ...]] = {
    "title": ("headline", "heading", "hed"),
    "summary": ("dek", "standfirst", "lede", "teaser", "intro", "blurb", "subhead"),
    "published": ("posted", "post", "issued", "pub", "filed"),
    "updated": ("edited", "revised", "modified"),
    "authors": ("byline", "creator", "writer", "writers", "contributors"),
    "tags": ("keyword", "topic", "topics", "label", "labels", "subjects"),
    "categories": ("section", "sections"),
    "images": ("img", "photo", "picture", "hero", "banner", "featured"),
    "url": ("canonical", "href", "permalink", "original"),
    "source.name": ("publisher", "outlet", "site"),
}
# Words that put a key after the others for a field: a real publication date
# beats a creation date.
_LATER: Mapping[str, frozenset[str]] = {
    "published": frozenset({"created", "create", "creation", "modified", "updated"}),
}
# Names too short to be matched as a word of a longer key (`sort_by` is no byline).
_MORE_NAMES: Mapping[str, tuple[str, ...]] = {"authors": ("by",)}
# Words that say what kind of value a key holds more than what it means.
_WEAK_WORDS = frozenset({"name", "date", "time", "url", "text", "at", "on", "of", "the"})
# Fields a draft proposes keys for; the others are left to generic and to you.
INFERRED = (
    "title", "summary", "url", "published", "updated", "authors", "source.name",
    "source.domain", "source.images", "tags", "categories", "images", "slug", "aliases",
    "kind", "is_draft", "language",
)  # fmt: skip
_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")


def words_of(key: str) -> list[str]:
    """``publishDate`` -> [publish, date]; ``og:image`` -> [og, image]."""
    return [word.lower() for word in _WORD.findall(key)]


def normalized(key: str) -> str:
    """A key without case or separators: ``Publish-Date`` -> ``publishdate``."""
    return "".join(words_of(key))


def _head_words(name: str) -> list[str]:
    """The words of a rule's key name that say what the field is.

    A one-word name is all meaning (``headline``); in a compound the last word
    is the head (``story_title`` is a title, ``hero_image`` an image) and the
    others only qualify it (``story`` says nothing about titles).  Two letters
    (``by``, ``og``, ``at``) say too little to match on their own.
    """
    words = [word for word in words_of(name) if len(word) > 2]
    return words if len(words) <= 1 else words[-1:]


class Vocabulary:
    """The names each field goes by, read from the adapters' rules."""

    def __init__(self, adapters: Iterable[Adapter], *, base: Adapter) -> None:
        self.names: dict[str, set[str]] = {field: set() for field in CANONICAL_FIELDS}
        self.words: dict[str, set[str]] = {field: set() for field in CANONICAL_FIELDS}
        self.known: set[str] = set()  # every key a built-in adapter reads or votes with
        self.base_reads: dict[tuple[str, str], str | None] = {}  # (field, key) -> converter
        self.base_order: dict[tuple[str, str], int] = {}  # (field, name) -> generic's order
        for adapter in adapters:
            # Adapters described as data say their names; a class of its own does not.
            rules: Iterable[Rule] = getattr(adapter, "rules", ())
            signature: Mapping[str, float] = getattr(adapter, "signature", {})
            for path in signature:
                self.known.add(normalized(path.split(".")[0].split("[")[0]))
            for rule in rules:
                for path in rule.paths:
                    leaf = path.split(".")[-1].split("[")[0]
                    self.known.add(normalized(path.split(".")[0].split("[")[0]))
                    self.names[rule.target].add(normalized(path))  # `link.href` -> linkhref
                    if adapter is base:  # generic's order: exact names, then loose ones
                        self.base_order.setdefault(
                            (rule.target, normalized(path)), len(self.base_order)
                        )
                    if adapter is base and not getattr(rule, "loose", False):
                        # what the draft's base reads anyway, spelled exactly (a
                        # loose rule passes over a value that does not fit instead)
                        self.base_reads[(rule.target, path)] = rule.convert
                    self.words[rule.target].update(_head_words(leaf))
        for field, more in _MORE_WORDS.items():
            self.words[field].update(more)
        for field, names in _MORE_NAMES.items():
            self.names[field].update(names)
        for words in self.words.values():
            words -= {"at", "on", "of", "the"}

    def preference(self, field: str, key: str) -> tuple[int, int, int]:
        """How early *key* goes among the keys proposed for *field*: names the rules
        know first, a creation date after a publication date, then generic's order."""
        name = normalized(key)
        known = 0 if name in self.names[field] else 1
        later = 1 if _LATER.get(field, frozenset()) & set(words_of(key)) else 0
        return known, later, self.base_order.get((field, name), len(self.base_order))

    def fields_for(self, key: str) -> list[tuple[float, str]]:
        """Canonical fields *key* may hold with how well its name says so, best first.

        A key a built-in rule reads for the field scores highest; then the share
        of the key's words that the field's names use, a word that only says what
        kind of value it is (``date``, ``url``, ``name``) counting half.  The last
        part of the key needs a word of its own (``eventUrl`` is no article URL).
        """
        words = words_of(key)  # `seo.title`, `link.href`: the outer key speaks too
        leaf = words_of(key.split(".")[-1])
        if not words:
            return []
        scored: list[tuple[float, int, str]] = []
        for order, field in enumerate(INFERRED):
            exact = normalized(key) in self.names[field]
            vocabulary = self.words[field]
            if not exact and not any(w in vocabulary and w not in _WEAK_WORDS for w in leaf):
                continue  # `source.apiendpoint` is no URL because of `source`
            matched = sum(0.5 if w in _WEAK_WORDS else 1.0 for w in words if w in vocabulary)
            whole = sum(0.5 if w in _WEAK_WORDS else 1.0 for w in words)
            score = (3.0 if exact else 0.0) + matched / whole
            if _LATER.get(field, frozenset()) & set(words):
                score -= 0.5  # a creation date is a publication date only when nothing better
            scored.append((-score, order, field))
        return [(-score, field) for score, _, field in sorted(scored)]
