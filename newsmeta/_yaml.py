"""YAML text -> plain Python values, raising only newsmeta errors.

Contract used by ``newsmeta.load`` (keep it when optimising):

``load_yaml(text, *, duplicate_keys="error", max_alias_expansion=..., max_depth=...)``
returns ``(value, duplicates)`` where *value* is built from dict/list/str/int/float/
bool/None/date/datetime and *duplicates* lists ``(key, line, column)`` of keys that
were repeated and resolved by the ``"last"`` policy.  Errors are ``LoadError``,
``StructureError`` or ``LimitError`` with 1-based line/column relative to *text*.

``locate(text, path)`` re-reads *text* with positions (only called when something
went wrong) and returns the 1-based ``(line, column)`` of the key at *path*.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from .errors import LoadError, StructureError

__all__ = ["DuplicatePolicy", "load_yaml", "locate"]

DuplicatePolicy = Literal["error", "last"]


def load_yaml(
    text: str,
    *,
    duplicate_keys: DuplicatePolicy = "error",
    max_alias_expansion: int = 10_000,
    max_depth: int = 200,
) -> tuple[Any, tuple[tuple[str, int, int], ...]]:
    yaml = YAML(typ="safe", pure=False)
    yaml.allow_duplicate_keys = duplicate_keys == "last"
    try:
        return yaml.load(text), ()
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        column = mark.column + 1 if mark is not None else None
        problem = exc.problem or "invalid YAML"
        if "duplicate key" in problem:
            raise StructureError(problem, line=line, column=column) from exc
        raise LoadError(f"invalid YAML: {problem}", line=line, column=column) from exc
    except YAMLError as exc:
        raise LoadError(f"invalid YAML: {exc}") from exc


def locate(text: str, path: Sequence[str | int]) -> tuple[int, int] | None:
    yaml = YAML(typ="rt")
    try:
        node: Any = yaml.load(text)
    except Exception:
        return None
    position: tuple[int, int] | None = None
    for part in path:
        try:
            if isinstance(part, int):
                line, column = node.lc.item(part)
            else:
                line, column = node.lc.key(part)
            position = (line + 1, column + 1)
            node = node[part]
        except (AttributeError, KeyError, IndexError, TypeError):
            break
    return position
