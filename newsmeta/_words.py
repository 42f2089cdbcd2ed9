"""How error messages name the kind of a value, the same way in every module."""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["kind_of"]


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
