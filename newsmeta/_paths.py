"""Key paths into a loaded front-matter mapping: ``a``, ``a.b``, ``a[0].b``, ``a[].b``.

Resolving a path, and working out what is left of a value once some paths
were taken (so that nothing a source wrote is lost), is all adapters need of
the source's shape.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from ._lazy_re import lazy

__all__ = ["MISSING", "KeyPath", "path_problem", "plain_key", "residual", "resolve"]

#: What ``resolve`` returns for a path that is not there (None is a value).
MISSING: Any = object()

KeyPath = tuple[str | int, ...]


class _Each:
    """The ``[]`` of a path: every item of a list."""

    def __repr__(self) -> str:
        return "[]"


_EACH = _Each()
_Part = str | int | _Each
_SEGMENT = lazy(r"([^.\[\]]+)((?:\[\d*\])*)\Z")
_INDEX = lazy(r"\[(\d*)\]")
_NOT_A_PATH = "expected keys joined by '.', each optionally followed by [0] or []"


def path_problem(path: object) -> str:
    """Why *path* is not a valid key path, or "" if it is."""
    if not isinstance(path, str) or not path.strip():
        return "expected a non-empty key such as 'title' or 'meta.issued'"
    segments = path.split(".")
    if "[" not in path and "]" not in path:
        # Plain keys (nearly every path; the built-in dialects check ~400 at import):
        # _SEGMENT then matches exactly the non-empty segments.
        return "" if all(segments) else _NOT_A_PATH
    if any(_SEGMENT.match(segment) is None for segment in segments):
        return _NOT_A_PATH
    if path.count("[]") > 1:
        return "at most one '[]' is allowed"
    return ""


@functools.lru_cache(maxsize=1024)
def parts_of(path: str) -> tuple[_Part, ...]:
    parts: list[_Part] = []
    for segment in path.split("."):
        match = _SEGMENT.match(segment)
        if match is None:  # not a path we validated: treat it as one plain key
            parts.append(segment)
            continue
        parts.append(match.group(1))
        for index in _INDEX.findall(match.group(2)):
            parts.append(int(index) if index else _EACH)
    return tuple(parts)


def plain_key(path: str) -> str | None:
    """*path* itself if it names one top-level key, else None."""
    return None if "." in path or "[" in path else path


def resolve(mapping: Mapping[str, Any], path: str) -> tuple[Any, tuple[KeyPath, ...]]:
    """Value at a dotted *path* (``a.b``, ``a[0].b``, ``a[].b``) and the key paths used.

    With ``[]`` the value is the list of what each item holds (items without it
    are left out) and every item's key path is returned.
    """
    if path in mapping:
        return mapping[path], ((path,),)
    parts = parts_of(path)
    if len(parts) == 2:
        # 'link.href', 'provider.name': the common nested case, without the walk.
        outer, key = parts
        if isinstance(outer, str) and isinstance(key, str):
            inner = mapping.get(outer)
            if inner.__class__ is dict:
                return (inner[key], ((outer, key),)) if key in inner else (MISSING, ())
            if inner is None or inner.__class__ is str:
                return MISSING, ()
    return _walk(mapping, parts, ())


def _walk(node: Any, parts: tuple[_Part, ...], prefix: KeyPath) -> tuple[Any, tuple[KeyPath, ...]]:
    for position, part in enumerate(parts):
        if isinstance(part, _Each):
            if not isinstance(node, list):
                return MISSING, ()
            values: list[Any] = []
            used: list[KeyPath] = []
            for index, item in enumerate(node):
                value, keys = _walk(item, parts[position + 1 :], (*prefix, index))
                if value is not MISSING and value is not None:
                    values.append(value)
                    used.extend(keys)
            return (values, tuple(used)) if values else (MISSING, ())
        if isinstance(part, int):
            if not isinstance(node, list) or part >= len(node):
                return MISSING, ()
        elif not isinstance(node, Mapping) or part not in node:
            return MISSING, ()
        node = node[part]
        prefix = (*prefix, part)
    return node, (prefix,)


def residual(value: Any, consumed: set[KeyPath], prefix: KeyPath) -> Any:
    """What remains of *value* once the *consumed* key paths are taken out."""
    if prefix in consumed:
        return MISSING
    if not any(path[: len(prefix)] == prefix for path in consumed):
        return value
    if isinstance(value, Mapping):
        rest: dict[Any, Any] = {}
        for key, item in value.items():
            kept = residual(item, consumed, (*prefix, key))
            if kept is not MISSING:
                rest[key] = kept
        return rest if rest else MISSING
    if isinstance(value, list):
        # Positions matter in a list, so a consumed item leaves a null behind.
        items = [residual(item, consumed, (*prefix, i)) for i, item in enumerate(value)]
        if all(item is MISSING for item in items):
            return MISSING
        return [None if item is MISSING else item for item in items]
    return value
