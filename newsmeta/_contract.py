"""What the core checks of every adapter's answers, whoever wrote the adapter.

An adapter is any object with the ``Adapter`` members, so nothing stops a class
from returning a field that does not exist, a provenance entry for a key the
source lacks, or a score of 5.  The core does not trust it: a broken promise is
an ``AdapterError`` naming the adapter, a bug is an ``UnexpectedError`` keeping
its traceback as text, and a source key the adapter neither used (provenance)
nor kept (``extra``) is put back into ``extra``: nothing a source wrote is lost.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, time
from typing import Any, TypeVar

from ._numbers import too_long_integer
from ._paths import MISSING, KeyPath, parts_of, residual, resolve
from .adapter import CANONICAL_FIELDS, Adapter, MappingAdapter, Normalized
from .errors import AdapterError, NewsmetaError, UnexpectedError
from .model import Diagnostic

__all__ = ["checked", "checked_score", "correct_by_construction", "normalized_by"]

_Method = TypeVar("_Method", bound=Callable[..., Normalized])


def checked_score(adapter: Adapter, mapping: Mapping[str, Any]) -> tuple[float, tuple[str, ...]]:
    """*adapter*'s score of *mapping* and the keys that voted for it.

    A score that raises, or is anything but a number from 0 to 1 (NaN, 5, "1"),
    would silently lose a file or win one it has no business winning: it is an
    ``AdapterError`` naming the adapter.
    """
    try:
        score = adapter.score(mapping)
        voters = tuple(adapter.voters(mapping))
    except Exception as exc:
        raise AdapterError(
            f"adapter {adapter.name!r}: score() raised {type(exc).__name__}: {exc}; "
            "a score must never raise"
        ) from exc
    if (
        isinstance(score, bool)
        or not isinstance(score, int | float)
        or not 0.0 <= score <= 1.0  # also NaN, which compares false with anything
    ):
        shown = "an integer too long to show" if _too_long(score) else repr(score)[:60]
        raise AdapterError(
            f"adapter {adapter.name!r}: score() returned {shown}; expected a number from 0.0 to 1.0"
        )
    if not all(isinstance(voter, str) for voter in voters):
        raise AdapterError(
            f"adapter {adapter.name!r}: voters() returned something other than key names; "
            "expected a tuple of str"
        )
    return float(score), voters


def _too_long(value: Any) -> bool:
    return isinstance(value, int) and too_long_integer(value) is not None


def normalized_by(adapter: Adapter, mapping: Mapping[str, Any], where: str | None) -> Normalized:
    """``adapter.normalize(mapping)``, checked and completed (see the module doc)."""
    try:
        normalized = adapter.normalize(mapping)
    except NewsmetaError:
        raise
    except Exception as exc:
        import traceback  # a bug's path only: with textwrap, ~1.5 ms of import time

        # A bug, not bad input: the traceback is kept as text so that it survives
        # pickling back from a worker process (the exception itself may not).
        raise UnexpectedError(
            f"adapter {adapter.name!r} failed in normalize(): {exc}",
            path=where,
            kind=type(exc).__name__,
            details=traceback.format_exc(),
        ) from exc
    if _by_rules(adapter) and type(normalized) is Normalized:
        # Correct by construction: its rules name canonical fields (checked when
        # each Rule is made), its provenance is the path it resolved, and its extra
        # is the residual of the same paths.  Skipping the walk saves ~40% of
        # normalize(); the tests run checked() on its answers for every corpus file.
        return normalized
    return checked(adapter.name, mapping, normalized)


def _by_rules(adapter: Adapter) -> bool:
    """Whether *adapter* normalises with the built-in, unchanged code: ``MappingAdapter``'s
    own, or the ``generic`` dialect's (which adds only a date found in a path value
    and gives a media-file URL back to ``extra``, both within the contract).

    The ``generic`` fallback reads most small documents, and the contract walk cost
    ~10% of such a document; a subclass that overrides either method is checked.
    """
    kind = type(adapter)
    return (
        issubclass(kind, MappingAdapter)
        and kind.normalize in _NORMALIZE_BY_RULES
        and kind._normalize is MappingAdapter._normalize
    )


#: The ``normalize`` methods correct by construction (see ``_by_rules``).  The generic
#: dialect's module adds its own when it is imported: importing it from here would
#: build that dialect at ``import newsmeta`` (~2 ms), which the first Parser() does.
_NORMALIZE_BY_RULES: set[Callable[..., Normalized]] = {MappingAdapter.normalize}


def correct_by_construction(method: _Method) -> _Method:
    """Mark a built-in ``normalize`` whose answers need no contract walk (see ``_by_rules``)."""
    _NORMALIZE_BY_RULES.add(method)
    return method


def checked(name: str, mapping: Mapping[str, Any], normalized: Any) -> Normalized:
    """*normalized* (what adapter *name* returned for *mapping*) checked against the
    contract, with every key it lost put back into ``extra``."""
    if not isinstance(normalized, Normalized):
        raise AdapterError(
            f"adapter {name!r} returned {type(normalized).__name__}; expected Normalized"
        )
    _check_shape(name, normalized)
    _check_fields(name, normalized.fields)
    _check_plain(name, normalized, mapping)
    consumed = _check_provenance(name, normalized.provenance, mapping)
    extra = _complete_extra(mapping, normalized.extra, consumed)
    if extra is normalized.extra:
        return normalized
    return Normalized(normalized.fields, normalized.provenance, extra, normalized.diagnostics)


def _check_shape(name: str, normalized: Normalized) -> None:
    for part in ("fields", "provenance", "extra"):
        value = getattr(normalized, part)
        if not isinstance(value, Mapping):
            raise AdapterError(
                f"adapter {name!r} returned Normalized.{part} as {type(value).__name__}; "
                "expected a mapping"
            )
    diagnostics = normalized.diagnostics
    if not isinstance(diagnostics, tuple) or not all(
        isinstance(d, Diagnostic) for d in diagnostics
    ):
        raise AdapterError(
            f"adapter {name!r} returned Normalized.diagnostics that are not a tuple of Diagnostic"
        )


def _check_fields(name: str, fields: Mapping[str, Any]) -> None:
    for field in fields:
        if field not in CANONICAL_FIELDS:
            raise AdapterError(
                f"adapter {name!r} returned unknown field {field!r}; "
                f"expected one of: {', '.join(CANONICAL_FIELDS)}"
            )
    related = fields.get("related")
    if related is not None and not isinstance(related, list | tuple):
        raise AdapterError(
            f"adapter {name!r} returned 'related' as {type(related).__name__}; "
            "expected a list of Normalized items"
        )
    for item in related or ():
        if isinstance(item, Normalized):
            _check_fields(name, item.fields)


# What loaders build, and so what conversion, to_dict and repr() can handle.
_PLAIN = (str, bool, int, float, type(None), date, time, bytes, dict, list, tuple, Normalized)


def _check_plain(name: str, normalized: Normalized, mapping: Mapping[str, Any]) -> None:
    """Every value an adapter hands over is plain data a loader could have built:
    an ``object()`` in ``extra`` would break ``to_dict``, and an integer too long
    to write in decimal would break ``repr`` and every message that shows it.

    A value that is the very object the source holds under a top-level key was
    built by a loader and is not walked again; that is most of them.
    """
    loaded = {id(value) for value in mapping.values()}
    parts = (("field", normalized.fields), ("extra key", normalized.extra))
    for part, values in parts:
        for key, top in values.items():
            if id(top) in loaded:
                continue
            pending = [top]
            while pending:
                value = pending.pop()
                if value.__class__ is str:
                    continue
                if not isinstance(value, _PLAIN):
                    raise AdapterError(
                        f"adapter {name!r} returned {type(value).__name__} in {part} {key!r}; "
                        "expected plain data (text, numbers, booleans, null, dates, bytes, "
                        "lists, mappings)"
                    )
                if isinstance(value, int) and too_long_integer(value) is not None:
                    raise AdapterError(
                        f"adapter {name!r} returned an integer too long to write in decimal "
                        f"in {part} {key!r}"
                    )
                if isinstance(value, dict):
                    pending.extend(item for pair in value.items() for item in pair)
                elif isinstance(value, list | tuple):
                    pending.extend(value)
                elif isinstance(value, Normalized):
                    pending.extend(value.fields.values())
                    pending.extend(item for pair in value.extra.items() for item in pair)


def _check_provenance(
    name: str, provenance: Mapping[str, Any], mapping: Mapping[str, Any]
) -> set[KeyPath]:
    """The key paths the provenance names; each must exist in *mapping*."""
    consumed: set[KeyPath] = set()
    for field, path in provenance.items():
        if field not in CANONICAL_FIELDS:
            raise AdapterError(
                f"adapter {name!r} gave provenance for unknown field {field!r}; "
                f"expected one of: {', '.join(CANONICAL_FIELDS)}"
            )
        if not isinstance(path, str):
            raise AdapterError(
                f"adapter {name!r} gave provenance {path!r} for {field!r}; "
                "expected a source key path (text)"
            )
        if path in mapping:  # nearly always: one top-level key
            consumed.add((path,))
            continue
        value, keys = resolve(mapping, path)
        if value is MISSING:
            value, keys = _resolve_dotted_indexes(mapping, path)
        if value is MISSING:
            raise AdapterError(
                f"adapter {name!r} gave provenance {path!r} for {field!r}, "
                "but the source has no such key"
            )
        # resolve names the key paths it used; a path without [] names itself.
        consumed.update(keys or (tuple(p for p in parts_of(path) if isinstance(p, str | int)),))
    return consumed


def _resolve_dotted_indexes(
    mapping: Mapping[str, Any], path: str
) -> tuple[Any, tuple[KeyPath, ...]]:
    """*path* written with list indexes as dotted parts (``head.4.1.content``, the way
    diagnostics name keys) rather than ``head[4][1].content``."""
    node: Any = mapping
    taken: list[str | int] = []
    for part in path.split("."):
        if isinstance(node, list) and part.isdigit() and int(part) < len(node):
            taken.append(int(part))
            node = node[int(part)]
        elif isinstance(node, Mapping) and part in node:
            taken.append(part)
            node = node[part]
        else:
            return MISSING, ()
    return node, (tuple(taken),)


def _complete_extra(
    mapping: Mapping[str, Any], extra: Mapping[str, Any], consumed: set[KeyPath]
) -> Mapping[str, Any]:
    """*extra* plus whatever of *mapping* neither it nor *consumed* accounts for."""
    added: dict[str, Any] = {}
    roots = {path[0] for path in consumed if len(path) > 1}
    for key, value in mapping.items():
        if key in extra or (key,) in consumed:
            continue
        if key in roots:  # partly used ('link.href'): keep the rest ('link.brand')
            value = residual(value, consumed, (key,))
            if value is MISSING:
                continue
        added[key] = value
    if not added:
        return extra
    return {**extra, **added}
