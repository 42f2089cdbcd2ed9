"""``newsmeta._lazy_re``: module-level patterns compiled on first use (import time)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import types
from typing import Any

import pytest

from newsmeta._lazy_re import LazyPattern, lazy

from .conftest import ROOT

_PATTERN = r"(\d+)-(\d+)"
_TEXTS = ("", "12-34", "a 1-2 and 3-4", "no digits", "99-")


def _module(source: str) -> types.ModuleType:
    module = types.ModuleType("lazy_example")
    exec(source, module.__dict__)
    return module


@pytest.mark.parametrize(
    ("method", "extra"),
    [
        ("match", ()),
        ("fullmatch", ()),
        ("search", ()),
        ("findall", ()),
        ("split", ()),
        ("sub", ("<\\2\\1>",)),
        ("subn", ("#",)),
    ],
)
def test_each_method_gives_what_the_compiled_pattern_gives(
    method: str, extra: tuple[Any, ...]
) -> None:
    compiled = re.compile(_PATTERN)
    for text in _TEXTS:
        pattern = lazy(_PATTERN)
        args = (*extra, text)
        expected = getattr(compiled, method)(*args)
        first, again = getattr(pattern, method)(*args), getattr(pattern, method)(*args)
        for found in (first, again):
            if isinstance(expected, re.Match):
                assert isinstance(found, re.Match) and found.span() == expected.span()
                assert found.groups() == expected.groups()
            else:
                assert found == expected


def test_finditer_and_flags() -> None:
    pattern = lazy(r"[a-z]+", re.IGNORECASE)
    assert [m.group() for m in pattern.finditer("Ab 1 cD")] == ["Ab", "cD"]
    assert repr(lazy("x", re.IGNORECASE)) == f"lazy('x', {re.IGNORECASE})"
    assert repr(lazy("x")) == "lazy('x')"


def test_first_use_puts_the_compiled_pattern_in_its_place() -> None:
    module = _module(
        "from newsmeta._lazy_re import lazy\n"
        f"PATTERN = ALIAS = lazy({_PATTERN!r})\n"
        "def find(text):\n"
        "    return PATTERN.search(text)\n"
    )
    held = module.PATTERN  # another module's `from m import PATTERN`
    assert isinstance(held, LazyPattern)
    assert module.find("x 1-2").group() == "1-2"
    assert module.PATTERN is module.ALIAS is re.compile(_PATTERN)
    assert held.search("3-4") is not None  # the holder still works, now compiled
    assert held.match("x") is None


def test_call_stands_in_for_a_bound_method_until_its_first_call() -> None:
    module = _module(
        f"from newsmeta._lazy_re import lazy\nMATCH = lazy({_PATTERN!r}).call('match')\n"
    )
    stand_in = module.MATCH
    assert stand_in.__name__ == "match"
    assert module.MATCH("7-8 rest").groups() == ("7", "8")
    assert module.MATCH.__self__ is re.compile(_PATTERN)  # the module calls it directly now
    assert module.MATCH("rest") is None
    assert stand_in("1-2").groups() == ("1", "2")  # a holder of the stand-in still works


_SCAN = """
import importlib, json, sys
from pathlib import Path
import newsmeta
from newsmeta._lazy_re import LazyPattern
package = Path(newsmeta.__file__).parent
found = []
for path in sorted(package.rglob("*.py")):
    if "lazy(" not in path.read_text(encoding="utf-8") or path.stem == "_lazy_re":
        continue
    dotted = ".".join(path.relative_to(package.parent).with_suffix("").parts)
    for name, value in vars(importlib.import_module(dotted)).items():
        cells = [cell.cell_contents for cell in getattr(value, "__closure__", None) or ()]
        for held in (value, *cells):
            if isinstance(held, LazyPattern):
                found.append((dotted + "." + name, held.pattern, held.flags))
json.dump(found, sys.stdout)
"""


def test_every_lazy_pattern_of_newsmeta_compiles() -> None:
    # A pattern compiled at import fails at once; a lazy one only on the branch that
    # first uses it: so each is compiled here.  Listed in a fresh interpreter, where
    # none has been used yet (a used one is a compiled pattern in its module).
    scan = subprocess.run(
        [sys.executable, "-c", _SCAN], capture_output=True, text=True, check=True, cwd=ROOT
    )
    patterns = json.loads(scan.stdout)
    for name, pattern, flags in patterns:
        assert isinstance(re.compile(pattern, flags), re.Pattern), name
    names = {name for name, _, _ in patterns}
    # A few of each kind: an object, a .call() stand-in, one used on every parse.
    assert {"newsmeta.load._TOML_POSITION", "newsmeta._yaml_multiline._SINGLE_END"} <= names
    assert "newsmeta._yaml_resolve._TIMESTAMP_RESOLVE_RE" in names
    assert len(patterns) >= 30


def test_keyword_arguments_reach_the_compiled_pattern() -> None:
    assert lazy(r"[.:]").split("a.b:c", maxsplit=1) == ["a", "b:c"]
    assert lazy(r"\d").sub("#", "a1b2", count=1) == "a#b2"
    assert lazy(r"\d").call("findall")("a1b2", pos=2) == ["2"]
