"""Regular expressions compiled on first use instead of at import.

Compiling a pattern costs 30-550 µs in pure Python (``re._parser``/``re._compiler``);
the module-level patterns of the parse path added ~6 ms to ``import newsmeta`` (issue 14:
within attrs' own import + 10 ms).  Many serve error paths and rare branches only, and a
program that imports newsmeta without parsing needs none of them.

``_NAME = lazy(pattern)`` at module level stands in for ``re.compile(pattern)``.  Its
first ``match``/``search``/... compiles the pattern and puts the compiled pattern in
its place in the defining module (every global bound to it), so that the module's later
uses cost exactly what they cost with ``re.compile`` at import: no wrapper on hot paths.
Another module holding the object itself gets the compiled pattern's bound methods
(stored on the instance, one lookup more).  ``lazy(pattern).call("match")`` stands in
for ``re.compile(pattern).match`` bound at module level, and is replaced the same way.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator, MutableMapping
from typing import Any

__all__ = ["LazyPattern", "lazy"]

_METHODS = ("match", "fullmatch", "search", "finditer", "findall", "sub", "subn", "split")


class LazyPattern:
    """``re.compile(pattern, flags)``, done on the first use of a method."""

    def __init__(self, pattern: str, flags: int, namespace: MutableMapping[str, Any]) -> None:
        self.pattern = pattern
        self.flags = flags
        self._namespace = namespace

    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern, now in this object's place in its module."""
        compiled = re.compile(self.pattern, self.flags)
        for method in _METHODS:  # instance attributes: they shadow the methods below
            setattr(self, method, getattr(compiled, method))
        for name, value in list(self._namespace.items()):
            if value is self:
                self._namespace[name] = compiled
        return compiled

    # Each method compiles, then calls the compiled pattern's own.
    def match(self, *args: Any, **kwargs: Any) -> re.Match[str] | None:
        return self.compiled().match(*args, **kwargs)

    def fullmatch(self, *args: Any, **kwargs: Any) -> re.Match[str] | None:
        return self.compiled().fullmatch(*args, **kwargs)

    def search(self, *args: Any, **kwargs: Any) -> re.Match[str] | None:
        return self.compiled().search(*args, **kwargs)

    def finditer(self, *args: Any, **kwargs: Any) -> Iterator[re.Match[str]]:
        return self.compiled().finditer(*args, **kwargs)

    def findall(self, *args: Any, **kwargs: Any) -> list[Any]:
        return self.compiled().findall(*args, **kwargs)

    def sub(self, *args: Any, **kwargs: Any) -> str:
        return self.compiled().sub(*args, **kwargs)

    def subn(self, *args: Any, **kwargs: Any) -> tuple[str, int]:
        return self.compiled().subn(*args, **kwargs)

    def split(self, *args: Any, **kwargs: Any) -> list[Any]:
        return self.compiled().split(*args, **kwargs)

    def call(self, method: str) -> Callable[..., Any]:
        """A stand-in for ``re.compile(pattern).<method>`` bound at module level: its
        first call compiles, and puts the compiled pattern's bound method in its place
        in the module, as above."""

        def first_call(*args: Any, **kwargs: Any) -> Any:
            bound = getattr(self.compiled(), method)
            for name, value in list(self._namespace.items()):
                if value is first_call:
                    self._namespace[name] = bound
            return bound(*args, **kwargs)

        first_call.__name__ = method
        return first_call

    def __repr__(self) -> str:
        flags = f", {self.flags}" if self.flags else ""
        return f"lazy({self.pattern!r}{flags})"


def lazy(pattern: str, flags: int = 0) -> LazyPattern:
    """*pattern*, compiled on its first use; call it at module level (see above)."""
    return LazyPattern(pattern, flags, sys._getframe(1).f_globals)
