"""Coverage-guided fuzzing of ``newsmeta.parse`` with atheris (libFuzzer for Python).

atheris is not a project dependency; install it into a scratch venv::

    pip install atheris
    python fuzz/fuzz_parse.py -max_total_time=1800 -max_len=4096 fuzz/corpus

Any exception that is not a ``NewsmetaError`` is a finding (libFuzzer writes the
input to ``crash-<sha1>``); so is a successful parse whose ``to_dict`` cannot be
dumped as JSON or does not round-trip through ``from_dict``.  Replay one with
``python fuzz/fuzz_parse.py crash-<sha1>``.
"""

from __future__ import annotations

import json
import math
import sys
from typing import Any

import atheris

with atheris.instrument_imports():
    import importlib
    import pkgutil

    import newsmeta

    # newsmeta imports some steps lazily (the YAML event loader, the TOML key
    # scan, dates); import them here so that they are instrumented too.
    for _module in pkgutil.iter_modules(newsmeta.__path__, "newsmeta."):
        if _module.name not in ("newsmeta.__main__", "newsmeta.cli"):
            importlib.import_module(_module.name)


def _has_nan(value: Any) -> bool:
    # NaN != NaN, so an article holding one in ``extra`` never compares equal to
    # its round trip; that is Python's float semantics, not a newsmeta bug.
    if isinstance(value, float):
        return math.isnan(value)
    if isinstance(value, dict) and value == {"$float": "nan"}:  # how to_dict writes NaN
        return True
    if isinstance(value, dict):
        return any(_has_nan(k) or _has_nan(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(_has_nan(v) for v in value)
    return False


def check(data: bytes) -> None:
    """Parse *data*; raise AssertionError or the stray exception on a finding."""
    try:
        article = newsmeta.parse(data)
    except newsmeta.NewsmetaError:
        return
    plain = newsmeta.to_dict(article)
    json.dumps(plain, allow_nan=False)  # strict JSON: to_dict tags NaN and infinities
    if not _has_nan(plain):
        assert newsmeta.from_dict(plain) == article, "from_dict(to_dict(a)) != a"


def test_one_input(data: bytes) -> None:
    check(data)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
