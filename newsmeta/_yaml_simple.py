"""Fast path for ``newsmeta._yaml.load_yaml``: the block-style YAML most front matter uses.

``load_simple(text)`` returns exactly what the general loader returns for *text* (same
values, same types), or ``None`` as soon as *text* steps outside a strict subset; the
caller then runs the general loader, which also produces every error with its position.
Returning ``None`` must therefore never be wrong, while returning a value must always be
exact: whenever a construct could mean two things (or be an error), we bail.

Why a second parser: ruamel's C parser hands over one Python event object per node, and
creating those objects costs more than reading these simple documents line by line.

The subset: a root block mapping (at column 0, or indented as a whole); nested block
mappings and sequences by indentation (also sequences at their parent key's indent);
``- key: value`` items; keys that look like identifiers (``cSpell:ignore`` too); values on
their key's line or the next; plain scalars (also folded over more-indented lines),
quoted scalars (also folded over lines; double-quoted ones with common escapes, none at a
line end), ``|`` and ``>`` block scalars (see ``_yaml_multiline``), ``[]`` and ``{}``,
flow sequences of scalars on one line (``categories: [a, "b"]``, as Hugo's own docs write
them); comments.  Never: tabs, CR, control or odd characters, anchors, aliases, tags,
block scalars with an indentation indicator, other flow collections (nested items, ``:``
or ``#`` outside quotes, a trailing comma, ``{...}``), ``?`` keys, directives, document
markers, ``<<``, duplicate keys, or nesting deeper than ``MAX_DEPTH``.
Plain scalars are typed by the same ``_yaml_resolve`` tables as the general loader.
"""

from __future__ import annotations

import re
from itertools import islice
from operator import length_hint
from typing import Any, Final

from ._lazy_re import lazy
from ._yaml_multiline import block_scalar, odd_line, quoted_scalar
from ._yaml_resolve import MERGE, NUMBER_START, VALUE, WORD_START, WORDS, resolve_number

__all__ = ["MAX_DEPTH", "load_simple"]

# Deepest block nesting (the root mapping is level 1) we build; an empty "[]" or "{}" may
# add one level.  The caller only uses this path when its own max_depth exceeds this, so
# depth limits stay the general loader's job.
MAX_DEPTH: Final = 8


class _Bail(Exception):
    """The text is outside the subset (the message says why, for measuring coverage)."""


# A key the general loader reads as a plain scalar, maybe with a ':' inside that no space
# follows ("cSpell:ignore: words", as Hugo sites write it).  The ':' after a key is the first
# one that a space or the line end follows.
_KEY_NAME: Final = lazy(r"[A-Za-z_][A-Za-z0-9_.-]*(?::[A-Za-z0-9_.-]+)*\Z").call("match")
# Key texts already checked, with their typed value: front matter repeats a few dozen keys.
_KEYS: dict[str, Any] = {}
_MAX_KEYS: Final = 4096
# A quoted scalar closed on its line, then nothing or a comment after a space.
_SINGLE: Final = lazy(r"'([^']*(?:''[^']*)*)'(?: +(?:#.*)?)?$").call("match")
_SINGLE_OPEN: Final = lazy(r"'([^']*(?:''[^']*)*)$").call("match")
_DOUBLE: Final = lazy(r'"([^"\\]*(?:\\.[^"\\]*)*)"(?: +(?:#.*)?)?$').call("match")
_DOUBLE_OPEN: Final = lazy(r'"([^"\\]*(?:\\.[^"\\]*)*)$').call("match")
_EMPTY_FLOW: Final = lazy(r"(\[\]|\{\})(?: +(?:#.*)?)?$").call("match")
# One item of "[a, 'b', "c"]" on one line (the sequence then ends, maybe with a comment):
# a quoted scalar, or plain text holding none of the characters that would make it
# nested, commented, or mean a mapping (':').  The last group is the comma, if any.
_FLOW_ITEM: Final = lazy(
    r""" *(?:'([^']*(?:''[^']*)*)'|"([^"\\]*(?:\\.[^"\\]*)*)"|([^\[\]{}#:'",]+)) *"""
    r"""(?:(,)|\](?: +(?:#.*)?)?$)"""
).call("match")
_FLOW_END: Final = lazy(r"(?: +(?:#.*)?)?$").call("match")
# A surrogate pair first ("\\ud83d\\udcca" is one character, as in JSON), then any escape.
_ESCAPE: Final = lazy(
    r"\\u([dD][89abAB][0-9A-Fa-f]{2})\\u([dD][c-fC-F][0-9A-Fa-f]{2})|\\(?:u([0-9A-Fa-f]{4})|(.))"
)
_ESCAPES: Final = {
    "\\": "\\", '"': '"', "/": "/", "n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f",
    "0": "\0", "a": "\a", "v": "\v", "e": "\x1b", " ": " ",
}  # fmt: skip
# First characters that make a value something other than a plain scalar (or an error).
_INDICATORS: Final = frozenset("-?:,[]{}#&*!|>'\"%@`")
_DASHES: Final = frozenset(("- ", "-"))
_NOTHING: Final = object()  # marks "no key awaiting a block" and "quoted scalar still open"
_OPEN_DOUBLE: Final = object()  # marks "double-quoted scalar still open"
# libyaml gives up on an implicit key longer than 1024 characters.
_MAX_KEY: Final = 1000


def load_simple(text: str) -> dict[Any, Any] | None:
    """The mapping the general loader builds from *text*, or ``None`` outside the subset."""
    try:
        return _parse(text.split("\n"))
    except (_Bail, ValueError, OverflowError):  # resolve errors are the general path's too
        return None


def _plain(text: str) -> Any:
    # The same dispatch as _yaml._build, so that both paths type a scalar alike.
    first = text[0]
    if first in WORD_START:
        value = WORDS.get(text, text)
        if value is MERGE or value is VALUE:
            raise _Bail("'<<' or '=' as a value")
        return value
    if first in NUMBER_START:
        return resolve_number(text)
    return text


def _unescaped(body: str) -> str:
    return _ESCAPE.sub(_unescape, body) if "\\" in body else body


def _unescape(match: re.Match[str]) -> str:
    if match[1] is not None:
        high, low = int(match[1], 16), int(match[2], 16)
        return chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
    code = match[3]
    if code is not None:
        if 0xD800 <= int(code, 16) <= 0xDFFF:
            raise _Bail("lone surrogate escape")  # an error, which the general path places
        return chr(int(code, 16))
    found = _ESCAPES.get(match[4])
    if found is None:
        raise _Bail("rare escape")
    return found


def _scalar(rest: str) -> tuple[Any, str | None]:
    """Value of a non-empty inline node; the text too when a later line may fold into it.

    An unclosed single-quoted scalar gives ``(_NOTHING, its text so far)``, a
    double-quoted one ``(_OPEN_DOUBLE, its text so far)`` (escapes read once closed).
    """
    first = rest[0]
    if first == '"':
        match = _DOUBLE(rest)
        if match is not None:
            return _unescaped(match[1]), None
        match = _DOUBLE_OPEN(rest)  # continued on the next lines: the caller folds them
        text = "" if match is None else match[1].rstrip(" ")
        # A "\\" last escapes the line break (or, once the blanks are cut, a space).
        if not text or text[-1] == "\\":
            raise _Bail("text after a double-quoted scalar, or a line break first or escaped")
        return _OPEN_DOUBLE, text
    if first == "'":
        match = _SINGLE(rest)
        if match is not None:
            return match[1].replace("''", "'"), None
        match = _SINGLE_OPEN(rest)  # continued on the next lines: the caller folds them
        if match is None or not match[1].rstrip(" "):
            raise _Bail("text after a single-quoted scalar, or a line break first")
        return _NOTHING, match[1].rstrip(" ")
    if first in _INDICATORS:
        if first == "[" or first == "{":
            match = _EMPTY_FLOW(rest)
            if match is not None:
                return ([] if first == "[" else {}), None
            if first == "[":
                return _flow_sequence(rest), None
            raise _Bail("flow mapping")
        if first != "-" or rest[1:2] in ("", " "):
            raise _Bail(f"indicator {first!r}")
    cut = rest.find(" #")
    text = (rest if cut < 0 else rest[:cut]).rstrip(" ")
    if ": " in text or text[-1] == ":":
        raise _Bail("': ' in a plain scalar")
    return _plain(text), (text if cut < 0 else None)  # a comment ends the scalar


def _flow_sequence(rest: str) -> list[Any]:
    """The items of a one-line flow sequence of scalars, plain ones typed like block values."""
    items: list[Any] = []
    if not rest[1:].lstrip(" ").startswith("]"):
        end = 1
        while True:
            match = _FLOW_ITEM(rest, end)
            if match is None:
                raise _Bail("flow collection")
            single, double, item, comma = match.groups()
            if single is not None:
                items.append(single.replace("''", "'"))
            elif double is not None:
                items.append(_unescaped(double))
            else:
                item = item.strip(" ")
                # Empty ("[a,,b]" is an error, "[a, b,]" ends with one) or an indicator
                # first ("-1" and "-x" are plain scalars, "- x" is not).
                if not item or (
                    item[0] in _INDICATORS and (item[0] != "-" or item[1:2] in ("", " "))
                ):
                    raise _Bail("empty item or indicator in a flow sequence")
                items.append(_plain(item))
            if not comma:
                break
            end = match.end()
    elif _FLOW_END(rest, rest.index("]") + 1) is None:
        raise _Bail("text after a flow sequence")
    return items


def _block(header: str, lines: list[str], start: int, indent: int) -> tuple[str, int]:
    """(value, lines taken) of a block scalar (see ``_yaml_block``) without odd characters."""
    found = block_scalar(header, lines, start, indent)
    if found is None:
        raise _Bail("block scalar outside the subset")
    return found


def _quoted(first: str, lines: list[str], start: int, indent: int, double: bool) -> tuple[str, int]:
    """(value, lines taken) of a quoted scalar folded over lines (see ``_yaml_multiline``)."""
    found = quoted_scalar(first, lines, start, indent, double)
    if found is None:
        raise _Bail("quoted scalar over lines outside the subset")
    raw, taken = found
    return (_unescaped(raw) if double else raw.replace("''", "'")), taken


def _fold_plain(text: str, content: str) -> str:
    """*text* continued by a more-indented line, folded into one space like YAML does."""
    # Indicators mean nothing at the start of a continuation line ("- b", "& c" and "'d"
    # are text); only ": " and " #" would, and "#" first made it a comment line.
    if " #" in content:
        raise _Bail("comment after a plain continuation line")
    content = content.rstrip(" ")
    if ": " in content or content[-1] == ":":
        raise _Bail("': ' in a plain continuation line")
    return text + " " + content


def _parse(lines: list[str]) -> dict[Any, Any] | None:
    # Locals for the hot loop (each line runs it once).
    indicators, plain, words, word_start, number_start = (
        _INDICATORS,
        _plain,
        WORDS,
        WORD_START,
        NUMBER_START,
    )
    known_keys, nothing, dashes = _KEYS, _NOTHING, _DASHES
    root: dict[Any, Any] = {}
    container: Any = root  # the open collection, with its indent and kind
    indent = 0
    is_map = True
    indentless = False  # a sequence at its parent key's indent ("key:\n- a")
    stack: list[tuple[Any, int, bool, bool]] = []
    open_key: Any = _NOTHING  # "key:" with nothing after it, stored as None until a block
    # The last scalar, while later lines may still fold into it: where it is stored and its
    # text so far.  Continuation lines must be indented more than its collection.
    folding: Any = None
    fold_key: Any = None
    fold_text = ""
    blanks = 0  # blank (or comment) lines since the last content line
    opened: Any = None  # the key whose block mapping was opened last
    value: Any
    lines_left = iter(lines)  # (a block scalar takes its lines from it)

    # Most documents hold only printable characters: one test for all their lines.
    clean = "".join(lines).isprintable()

    for line in lines_left:
        if not clean and not line.isprintable() and odd_line(line):
            raise _Bail("odd character")
        content = line.lstrip(" ")
        if not content or content[0] == "#":
            blanks += 1
            continue
        ind = 0 if content is line else len(line) - len(content)
        if folding is not None:
            if ind > indent:
                if blanks:
                    raise _Bail("blank line or comment in a plain scalar")
                fold_text = _fold_plain(fold_text, content)
                folding[fold_key] = plain(fold_text)
                continue
            folding = None
        blanks = 0
        dash = content[0] == "-" and content[:2] in dashes

        if open_key is not nothing:
            # (A sequence at its key's indent belongs to the key; an item's is a sibling.)
            if ind > indent or (dash and ind == indent and is_map):
                child: Any = [] if dash else {}
                container[open_key] = child
                opened = open_key
                stack.append((container, indent, is_map, indentless))
                if len(stack) >= MAX_DEPTH:
                    raise _Bail("deep nesting")
                indentless = ind == indent
                container, indent, is_map = child, ind, not dash
            open_key = nothing
        while ind < indent or (indentless and ind == indent and not dash):
            if not stack:
                raise _Bail("less indented than the root mapping")
            container, indent, is_map, indentless = stack.pop()
        if ind != indent:
            if root:
                raise _Bail("unexpected indentation")
            indent = ind  # the first line sets the root's indentation (" title: x" is fine)

        if is_map:  # _entry, inline for the commonest line: a known key, ": ", a value
            name, _, rest = content.partition(": ")
            if rest:
                key = known_keys.get(name, nothing)
                if rest[0] == " " or rest[0] == "#":
                    rest = rest.lstrip(" ")
                    if rest[:1] == "#":
                        rest = ""
            elif content[-1] == ":":  # "key:" opening a block
                key = known_keys.get(content[:-1], nothing)
            else:
                key = nothing
            if key is nothing:
                entry = None if dash else _entry(content)
                if entry is not None:
                    key, rest = entry
                    if key in container:
                        raise _Bail("duplicate key")
                elif container or not stack:
                    raise _Bail("not a 'key: value' line")
                else:  # "key:" and its value on the next line ("title:\n  Long text")
                    container, indent, is_map, indentless = stack.pop()
                    key, rest = opened, content
            elif key in container:
                raise _Bail("duplicate key")  # an error or a policy: the general loader decides
        else:
            if not dash:
                raise _Bail("not a '- item' line")
            rest = content[2:].lstrip(" ")
            if not rest or rest[0] == "#":  # empty: null, or a node on the lines below
                rest, entry = "", None
            else:  # most items are words or URLs: no ": " nor final ":", so no "key: value"
                entry = _entry(rest) if ": " in rest or rest[-1] == ":" else None
            if entry is None:  # a scalar item, stored like a value under its index
                key = len(container)
                container.append(None)
            else:  # "- key: value" opens a mapping at the key's column
                child = {}
                container.append(child)
                stack.append((container, indent, is_map, indentless))
                if len(stack) >= MAX_DEPTH:
                    raise _Bail("deep nesting")
                container, indent, is_map = child, ind + len(content) - len(rest), True
                indentless = False
                key, rest = entry
        if not rest:
            container[key] = None
            open_key = key
            continue

        if rest[0] in indicators:
            first = rest[0]
            # 'text' or "text" alone (dates, titles; no escape): its inside, with no regex.
            if (
                first == rest[-1]
                and (first == "'" or (first == '"' and "\\" not in rest))
                and rest.count(first) == 2
            ):
                container[key] = rest[1:-1]
                continue
            if first == "|" or first == ">":
                start = len(lines) - length_hint(lines_left)
                block, taken = _block(rest, lines, start, indent)
                next(islice(lines_left, taken, taken), None)  # skip the lines it took
                value, text = block, None
            else:
                value, text = _scalar(rest)
            if text is None:
                pass
            elif value is nothing or value is _OPEN_DOUBLE:  # a quoted scalar, still open
                start = len(lines) - length_hint(lines_left)
                value, taken = _quoted(text, lines, start, indent, value is _OPEN_DOUBLE)
                next(islice(lines_left, taken, taken), None)  # skip the lines it took
            else:
                folding, fold_key, fold_text = container, key, text
        else:  # a plain scalar, inline because most values are
            cut = rest.find(" #")
            text = (rest if cut < 0 else rest[:cut]).rstrip(" ")
            if ": " in text or text[-1] == ":":
                raise _Bail("': ' in a plain scalar")
            first = text[0]  # _plain, inline
            if first in word_start:
                value = words.get(text, text)
                if value is MERGE or value is VALUE:
                    raise _Bail("'<<' or '=' as a value")
            elif first in number_start:
                # ASCII digits only (sizes, years, ids): what resolve_number gives, sooner.
                value = int(text) if text.isdigit() and text.isascii() else resolve_number(text)
            else:
                value = text
            if cut < 0:  # (a comment ends the scalar: no line folds into it)
                folding, fold_key, fold_text = container, key, text
        container[key] = value

    return root or None  # an empty document loads as None: let the general loader say so


def _entry(content: str) -> tuple[Any, str] | None:
    """(key, value text or "") of a "key: value" line, or None when it is not one."""
    colon = content.find(": ")
    if colon < 0 and content[-1] == ":":
        colon = len(content) - 1
    if colon <= 0:
        return None
    name = content[:colon]
    key = _KEYS.get(name, _NOTHING)
    if key is _NOTHING:
        if _KEY_NAME(name) is None or len(name) > _MAX_KEY:
            return None
        key = WORDS.get(name, name) if name[0] in WORD_START else name  # "true:" is typed
        if len(_KEYS) < _MAX_KEYS:
            _KEYS[name] = key
    rest = content[colon + 2 :].lstrip(" ")
    return key, ("" if rest[:1] == "#" else rest)
