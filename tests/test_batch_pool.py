"""The worker pool's result pipe holds a whole chunk's message (see newsmeta/_pool.py)."""

from __future__ import annotations

import os
import sys

import pytest

from newsmeta import _pool
from newsmeta.batch import _init_worker

linux_only = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="pipe capacity is a Linux fcntl"
)


@linux_only
def test_widen_pipe_grows_a_default_pipe_to_the_size_asked() -> None:
    import fcntl

    read, write = os.pipe()
    try:
        default = fcntl.fcntl(read, fcntl.F_GETPIPE_SZ)
        widened = _pool.widen_pipe(read, _pool.RESULT_PIPE_BYTES)
    finally:
        os.close(read)
        os.close(write)
    assert default == 65536
    assert widened == _pool.RESULT_PIPE_BYTES


def test_widen_pipe_on_something_that_is_no_pipe_reports_no_capacity() -> None:
    with open(os.devnull, "rb") as file:
        assert _pool.widen_pipe(file.fileno(), _pool.RESULT_PIPE_BYTES) == 0


@linux_only
def test_the_pools_result_pipe_is_widened() -> None:
    pool = _pool.new_pool(1, _init_worker, (b"", (None, False)))
    try:
        # Private to concurrent.futures: if a Python version renames it, this test
        # says so (the pool would silently keep a 64 KiB pipe and a growing heap).
        reader = pool._result_queue._reader  # type: ignore[attr-defined]
        import fcntl

        assert fcntl.fcntl(reader.fileno(), fcntl.F_GETPIPE_SZ) == _pool.RESULT_PIPE_BYTES
    finally:
        pool.shutdown()
