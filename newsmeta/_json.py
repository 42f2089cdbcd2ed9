"""JSON front matter -> plain values, with the duplicate-key policy YAML has.

``json.loads`` silently keeps the last of repeated keys and records no
positions.  Loading notices a repeated key through ``object_pairs_hook`` (one
length comparison per object) and reads integers through ``int_from_text``.
Only when something is wrong does a small tokenizer re-read the text to find
where: the repeated key and the one it repeats, or the too-long number.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from ._numbers import int_from_text
from ._words import duplicate_key_reason
from .errors import LoadError, StructureError

__all__ = ["load_json"]

_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]|[^\s{}\[\]:,"]+', re.DOTALL)


def load_json(
    text: str, *, duplicate_keys: Literal["error", "last"] = "error"
) -> tuple[Any, tuple[tuple[str, int, int], ...]]:
    """The value of *text* and the ``(key, line, column)`` of keys repeated under
    ``duplicate_keys="last"`` (the last value is kept); a repeated key is a
    ``StructureError`` under ``"error"``.  Positions are relative to *text*.

    ``RecursionError`` is left to the caller, which words the depth limit.
    """
    import json  # JSON front matter is rare; the module costs ~1.5 ms to import

    repeated = False

    def pairs_to_dict(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal repeated
        mapping = dict(pairs)
        if len(mapping) != len(pairs):
            repeated = True
        return mapping

    try:
        value = json.loads(text, object_pairs_hook=pairs_to_dict, parse_int=int_from_text)
    except json.JSONDecodeError as exc:
        raise LoadError(f"invalid JSON: {exc.msg}", line=exc.lineno, column=exc.colno) from exc
    except ValueError as exc:  # an integer too long to read (int_from_text)
        line, column = _long_number(text) or (None, None)
        raise LoadError(f"invalid JSON: {exc}", line=line, column=column) from exc
    if not repeated:
        return value, ()
    duplicates = _duplicates(text)
    if duplicate_keys == "error" and duplicates:
        key, first, line, column = duplicates[0]
        raise StructureError(duplicate_key_reason(key, first, line), line=line, column=column)
    return value, tuple((key, line, column) for key, _, line, column in duplicates)


def _position(text: str, index: int) -> tuple[int, int]:
    return text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)


def _duplicates(text: str) -> list[tuple[str, int, int, int]]:
    """``(key, first line, line, column)`` of every repeated key, in text order.

    Only called on text ``json.loads`` accepted, so the tokens are well formed.
    """
    import json

    found: list[tuple[str, int, int, int]] = []
    # One entry per open object (its keys and where each was first) or array (None).
    stack: list[dict[str, int] | None] = []
    expect_key = False
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token == "{":
            stack.append({})
            expect_key = True
        elif token == "[":
            stack.append(None)
            expect_key = False
        elif token == "}" or token == "]":
            stack.pop()
            expect_key = False
        elif token == ",":
            expect_key = bool(stack) and stack[-1] is not None
        elif token[0] == '"' and expect_key:
            expect_key = False
            keys = stack[-1]
            assert keys is not None
            key = json.loads(token)
            line, column = _position(text, match.start())
            if key in keys:
                found.append((key, keys[key], line, column))
            else:
                keys[key] = line
    return found


def _long_number(text: str) -> tuple[int, int] | None:
    """Position of the first number token too long to read, if the tokens show one."""
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token[0] in "-0123456789":
            try:
                int_from_text(token.lstrip("-"))
            except ValueError:
                if token.lstrip("-").isdigit():
                    return _position(text, match.start())
    return None
