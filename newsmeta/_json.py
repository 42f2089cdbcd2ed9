"""JSON front matter -> plain values, with the duplicate-key policy YAML has.

``json.loads`` silently keeps the last of repeated keys and records no
positions.  Loading notices a repeated key through ``object_pairs_hook`` (one
length comparison per object).  Only when something is wrong does a small
tokenizer re-read the text to find where: the repeated key and the one it
repeats, or a number too long for ``int()``.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from ._numbers import int_digits_limit, int_from_text, too_long_message
from ._words import duplicate_key_reason
from .errors import LoadError, StructureError

__all__ = ["load_json"]

_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]|[^\s{}\[\]:,"]+', re.DOTALL)


class _Repeated(Exception):
    """Raised by the object hook on the first repeated key; the decoders keep no state,
    so one pair of them serves every thread."""


def _dict_without_repeats(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    mapping = dict(pairs)
    if len(mapping) != len(pairs):
        raise _Repeated
    return mapping


_DECODERS: list[Any] = []


def _decoders() -> tuple[Any, Any]:
    # Built once: json.loads with hooks builds a new decoder (and scanner) per call.
    if not _DECODERS:
        import json  # JSON front matter is rare; the module costs ~1.5 ms to import

        _DECODERS.append(json.JSONDecoder(object_pairs_hook=_dict_without_repeats))
        _DECODERS.append(json.JSONDecoder())  # the last value wins
    return _DECODERS[0], _DECODERS[1]


def load_json(
    text: str, *, duplicate_keys: Literal["error", "last"] = "error"
) -> tuple[Any, tuple[tuple[str, int, int], ...]]:
    """The value of *text* and the ``(key, line, column)`` of keys repeated under
    ``duplicate_keys="last"`` (the last value is kept); a repeated key is a
    ``StructureError`` under ``"error"``.  Positions are relative to *text*.

    ``RecursionError`` is left to the caller, which words the depth limit.
    """
    strict, last_wins = _decoders()
    try:
        return _decode(strict, text), ()
    except _Repeated:
        pass
    duplicates = _duplicates(text)
    if duplicate_keys == "error" and duplicates:
        key, first, line, column = duplicates[0]
        raise StructureError(duplicate_key_reason(key, first, line), line=line, column=column)
    value = _decode(last_wins, text)
    return value, tuple((key, line, column) for key, _, line, column in duplicates)


def _decode(decoder: Any, text: str) -> Any:
    """*decoder*'s value of *text*; its errors as ``LoadError`` with a position."""
    from json import JSONDecodeError

    try:
        return decoder.decode(text)
    except JSONDecodeError as exc:
        raise LoadError(f"invalid JSON: {exc.msg}", line=exc.lineno, column=exc.colno) from exc
    except ValueError as exc:
        # int() refuses a number of over 4,300 digits; say so as for every other
        # integer (newsmeta._numbers), at its place.
        where = _long_number(text)
        if where is None:
            raise LoadError(f"invalid JSON: {exc}") from exc
        problem = too_long_message(int_digits_limit())
        raise LoadError(f"invalid JSON: {problem}", line=where[0], column=where[1]) from exc


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
