"""The one guarded way to read a file's bytes: every entry point reads through it.

- Checked before reading: a folder, a FIFO or a device is refused (a FIFO would
  block, ``/dev/zero`` never ends), and so is a file larger than the limit, from
  its size alone, so it is never read into memory.
- Opened without blocking, and checked again on the open file, so a file swapped
  for a FIFO or a device between the check and the open is refused too.
- Reads what the file holds: its size from ``fstat`` plus one byte to notice a
  file that grew meanwhile (then on, in pieces, up to the limit).  Asking for the
  limit (64 MiB) on every call made each read allocate that much.
"""

from __future__ import annotations

import os
import stat

from .errors import LimitError, SourceError

__all__ = ["read_file", "read_head"]

#: Opening a FIFO for reading blocks until a writer appears, unless non-blocking.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
#: Piece size when a file grows while it is read (or reports size 0, as /proc does).
_PIECE = 1024 * 1024


def read_file(path: str, limit: int, limit_hint: str) -> bytes:
    """The bytes of the regular file at *path*, at most *limit* of them.

    ``SourceError`` when it is not a readable regular file; ``LimitError`` when it
    holds more than *limit* bytes (*limit_hint* says which setting raises it).
    """
    try:
        info = os.stat(path)
    except OSError as exc:
        raise SourceError(f"cannot read file: {exc.strerror or exc}", path=path) from exc
    except ValueError as exc:  # a NUL character in the path
        raise SourceError(f"cannot read file: {exc}", path=path) from exc
    _check(info, path, limit, limit_hint)
    try:
        descriptor = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise SourceError(f"cannot read file: {exc.strerror or exc}", path=path) from exc
    with os.fdopen(descriptor, "rb", buffering=0) as handle:
        size = _check(os.fstat(descriptor), path, limit, limit_hint)
        try:
            data = handle.read(size + 1)
            # Fewer bytes than fstat said is a short read; more, a file that grew
            # meanwhile: either way read on, up to the limit.
            if len(data) != size:
                pieces = [data]
                total = len(data)
                while total <= limit:
                    piece = handle.read(min(_PIECE, limit + 1 - total))
                    if not piece:
                        break
                    pieces.append(piece)
                    total += len(piece)
                data = b"".join(pieces)
        except OSError as exc:
            raise SourceError(f"cannot read file: {exc.strerror or exc}", path=path) from exc
    if len(data) > limit:  # it grew past the limit after the size check
        raise LimitError(
            f"input grew to more than {limit} bytes while it was read; "
            f"the limit is {limit} ({limit_hint})",
            path=path,
        )
    return data


def read_head(path: str, size: int) -> bytes:
    """The first *size* bytes of the regular file at *path* (to sniff it).

    ``SourceError`` when it is not a readable regular file: a FIFO would block
    and a device never end, here as in ``read_file``.
    """
    try:
        regular = stat.S_ISREG(os.stat(path).st_mode)
        descriptor = os.open(path, _OPEN_FLAGS) if regular else -1
    except (OSError, ValueError) as exc:
        raise SourceError(f"cannot read file: {exc}", path=path) from exc
    if not regular:
        raise SourceError("is not a regular file; expected a file", path=path)
    with os.fdopen(descriptor, "rb", buffering=0) as handle:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise SourceError("is not a regular file; expected a file", path=path)
        try:
            return handle.read(size)
        except OSError as exc:
            raise SourceError(f"cannot read file: {exc.strerror or exc}", path=path) from exc


def _check(info: os.stat_result, path: str, limit: int, limit_hint: str) -> int:
    if stat.S_ISDIR(info.st_mode):
        raise SourceError("is a directory; expected a file", path=path)
    if not stat.S_ISREG(info.st_mode):
        raise SourceError("is not a regular file; expected a file", path=path)
    if info.st_size > limit:
        raise _too_large(info.st_size, limit, limit_hint, path)
    return info.st_size


def _too_large(size: int, limit: int, limit_hint: str, path: str) -> LimitError:
    return LimitError(f"input is {size} bytes; the limit is {limit} ({limit_hint})", path=path)
