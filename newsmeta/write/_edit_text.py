"""Edits of TOML and JSON front matter, and the line bookkeeping all formats share.

A front-matter block is re-rendered by a library that keeps its layout
(tomlkit for TOML; ``json`` for JSON, after checking that it reproduces the
file's layout exactly), the old and new renderings are compared line by line,
and only the lines that differ replace the file's own lines, so untouched
lines keep their bytes, their line endings included.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from ..errors import WriteError
from ._extras import require

__all__ = ["edit_json", "edit_toml", "lines_of"]

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def lines_of(text: str) -> list[str]:
    """*text* split after each line break (CRLF, CR or LF), the breaks kept."""
    return _LINE.findall(text)


def _plain(lines: list[str]) -> list[str]:
    return [line.rstrip("\r\n") for line in lines]


def _apply(raw: list[str], old: list[str], new: list[str], newline: str) -> list[str]:
    """*raw* with the lines that differ between *old* and *new* replaced."""
    result: list[str] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            result.extend(raw[i1:i2])
        else:
            result.extend(line + newline for line in new[j1:j2])
    return result


def _set(node: Any, keys: tuple[str, ...], value: Any, make: Any) -> None:
    for key in keys[:-1]:
        if key not in node:
            if value is None:
                return
            node[key] = make()
        node = node[key]
        if not isinstance(node, Mapping):
            raise WriteError(f"cannot set {'.'.join(keys)!r}: {key!r} holds no mapping")
    if value is None:
        node.pop(keys[-1], None)
    else:
        node[keys[-1]] = value


def edit_toml(raw: list[str], changes: Mapping[tuple[str, ...], Any], newline: str) -> list[str]:
    tomlkit = require("tomlkit", "toml")
    old = _plain(raw)
    try:
        document = tomlkit.parse("\n".join(old) + "\n")
        for keys, value in changes.items():
            _set(document, keys, _toml_value(tomlkit, _get(document, keys), value), tomlkit.table)
        text = tomlkit.dumps(document)
    except WriteError:
        raise
    except Exception as exc:  # tomlkit's own errors
        raise WriteError(f"cannot edit this TOML: {exc}") from exc
    return _apply(raw, old, text.split("\n")[:-1], newline)


def _get(node: Any, keys: tuple[str, ...]) -> Any:
    for key in keys:
        if not isinstance(node, Mapping) or key not in node:
            return None
        node = node[key]
    return node


def _toml_value(tomlkit: Any, old: Any, value: Any) -> Any:
    """Dates keep the kind of the old value: a TOML datetime, or a string."""
    if isinstance(value, str) and isinstance(old, date):
        try:
            parsed = tomlkit.parse(f"x = {value}\n")["x"]
        except Exception:
            return value
        return parsed if isinstance(parsed, date) else value
    if isinstance(value, datetime | date) and isinstance(old, str):
        return value.isoformat()
    return value


def edit_json(raw: list[str], changes: Mapping[tuple[str, ...], Any], newline: str) -> list[str]:
    old = _plain(raw)
    text = "\n".join(old)
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise WriteError(f"cannot edit this JSON: {exc}") from exc
    layout = _layout(text, data)
    for keys, value in changes.items():
        if isinstance(value, datetime | date):
            value = value.isoformat()
        _set(data, keys, value, dict)
    new = json.dumps(data, **layout).split("\n")
    return _apply(raw, old, new, newline)


def _layout(text: str, data: Any) -> dict[str, Any]:
    """The ``json.dumps`` options that reproduce *text*, or a WriteError."""
    second = text.split("\n", 2)[1] if "\n" in text else ""
    indent: int | str | None = None
    if "\n" in text:
        spaces = len(second) - len(second.lstrip(" \t"))
        indent = second[:spaces] if "\t" in second[:spaces] else spaces
    for ensure_ascii in (False, True):
        options = {"indent": indent, "ensure_ascii": ensure_ascii}
        if json.dumps(data, **options) == text.rstrip():  # type: ignore[arg-type]
            return options
    raise WriteError(
        "cannot edit this JSON without re-formatting other lines: its layout is not "
        "json.dumps's (one key per line, a fixed indent); use dump to rewrite it"
    )
