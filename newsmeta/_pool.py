"""The process pool behind ``parse_many(workers=N)``, with a result pipe wide enough for a chunk.

Why the pipe matters: a worker sends one pickled message per chunk (64 articles'
JSON: ~150 kB typical, ~420 kB at most on ``../shared/bulk``), but a Linux pipe
holds 64 KiB.  ``multiprocessing``'s reader then takes the message in 64 KiB
pieces, each read allocating a buffer of *everything still to come* and
shrinking it to the piece read.  In the executor's result thread those shrunken
buffers sit between the unpickled JSON strings, which live on until the consumer
takes them; the holes left behind are too small for the next large read, so the
parent's heap kept growing (26.6 -> 40.1 MiB RSS over 150,000 files, malloc's
in-use bytes flat) although Python's traced memory stayed flat.  A pipe that
holds a whole message is read in one piece: memory stays flat (24.9 -> 25.1 MiB),
with fewer system calls.  Measured by ``benchmarks/bench_workers.py`` (target 5).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

__all__: list[str] = []

#: Capacity asked for the result pipe: room for the largest chunk's message.
#: Linux lets an unprivileged process go up to /proc/sys/fs/pipe-max-size (1 MiB
#: by default).
RESULT_PIPE_BYTES = 1 << 20


def new_pool(
    workers: int, initializer: Callable[..., object], initargs: tuple[Any, ...]
) -> ProcessPoolExecutor:
    """A ``ProcessPoolExecutor`` of *workers* processes whose result pipe is widened."""
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(workers, initializer=initializer, initargs=initargs)
    # The executor's result queue is private; if a Python version names it
    # otherwise, the pool still works, only with the default pipe.
    reader = getattr(getattr(pool, "_result_queue", None), "_reader", None)
    if reader is not None:
        widen_pipe(reader.fileno(), RESULT_PIPE_BYTES)
    return pool


def widen_pipe(fd: int, size: int) -> int:
    """Ask for a pipe of *size* bytes; return the capacity it has (0 where unknown).

    Best effort: off Linux there is no such call, and Linux refuses (EPERM) once
    the user's pipes hold more than /proc/sys/fs/pipe-user-pages-soft; the pipe
    then keeps its default capacity, which is correct, only less thrifty.
    """
    try:
        import fcntl
    except ImportError:  # Windows
        return 0
    set_size = getattr(fcntl, "F_SETPIPE_SZ", None)
    get_size = getattr(fcntl, "F_GETPIPE_SZ", None)
    if set_size is None or get_size is None:
        return 0
    with contextlib.suppress(OSError):
        fcntl.fcntl(fd, set_size, size)
    try:
        return int(fcntl.fcntl(fd, get_size))
    except OSError:
        return 0
