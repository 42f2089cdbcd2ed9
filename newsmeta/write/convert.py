"""``newsmeta convert``: files from any dialect rewritten in another, one result per file.

Each input is parsed as ``parse`` would (detected, or read in ``dialect``),
written with ``dump`` and saved under *out* with its name relative to the
folder (or glob) it was found in; a file given by name keeps its base name.
An existing file is never replaced without ``force``.  A failure (a file that
does not parse, a target that exists) is that file's ``Result.error``; the
batch goes on.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterator, Sequence

import attrs

from ..batch import DEFAULT_PATTERNS, Result, parse_many
from ..errors import NewsmetaError, SourceError
from ..parser import Parser
from .dump import dump
from .render import WritableFormat

__all__ = ["Converted", "convert_files"]


@attrs.frozen
class Converted:
    """One input: its ``Result`` (the article or the error), where it was written,
    and the ``LossWarning`` messages (what the target dialect has no place for)."""

    result: Result
    target: str | None = None
    warnings: tuple[str, ...] = ()


def _root(path: str) -> str | None:
    """The folder names are taken relative to, or None for a file named alone."""
    if os.path.isdir(path):
        return path
    magic = min((path.find(c) for c in "*?[" if c in path), default=-1)
    if magic >= 0 and not os.path.lexists(path):
        return os.path.dirname(path[:magic]) or "."
    return None


def _relative(name: str, root: str | None) -> str:
    if root is None:
        return os.path.basename(name)
    return os.path.relpath(name, root)


def convert_files(
    paths: Sequence[str],
    *,
    to: str,
    out: str,
    format: WritableFormat | None = None,
    force: bool = False,
    parser: Parser | None = None,
    dialect: str | None = None,
    patterns: Sequence[str] = DEFAULT_PATTERNS,
) -> Iterator[Converted]:
    """Convert every file under *paths* to dialect *to*, written below *out*."""
    parser = parser if parser is not None else Parser()
    adapter = parser.adapter(to)  # an unknown dialect fails now, not once per file
    written: set[str] = set()
    for path in paths:
        root = _root(path)
        for result in parse_many(path, parser=parser, dialect=dialect, patterns=patterns):
            if result.article is None:
                yield Converted(result)
                continue
            target = os.path.join(out, _relative(result.name, root))
            try:
                if target in written:
                    raise SourceError(
                        "another input of this run was already written here", path=target
                    )
                with warnings.catch_warnings(record=True) as caught:
                    warnings.simplefilter("always")
                    text = dump(result.article, adapter, format, parser=parser)
                _save(target, text, force=force)
            except NewsmetaError as error:
                yield Converted(Result(result.name, error=error))
                continue
            written.add(target)
            yield Converted(result, target, tuple(str(w.message) for w in caught))


def _save(target: str, text: str, *, force: bool) -> None:
    try:
        os.makedirs(os.path.dirname(target) or ".", exist_ok=True)
        with open(target, "w" if force else "x", encoding="utf-8", newline="") as handle:
            handle.write(text)
    except FileExistsError as exc:
        raise SourceError(
            "exists; pass --force to overwrite it (or choose another --out)", path=target
        ) from exc
    except OSError as exc:
        raise SourceError(f"cannot write file: {exc.strerror or exc}", path=target) from exc
