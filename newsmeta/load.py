"""Step 2: front-matter text -> a plain mapping of string keys.

YAML goes through our loader on ruamel.yaml's C parser (YAML 1.2: ``no`` and
``on`` stay strings), TOML through ``tomllib``, JSON through ``json``.  Every
parser error becomes a ``LoadError`` with a position inside the front matter;
the caller shifts it to file lines.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Mapping
from typing import Any

import attrs

from . import _yaml
from .errors import LoadError, StructureError
from .model import Diagnostic
from .split import Split

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised only on 3.10
    import tomli as tomllib

__all__ = ["Loaded", "load", "locate_key"]

_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


@attrs.frozen
class Loaded:
    mapping: Mapping[str, Any]
    diagnostics: tuple[Diagnostic, ...] = ()


def load(
    split: Split,
    *,
    duplicate_keys: _yaml.DuplicatePolicy = "error",
    max_alias_expansion: int = 10_000,
    max_depth: int = 200,
) -> Loaded:
    """Parse the front matter of *split*; positions in errors are front-matter relative."""
    diagnostics: list[Diagnostic] = []
    if split.format == "yaml":
        value, duplicates = _yaml.load_yaml(
            split.front_matter,
            duplicate_keys=duplicate_keys,
            max_alias_expansion=max_alias_expansion,
            max_depth=max_depth,
        )
        diagnostics.extend(
            Diagnostic(
                code="duplicate-key",
                message=f"key {key!r} repeated; the last value was kept",
                key=key,
                line=line,
                column=column,
            )
            for key, line, column in duplicates
        )
    elif split.format == "toml":
        value = _load_toml(split.front_matter)
    else:
        value = _load_json(split.front_matter)
    if value is None:
        diagnostics.append(Diagnostic(code="empty-front-matter", message="front matter is empty"))
        value = {}
    if not isinstance(value, dict):
        raise StructureError(
            f"front matter is a {_kind(value)}; expected a mapping of keys to values",
            line=1,
            column=1,
        )
    for key in value:
        if not isinstance(key, str):
            raise StructureError(
                f"key {key!r} is a {_kind(key)}; expected a string key",
                line=None,
            )
    return Loaded(value, tuple(diagnostics))


def _kind(value: object) -> str:
    if isinstance(value, list):
        return "list"
    if isinstance(value, str):
        return "string"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    return type(value).__name__


def _load_toml(text: str) -> Any:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = _TOML_POSITION.search(message)
        line = int(match.group(1)) if match else None
        column = int(match.group(2)) if match else None
        reason = _TOML_POSITION.sub("", message).strip()
        raise LoadError(f"invalid TOML: {reason}", line=line, column=column) from exc


def _load_json(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise LoadError(f"invalid JSON: {exc.msg}", line=exc.lineno, column=exc.colno) from exc
    except RecursionError as exc:
        raise LoadError("invalid JSON: nested too deeply", line=1, column=1) from exc


def locate_key(split: Split, path: tuple[str | int, ...]) -> tuple[int, int] | None:
    """File position (1-based line, column) of the key at *path*, if it can be found.

    Only called on the error path, so it may re-read the front matter slowly.
    """
    if not path:
        return None
    if split.format == "yaml" and len(path) > 1:
        found = _yaml.locate(split.front_matter, path)
    else:
        # A top-level key sits at the start of a line in block YAML, TOML and
        # pretty JSON; a regex finds it without re-parsing the document.
        found = _search_key(split.front_matter, path)
        if found is None and split.format == "yaml":
            found = _yaml.locate(split.front_matter, path)
    if found is None:
        return None
    return found[0] + split.line_offset, found[1]


def _search_key(text: str, path: tuple[str | int, ...]) -> tuple[int, int] | None:
    # TOML and JSON parsers keep no positions; the last named key on a line of
    # its own is a good enough pointer for a human.
    names = [part for part in path if isinstance(part, str)]
    if not names:
        return None
    pattern = re.compile(
        r"""^([ \t]*)["']?""" + re.escape(names[-1]) + r"""["']?[ \t]*[=:]""", re.MULTILINE
    )
    match = pattern.search(text)
    if match is None:
        return None
    line = text.count("\n", 0, match.start()) + 1
    return line, len(match.group(1)) + 1
