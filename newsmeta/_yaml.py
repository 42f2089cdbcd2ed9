"""YAML text -> plain Python values, raising only newsmeta errors.

Contract used by ``newsmeta.load`` (keep it when optimising):

``load_yaml(text, *, duplicate_keys="error", max_alias_expansion=..., max_depth=...)``
returns ``(value, duplicates)`` where *value* is built from dict/list/str/int/float/
bool/None/date/datetime and *duplicates* lists ``(key, line, column)`` of keys that
were repeated and resolved by the ``"last"`` policy.  Errors are ``LoadError``,
``StructureError`` or ``LimitError`` with 1-based line/column relative to *text*.

``locate(text, path)`` re-reads *text* with positions (only called when something
went wrong) and returns the 1-based ``(line, column)`` of the key at *path*.

How it is fast: two paths, both typing plain scalars with ``_yaml_resolve``.

1. ``_yaml_simple.load_simple`` reads the block-style subset that nearly all real front
   matter uses (``key: value``, nested blocks, ``- item``, quoted and folded scalars) line by
   line, without any parser events.  It answers only when the answer is certain and returns
   ``None`` for anything else (flow collections, anchors, tags, block scalars, duplicate
   keys, deep nesting, odd characters...), so it never raises and never needs a position.
   It is used when ``max_depth`` exceeds its own nesting bound; duplicate keys and aliases
   make it bail, so ``duplicate_keys`` and ``max_alias_expansion`` cannot change its result.
2. Otherwise, the general path: ruamel's stock safe loader spends most of its time in the
   resolver and in per-node constructor dispatch, so we drive ruamel's C parser
   (``_ruamel_yaml.CParser``) for *events* only and build the values in one iterative loop
   (``_build``).  This path produces every error with its line and column.  Without the C
   extension the same loop consumes ruamel's pure-Python parser's events.

No ``YAML()`` instance is kept, so nothing accumulates between loads (a reused ``YAML()``
grows ``doc_infos`` by one entry per load).  ``use_simple_path(False)`` switches path 1 off
(tests compare the two paths; benchmarks measure both).

Intentional differences from ``YAML(typ="safe").load`` are listed in ``DIFFERENCES``.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Sequence
from typing import Any, Final, Literal

from ._yaml_resolve import KeptTimestamp
from ._yaml_simple import MAX_DEPTH as _SIMPLE_MAX_DEPTH
from ._yaml_simple import load_simple
from .errors import LoadError, SourceError

__all__ = [
    "DIFFERENCES",
    "DuplicatePolicy",
    "KeptTimestamp",
    "SlowYAMLWarning",
    "load_yaml",
    "locate",
    "use_pure_parser",
    "use_simple_path",
]

DuplicatePolicy = Literal["error", "last"]

DIFFERENCES: Final = (
    "timestamps with 'Z' or a zero offset carry datetime.timezone.utc; other offsets an "
    "unnamed datetime.timezone (ruamel names the tzinfo after the source text, e.g. 'Z')",
    "duplicate_keys='last' keeps the later value (ruamel's allow_duplicate_keys keeps the "
    "first); a repeated merge key '<<' is ignored under 'last', as in ruamel",
    "an alias inside its own anchor (a recursive structure) raises LimitError instead of "
    "building a self-referencing list or dict",
    "!!binary, !!set, !!omap and !!pairs raise LoadError (ruamel returns bytes, set, "
    "ordereddict, list of pairs): values stay plain",
    "errors ruamel lets escape as ValueError/KeyError/IndexError/TypeError (e.g. '!!int abc', "
    "unhashable nested keys) are LoadError/StructureError",
    "a timestamp that names no real day or time ('0000-00-00', '2023-02-30', '!!timestamp "
    "2020-01-01 25:00:00') loads as its text and is reported (ruamel raises ValueError)",
    "nesting deeper than max_depth and alias expansion beyond max_alias_expansion raise "
    "LimitError (ruamel recurses and expands without limit)",
    "a ':' inside a plain scalar in a flow collection ('[https://a.test/x]') is read as YAML "
    "1.2 and ruamel's pure parser read it (libyaml, ruamel's C parser, refuses it)",
    "a surrogate pair written as two \\u escapes in a double-quoted scalar is one character, "
    "as in JSON (ruamel's pure parser leaves two lone surrogates; its C parser refuses them), "
    "and a lone surrogate escape is an EncodingError at the escape (the pure parser keeps it)",
    "NEL (U+0085), LINE SEPARATOR (U+2028) and PARAGRAPH SEPARATOR (U+2029) are ordinary "
    "characters, as YAML 1.2 says (ruamel and libyaml break lines at them, as YAML 1.1 did)",
)

_force_pure = False
_use_simple = True
_warned_pure = False


class SlowYAMLWarning(RuntimeWarning):
    """ruamel.yaml's C extension is missing: YAML loads with the pure-Python parser."""


def use_pure_parser(pure: bool) -> None:
    """Force (``True``) or stop forcing the pure-Python parser; meant for tests."""
    global _force_pure
    _force_pure = pure


def use_simple_path(enabled: bool) -> None:
    """Use (``True``, the default) or skip the line-based fast path; meant for tests."""
    global _use_simple
    _use_simple = enabled


_FLOW_COLON: Final = "found unexpected ':'"
_BAD_ESCAPE: Final = "found invalid Unicode character escape code"


def _quiet_pure_events(text: str) -> Callable[[], Any]:
    from ruamel.yaml import YAML

    events: Callable[[], Any] = YAML(typ="safe", pure=True).parse(text).__next__
    return events


def _pure_events(text: str) -> Callable[[], Any]:
    global _warned_pure
    if not _warned_pure:
        _warned_pure = True
        warnings.warn(
            "ruamel.yaml.clib (the C extension of ruamel.yaml) is not available; "
            "newsmeta loads YAML with the pure-Python parser, about 5x slower",
            SlowYAMLWarning,
            stacklevel=3,
        )
    # A fresh instance per load: YAML() keeps one DocInfo per parse in doc_infos.
    return _quiet_pure_events(text)


def load_yaml(
    text: str,
    *,
    duplicate_keys: DuplicatePolicy = "error",
    max_alias_expansion: int = 10_000,
    max_depth: int = 200,
    impossible_dates: list[KeptTimestamp] | None = None,
) -> tuple[Any, tuple[tuple[str, int, int], ...]]:
    """Load the single YAML document in *text* into plain values; see the module doc.

    A timestamp that cannot exist (``0000-00-00``, ``2023-02-30``) loads as its
    text; each is appended to *impossible_dates* (a list the caller passes empty)
    as (key path, text, line, column).
    """
    # The fast path bails on duplicate keys, aliases and deep nesting, so neither the
    # duplicate policy nor the limits can change its result (given max_depth > its bound).
    if _use_simple and max_depth > _SIMPLE_MAX_DEPTH:
        simple = load_simple(text)
        if simple is not None:
            return simple, ()
    if _BREAKS_1_1(text) is not None:
        return _load_with_1_2_breaks(text, duplicate_keys, max_alias_expansion, max_depth)
    from . import _yaml_events  # ruamel.yaml is imported on the first document that needs it

    pure = _force_pure or not _yaml_events.HAVE_C_PARSER
    options = (duplicate_keys == "last", max_alias_expansion, max_depth, impossible_dates)
    try:
        return _yaml_events.load_events(text, _pure_events if pure else None, *options)
    except LoadError as error:
        # libyaml (the C parser) refuses two things that YAML 1.2 allows and
        # ruamel's pure parser reads: a ':' inside a plain scalar in a flow
        # collection ("[https://a.test/x]") and surrogate escapes, which JSON
        # uses for a pair ("\\ud83d\\udcca").  Only those refusals are worth a
        # second, slower look.
        if pure or not _pure_may_read(error.reason, text):
            raise
        if impossible_dates is not None:
            impossible_dates.clear()  # the second reading reports them again
        return _yaml_events.load_events(text, _quiet_pure_events, *options)


def _pure_may_read(reason: str, text: str) -> bool:
    if _FLOW_COLON in reason:
        return True
    from ._surrogates import SURROGATE_ESCAPE  # the error path only

    return _BAD_ESCAPE in reason and SURROGATE_ESCAPE.search(text) is not None


# NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR are line breaks in YAML 1.1 only; YAML
# 1.2 (what newsmeta reads) made them ordinary characters, but libyaml and ruamel's
# scanner still break lines at them: "title: a\u2028date: 2024-01-01" would give two
# keys, and every error after one would be a line late.
_BREAKS_1_1: Final = re.compile("[\x85\u2028\u2029]").search
_PRIVATE_USE: Final = range(0xE000, 0xF900)


def _stand_ins(text: str) -> dict[str, str]:
    """For each YAML 1.1 break in *text*, a private-use character that *text* lacks.

    A private-use character is what YAML 1.2 says these are: printable, not a break,
    not white space.  Replacing one character by one keeps every column.
    """
    free = (chr(code) for code in _PRIVATE_USE if chr(code) not in text)
    return {char: next(free) for char in "\x85\u2028\u2029" if char in text}


def _restore(value: Any, back: dict[int, int], done: dict[int, Any]) -> Any:
    """*value* with every stand-in turned back; shared (aliased) containers stay shared."""
    if isinstance(value, str):
        return value.translate(back)
    if isinstance(value, dict | list | tuple):
        if id(value) in done:
            return done[id(value)]
        if isinstance(value, dict):
            restored: Any = {}
            done[id(value)] = restored
            for key, item in value.items():
                restored[_restore(key, back, done)] = _restore(item, back, done)
        elif isinstance(value, list):
            restored = []
            done[id(value)] = restored
            restored.extend(_restore(item, back, done) for item in value)
        else:  # a sequence used as a key
            restored = tuple(_restore(item, back, done) for item in value)
            done[id(value)] = restored
        return restored
    return value


def _load_with_1_2_breaks(
    text: str, duplicate_keys: DuplicatePolicy, max_alias_expansion: int, max_depth: int
) -> tuple[Any, tuple[tuple[str, int, int], ...]]:
    stand_ins = _stand_ins(text)
    back = {ord(new): ord(old) for old, new in stand_ins.items()}
    try:
        value, duplicates = load_yaml(
            text.translate({ord(old): new for old, new in stand_ins.items()}),
            duplicate_keys=duplicate_keys,
            max_alias_expansion=max_alias_expansion,
            max_depth=max_depth,
        )
    except SourceError as error:
        reason = error.reason.translate(back)
        if reason == error.reason:
            raise
        raise type(error)(reason, path=error.path, line=error.line, column=error.column) from (
            error.__cause__
        )
    restored = tuple((key.translate(back), line, column) for key, line, column in duplicates)
    return _restore(value, back, {}), restored


def locate(text: str, path: Sequence[str | int]) -> tuple[int, int] | None:
    """1-based position of the key (or item) at *path* in *text*, or ``None``; never raises."""
    position: tuple[int, int] | None = None
    if _BREAKS_1_1(text) is not None:  # read them as YAML 1.2 does (see load_yaml)
        stand_ins = _stand_ins(text)
        text = text.translate({ord(old): new for old, new in stand_ins.items()})
        path = [
            p.translate({ord(o): n for o, n in stand_ins.items()}) if isinstance(p, str) else p
            for p in path
        ]
    try:
        from ruamel.yaml import YAML

        yaml = YAML(typ="rt")
        yaml.allow_duplicate_keys = True
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            node: Any = yaml.load(text)
        for part in path:
            if isinstance(part, int):
                line, column = node.lc.item(part)
            else:
                line, column = node.lc.key(part)
            position = (line + 1, column + 1)
            node = node[part]
        return position
    except Exception:  # includes RecursionError: locate is best effort on the error path
        return position
