"""Every error newsmeta raises, in one hierarchy.

Each concrete error also subclasses the builtin that users already catch, so
``except ValueError`` keeps working for code that does not know newsmeta::

    NewsmetaError
    ├── SourceError (ValueError)          a file could not be read; carries path:line:col
    │   ├── EncodingError                 bytes are not text we can decode
    │   ├── FrontMatterError              no, unclosed or unsupported front matter
    │   ├── LoadError                     YAML/TOML/JSON did not parse
    │   ├── StructureError                root is not a mapping, duplicate or non-string keys
    │   ├── LimitError                    input exceeds a configured limit (size, aliases, depth)
    │   └── FieldError                    one or more fields have wrong values (all reported)
    ├── DialectError (LookupError)        no adapter fits, a tie, or an unknown dialect name
    │   └── NotAnArticleError             no title, date, author, summary or URL (a partial)
    ├── AdapterError (ValueError)         an adapter definition is invalid or names clash
    │   └── AdapterFileError (SourceError)  a mapping file for load_adapter is invalid
    ├── PluginError (ImportError)         an entry-point plugin failed to load
    ├── MissingExtraError (ImportError)   an optional integration's extra is not installed
    ├── WriteError (ValueError)           an article cannot be written or edited as asked
    └── UnexpectedError (RuntimeError)    a bug surfaced while reading one input (batch runs)

Line and column are 1-based and counted from the top of the file, so an editor
can jump to them.  Errors pickle with all their fields (batch workers send them
between processes).

Attributes, for programs (``str(error)`` is the message for people):

* ``SourceError`` and its subclasses: ``path`` (``None`` for text without one),
  ``line``, ``column`` (``None`` when unknown) and ``reason`` (the message
  without its ``path:line:col:`` prefix).
* ``FieldError``: also ``problems``, a tuple of ``FieldProblem(key, message,
  line, column)``, one per bad field, in file order; the error's own position
  is the first one's.
* ``DialectError``: ``message``, ``path`` and ``candidates`` (``(name, score)``
  pairs, best first).
* ``PluginError``: ``message``, ``plugin`` (the entry-point name) and ``package``.
* ``UnexpectedError``: ``message``, ``path``, ``kind`` (the original exception's
  class name) and ``details`` (its formatted traceback, as text).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = [
    "AdapterError",
    "AdapterFileError",
    "DialectError",
    "EncodingError",
    "FieldError",
    "FieldProblem",
    "FrontMatterError",
    "LimitError",
    "LoadError",
    "MissingExtraError",
    "NewsmetaError",
    "NotAnArticleError",
    "PluginError",
    "SourceError",
    "StructureError",
    "UnexpectedError",
    "WriteError",
]


class NewsmetaError(Exception):
    """Base of every error newsmeta raises."""


class SourceError(NewsmetaError, ValueError):
    """A problem in one input, located by path, line and column.

    ``str(error)`` reads ``path:line:col: reason``; parts that are unknown are
    left out (``<string>`` stands for text without a path).

    Attributes: ``reason`` (the message alone), ``path`` (``str | None``),
    ``line`` and ``column`` (1-based from the top of the file, ``int | None``).
    """

    def __init__(
        self,
        reason: str,
        *,
        path: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.reason = reason
        self.path = path
        self.line = line
        self.column = column
        super().__init__(self._render())

    def _render(self) -> str:
        where = self.path if self.path is not None else "<string>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.reason}"

    def __str__(self) -> str:
        return self._render()

    def _state(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "column": self.column}

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), (self.reason,), self._state()))

    def located(self, path: str | None, line_offset: int = 0) -> SourceError:
        """A copy of this error with *path* set and its line shifted by *line_offset*."""
        state = self._state()
        state["path"] = path if path is not None else self.path
        if self.line is not None:
            state["line"] = self.line + line_offset
        clone: SourceError = _rebuild(type(self), (self.reason,), state)
        clone.__cause__ = self.__cause__
        return clone


def _rebuild(cls: type[Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    return cls(*args, **kwargs)


class EncodingError(SourceError):
    """The bytes could not be decoded as text."""


class FrontMatterError(SourceError):
    """No front matter, an unclosed block, or a front-matter language we do not read."""


class LoadError(SourceError):
    """The front matter is not valid YAML, TOML or JSON."""


class StructureError(SourceError):
    """The front matter parsed but is not a mapping of string keys (or repeats a key)."""


class LimitError(SourceError):
    """The input exceeds a configured limit: size, alias expansion or nesting depth."""


class FieldProblem:
    """One field that could not be converted: which source key, where, and why.

    Attributes: ``key`` (the dotted source key path, e.g. ``"link.href"``),
    ``message`` (``"'date' is not a date: 'yesterday'"``), ``line``, ``column``.
    """

    __slots__ = ("column", "key", "line", "message")

    def __init__(
        self, key: str, message: str, line: int | None = None, column: int | None = None
    ) -> None:
        self.key = key
        self.message = message
        self.line = line
        self.column = column

    def __repr__(self) -> str:
        return (
            f"FieldProblem({self.key!r}, {self.message!r}, line={self.line}, column={self.column})"
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, FieldProblem):
            return NotImplemented
        return (self.key, self.message, self.line, self.column) == (
            other.key,
            other.message,
            other.line,
            other.column,
        )

    def __hash__(self) -> int:
        return hash((self.key, self.message, self.line, self.column))

    def __reduce__(self) -> tuple[Any, ...]:
        return (FieldProblem, (self.key, self.message, self.line, self.column))


class FieldError(SourceError):
    """One or more fields have values of the wrong kind; all of them are in ``problems``.

    ``problems`` is a tuple of ``FieldProblem``, in file order.  The error
    itself (``reason``, ``line``, ``column``) is the first problem; its message
    lists every one, one per line.
    """

    def __init__(
        self,
        reason: str = "",
        *,
        problems: Sequence[FieldProblem] = (),
        path: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.problems = tuple(problems)
        if not reason and self.problems:
            reason = self.problems[0].message
        if line is None and self.problems:
            line, column = self.problems[0].line, self.problems[0].column
        super().__init__(reason, path=path, line=line, column=column)

    def _render(self) -> str:
        first = super()._render()
        rest = self.problems[1:]
        if not rest:
            return first
        where = self.path if self.path is not None else "<string>"
        lines = [first]
        for problem in rest:
            loc = where
            if problem.line is not None:
                loc += f":{problem.line}"
                if problem.column is not None:
                    loc += f":{problem.column}"
            lines.append(f"{loc}: {problem.message}")
        return "\n".join(lines)

    def _state(self) -> dict[str, Any]:
        state = super()._state()
        state["problems"] = self.problems
        return state

    def located(self, path: str | None, line_offset: int = 0) -> SourceError:
        moved = tuple(
            FieldProblem(
                p.key, p.message, None if p.line is None else p.line + line_offset, p.column
            )
            for p in self.problems
        )
        line = None if self.line is None else self.line + line_offset
        clone = FieldError(
            self.reason,
            problems=moved,
            path=path if path is not None else self.path,
            line=line,
            column=self.column,
        )
        clone.__cause__ = self.__cause__
        return clone


class DialectError(NewsmetaError, LookupError):
    """No adapter fits, two fit equally well, or a dialect name is unknown.

    Attributes: ``message``, ``path`` (``str | None``) and ``candidates``,
    ``(name, score)`` pairs, best first.
    """

    def __init__(
        self,
        message: str,
        *,
        candidates: Sequence[tuple[str, float]] = (),
        path: str | None = None,
    ) -> None:
        self.message = message
        self.candidates = tuple(candidates)
        self.path = path
        super().__init__(str(self))

    def __str__(self) -> str:
        prefix = f"{self.path}: " if self.path is not None else ""
        return prefix + self.message

    def __reduce__(self) -> tuple[Any, ...]:
        return (
            _rebuild,
            (type(self), (self.message,), {"candidates": self.candidates, "path": self.path}),
        )


class NotAnArticleError(DialectError):
    """The front matter holds nothing an article has: no title, date, author, summary or URL.

    Such files are pages of a site that are not stories (a Hugo partial holding
    only ``_comment``, a Zola section with only ``template``, a 404 page).  It is
    a ``DialectError``: no dialect finds an article in it; ``keys`` lists what
    the front matter did hold.
    """

    def __init__(
        self,
        message: str,
        *,
        candidates: Sequence[tuple[str, float]] = (),
        path: str | None = None,
        keys: Sequence[str] = (),
    ) -> None:
        self.keys = tuple(keys)
        super().__init__(message, candidates=candidates, path=path)

    def __reduce__(self) -> tuple[Any, ...]:
        state = {"candidates": self.candidates, "path": self.path, "keys": self.keys}
        return (_rebuild, (type(self), (self.message,), state))


class AdapterError(NewsmetaError, ValueError):
    """An adapter definition is invalid, its name clashes with a registered one, or
    an adapter broke its contract while reading a file (an unknown field, provenance
    for a missing key, a score that is not a number in [0, 1])."""


class PluginError(NewsmetaError, ImportError):
    """An adapter published under the ``newsmeta.adapters`` entry point failed to load.

    Attributes: ``message``, ``plugin`` (the entry-point name) and ``package``
    (the distribution that publishes it, when known).
    """

    def __init__(self, message: str, *, plugin: str = "", package: str = "") -> None:
        self.message = message
        self.plugin = plugin
        self.package = package
        super().__init__(message)

    def __reduce__(self) -> tuple[Any, ...]:
        return (
            _rebuild,
            (type(self), (self.message,), {"plugin": self.plugin, "package": self.package}),
        )


class MissingExtraError(NewsmetaError, ImportError):
    """An optional integration (Arrow, Dask, canonical URLs, ``newsmeta.testing``)
    was used without its extra; the message names the ``pip install "newsmeta[extra]"``
    to run."""


class AdapterFileError(AdapterError, SourceError):
    """A mapping file given to ``load_adapter`` is invalid; ``str`` is ``path:line:col: reason``.

    It is an ``AdapterError`` (what the caller asked for failed) and a
    ``SourceError`` (the problem has a place in a file).
    """


class UnexpectedError(NewsmetaError, RuntimeError):
    """An exception that is not a newsmeta error escaped while reading one input.

    Batch runs (``parse_many``) wrap it so one buggy adapter or one odd file
    never stops a pipeline; ``str(error)`` reads ``path: unexpected Kind: text``
    and ``details`` keeps the formatted traceback (it survives pickling, the
    original exception may not).  Attributes: ``message``, ``path``, ``kind``
    (the original exception's class name) and ``details``.  A bug inside an
    adapter's ``normalize`` is one too, in ``parse`` as in ``parse_many``.
    """

    def __init__(
        self, message: str, *, path: str | None = None, kind: str = "", details: str = ""
    ) -> None:
        self.message = message
        self.path = path
        self.kind = kind
        self.details = details
        super().__init__(str(self))

    def __str__(self) -> str:
        prefix = f"{self.path}: " if self.path is not None else ""
        return f"{prefix}unexpected {self.kind or 'error'}: {self.message}"

    def __reduce__(self) -> tuple[Any, ...]:
        state = {"path": self.path, "kind": self.kind, "details": self.details}
        return (_rebuild, (type(self), (self.message,), state))


class WriteError(NewsmetaError, ValueError):
    """An article cannot be written (a value the format cannot hold, a dialect
    that cannot write) or an edit would not give the intended article."""
