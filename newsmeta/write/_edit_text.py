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

from .._extras import require
from ..errors import WriteError

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
    tomlkit = require("tomlkit", "toml", "Editing TOML")
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
    plain = {
        keys: value.isoformat() if isinstance(value, datetime | date) else value
        for keys, value in changes.items()
    }
    layout = _layout(text, data)
    if layout is None:  # a hand-made layout: change the keys' own lines only
        return _apply(raw, old, _splice_json(old, data, plain), newline)
    for keys, value in plain.items():
        _set(data, keys, value, dict)
    new = json.dumps(data, **layout).split("\n")
    return _apply(raw, old, new, newline)


_NOT_SPLICED = (
    "cannot edit this JSON without re-formatting other lines: its layout is not "
    "json.dumps's and {what}; use dump to rewrite it"
)


def _splice_json(old: list[str], data: Any, changes: Mapping[tuple[str, ...], Any]) -> list[str]:
    """Top-level keys of JSON written one per line, changed line by line."""
    lines = list(old)
    for keys, value in changes.items():
        if value is None and _get(data, keys) is None:
            continue  # removing what is not there
        if len(keys) != 1 or not isinstance(data, dict):
            raise WriteError(_NOT_SPLICED.format(what=f"{'.'.join(keys)!r} is nested"))
        key = keys[0]
        pattern = re.compile(r"(\s*" + re.escape(json.dumps(key)) + r"\s*:\s*)(.*?)(\s*,?\s*)\Z")
        found = [
            (index, match) for index, line in enumerate(lines)
            if (match := pattern.match(line)) and _is_json(match.group(2), data.get(key))
        ]  # fmt: skip
        text = json.dumps(value, ensure_ascii=False)
        if found:
            index, match = found[0]
            if value is None:
                del lines[index]
                if "," not in match.group(3):  # it was the last key: its comma goes too
                    _drop_comma(lines, index)
            else:
                lines[index] = match.group(1) + text + match.group(3)
        elif value is not None:
            _append_json_key(lines, key, text)
        data = json.loads("\n".join(lines))
    return lines


def _is_json(text: str, expected: Any) -> bool:
    try:
        return bool(json.loads(text) == expected)
    except ValueError:
        return False


def _drop_comma(lines: list[str], before: int) -> None:
    for index in range(before - 1, -1, -1):
        if lines[index].strip():
            if lines[index].rstrip().endswith(","):
                lines[index] = lines[index].rstrip()[:-1]
            return


def _append_json_key(lines: list[str], key: str, text: str) -> None:
    close = max(i for i, line in enumerate(lines) if line.strip().endswith("}"))
    if lines[close].strip() != "}":
        raise WriteError(_NOT_SPLICED.format(what="its closing brace shares a line"))
    last = next((i for i in range(close - 1, -1, -1) if lines[i].strip()), None)
    if last is None or lines[last].strip() == "{":
        lines.insert(close, f"  {json.dumps(key)}: {text}")
        return
    match = re.match(r'(\s*)"(?:[^"\\]|\\.)*"(\s*:\s*)', lines[last])
    indent, colon = (match.group(1), match.group(2)) if match else ("  ", ": ")
    if not lines[last].rstrip().endswith(","):
        lines[last] = lines[last].rstrip() + ","
    lines.insert(close, f"{indent}{json.dumps(key)}{colon}{text}")


def _layout(text: str, data: Any) -> dict[str, Any] | None:
    """The ``json.dumps`` options that reproduce *text*, if there are any."""
    second = text.split("\n", 2)[1] if "\n" in text else ""
    indent: int | str | None = None
    if "\n" in text:
        spaces = len(second) - len(second.lstrip(" \t"))
        indent = second[:spaces] if "\t" in second[:spaces] else spaces
    for separator in (": ", ":"):
        for ensure_ascii in (False, True):
            options = {
                "indent": indent,
                "ensure_ascii": ensure_ascii,
                "separators": (",", separator),
            }
            if json.dumps(data, **options) == text.rstrip():  # type: ignore[arg-type]
                return options
    return None
