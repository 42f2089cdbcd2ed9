"""The general YAML path: ruamel's parser events built into plain values in one loop.

Imported by ``_yaml`` only when the line-based fast path declines a document,
so ``import newsmeta`` does not pay for importing ruamel.yaml (~12 ms) and most
runs never do.  Stock ruamel spends its time in the resolver and in per-node
constructor dispatch; driving its C parser (``_ruamel_yaml.CParser``) for events
only and building values here is ~5x faster.  Every YAML error, with its line
and column, comes from this path.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final, TypedDict

from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from ._surrogates import (
    SURROGATE,
    first_lone,
    join_pairs,
    lone_surrogate_error,
    nth_surrogate_escape,
)
from ._words import duplicate_key_reason
from ._yaml_resolve import (
    MERGE,
    NUMBER_START,
    VALUE,
    WORD_START,
    WORDS,
    ImpossibleTimestamp,
    KeptTimestamp,
    UnsupportedTag,
    construct_tagged,
    resolve_number,
    resolve_plain,
)
from .errors import EncodingError, LimitError, LoadError, NewsmetaError, StructureError

try:
    from _ruamel_yaml import CParser as _CParser
except ImportError:  # pragma: no cover - depends on the installation
    _CParser = None

__all__ = ["ALIAS_CHARS_FLOOR", "ALIAS_GROWTH", "HAVE_C_PARSER", "alias_chars_limit", "load_events"]

#: Whether ruamel.yaml.clib's C parser is installed.
HAVE_C_PARSER: Final = _CParser is not None

_SEQ_TAG: Final = "tag:yaml.org,2002:seq"
_MAP_TAG: Final = "tag:yaml.org,2002:map"

_SCALAR_TAGS: Final = frozenset(("str", "int", "float", "bool", "null", "timestamp", "binary"))


class _Frame:
    """A collection being built, saved on the stack while a child collection is open."""

    __slots__ = (
        "anchor",
        "chars",
        "container",
        "deepest",
        "is_map",
        "key",
        "key_marks",
        "mark",
        "merges",
        "nodes",
    )

    def __init__(
        self,
        container: Any,
        is_map: bool,
        key: Any,
        key_marks: list[Any] | None,
        merges: list[dict[Any, Any]] | None,
        mark: Any,
        anchor: str | None,
        nodes: int,
        chars: int,
        deepest: int,
    ) -> None:
        self.container = container
        self.is_map = is_map
        self.key = key
        self.key_marks = key_marks
        self.merges = merges
        self.mark = mark
        self.anchor = anchor
        self.nodes = nodes
        self.chars = chars
        self.deepest = deepest


_NOKEY: Final = object()  # the mapping awaits a key, not a value
_OPEN: Final = (None, -1, -1, -1)  # an anchor whose collection is still being built

#: Aliases may add at most this many times the document's characters (but always
#: ``ALIAS_CHARS_FLOOR``): the node limit alone lets one 100 KB scalar aliased
#: 9,000 times become 0.9 GB of output from a 127 KB file.
ALIAS_GROWTH: Final = 10
ALIAS_CHARS_FLOOR: Final = 64 * 1024


def alias_chars_limit(text: str) -> int:
    """Characters that aliases may add to a document of *text* (see ``ALIAS_GROWTH``)."""
    return max(ALIAS_GROWTH * len(text), ALIAS_CHARS_FLOOR)


class _Where(TypedDict):
    line: int | None
    column: int | None


def _pos(mark: Any) -> _Where:
    if mark is None:
        return {"line": None, "column": None}
    return {"line": mark.line + 1, "column": mark.column + 1}


def _offset_pos(text: str, exc: YAMLError) -> _Where:
    offset = getattr(exc, "position", None)
    if not isinstance(offset, int) or not 0 <= offset <= len(text):
        return {"line": None, "column": None}
    return {"line": text.count("\n", 0, offset) + 1, "column": offset - text.rfind("\n", 0, offset)}


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "mapping"
    if isinstance(value, (list, tuple)):
        return "sequence"
    return "scalar"


def load_events(
    text: str,
    make_events: Callable[[str], Callable[[], Any]] | None,
    keep_last: bool,
    max_alias_expansion: int,
    max_depth: int,
    impossible: list[KeptTimestamp] | None = None,
) -> tuple[Any, tuple[tuple[str, int, int], ...]]:
    """Load *text* from parser events (``make_events`` None: the C parser).

    A timestamp that names no real day (``2023-02-30``) stays text; each is
    appended to *impossible* as (key path, text, line, column).
    """
    try:
        if make_events is None:
            assert _CParser is not None
            get_event = _CParser(text).get_event
        else:
            get_event = make_events(text)
        max_chars = alias_chars_limit(text)
        return _build(
            get_event, keep_last, max_alias_expansion, max_depth, max_chars, impossible
        )
    except NewsmetaError:
        raise
    except _LoneSurrogate as lone:
        raise _lone_surrogate(text, lone) from None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        raise LoadError(f"invalid YAML: {problem}", **_pos(mark)) from exc
    except YAMLError as exc:
        # ReaderError (control characters, bad encoding) has a position, not a mark.
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise LoadError(f"invalid YAML: {reason}", **_offset_pos(text, exc)) from exc
    except MemoryError as exc:
        raise LimitError("YAML document too large to load") from exc
    except Exception as exc:  # UnicodeError from the C reader, anything unforeseen
        raise LoadError(f"invalid YAML: {type(exc).__name__}: {exc}") from exc


def _lone_surrogate(text: str, lone: _LoneSurrogate) -> EncodingError:
    start, end = lone.event.start_mark, lone.event.end_mark
    found = nth_surrogate_escape(text, start.index, end.index, lone.nth)
    if found is None:  # pragma: no cover - a surrogate in a scalar comes from an escape
        return EncodingError(
            "a lone surrogate escape is not a character; expected a surrogate pair",
            **_pos(start),
        )
    return lone_surrogate_error(text, *found)


def _build(
    get_event: Callable[[], Any],
    keep_last: bool,
    max_alias_expansion: int,
    max_depth: int,
    max_alias_chars: int,
    impossible: list[KeptTimestamp] | None,
) -> tuple[Any, tuple[tuple[str, int, int], ...]]:
    """Consume parser events into values.

    One flat loop with the current collection in locals: events that complete a value
    (scalar, alias, collection end) fall through to the shared "attach" code at the end.
    Every node counts towards ``nodes``; an alias adds the node count of its anchored
    subtree to ``expanded`` (what a naive deep copy would build) and is checked against
    the limit before it is attached, so a "billion laughs" document fails in microseconds.
    Scalar characters are counted the same way (``chars``, ``expanded_chars``): few
    aliases of one huge scalar are few nodes but a huge expanded document.
    """
    words, word_start, number_start = WORDS, WORD_START, NUMBER_START
    resolve_num = resolve_number
    scalar_cls, map_start, map_end = ScalarEvent, MappingStartEvent, MappingEndEvent
    seq_start, seq_end, alias_cls = SequenceStartEvent, SequenceEndEvent, AliasEvent
    nokey = _NOKEY

    root: list[Any] = []
    container: Any = root  # the root is a one-element "sequence", so no special case
    is_map = False
    key: Any = nokey
    key_marks: list[Any] | None = None
    merges: list[dict[Any, Any]] | None = None
    stack: list[_Frame] = []
    push, pop = stack.append, stack.pop
    anchors: dict[str, tuple[Any, int, int, int]] = {}
    duplicates: list[tuple[str, int, int]] = []
    nodes = 0  # nodes built so far, counting expanded aliases
    expanded = 0  # nodes added by aliases
    chars = 0  # scalar characters built so far, counting expanded aliases
    expanded_chars = 0  # scalar characters added by aliases
    depth = 0  # open collections
    deepest = 0  # deepest level reached since the innermost open anchor started
    documents = 0
    event: Any = None
    value: Any = None
    mark: Any = None

    try:
        while True:
            event = get_event()
            cls = event.__class__
            if cls is scalar_cls:
                nodes += 1
                tag = event.ctag
                value = event.value
                chars += len(value)
                if event.style == '"' and _SURROGATE(value):  # only the pure parser lets them by
                    value = _pair_surrogates(value, event)
                if tag is None:
                    if event.implicit[0]:  # plain: resolve; quoted: stays a string
                        first = value[:1]
                        if first in word_start:
                            value = words.get(value, value)
                            if value is MERGE or value is VALUE:
                                value = _marker(value, is_map and key is nokey, event)
                        elif first in number_start:
                            try:
                                value = resolve_num(value)
                            except ImpossibleTimestamp:
                                value = _kept_text(impossible, event, stack, container, key)
                else:
                    try:
                        value = _tagged_scalar(str(tag), event, is_map and key is nokey)
                    except ImpossibleTimestamp:
                        value = _kept_text(impossible, event, stack, container, key)
                if event.anchor is not None:
                    _check_new_anchor(anchors, event)
                    anchors[event.anchor] = (value, 1, 0, len(event.value))
                mark = event.start_mark if is_map and key is nokey else None
            elif cls is map_start or cls is seq_start:
                nodes += 1
                depth += 1
                if depth > max_depth:
                    raise LimitError(
                        f"nesting deeper than {max_depth} levels", **_pos(event.start_mark)
                    )
                if depth > deepest:
                    deepest = depth
                new_map = cls is map_start
                if event.ctag is not None:
                    _check_collection_tag(str(event.ctag), new_map, event)
                anchor = event.anchor
                if anchor is not None:
                    _check_new_anchor(anchors, event)
                    anchors[anchor] = _OPEN
                push(
                    _Frame(
                        container, is_map, key, key_marks, merges, event.start_mark,
                        anchor, nodes, chars, deepest,
                    )
                )  # fmt: skip
                if anchor is not None:
                    deepest = depth  # measure the height of this anchored subtree alone
                if new_map:
                    container, is_map, key, key_marks, merges = {}, True, nokey, [], None
                else:
                    container, is_map, key, key_marks, merges = [], False, nokey, None, None
                continue
            elif cls is map_end or cls is seq_end:
                frame = pop()
                value = container
                if merges is not None:
                    value = {}
                    for source in reversed(merges):
                        value.update(source)
                    value.update(container)
                if key is not nokey:  # pragma: no cover - the parser never ends a map early
                    raise LoadError("mapping ended without a value", **_pos(event.start_mark))
                if frame.anchor is not None:
                    height = deepest - depth + 1
                    anchors[frame.anchor] = (
                        value, nodes - frame.nodes + 1, height, chars - frame.chars
                    )  # fmt: skip
                    deepest = max(deepest, frame.deepest)
                depth -= 1
                container, is_map, key = frame.container, frame.is_map, frame.key
                key_marks, merges, mark = frame.key_marks, frame.merges, frame.mark
            elif cls is alias_cls:
                found = anchors.get(event.anchor)
                if found is None:
                    raise LoadError(
                        f"found undefined alias {event.anchor!r}", **_pos(event.start_mark)
                    )
                value, size, height, size_chars = found
                if size < 0:
                    raise LimitError(
                        f"alias {event.anchor!r} refers to its own anchor (recursive data)",
                        **_pos(event.start_mark),
                    )
                expanded += size
                nodes += size
                if expanded > max_alias_expansion:
                    raise LimitError(
                        f"aliases expand to more than {max_alias_expansion} nodes",
                        **_pos(event.start_mark),
                    )
                expanded_chars += size_chars
                chars += size_chars
                if expanded_chars > max_alias_chars:
                    raise LimitError(
                        f"aliases expand to more than {max_alias_chars} characters "
                        f"({ALIAS_GROWTH} times the front matter, at least {ALIAS_CHARS_FLOOR})",
                        **_pos(event.start_mark),
                    )
                if depth + height > max_depth:
                    raise LimitError(
                        f"nesting deeper than {max_depth} levels through alias {event.anchor!r}",
                        **_pos(event.start_mark),
                    )
                if depth + height > deepest:
                    deepest = depth + height
                mark = event.start_mark
            else:
                if event.__class__ is DocumentStartEvent:
                    documents += 1
                    if documents > 1:
                        raise LoadError(
                            "expected a single document, but found another document",
                            **_pos(event.start_mark),
                        )
                elif event.__class__ is StreamEndEvent:
                    return (root[0] if root else None), tuple(duplicates)
                continue

            # Attach the completed value to the open collection.
            if not is_map:
                container.append(value)
            elif key is nokey:
                if value is MERGE:
                    key = value
                    continue
                if value.__class__ is list:
                    value = tuple(value)  # ruamel turns a sequence key into a tuple
                try:
                    seen = value in container
                except TypeError:
                    raise StructureError(
                        f"unhashable mapping key ({_describe(value)})", **_pos(mark)
                    ) from None
                if seen:
                    _duplicate(container, key_marks, value, mark, keep_last, duplicates)
                else:
                    key_marks.append(mark)  # type: ignore[union-attr]
                key = value
            elif key is MERGE:
                merges = _merge_sources(merges, value, event, keep_last, duplicates)
                key = nokey
            else:
                container[key] = value
                key = nokey
    except NewsmetaError:
        raise
    except UnsupportedTag as exc:
        raise LoadError(str(exc), **_pos(getattr(event, "start_mark", None))) from exc
    except (ValueError, KeyError, IndexError, TypeError, OverflowError) as exc:
        # Values ruamel's constructors also reject: '!!int abc', '2023-02-30', '!!bool x'.
        where = _pos(getattr(event, "start_mark", None))
        shown = event.value if isinstance(event, ScalarEvent) else ""
        if len(shown) > 60:  # a 5,000-digit number need not be quoted whole
            shown = shown[:57] + "..."
        raise LoadError(f"cannot construct {shown!r}: {exc}", **where) from exc


_SURROGATE: Final = SURROGATE.search


def _kept_text(
    impossible: list[KeptTimestamp] | None,
    event: Any,
    stack: list[_Frame],
    container: Any,
    key: Any,
) -> str:
    """The text of a timestamp that cannot exist, recorded with where it is (rare path)."""
    if impossible is not None:
        # stack[0] holds the root "sequence" that wraps the document.
        path = [_part(frame.container, frame.is_map, frame.key) for frame in stack[1:]]
        # The scalar itself: a value under *key*, an item, or a key (then its own text).
        if isinstance(container, dict):
            path.append(event.value if key is _NOKEY else _part(container, True, key))
        else:
            path.append(len(container))
        mark = event.start_mark
        impossible.append((tuple(path), event.value, mark.line + 1, mark.column + 1))
    return str(event.value)


def _part(container: Any, is_map: bool, key: Any) -> str | int:
    if not is_map:
        return len(container)  # the index the open child will take
    return key if isinstance(key, str | int) and not isinstance(key, bool) else str(key)


class _LoneSurrogate(Exception):
    """A lone surrogate escape in a scalar; ``load_events`` says where it is in the text."""

    def __init__(self, event: Any, nth: int) -> None:
        super().__init__()
        self.event = event
        self.nth = nth


def _pair_surrogates(text: str, event: Any) -> str:
    """Join "\\ud83d\\ude00"-style escape pairs into the one character they spell.

    libyaml refuses surrogate escapes (``_yaml`` then asks the pure parser),
    which decodes each ``\\u`` escape on its own, leaving two lone surrogates
    where JSON and Python see one character.  A surrogate left unpaired is no
    character at all: an error (``_LoneSurrogate``, positioned by ``load_events``).
    """
    nth = first_lone(text)
    if nth is not None:
        raise _LoneSurrogate(event, nth)
    return join_pairs(text)


def _tagged_scalar(tag: str, event: Any, key_position: bool) -> Any:
    value = event.value
    if tag != "!":
        return construct_tagged(tag, value)
    # The non-specific tag '!': ruamel's composer resolves it like an untagged plain
    # scalar whenever the parser reports it plain-implicit (even when it is quoted).
    if not event.implicit[0]:
        return value
    value = resolve_plain(value)
    if value is MERGE or value is VALUE:
        value = _marker(value, key_position, event)
    return value


def _marker(value: Any, key_position: bool, event: Any) -> Any:
    # '<<' and '=' only mean something as keys; elsewhere ruamel has no constructor.
    if key_position:
        return MERGE if value is MERGE else "="
    raise LoadError(
        f"could not determine a constructor for the tag {value.name!r}", **_pos(event.start_mark)
    )


def _check_new_anchor(anchors: dict[str, Any], event: Any) -> None:
    if event.anchor in anchors:
        raise LoadError(f"found duplicate anchor {event.anchor!r}", **_pos(event.start_mark))


def _check_collection_tag(tag: str, is_map: bool, event: Any) -> None:
    if tag == "!" or tag == (_MAP_TAG if is_map else _SEQ_TAG):
        return
    if tag in (_MAP_TAG, _SEQ_TAG):
        expected, found = ("sequence", "mapping") if is_map else ("mapping", "sequence")
        reason = f"expected a {expected} node, but found {found} (tag {tag!r})"
    elif tag.startswith("tag:yaml.org,2002:") and tag[18:] in {"set", "omap", "pairs"}:
        reason = f"the tag {tag!r} is not supported"
    elif tag.startswith("tag:yaml.org,2002:") and tag[18:] in _SCALAR_TAGS:
        reason = f"expected a scalar node for the tag {tag!r}"
    else:
        reason = f"could not determine a constructor for the tag {tag!r}"
    raise LoadError(reason, **_pos(event.start_mark))


def _duplicate(
    container: dict[Any, Any],
    key_marks: list[Any] | None,
    key: Any,
    mark: Any,
    keep_last: bool,
    duplicates: list[tuple[str, int, int]],
) -> None:
    line, column = mark.line + 1, mark.column + 1
    if keep_last:
        duplicates.append((key if isinstance(key, str) else str(key), line, column))
        return
    first = key_marks[list(container).index(key)] if key_marks else None
    first_line = None if first is None else first.line + 1
    raise StructureError(duplicate_key_reason(key, first_line, line), line=line, column=column)


def _merge_sources(
    merges: list[dict[Any, Any]] | None,
    value: Any,
    event: Any,
    keep_last: bool,
    duplicates: list[tuple[str, int, int]],
) -> list[dict[Any, Any]] | None:
    """Sources for a ``<<`` key, in priority order (the first source wins, like ruamel)."""
    # The value's event is its last one (e.g. the sequence end); ruamel points at the key,
    # which we no longer have, so errors point at the value's end.
    where = _pos(event.start_mark)
    if merges is not None:
        if keep_last:
            duplicates.append(("<<", where["line"] or 0, where["column"] or 0))
            return merges
        raise StructureError('duplicate merge key "<<"', **where)
    if isinstance(value, dict):
        return [value]
    if isinstance(value, list):
        for item in value:
            if not isinstance(item, dict):
                raise LoadError(
                    f"expected a mapping for merging, but found {_describe(item)}", **where
                )
        return list(value)
    raise LoadError(
        f"expected a mapping or list of mappings for merging, but found {_describe(value)}",
        **where,
    )
