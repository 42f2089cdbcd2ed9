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
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Protocol, runtime_checkable

from ._converters import _CONVERTER_FUNCTIONS, _REFUSED, _SKIP, _converted, converter_accepts
from ._meaning import LooseTable, loose_matches, looser, unfit
from ._paths import MISSING, KeyPath, parts_of, path_problem, plain_key, residual, resolve
from ._pattern import compile_pattern, pattern_converter
from ._record import Record
from .errors import AdapterError
from .model import Diagnostic

__all__ = [
    "CANONICAL_FIELDS",
    "CONVERTERS",
    "CONVERTER_TARGETS",
    "RELATED_FIELDS",
    "Adapter",
    "MappingAdapter",
    "Normalized",
    "Rule",
    "converter_accepts",
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

_CODE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")


_MULTI = tuple(
    name
    for name, single in CANONICAL_FIELDS.items()
    if not single and name not in ("related", "source")
)

#: The canonical fields a related item (``RelatedArticle``) holds.
RELATED_FIELDS: frozenset[str] = frozenset(
    {"title", "summary", "url", "links", "published", "authors", "images", "kind"}
    | {"source", "source.name", "source.domain", "source.url", "source.images"}
)

#: Named converters a rule may apply before the field's own conversion, and the
#: canonical fields each one fits.
CONVERTER_TARGETS: Mapping[str, tuple[str, ...]] = {
    "date": ("published", "updated"),
    "list": _MULTI,
    "not": ("is_draft",),
    "url": ("url", "links", "source.url", "images", "source.images"),
    # Its own regular expression (Rule(pattern=...)): a date for published and
    # updated (groups year, month, day), or one group's text for any field.
    "pattern": tuple(name for name in CANONICAL_FIELDS if name != "related"),
}
CONVERTERS: frozenset[str] = frozenset(CONVERTER_TARGETS)

def _hoisted(items: tuple[Any, ...], path: str) -> list[Diagnostic]:
    """The diagnostics of related items, keyed from the top (``related.0.created``)."""
    return [
        Diagnostic(code=note.code, message=note.message, key=f"{path}.{index}.{note.key}")
        for index, item in enumerate(items)
        if isinstance(item, Normalized)
        for note in item.diagnostics
    ]


class Normalized(Record):
    """What an adapter hands to the core.

    ``fields`` maps canonical names to raw source values (``related`` holds a
    tuple of nested ``Normalized``); ``provenance`` maps the same names to the
    dotted source key each came from; ``extra`` keeps every unused key.
    """

    __slots__ = ("fields", "provenance", "extra", "diagnostics")
    fields: Mapping[str, Any]
    provenance: Mapping[str, str]
    extra: Mapping[str, Any]
    diagnostics: tuple[Diagnostic, ...]

    def __init__(
        self,
        fields: Mapping[str, Any],
        provenance: Mapping[str, str],
        extra: Mapping[str, Any],
        diagnostics: tuple[Diagnostic, ...] = (),
    ) -> None:
        set_ = object.__setattr__
        set_(self, "fields", fields)
        set_(self, "provenance", provenance)
        set_(self, "extra", extra)
        set_(self, "diagnostics", diagnostics)


@runtime_checkable
class Adapter(Protocol):
    """What the parser needs from a dialect; any object with these members is one.

    ``name``
        The dialect name (``dialect=`` and ``Article.dialect``); unique per parser.
    ``fallback``
        Fallback adapters are only considered when no other adapter reaches
        the detection threshold (``generic`` is one).
    ``score(mapping)``
        Pure and never raises: 0.0 means "not mine", 1.0 "surely mine".  A
        score that raises or leaves [0, 1] is taken as 0.0.
    ``voters(mapping)``
        The keys that made the score, shown by ``newsmeta.detect``.
    ``normalize(mapping)``
        A ``Normalized``: canonical field (``CANONICAL_FIELDS``) -> raw value,
        canonical field -> the source key it came from, and every key it did
        not use (so nothing is lost).  It never builds an ``Article`` and never
        converts types: the core does that the same way for every source and
        reports bad values with file positions.  The core checks the answer:
        an unknown field name or a provenance entry for a key the mapping lacks
        is an ``AdapterError``, a source key neither named in provenance nor kept
        is added to ``extra``, and an exception other than a ``NewsmetaError`` is
        an ``UnexpectedError`` naming the adapter, its traceback in ``details``.

    ``MappingAdapter`` implements it from data; register either kind with
    ``Parser(adapters=[...])`` or ``Parser.register``.
    """

    @property
    def name(self) -> str: ...

    @property
    def fallback(self) -> bool: ...

    def score(self, mapping: Mapping[str, Any]) -> float: ...

    def voters(self, mapping: Mapping[str, Any]) -> tuple[str, ...]: ...

    def normalize(self, mapping: Mapping[str, Any]) -> Normalized: ...


class Rule(Record):
    """Fill canonical *target* from the first of *paths* present in the source.

    A path is a dotted key (``link.href``), optionally indexing a list
    (``openGraphMetaData[0].ogurl``) or collecting from every item of one
    (``images[].url``); a key that itself contains a dot (``dropmark.editURL``)
    is matched whole first.  Null, empty text and empty lists do not match,
    and neither does a mapping for a field that takes a single value, nor a
    boolean for one that takes several (``cover: false`` is no image).

    *convert* names one of ``CONVERTERS``, applied to a found value before the
    field's own conversion; a value the converter does not accept (``date``
    given a boolean or ``'8 mins'``) does not match, so the next path is tried.
    Text refused by ``date`` is still reported when no later path matches.

    *pattern* is a regular expression, searched in text values: named groups
    ``year``, ``month``, ``day`` give a date, exactly one group its text; no
    match, no value (next path).  It implies ``convert="pattern"``.

    A *loose* rule matches its paths by meaning (``newsmeta._meaning``): case
    and separators are ignored (``publish_date`` = ``PublishDate`` =
    ``publish-date``) and ``og.title`` also names ``og: {title: ...}``.  Loose
    rules run after every exact rule, only for fields still empty, over keys no
    rule took; a loose date or title must also look like one, else the key
    stays in ``extra`` with a ``key-not-read`` diagnostic.  *note* is a
    diagnostic code added when this rule supplies the value (a looser source,
    e.g. ``published-from-created``), so that strict parsing refuses it.
    """

    __slots__ = ("target", "paths", "convert", "loose", "note", "pattern")
    target: str
    paths: tuple[str, ...]
    convert: str | None
    loose: bool
    note: str | None
    pattern: str | None

    def __init__(
        self,
        target: str,
        paths: tuple[str, ...],
        convert: str | None = None,
        *,
        loose: bool = False,
        note: str | None = None,
        pattern: str | None = None,
    ) -> None:
        if pattern is not None and convert is None:
            convert = "pattern"
        self._init(
            target=target, paths=paths, convert=convert, loose=loose, note=note, pattern=pattern
        )
        if self.target not in CANONICAL_FIELDS:
            known = ", ".join(CANONICAL_FIELDS)
            raise AdapterError(f"unknown field {self.target!r}; expected one of: {known}")
        if not self.paths:
            raise AdapterError(f"rule for {self.target!r} names no source keys")
        for path in self.paths:
            problem = path_problem(path)
            if problem:
                raise AdapterError(f"invalid key path {path!r} for {self.target!r}: {problem}")
        if self.note is not None and not _CODE.match(str(self.note)):
            raise AdapterError(
                f"note {self.note!r} for {self.target!r} is not a diagnostic code; "
                "expected lower-case words joined by '-', such as 'published-from-created'"
            )
        if self.convert is not None:
            if self.convert not in CONVERTERS:
                raise AdapterError(
                    f"unknown converter {self.convert!r} for {self.target!r}; "
                    f"expected one of: {', '.join(sorted(CONVERTERS))}"
                )
            fits = CONVERTER_TARGETS[self.convert]
            if self.target not in fits:
                raise AdapterError(
                    f"converter {self.convert!r} does not fit {self.target!r}; "
                    f"it fits: {', '.join(fits)}"
                )
        if self.convert == "pattern":
            compile_pattern(self.target, self.pattern)
        elif self.pattern is not None:
            raise AdapterError(
                f"rule for {self.target!r} has both converter {self.convert!r} and a pattern; "
                "a pattern is a converter of its own"
            )


class MappingAdapter:
    """An adapter described as data: rules for fields, weights for detection.

    *signature* maps source key paths to weights; the score is the share of
    the total weight whose keys are present.  A *fallback* with loose rules and
    none of its signature keys present scores the keys it reads by meaning,
    each with the smallest weight.  Nested ``related`` items are
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
        self._least = min(self._signature.values(), default=0.0)
        self._fallback = fallback
        self.description = description
        self._compile()

    def _compile(self) -> None:
        # Compiled once: plain top-level keys are looked up directly, which is
        # what nearly every path is; only dotted or indexed paths walk.
        self._votes = tuple(
            (path, plain_key(path), weight) for path, weight in self._signature.items()
        )
        # When every signature path is one top-level key, a document holding none
        # of them scores 0 from one set test (a specific dialect, asked about each
        # document the fallback reads, usually finds none of its keys).
        plain = all(key is not None for _, key, _ in self._votes)
        self._vote_keys = frozenset(self._signature) if plain else None
        plan: list[
            tuple[str, bool, Any, tuple[tuple[str, str | None], ...], str | None, frozenset[str]]
        ] = []
        loose: list[tuple[str, bool, Any, str | None]] = []
        for rule in self._rules:
            convert: Callable[[Any], Any] | None = None
            if rule.convert == "pattern":
                convert = pattern_converter(compile_pattern(rule.target, rule.pattern), _SKIP)
            elif rule.convert is not None:
                convert = _CONVERTER_FUNCTIONS[rule.convert]
            single = CANONICAL_FIELDS[rule.target]
            if rule.loose:
                loose.append((rule.target, single, convert, rule.note))
                continue
            paths = tuple((path, plain_key(path)) for path in rule.paths)
            # The top-level keys any of the paths needs: in a document of few keys,
            # a rule none of whose keys it has is never looked at (the
            # generic dialect has 65 paths, a small document a handful of keys).
            needs = frozenset((*rule.paths, *(_root(path) for path in rule.paths)))
            plan.append((rule.target, single, convert, paths, rule.note, needs))
        self._plan = tuple(plan)
        self._plan_index = _index_by_key(self._plan)
        # Loose rules by number, and one table from each path's meaning to the
        # rules naming it: the leftover keys of a document are looked up in it.
        self._loose = tuple(loose)
        loose_rules = [rule for rule in self._rules if rule.loose]
        self._loose_table = LooseTable(enumerate(rule.paths for rule in loose_rules))
        self._loose_targets = frozenset(rule.target for rule in loose_rules)
        # A related item is read with the rules for what a RelatedArticle holds;
        # its other keys (even ones a rule would take on an article) stay in its
        # extra untouched, and an item's own `related` is not read again.
        self._related_plan = tuple(step for step in plan if step[0] in RELATED_FIELDS)
        self._related_index = _index_by_key(self._related_plan)
        self._related_loose = frozenset(
            number for number, step in enumerate(loose) if step[0] in RELATED_FIELDS
        )

    # The compiled plan holds closures (pattern converters) and this module's
    # sentinels: it is rebuilt from the rules after unpickling (batch workers).
    _COMPILED = (
        "_votes", "_vote_keys", "_plan", "_plan_index", "_related_plan", "_related_index",
        "_loose", "_loose_table", "_loose_targets", "_related_loose",
    )  # fmt: skip

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        for compiled in self._COMPILED:
            state.pop(compiled, None)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._compile()

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
        return self.vote(mapping)[1]

    def score(self, mapping: Mapping[str, Any]) -> float:
        return self.vote(mapping)[0]

    def vote(self, mapping: Mapping[str, Any]) -> tuple[float, tuple[str, ...]]:
        """Score and voting keys in one pass (detection asks for both)."""
        if not self._total or not (mapping.__class__ is dict or isinstance(mapping, Mapping)):
            return 0.0, ()
        if (
            self._vote_keys is not None
            and mapping.__class__ is dict
            and mapping.keys().isdisjoint(self._vote_keys)
            and not (self._fallback and self._loose)
        ):
            return 0.0, ()  # what the loop below finds, without walking the signature
        present = 0.0
        voters: list[str] = []
        try:
            for path, key, weight in self._votes:
                value = mapping.get(key) if key is not None else resolve(mapping, path)[0]
                if value is not None and value is not MISSING:
                    present += weight
                    voters.append(path)
            if not voters and self._fallback and self._loose:
                # A fallback with nothing of its signature present still reads
                # keys by meaning; each such key votes with the smallest weight,
                # so detection shows what parsing will use.
                voters = self._loose_voters(mapping)
                present = len(voters) * self._least
        except Exception:  # a score must never raise, whatever the input
            return 0.0, ()
        return round(min(present / self._total, 1.0), 4), tuple(voters)

    def _loose_voters(self, mapping: Mapping[str, Any]) -> list[str]:
        lookup = self._loose_table.lookup
        return [
            key
            for key, value in mapping.items()
            if key.__class__ is str and value is not None and lookup(key)[0]
        ]

    def normalize(self, mapping: Mapping[str, Any]) -> Normalized:
        return self._normalize(mapping, self._plan, self._plan_index, None)

    def _normalize(
        self,
        mapping: Mapping[str, Any],
        plan: tuple[Any, ...],
        index: Mapping[Any, tuple[int, ...]],
        loose: frozenset[int] | None,
    ) -> Normalized:
        fields: dict[str, Any] = {}
        provenance: dict[str, str] = {}
        notes: list[Diagnostic] = []
        used: set[Any] = set()  # top-level keys taken whole
        deep: set[KeyPath] = set()  # longer key paths taken (link.href)
        refused: dict[str, tuple[Any, str, Any, tuple[KeyPath, ...] | None, str | None]] = {}

        # In a document of few keys, only the rules needing one of its keys are
        # run (the generic dialect has 15 exact rules, a small document a handful
        # of keys); with many keys, most rules find theirs and the lookups would
        # only add to the path-by-path ones (measured: +2% on ../shared/bulk).
        steps = plan if len(mapping) >= _FEW_KEYS else _steps_needing(mapping, plan, index)
        for target, single, convert, paths, note, _needs in steps:
            if target in fields:
                continue
            for path, key in paths:
                keys: tuple[KeyPath, ...] | None = None
                if key is not None:
                    value = mapping.get(key, MISSING)
                else:
                    value, keys = resolve(mapping, path)
                if value is MISSING or value is None or value == "" or value == []:
                    continue
                if convert is not None:
                    converted = _converted(convert, value)
                    if converted is _REFUSED:
                        refused.setdefault(target, (value, path, key, keys, note))
                        continue
                    if converted is _SKIP:
                        continue
                    value = converted
                if single and value.__class__ is not str and isinstance(value, Mapping):
                    continue
                if value.__class__ is bool and not single:
                    continue  # `cover: false` means no cover; the key stays in extra
                if keys is None:
                    used.add(key)
                else:
                    _mark_taken(keys, used, deep)
                self._fill(fields, provenance, notes, target, value, path, note)
                break
        if self._loose and len(used) < len(mapping) and not self._loose_targets <= fields.keys():
            # Only now, with some field empty and some key left over, are the
            # leftover keys read by meaning.
            self._read_loosely(mapping, fields, provenance, notes, used, deep, loose)
        for target, (value, path, key, keys, note) in refused.items():
            if target not in fields:  # no path gave a valid value: report the first
                if keys is None:
                    used.add(key)
                else:
                    _mark_taken(keys, used, deep)
                self._fill(fields, provenance, notes, target, value, path, note)
        if not deep:
            extra = {k: v for k, v in mapping.items() if k not in used}
            return Normalized(fields, provenance, extra, tuple(notes))
        roots = {path[0] for path in deep}
        consumed = deep | {(key,) for key in used}
        extra = {}
        for key, value in mapping.items():
            if key in used:
                continue
            if key in roots:
                value = residual(value, consumed, (key,))
                if value is MISSING:
                    continue
            extra[key] = value
        return Normalized(fields, provenance, extra, tuple(notes))

    def _fill(
        self,
        fields: dict[str, Any],
        provenance: dict[str, str],
        notes: list[Diagnostic],
        target: str,
        value: Any,
        path: str,
        note: str | None,
    ) -> None:
        """Give *target* the *value* found at *path*, exact and loose rules alike."""
        if target == "related":
            value = self._nested(value)
            notes.extend(_hoisted(value, path))
        fields[target] = value
        provenance[target] = path
        if note is not None:
            notes.append(looser(note, target, path))

    def _read_loosely(
        self,
        mapping: Mapping[str, Any],
        fields: dict[str, Any],
        provenance: dict[str, str],
        notes: list[Diagnostic],
        used: set[Any],
        deep: set[KeyPath],
        only: frozenset[int] | None,
    ) -> None:
        matches = loose_matches(mapping, used, deep, self._loose_table)
        for number in sorted(matches):
            target, single, convert, note = self._loose[number]
            if target in fields or (only is not None and number not in only):
                continue
            for _, _, _, keys in matches[number]:
                if keys[0] in used or keys in deep:
                    continue  # taken by an earlier loose rule
                value: Any = mapping
                for part in keys:
                    value = value[part]
                if value is None or value == "" or value == []:
                    continue
                if convert is not None:
                    converted = _converted(convert, value)
                    if converted is _SKIP:
                        continue
                    if converted is not _REFUSED:  # else `unfit` explains it below
                        value = converted
                if single and value.__class__ is not str and isinstance(value, Mapping):
                    continue
                if value.__class__ is bool and not single:
                    continue  # `cover: false` means no cover; the key stays in extra
                path = ".".join(str(key) for key in keys)
                problem = unfit(target, value)
                if problem:
                    notes.append(
                        Diagnostic(
                            code="key-not-read",
                            message=f"{path!r} looks like the {target} field but {problem}; "
                            "it is kept in extra",
                            key=path,
                        )
                    )
                    continue
                if len(keys) == 1:
                    used.add(keys[0])
                elif len(keys) == 2:
                    deep.add(keys)
                # else: an entry of a meta-tag list, which stays whole in extra
                self._fill(fields, provenance, notes, target, value, path, note)
                break

    def _nested(self, value: Any) -> Any:
        items: Iterable[Any] = value if isinstance(value, list) else [value]
        return tuple(
            self._normalize(item, self._related_plan, self._related_index, self._related_loose)
            if isinstance(item, Mapping)
            else item
            for item in items
        )


def _index_by_key(plan: tuple[Any, ...]) -> dict[Any, tuple[int, ...]]:
    """Each top-level key a step of *plan* needs -> the positions of those steps."""
    index: dict[Any, list[int]] = {}
    for position, step in enumerate(plan):
        for key in step[-1]:
            index.setdefault(key, []).append(position)
    return {key: tuple(positions) for key, positions in index.items()}


def _steps_needing(
    mapping: Mapping[str, Any], plan: tuple[Any, ...], index: Mapping[Any, tuple[int, ...]]
) -> list[Any]:
    """The steps of *plan* that need a key *mapping* has, in plan order (see ``_compile``)."""
    get = index.get
    return [plan[position] for position in sorted({p for key in mapping for p in get(key, ())})]


def _mark_taken(keys: tuple[KeyPath, ...], used: set[Any], deep: set[KeyPath]) -> None:
    """Record the key paths a nested rule path took: top-level keys whole, others deep."""
    for taken in keys:
        if len(taken) == 1:
            used.add(taken[0])
        else:
            deep.add(taken)


#: Documents with fewer top-level keys skip rules none of whose keys they have.
_FEW_KEYS = 12


def _root(path: str) -> str:
    """The top-level key a key path starts from (``link`` of ``link.href``)."""
    first = parts_of(path)[0]
    return first if isinstance(first, str) else path
