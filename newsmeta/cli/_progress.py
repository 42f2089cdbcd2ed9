"""Progress on stderr: a tqdm bar when installed, else a one-line counter."""

from __future__ import annotations

import sys
import time
from typing import IO

from ..batch import Summary


class _Counter:
    """A one-line counter, redrawn at most ten times a second (no tqdm installed)."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream
        self._last = 0.0
        self._text = ""

    def update(self, summary: Summary) -> None:
        now = time.monotonic()
        if now - self._last < 0.1:
            return
        self._last = now
        files = "file" if summary.seen == 1 else "files"
        self._text = f"{summary.seen} {files}, {summary.failed} failed"
        self._stream.write("\r" + self._text)
        self._stream.flush()

    def write(self, text: str) -> None:
        self._stream.write("\r" + " " * len(self._text) + "\r" + text + "\n")
        self._stream.write("\r" + self._text)

    def close(self) -> None:
        self._stream.write("\r" + " " * len(self._text) + "\r")
        self._stream.flush()


class _Bar:
    """tqdm's bar; the total is unknown because folders are walked lazily."""

    def __init__(self, stream: IO[str]) -> None:
        from tqdm import tqdm

        self._bar = tqdm(file=stream, unit=" files", leave=False, dynamic_ncols=True)
        self._write = tqdm.write
        self._stream = stream

    def update(self, summary: Summary) -> None:
        self._bar.set_postfix_str(f"{summary.failed} failed", refresh=False)
        self._bar.update(1)

    def write(self, text: str) -> None:
        self._write(text, file=self._stream)

    def close(self) -> None:
        self._bar.close()


def _progress(stream: IO[str]) -> _Counter | _Bar:
    try:
        return _Bar(stream)
    except ImportError:
        return _Counter(stream)


def _report(message: str, progress: _Counter | _Bar | None) -> None:
    if progress is None:
        print(message, file=sys.stderr)
    else:
        progress.write(message)
