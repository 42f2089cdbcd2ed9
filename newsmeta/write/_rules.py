"""A ``MappingAdapter``'s rules run backwards: canonical values -> source keys.

Each field goes to its first rule's first path (``link.href`` makes
``link: {href: ...}``; ``images[].url`` makes one list item per image), with the
rule's converter inverted (``not`` negates).  The source keys the article did
not use (its ``extra``) are laid down first, so a field is written into what is
left of a mapping (``link: {herf: ...}`` gains ``href``) and never over a kept
value.  The result is checked by reading it with the same rules: a path that
another field (or a kept key) would shadow is given up for the rule's next one.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from typing import Any

from .._paths import parts_of
from ..adapter import RELATED_FIELDS, MappingAdapter, Normalized, Rule, converter_accepts

__all__ = ["Placement", "place"]

_ATTEMPTS = 8  # each retry moves at least one field one path further


class Placement:
    """The source mapping; the canonical fields the dialect has no place for; and
    those written at a path the dialect then does not read them from (``unread``:
    field -> path), e.g. a PDF link that ``generic`` refuses as the article URL."""

    __slots__ = ("mapping", "homeless", "unread")

    def __init__(
        self, mapping: dict[str, Any], homeless: dict[str, Any], unread: dict[str, str]
    ) -> None:
        self.mapping = mapping
        self.homeless = homeless
        self.unread = unread


def _candidates(rules: Sequence[Rule], target: str) -> list[tuple[str, str | None]]:
    return [(path, rule.convert) for rule in rules if rule.target == target for path in rule.paths]


def _inverted(value: Any, convert: str | None) -> Any:
    if convert == "not":
        return not value
    return value  # date, list and url read the plain form as it is


def _put(node: Any, parts: tuple[Any, ...], value: Any) -> bool:
    """Write *value* at *parts* below *node*; False if something is in the way."""
    head, rest = parts[0], parts[1:]
    if isinstance(head, str):
        if not isinstance(node, dict):
            return False
        if not rest:
            if node.get(head) is not None:
                return False
            node[head] = value
            return True
        child = node.get(head)
        if child is None:
            child = {} if isinstance(rest[0], str) else []
            if not _put(child, rest, value):
                return False
            node[head] = child
            return True
        return _put(child, rest, value)
    if not isinstance(node, list):
        return False
    if isinstance(head, int):
        while len(node) <= head:
            node.append(None)
        return _put_item(node, head, rest, value)
    # `[]`: one item per value
    values = value if isinstance(value, list) else [value]
    for index, item in enumerate(values):
        if index >= len(node):
            node.append(None)
        if not _put_item(node, index, rest, item):
            return False
    return True


def _put_item(items: list[Any], index: int, rest: tuple[Any, ...], value: Any) -> bool:
    if not rest:
        if items[index] is not None:
            return False
        items[index] = value
        return True
    if items[index] is None:
        items[index] = {} if isinstance(rest[0], str) else []
    return _put(items[index], rest, value)


def _layout(
    rules: Sequence[Rule],
    fields: Mapping[str, Any],
    extra: Mapping[str, Any],
    choice: dict[str, int],
    adapter: MappingAdapter,
) -> tuple[dict[str, Any], dict[str, str], dict[str, Any]]:
    root: dict[str, Any] = copy.deepcopy(dict(extra))
    order: list[str] = []
    chosen: dict[str, str] = {}
    homeless: dict[str, Any] = {}
    rank = {rule.target: index for index, rule in reversed(list(enumerate(rules)))}
    for name in sorted(fields, key=lambda name: rank.get(name, len(rank))):
        value = fields[name]
        if name == "related":
            value = [place_item(adapter, item) for item in value]
        candidates = _candidates(rules, name)
        for index in range(choice.get(name, 0), len(candidates)):
            path, convert = candidates[index]
            if convert is not None and not converter_accepts(convert, _inverted(value, convert)):
                continue  # the rule would not read it (a relative URL where `url` is asked)
            if path in root or ("." not in path and "[" not in path):
                parts: tuple[Any, ...] = (path,)
            else:
                parts = parts_of(path)
            if _put(root, parts, _inverted(value, convert)):
                choice[name] = index
                chosen[name] = path
                order.append(parts[0])
                break
        else:
            homeless[name] = value
    ordered = {key: root[key] for key in dict.fromkeys(order)}
    ordered.update((key, value) for key, value in root.items() if key not in ordered)
    return ordered, chosen, homeless


def _whole_source(rules: Sequence[Rule], fields: dict[str, Any]) -> dict[str, Any]:
    """Source parts the dialect has no rule for go into its whole ``source`` rule."""
    targets = {rule.target for rule in rules}
    if "source" not in targets:
        return fields
    whole = {}
    for part in ("name", "domain", "url"):
        name = f"source.{part}"
        if name in fields and name not in targets:
            whole[part] = fields.pop(name)
    if whole:
        fields["source"] = whole
    return fields


def place(adapter: MappingAdapter, normalized: Normalized) -> Placement:
    """Lay *normalized* out as *adapter*'s source mapping (see the module docstring)."""
    return _place(adapter, adapter.rules, normalized, verify=True)


def place_item(adapter: MappingAdapter, item: Any) -> Any:
    """A related item, written with the rules for what a related item holds."""
    if not isinstance(item, Normalized):
        return item
    rules = [rule for rule in adapter.rules if rule.target in RELATED_FIELDS]
    placement = _place(adapter, rules, item, verify=False)
    return {**placement.mapping, **placement.homeless}


def _place(
    adapter: MappingAdapter, rules: Sequence[Rule], normalized: Normalized, *, verify: bool
) -> Placement:
    fields = _whole_source(rules, dict(normalized.fields))
    choice: dict[str, int] = {}
    read: Mapping[str, str] = {}
    for _ in range(_ATTEMPTS):
        mapping, chosen, homeless = _layout(rules, fields, normalized.extra, choice, adapter)
        if not verify:
            return Placement(mapping, homeless, {})
        read = adapter.normalize(mapping).provenance
        if not _shadowed(read, chosen, choice):
            break
    unread = {name: path for name, path in chosen.items() if read.get(name) != path}
    return Placement(mapping, homeless, unread)


def _shadowed(read: Mapping[str, str], chosen: Mapping[str, str], choice: dict[str, int]) -> bool:
    """Move every field whose path another field reads first; True if one moved."""
    owners = {path: name for name, path in chosen.items()}
    moved = False
    for name, path in read.items():
        owner = owners.get(path)
        if owner is not None and owner != name:
            choice[owner] += 1
            moved = True
    return moved
