"""Step 4: adapters map a source's keys onto canonical field names.

An adapter never builds an ``Article`` and never parses text: it scores a
mapping (detection) and returns a ``Normalized`` record: canonical field ->
raw value, where each value came from, and every key it did not use.  The core
then converts values the same way for every dialect.

Most sources are described as data with ``MappingAdapter``: for each canonical
field an ordered list of source key paths, first present one wins.  The
built-in dialects use exactly this public mechanism.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol, runtime_checkable

import attrs

from .errors import AdapterError
from .model import Diagnostic

__all__ = [
    "CANONICAL_FIELDS",
    "CONVERTERS",
    "Adapter",
    "MappingAdapter",
    "Normalized",
    "Rule",
]

#: Canonical fields an adapter may fill, and whether each takes a single value.
CANONICAL_FIELDS: Mapping[str, bool] = {
    "title": True,
    "summary": True,
    "url": True,
    "links": False,
    "aliases": False,
    "slug": True,
    "published": True,
    "updated": True,
    "authors": False,
    "source": False,
    "source.name": True,
    "source.domain": True,
    "source.url": True,
    "source.images": False,
    "tags": False,
    "categories": False,
    "images": False,
    "related": False,
    "kind": True,
    "is_draft": True,
    "language": True,
}

#: Named converters a rule may apply before the field's own conversion.
CONVERTERS: frozenset[str] = frozenset({"not"})

_MISSING = object()


@attrs.frozen
class Normalized:
    """What an adapter hands to the core.

    ``fields`` maps canonical names to raw source values (``related`` holds a
    tuple of nested ``Normalized``); ``provenance`` maps the same names to the
    dotted source key each came from; ``extra`` keeps every unused key.
    """

    fields: Mapping[str, Any]
    provenance: Mapping[str, str]
    extra: Mapping[str, Any]
    diagnostics: tuple[Diagnostic, ...] = ()


@runtime_checkable
class Adapter(Protocol):
    """What the parser needs from a dialect.

    ``score`` must be pure and never raise: 0.0 means "not mine", 1.0 "surely
    mine".  ``fallback`` adapters are only considered when no other adapter
    reaches the detection threshold.
    """

    @property
    def name(self) -> str: ...

    @property
    def fallback(self) -> bool: ...

    def score(self, mapping: Mapping[str, Any]) -> float: ...

    def voters(self, mapping: Mapping[str, Any]) -> tuple[str, ...]: ...

    def normalize(self, mapping: Mapping[str, Any]) -> Normalized: ...


@attrs.frozen
class Rule:
    """Fill canonical *target* from the first of *paths* present in the source.

    A path is a dotted key (``link.href``), optionally indexing a list
    (``openGraphMetaData[0].ogurl``); a key that itself contains a dot
    (``dropmark.editURL``) is matched whole first.  Null, empty text and empty
    lists do not match, and neither does a mapping for a field that takes a
    single value.
    """

    target: str
    paths: tuple[str, ...]
    convert: str | None = None

    def __attrs_post_init__(self) -> None:
        if self.target not in CANONICAL_FIELDS:
            known = ", ".join(CANONICAL_FIELDS)
            raise AdapterError(f"unknown field {self.target!r}; expected one of: {known}")
        if not self.paths:
            raise AdapterError(f"rule for {self.target!r} names no source keys")
        if self.convert is not None and self.convert not in CONVERTERS:
            raise AdapterError(
                f"unknown converter {self.convert!r} for {self.target!r}; "
                f"expected one of: {', '.join(sorted(CONVERTERS))}"
            )


_INDEXED = re.compile(r"(.+)\[(\d+)\]\Z")


def _parts(path: str) -> tuple[str | int, ...]:
    parts: list[str | int] = []
    for part in path.split("."):
        indexed = _INDEXED.match(part)
        if indexed:
            parts.extend((indexed.group(1), int(indexed.group(2))))
        else:
            parts.append(part)
    return tuple(parts)


def _resolve(mapping: Mapping[str, Any], path: str) -> tuple[Any, tuple[str | int, ...]]:
    """Value at a dotted *path* (``a.b``, ``a[0].b``) and the keys that reached it."""
    if path in mapping:
        return mapping[path], (path,)
    node: Any = mapping
    parts = _parts(path)
    for part in parts:
        if isinstance(part, int):
            if not isinstance(node, list) or part >= len(node):
                return _MISSING, ()
        elif not isinstance(node, Mapping) or part not in node:
            return _MISSING, ()
        node = node[part]
    return node, parts


def _residual(
    value: Any, consumed: set[tuple[str | int, ...]], prefix: tuple[str | int, ...]
) -> Any:
    """What remains of *value* once the *consumed* key paths are taken out."""
    if prefix in consumed:
        return _MISSING
    if not any(path[: len(prefix)] == prefix for path in consumed):
        return value
    if isinstance(value, Mapping):
        rest: dict[Any, Any] = {}
        for key, item in value.items():
            kept = _residual(item, consumed, (*prefix, key))
            if kept is not _MISSING:
                rest[key] = kept
        return rest if rest else _MISSING
    if isinstance(value, list):
        # Positions matter in a list, so a consumed item leaves a null behind.
        items = [_residual(item, consumed, (*prefix, i)) for i, item in enumerate(value)]
        if all(item is _MISSING for item in items):
            return _MISSING
        return [None if item is _MISSING else item for item in items]
    return value


class MappingAdapter:
    """An adapter described as data: rules for fields, weights for detection.

    *signature* maps source key paths to weights; the score is the share of
    the total weight whose keys are present.  Nested ``related`` items are
    normalised with the same rules.
    """

    def __init__(
        self,
        name: str,
        rules: Sequence[Rule],
        *,
        signature: Mapping[str, float],
        fallback: bool = False,
        description: str = "",
    ) -> None:
        if not name or not name.replace("-", "").replace("_", "").isalnum():
            raise AdapterError(f"adapter name {name!r} must be letters, digits, '-' or '_'")
        if any(weight <= 0 for weight in signature.values()):
            raise AdapterError(f"adapter {name!r}: signature weights must be positive")
        self._name = name
        self._rules = tuple(rules)
        self._signature = dict(signature)
        self._total = sum(self._signature.values())
        self._fallback = fallback
        self.description = description

    @property
    def name(self) -> str:
        return self._name

    @property
    def fallback(self) -> bool:
        return self._fallback

    @property
    def rules(self) -> tuple[Rule, ...]:
        return self._rules

    @property
    def signature(self) -> Mapping[str, float]:
        return dict(self._signature)

    def __repr__(self) -> str:
        return f"MappingAdapter({self._name!r}, {len(self._rules)} rules)"

    def voters(self, mapping: Mapping[str, Any]) -> tuple[str, ...]:
        return tuple(
            path for path in self._signature if _resolve(mapping, path)[0] not in (_MISSING, None)
        )

    def score(self, mapping: Mapping[str, Any]) -> float:
        if not self._total or not isinstance(mapping, Mapping):
            return 0.0
        try:
            present = sum(self._signature[path] for path in self.voters(mapping))
        except Exception:  # a score must never raise, whatever the input
            return 0.0
        return round(present / self._total, 4)

    def normalize(self, mapping: Mapping[str, Any]) -> Normalized:
        fields: dict[str, Any] = {}
        provenance: dict[str, str] = {}
        consumed: set[tuple[str | int, ...]] = set()
        for rule in self._rules:
            if rule.target in fields:
                continue
            found = self._first_match(mapping, rule)
            if found is None:
                continue
            path, keys, value = found
            consumed.add(keys)
            if rule.target == "related":
                value = self._nested(value)
            elif rule.convert == "not" and isinstance(value, bool):
                value = not value
            fields[rule.target] = value
            provenance[rule.target] = path
        extra = {}
        for key, value in mapping.items():
            kept = _residual(value, consumed, (key,))
            if kept is not _MISSING:
                extra[key] = kept
        return Normalized(fields, provenance, extra)

    def _first_match(
        self, mapping: Mapping[str, Any], rule: Rule
    ) -> tuple[str, tuple[str | int, ...], Any] | None:
        single = CANONICAL_FIELDS[rule.target]
        for path in rule.paths:
            value, keys = _resolve(mapping, path)
            if value is _MISSING or value is None or value == "" or value == []:
                continue
            if single and isinstance(value, Mapping):
                continue
            return path, keys, value
        return None

    def _nested(self, value: Any) -> Any:
        items: Iterable[Any] = value if isinstance(value, list) else [value]
        return tuple(self.normalize(item) if isinstance(item, Mapping) else item for item in items)
