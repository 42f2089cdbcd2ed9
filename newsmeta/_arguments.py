"""Arguments of the public entry points: what each accepts, and the usage error otherwise.

A wrong argument type is a programming error, not bad input, so it is a
``TypeError`` naming the argument (never a ``NewsmetaError``, which is about the
input); bytes-like objects other than ``bytes`` are read like bytes.
"""

from __future__ import annotations

import os
from typing import Any

from .errors import SourceError

__all__ = ["dialect_argument", "file_path", "path_argument", "text_argument"]


def text_argument(text: object, name: str = "text") -> str | bytes:
    """*text* as ``str`` or ``bytes``: other bytes-like objects (bytearray, memoryview,
    array) are copied to bytes; anything else is a usage error naming the argument."""
    if isinstance(text, str | bytes):
        return text
    try:
        view = memoryview(text)  # type: ignore[arg-type]
    except TypeError:
        raise TypeError(
            f"argument {name!r} must be str or a bytes-like object, not {type(text).__name__}"
        ) from None
    with view:
        return view.tobytes()


def path_argument(path: object, name: str, *, optional: bool = False) -> Any:
    """*path* (str, bytes or os.PathLike) as text; None only if *optional*."""
    if path is None and optional:
        return None
    try:
        return os.fsdecode(path)  # type: ignore[arg-type]
    except TypeError:
        expected = "str, bytes or os.PathLike" + (" or None" if optional else "")
        raise TypeError(
            f"argument {name!r} must be {expected}, not {type(path).__name__}"
        ) from None


def file_path(path: object, error: type[SourceError] = SourceError) -> str:
    """*path* of a file to read, as text.  A NUL cannot be in a file name (``os.stat``
    would raise a bare ``ValueError``): that is bad input, an *error* naming the path."""
    where: str = path_argument(path, "path")
    if "\0" in where:
        raise error(
            "file path contains a NUL character (U+0000); expected a path without NUL",
            path=where,
        )
    return where


def dialect_argument(dialect: object) -> str | None:
    """*dialect* if it is a name or None."""
    if dialect is None or isinstance(dialect, str):
        return dialect
    raise TypeError(f"argument 'dialect' must be str or None, not {type(dialect).__name__}")
