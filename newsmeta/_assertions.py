"""Assertions for users' tests: nothing lost from a source, and golden files.

They need neither pytest nor Hypothesis, so both ``newsmeta.testing`` and the
pytest plugin (``newsmeta.pytest_plugin``) offer them.  Failures are plain
``AssertionError``\\ s whose message lists every difference, one per line.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from ._paths import MISSING, parts_of
from .model import Article
from .parser import Parser

__all__ = ["assert_lossless", "assert_matches_golden"]

#: Set by the pytest plugin: ``--newsmeta-update`` rewrites golden files, and
#: relative golden paths are taken from pytest's root directory.
settings: dict[str, Any] = {"update": False, "root": None}


def _leaves(value: Any, path: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """Every (key path, value) at the ends of a loaded mapping; empty containers too."""
    if isinstance(value, Mapping) and value:
        for key, item in value.items():
            yield from _leaves(item, (*path, key))
    elif isinstance(value, list) and value:
        for index, item in enumerate(value):
            yield from _leaves(item, (*path, index))
    else:
        yield path, value


def _covers(taken: tuple[Any, ...], path: tuple[Any, ...]) -> bool:
    """Whether the provenance key path *taken* names *path* or one of its parents."""
    if len(taken) > len(path):
        return False
    for want, have in zip(taken, path, strict=False):
        if isinstance(want, str | int):
            if want != have:
                return False
        elif not isinstance(have, int):  # "[]": any item of a list
            return False
    return True


def _at(value: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        found = isinstance(value, Mapping) and part in value
        indexed = isinstance(value, list) and isinstance(part, int) and part < len(value)
        if not (found or indexed):
            return MISSING
        value = value[part]
    return value


def _same(a: Any, b: Any) -> bool:
    """Equal and of the same type all the way down (True is not 1); NaN equals NaN."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return a == b or (math.isnan(a) and math.isnan(b))
    if isinstance(a, Mapping):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def _dotted(path: tuple[Any, ...]) -> str:
    return ".".join(str(part) for part in path)


def _provenance_paths(article: Article, mapping: Mapping[str, Any]) -> list[tuple[Any, ...]]:
    paths = []
    for key in article.provenance.values():
        # A key holding a dot (`dropmark.editURL`) is matched whole first, as rules do.
        paths.append((key,) if key in mapping else parts_of(key))
    return paths


def assert_lossless(
    article: Article, text: str | bytes | os.PathLike[str], *, parser: Parser | None = None
) -> None:
    """Assert that every key of *text*'s front matter is in ``article.provenance``
    (the key or a parent of it) or in ``article.extra`` with the same value.

    *text* is the document (``str`` or ``bytes``) or a path to it; *parser*
    (default ``Parser()``) only splits and loads it, with its limits.
    """
    parser = parser or Parser()
    if isinstance(text, os.PathLike):
        text = Path(text).read_bytes()
    mapping, _ = parser.load(parser.split(text))
    taken = _provenance_paths(article, mapping)
    problems = []
    for path, value in _leaves(mapping, ()):
        if not path or any(_covers(parts, path) for parts in taken):
            continue
        kept = _at(article.extra, path)
        if kept is MISSING:
            problems.append(
                f"  {_dotted(path)!r} ({value!r}) is neither in provenance nor in extra"
            )
        elif not _same(kept, value):
            problems.append(f"  extra {_dotted(path)!r} is {kept!r}; the source has {value!r}")
    if problems:
        raise AssertionError("source keys lost:\n" + "\n".join(problems))


def _plain(article: Article) -> Any:
    from .serialize import to_dict

    # Through JSON text, so that the comparison sees what the golden file holds.
    return json.loads(json.dumps(to_dict(article), ensure_ascii=False))


def _differences(golden: Any, got: Any, path: str) -> Iterator[str]:
    if isinstance(golden, dict) and isinstance(got, dict):
        for key in [*golden, *(k for k in got if k not in golden)]:
            where = f"{path}.{key}" if path else str(key)
            if key not in got:
                yield f"  {where}: golden {golden[key]!r}, now missing"
            elif key not in golden:
                yield f"  {where}: not in golden, now {got[key]!r}"
            else:
                yield from _differences(golden[key], got[key], where)
    elif isinstance(golden, list) and isinstance(got, list) and len(golden) == len(got):
        for index, (old, new) in enumerate(zip(golden, got, strict=True)):
            yield from _differences(old, new, f"{path}.{index}")
    elif not _same(golden, got):
        yield f"  {path or '(article)'}: golden {golden!r}, now {got!r}"


def _golden_path(path: str | os.PathLike[str]) -> Path:
    resolved = Path(path)
    root = settings["root"]
    if not resolved.is_absolute() and root is not None:
        resolved = Path(root) / resolved
    return resolved


def _write(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def assert_matches_golden(
    article: Article, path: str | os.PathLike[str], *, update: bool | None = None
) -> None:
    """Assert that ``to_dict(article)`` equals the JSON golden file at *path*.

    On a difference the message lists each changed field by its dotted path
    (``authors.0.name: golden 'A', now 'B'``).  With *update* (by default the
    pytest option ``--newsmeta-update``) the file is rewritten instead.  A
    missing file is written and the assertion fails, so that a new golden file
    is looked at before it is trusted.  Under pytest a relative *path* is taken
    from the root directory (``rootdir``), else from the current directory.
    """
    golden_path = _golden_path(path)
    got = _plain(article)
    if update if update is not None else settings["update"]:
        _write(golden_path, got)
        return
    if not golden_path.exists():
        _write(golden_path, got)
        raise AssertionError(
            f"golden file {os.fspath(path)} did not exist and was written; "
            "check it, then run the test again"
        )
    golden = json.loads(golden_path.read_text(encoding="utf-8"))
    differences = list(_differences(golden, got, ""))
    if differences:
        raise AssertionError(
            f"article differs from golden file {os.fspath(path)} "
            "(run pytest --newsmeta-update to accept):\n" + "\n".join(differences)
        )
