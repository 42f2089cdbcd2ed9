"""Change keys of YAML front matter by rewriting only their lines.

ruamel.yaml's round-trip loader tells where each key and value sits (line,
column) and how each scalar was quoted; the lines of a changed key are spliced
with text rendered in the same style (quotes, flow ``[a, b]`` or block list,
the list indentation, a plain timestamp or a quoted date), and every other
byte of the file is left as it was.
"""

from __future__ import annotations

import copy
import io
import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from ..errors import WriteError

__all__ = ["edit_yaml"]

_COMMENT_LINE = re.compile(r"\s*(#.*)?\Z")


def _load(text: str) -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    try:
        return yaml.load(text)
    except Exception as exc:  # the file parsed before, so this is a ruamel limit
        raise WriteError(f"cannot edit this YAML in place: {exc}") from exc


def _dump(value: Any, *, sequence_offset: int) -> list[str]:
    """Lines of ``k: value`` rendered by ruamel, without the ``k:`` line."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.width = 1 << 30
    yaml.indent(mapping=2, sequence=sequence_offset + 2, offset=sequence_offset)
    stream = io.StringIO()
    yaml.dump({"k": value}, stream)
    return stream.getvalue().split("\n")


def _scalar(value: Any, old: Any, old_text: str = "") -> str:
    """*value* as one line of YAML in the style of the *old* scalar (written *old_text*)."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString

    if isinstance(value, bool):
        text = "true" if value else "false"
        return text.capitalize() if old_text.startswith(("True", "False")) else text
    if isinstance(value, datetime | date):
        iso = value.isoformat()
        if isinstance(old, date) and not isinstance(old, str):  # a plain timestamp
            zulu = old_text.rstrip().endswith(("Z", "z"))
            return iso.replace("+00:00", "Z") if zulu else iso
        value = iso
    if isinstance(value, str):
        if isinstance(old, SingleQuotedScalarString):
            value = SingleQuotedScalarString(value)
        elif isinstance(old, DoubleQuotedScalarString):
            value = DoubleQuotedScalarString(value)
        elif isinstance(old, date) and _looks_like_timestamp(value):
            return value  # a date text into a plain timestamp stays plain
    lines = _dump(value, sequence_offset=2)
    first = lines[0]
    if len([line for line in lines if line]) != 1 or not first.startswith("k: "):
        raise WriteError(f"cannot write {value!r} on one line")
    return first[3:]


_TIMESTAMP = re.compile(
    r"\d{4}-\d\d?-\d\d?([Tt ]\d\d?:\d\d:\d\d(\.\d*)?\s*(Z|[-+]\d\d?(:\d\d)?)?)?\Z"
)


def _looks_like_timestamp(text: str) -> bool:
    return _TIMESTAMP.match(text) is not None


def _flow_list(value: Sequence[Any]) -> str:
    return "[" + ", ".join(_scalar(item, None) for item in value) + "]"


def _value_end(line: str, start: int) -> int:
    """Where a one-line scalar or flow value starting at *start* ends (before a comment)."""
    quote = line[start : start + 1]
    if quote in ("'", '"'):
        index = start + 1
        while index < len(line):
            char = line[index]
            if quote == '"' and char == "\\":
                index += 2
                continue
            if char == quote:
                if quote == "'" and line[index + 1 : index + 2] == "'":
                    index += 2
                    continue
                return index + 1
            index += 1
        return len(line.rstrip("\r\n"))
    body = line.rstrip("\r\n")
    comment = body.find(" #", start)
    end = comment if comment != -1 else len(body)
    return len(body[:end].rstrip())


class _Span:
    """Lines [start, end) of one key in the front matter, and what is in them."""

    def __init__(self, parent: Any, key: str, start: int, end: int) -> None:
        self.parent = parent
        self.key = key
        self.start = start
        self.end = end


def _any(value: Any) -> Any:
    return value  # ruamel's CommentedMap: .lc and .fa are not in Mapping's type


def _find(root: Any, keys: Sequence[str], total: int) -> tuple[_Span | None, Any, int]:
    """The span of *keys*, or (None, the deepest existing mapping, its depth)."""
    node, end = root, total
    for depth, key in enumerate(keys):
        if not isinstance(node, Mapping) or key not in node:
            return None, node, depth
        node = _any(node)  # never a flow mapping: _outside_flow took the change out of it
        names = list(node)
        index = names.index(key)
        start = node.lc.key(key)[0]
        if index + 1 < len(names):
            end = node.lc.key(names[index + 1])[0]
        if depth == len(keys) - 1:
            return _Span(node, key, start, end), node, depth
        node = node[key]
    raise AssertionError("unreachable: keys is not empty")


def _outside_flow(root: Any, keys: tuple[str, ...], value: Any) -> tuple[tuple[str, ...], Any]:
    """A change inside a flow mapping (``link: {href: a, brand: B}``) becomes a change
    of that whole mapping, which is then written again on its line, in flow style."""
    node = root
    for depth, key in enumerate(keys[:-1]):
        if not isinstance(node, Mapping) or key not in node:
            break
        node = node[key]
        if isinstance(node, Mapping) and _any(node).fa.flow_style():
            from ruamel.yaml.comments import CommentedMap

            whole = CommentedMap(copy.deepcopy(dict(node)))  # its values, not its comments
            whole.fa.set_flow_style()
            target: Any = whole
            for inner in keys[depth + 1 : -1]:
                target = target.setdefault(inner, {})
            if value is None:
                target.pop(keys[-1], None)
            else:
                target[keys[-1]] = value
            return keys[: depth + 1], whole
    return keys, value


def _trim(lines: list[str], span: _Span) -> None:
    """Comment and blank lines before the next key belong to what follows."""
    from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

    if isinstance(span.parent[span.key], LiteralScalarString | FoldedScalarString):
        return
    while span.end - 1 > span.start and _COMMENT_LINE.match(lines[span.end - 1].rstrip("\r\n")):
        span.end -= 1


def _sequence_offset(lines: list[str], span: _Span | None, column: int) -> int:
    """How far a block list's dashes sit right of their key (this file's habit)."""
    candidates = range(span.start + 1, span.end) if span is not None else range(len(lines))
    for index in candidates:
        match = re.match(r"( *)- ", lines[index])
        if match:
            if span is not None:
                return max(0, len(match.group(1)) - column)
            previous = lines[index - 1] if index else ""
            key = re.match(r"( *)[^ #-][^:]*:\s*$", previous.rstrip("\r\n"))
            if key:
                return max(0, len(match.group(1)) - len(key.group(1)))
    return 2


def _block(value: Any, column: int, offset: int, newline: str) -> list[str]:
    rendered = _dump(value, sequence_offset=offset)
    return [" " * column + line + newline for line in rendered[1:] if line]


def edit_yaml(
    lines: list[str], first: int, count: int, changes: Mapping[tuple[str, ...], Any], newline: str
) -> list[str]:
    """*lines* of a file with front matter at [first, first + count) changed.

    Each change maps a key path to a new value (``None`` removes the key).
    """
    for keys, value in changes.items():
        block = "".join(line.rstrip("\r\n") + "\n" for line in lines[first : first + count])
        root = _load(block)
        if root is None:
            root = {}
        if not isinstance(root, Mapping):
            raise WriteError("the front matter is not a mapping")
        local = lines[first : first + count]
        keys, value = _outside_flow(root, keys, value)
        span, parent, depth = _find(root, keys, count)
        if span is None:
            new = _insert(local, parent, keys, depth, value, newline, count)
        else:
            _trim(local, span)
            new = _replace(local, span, value, newline)
        lines = lines[:first] + new + lines[first + count :]
        count = len(new)
    return lines


def _replace(lines: list[str], span: _Span, value: Any, newline: str) -> list[str]:
    before, after = lines[: span.start], lines[span.end :]
    if value is None:
        return before + after
    old = span.parent[span.key]
    key_line = lines[span.start]
    body_text = key_line.rstrip("\r\n")
    ending = key_line[len(body_text) :] or newline
    column = span.parent.lc.key(span.key)[1]
    value_line, value_column = span.parent.lc.value(span.key)
    anchor = getattr(getattr(old, "anchor", None), "value", None)
    if anchor is None:  # ruamel keeps no anchor on a timestamp: look at the text
        after_colon = body_text[column:].partition(":")[2].lstrip()
        written = re.match(r"&([^\s\[\]{},]+)", after_colon)
        anchor = written.group(1) if written and value_line == span.start else None
    if anchor is not None:
        raise WriteError(
            f"cannot edit {span.key!r} in place: its value is the anchor &{anchor} "
            "that other keys may refer to"
        )
    collection = isinstance(old, Mapping | list)
    # An empty `[]` reports no flow style: the text says what it is.
    flow = collection and value_line == span.start and body_text[value_column:][:1] in ("[", "{")
    inline = value_line == span.start and (flow or not collection)
    scalars = isinstance(value, list) and all(not isinstance(v, Mapping | list) for v in value)
    if scalars and flow and inline:
        end = _value_end(key_line, value_column) if span.end == span.start + 1 else None
        trailing = body_text[end:] if end is not None else ""
        return [
            *before,
            body_text[:value_column] + _flow_list(value) + trailing + ending,
            *after,
        ]
    if isinstance(value, Mapping) and flow and inline and span.end == span.start + 1:
        trailing = body_text[_value_end(key_line, value_column) :]
        rendered = [line for line in _dump(value, sequence_offset=2) if line]
        if len(rendered) == 1 and rendered[0].startswith("k: {"):
            return [*before, body_text[:value_column] + rendered[0][3:] + trailing + ending, *after]
    if isinstance(value, Mapping | list):
        head = body_text[:value_column].rstrip() + ending if inline else key_line
        offset = _sequence_offset(lines, span, column)
        return [*before, head, *_block(value, column, offset, newline), *after]
    if not inline:  # a block list or mapping becomes a scalar
        prefix = body_text[: body_text.index(":", column) + 1] + " "
        return [*before, prefix + _scalar(value, None) + ending, *after]
    one_line = span.end == span.start + 1
    trailing = body_text[_value_end(key_line, value_column) :] if one_line else ""
    text = body_text[:value_column] + _scalar(value, old, body_text[value_column:]) + trailing
    return [*before, text + ending, *after]


def _insert(
    lines: list[str],
    parent: Any,
    keys: Sequence[str],
    depth: int,
    value: Any,
    newline: str,
    count: int,
) -> list[str]:
    if value is None:
        return lines  # removing what is not there
    if not isinstance(parent, Mapping):
        where = ".".join(keys[:depth]) or "the front matter"
        raise WriteError(f"cannot set {'.'.join(keys)!r}: {where!r} holds no mapping")
    parent = _any(parent)
    nested: Any = value
    for key in reversed(keys[depth + 1 :]):
        nested = {key: nested}
    key = keys[depth]
    if depth == 0:
        names = list(parent)
        column, at = (parent.lc.key(names[0])[1] if names else 0), count
        while at > 0 and not lines[at - 1].strip():
            at -= 1  # before trailing blank lines of the block
    else:
        names = list(parent)
        column = parent.lc.key(names[0])[1]
        last_key_line = parent.lc.key(names[-1])[0]
        at = last_key_line + 1
        while at < count and (
            lines[at].startswith(" " * (column + 1)) or lines[at].startswith(" " * column + "- ")
        ):
            at += 1
    offset = _sequence_offset(lines, None, column)
    rendered = _dump({key: nested}, sequence_offset=offset)
    # _dump wraps in {"k": ...}: drop that line and its two spaces of indentation
    new = [" " * column + line[2:] + newline for line in rendered[1:] if line]
    return [*lines[:at], *new, *lines[at:]]
