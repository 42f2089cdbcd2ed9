"""Regular expressions compiled on first use instead of at import.

Compiling a pattern costs 30-550 µs in pure Python (``re._parser``/``re._compiler``);
the module-level patterns of the parse path added ~6 ms to ``import newsmeta``, most of
them for error paths and rare branches (issue 14: ``import newsmeta`` within attrs' own
import + 10 ms).

``lazy(pattern)`` stands in for ``re.compile(pattern)`` at module level.  Its first
``match``/``search``/... compiles the pattern and stores the compiled pattern's bound
methods on the instance, so every later call costs what it costs on an ``re.Pattern``
(an instance-dict lookup instead of a method lookup).  ``lazy(pattern).call("match")``
stands in for ``re.compile(pattern).match`` bound at module level, for a rare branch.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

__all__ = ["LazyPattern", "lazy"]

# The methods that trigger compiling (and are then the compiled pattern's own).
_METHODS = frozenset(
    ("match", "fullmatch", "search", "finditer", "findall", "sub", "subn", "split")
)


class LazyPattern:
    """``re.compile(pattern, flags)``, done on the first use of a method."""

    # Declared for type checkers only: at run time these are absent until the first
    # use (``__getattr__`` compiles), then instance attributes.
    match: Callable[..., re.Match[str] | None]
    fullmatch: Callable[..., re.Match[str] | None]
    search: Callable[..., re.Match[str] | None]
    finditer: Callable[..., Iterator[re.Match[str]]]
    findall: Callable[..., list[Any]]
    sub: Callable[..., str]
    subn: Callable[..., tuple[str, int]]
    split: Callable[..., list[Any]]

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags

    def __getattr__(self, name: str) -> Any:
        # Reached only for names not in the instance dict: before the first use.
        if name not in _METHODS:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        compiled = self.compiled()
        for method in _METHODS:
            setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)

    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (``re`` keeps it in its cache after the first call)."""
        return re.compile(self.pattern, self.flags)

    def call(self, method: str) -> Callable[..., Any]:
        """A function calling *method* of the compiled pattern, compiling it on first call.

        For a pattern bound as ``re.compile(...).match`` at module level: a call costs
        one Python call more than the bound method, so use it on rare branches only."""

        def first_call(*args: Any) -> Any:
            return getattr(self, method)(*args)

        first_call.__name__ = method
        return first_call

    def __repr__(self) -> str:
        return f"lazy({self.pattern!r}{', ' + str(self.flags) if self.flags else ''})"


def lazy(pattern: str, flags: int = 0) -> LazyPattern:
    """*pattern*, compiled on its first use (see the module's doc)."""
    return LazyPattern(pattern, flags)
