"""``newsmeta._lazy_re``: module-level patterns compiled on first use (import time)."""

from __future__ import annotations

import importlib
import re
import types
from pathlib import Path
from typing import Any

import pytest

import newsmeta
from newsmeta._lazy_re import LazyPattern, lazy

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


def _lazy_patterns() -> list[tuple[str, LazyPattern]]:
    """Every LazyPattern of newsmeta's modules: module globals and ``.call`` functions."""
    found: list[tuple[str, LazyPattern]] = []
    package = Path(newsmeta.__file__).parent
    for path in sorted(package.rglob("*.py")):
        if "lazy(" not in path.read_text(encoding="utf-8") or path.stem == "_lazy_re":
            continue
        dotted = ".".join(path.relative_to(package.parent).with_suffix("").parts)
        module = importlib.import_module(dotted)
        for name, value in vars(module).items():
            if isinstance(value, LazyPattern):
                found.append((f"{dotted}.{name}", value))
            for cell in getattr(value, "__closure__", None) or ():
                if isinstance(cell.cell_contents, LazyPattern):
                    found.append((f"{dotted}.{name}", cell.cell_contents))
    return found


def test_every_lazy_pattern_of_newsmeta_compiles() -> None:
    # A pattern compiled at import would fail at once; a lazy one only on the branch
    # that first uses it: so each is compiled here.  (Patterns already used by an
    # earlier test in this process are compiled patterns by now, not listed.)
    patterns = _lazy_patterns()
    for name, pattern in patterns:
        assert isinstance(re.compile(pattern.pattern, pattern.flags), re.Pattern), name
    names = {name for name, _ in patterns}
    assert "newsmeta._yaml_simple._SINGLE_END" in names  # a .call() one, never at import
