"""How error messages name the kind of a value, the same way in every module."""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["duplicate_key_reason", "kind_of"]


def kind_of(value: object) -> str:
    """'a mapping', 'a list', 'a boolean', 'a number', 'text', 'empty' or 'a <type>'."""
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if value is None:
        return "empty"
    return f"a {type(value).__name__}"


def duplicate_key_reason(key: object, first_line: int | None, line: int) -> str:
    """The reason "duplicate key 'x' (first 2 lines above)", worded alike for YAML and JSON.

    Said relative to the repeated key's line: the error's own position is later
    shifted from front-matter lines to file lines, and a distance stays true.
    """
    if first_line is None:
        where = ""
    elif first_line == line:
        where = " (first on the same line)"
    else:
        above = line - first_line
        where = f" (first {above} line{'s' if above != 1 else ''} above)"
    return f"duplicate key {key!r}{where}"
