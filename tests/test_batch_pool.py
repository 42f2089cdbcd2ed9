"""Worker processes: chunks that end finer, a result pipe that holds a chunk's message."""

from __future__ import annotations

import os
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsmeta import _pool, parse_many
from newsmeta.batch import _TAIL_DIVISOR, DEFAULT_CHUNKSIZE, _chunks, _init_worker, _Task

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


@given(st.integers(0, 400), st.integers(1, 70), st.integers(0, 4))
def test_chunks_keep_every_task_in_order_and_end_in_smaller_chunks(
    count: int, size: int, workers: int
) -> None:
    tasks: list[_Task] = [(f"{i}.md", None) for i in range(count)]
    tail = workers * size
    chunks = list(_chunks(iter(tasks), size, tail))
    assert [task for chunk in chunks for task in chunk] == tasks
    assert all(chunks)
    small = max(1, size // _TAIL_DIVISOR) if tail else size
    # Full chunks while more than size + tail tasks remained, then the rest in small ones.
    full = max(0, (count - tail) // size)
    assert [len(c) for c in chunks[:full]] == [size] * full
    assert all(len(c) <= small for c in chunks[full:])
    assert sum(len(c) for c in chunks[full:]) == count - full * size <= size + tail


def test_default_chunks_give_the_results_of_one_process() -> None:
    # Enough inputs for full chunks of the default size and a tail of small ones.
    count = 4 * DEFAULT_CHUNKSIZE + 7
    sources = [(f"{i}.md", f"---\ntitle: number {i}\n---\nbody\n") for i in range(count)]
    sources[150] = ("bad.md", "---\ntitle: [unclosed\n---\n")
    one = [(r.name, r.article, r.message) for r in parse_many(sources)]
    two = [(r.name, r.article, r.message) for r in parse_many(sources, workers=2)]
    assert two == one
    assert [name for name, _, message in two if message] == ["bad.md"]


def test_chunksize_must_be_positive_or_none() -> None:
    with pytest.raises(ValueError, match=r"^chunksize must be None or >= 1, not 0$"):
        parse_many([("a.md", "---\ntitle: a\n---\n")], workers=2, chunksize=0)
