"""The ``Parser``: one configured pipeline split -> load -> detect -> adapt -> convert.

Adapters are registered per instance (no global list), so two parsers in one
program never see each other's sources.  Installed plugins (``newsmeta.plugins``)
are found by name on demand and join detection only when asked for.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from . import _yaml
from . import plugins as _plugins
from .adapter import Adapter, Normalized
from .convert import build_article
from .detect import DEFAULT_THRESHOLD, Detection, choose, rank
from .dialects import BUILTIN_ADAPTERS
from .errors import (
    AdapterError,
    DialectError,
    FieldError,
    FieldProblem,
    LimitError,
    NewsmetaError,
    SourceError,
)
from .filename import FileFacts, apply_facts, facts_from_filename
from .load import load, locate_key
from .model import Article, Diagnostic
from .split import Split, decode, split

__all__ = ["DEFAULT_LIMITS", "Parser"]

#: Defaults of the ``Parser`` limits, documented in the README.
DEFAULT_LIMITS: Mapping[str, int] = {
    "max_front_matter_bytes": 1024 * 1024,
    "max_body_bytes": 64 * 1024 * 1024,
    "max_alias_expansion": 10_000,
    "max_depth": 200,
}


class Parser:
    """A configured newsmeta pipeline.

    *adapters* are added to the built-in dialects (``hugo``, ``aggregator``,
    ``generic``) unless *builtins* is false.  *plugins* adds installed
    entry-point plugins to detection: a list of their names, or ``True`` for
    all of them (a plugin is always reachable by name with ``dialect=``).
    With *strict*, any diagnostic (a naive time taken as UTC, a skipped empty
    item ...) is an error.
    """

    def __init__(
        self,
        adapters: Iterable[Adapter] = (),
        *,
        builtins: bool = True,
        plugins: bool | Iterable[str] = False,
        strict: bool = False,
        duplicate_keys: _yaml.DuplicatePolicy = "error",
        threshold: float = DEFAULT_THRESHOLD,
        max_front_matter_bytes: int = DEFAULT_LIMITS["max_front_matter_bytes"],
        max_body_bytes: int = DEFAULT_LIMITS["max_body_bytes"],
        max_alias_expansion: int = DEFAULT_LIMITS["max_alias_expansion"],
        max_depth: int = DEFAULT_LIMITS["max_depth"],
    ) -> None:
        if duplicate_keys not in ("error", "last"):
            raise ValueError(f"duplicate_keys must be 'error' or 'last', not {duplicate_keys!r}")
        self._adapters: dict[str, Adapter] = {}
        for adapter in (*(BUILTIN_ADAPTERS if builtins else ()), *adapters):
            self.register(adapter)
        if plugins is True:
            plugin_names: Iterable[str] = _plugins.installed()
        elif plugins is False:
            plugin_names = ()
        else:
            plugin_names = plugins
        for name in plugin_names:
            self.register(_plugins.load_plugin(name))
        self.strict = strict
        self.duplicate_keys: _yaml.DuplicatePolicy = duplicate_keys
        self.threshold = threshold
        self.max_front_matter_bytes = max_front_matter_bytes
        self.max_body_bytes = max_body_bytes
        self.max_alias_expansion = max_alias_expansion
        self.max_depth = max_depth

    # -- registry ---------------------------------------------------------------

    @property
    def adapters(self) -> tuple[Adapter, ...]:
        """The adapters taking part in detection, in registration order."""
        return tuple(self._adapters.values())

    def register(self, adapter: Adapter, *, replace: bool = False) -> None:
        """Add *adapter*; a name already taken is an error unless *replace*."""
        if not isinstance(adapter, Adapter):
            raise AdapterError(
                f"{adapter!r} is not an adapter; expected name, fallback, score, voters, normalize"
            )
        if adapter.name in self._adapters and not replace:
            raise AdapterError(
                f"an adapter named {adapter.name!r} is already registered; "
                "pass replace=True to replace it"
            )
        self._adapters[adapter.name] = adapter

    def adapter(self, name: str, *, path: str | None = None) -> Adapter:
        """The registered adapter called *name*, else the installed plugin of that name."""
        if name in self._adapters:
            return self._adapters[name]
        installed = _plugins.installed()
        if name in installed:
            return _plugins.load_plugin(name)
        known = ", ".join(self._adapters) or "none"
        plugins_note = f"; installed plugins: {', '.join(installed)}" if installed else ""
        raise DialectError(
            f"unknown dialect {name!r}; registered: {known}{plugins_note}",
            candidates=[(n, 0.0) for n in self._adapters],
            path=path,
        )

    # -- pipeline ---------------------------------------------------------------

    def detect(
        self,
        source: Mapping[str, Any] | str | bytes,
        *,
        path: str | os.PathLike[str] | None = None,
    ) -> Detection:
        """Every adapter's score, the keys that voted, and the choice.

        *source* is a loaded front-matter mapping or a whole document (text or
        bytes), which is split and loaded first; *path* only labels errors.
        """
        if isinstance(source, str | bytes):
            where = None if path is None else os.fspath(path)
            source, _ = self.load(self.split(source, path=where), path=where)
        return rank(self.adapters, source, threshold=self.threshold)

    def split(self, text: str | bytes, *, path: str | None = None) -> Split:
        if isinstance(text, bytes):
            text = decode(text, path=path)
        result = split(text, path=path)
        if len(result.front_matter) > self.max_front_matter_bytes:
            raise LimitError(
                f"front matter is {len(result.front_matter)} characters; "
                f"the limit is {self.max_front_matter_bytes} (Parser(max_front_matter_bytes=...))",
                path=path,
                line=result.line_offset,
                column=1,
            )
        if len(result.body) > self.max_body_bytes:
            raise LimitError(
                f"body is {len(result.body)} characters; "
                f"the limit is {self.max_body_bytes} (Parser(max_body_bytes=...))",
                path=path,
            )
        return result

    def load(
        self, parts: Split, *, path: str | None = None
    ) -> tuple[dict[str, Any], tuple[Diagnostic, ...]]:
        try:
            loaded = load(
                parts,
                duplicate_keys=self.duplicate_keys,
                max_alias_expansion=self.max_alias_expansion,
                max_depth=self.max_depth,
            )
        except SourceError as exc:
            raise exc.located(path, parts.line_offset) from exc.__cause__
        diagnostics = tuple(_shift(d, parts.line_offset) for d in loaded.diagnostics)
        return dict(loaded.mapping), diagnostics

    def parse(
        self,
        text: str | bytes,
        *,
        dialect: str | None = None,
        path: str | os.PathLike[str] | None = None,
    ) -> Article:
        """Parse one document (text or bytes) into an ``Article``."""
        where = None if path is None else os.fspath(path)
        return self._parse(text, dialect, where, None)

    def _parse(
        self, text: str | bytes, dialect: str | None, where: str | None, facts: FileFacts | None
    ) -> Article:
        parts = self.split(text, path=where)
        mapping, load_diagnostics = self.load(parts, path=where)
        if dialect is None:
            adapter = self._detected(mapping, where, facts)
        else:
            adapter = self.adapter(dialect, path=where)
        normalized = self._normalize(adapter, mapping, where)
        if facts is not None:
            normalized = apply_facts(normalized, facts)
        article, problems, diagnostics = build_article(
            normalized, body=parts.body, dialect=adapter.name, format=parts.format
        )
        all_diagnostics = [*load_diagnostics, *(self._place(d, parts) for d in diagnostics)]
        if problems:
            raise self._field_error(problems_to_fields(problems, parts), where)
        assert article is not None
        if self.strict and all_diagnostics:
            raise self._field_error(
                [
                    FieldProblem(d.key or "", f"{d.message} (strict)", d.line, d.column)
                    for d in all_diagnostics
                ],
                where,
            )
        if all_diagnostics:
            article = _with_diagnostics(article, tuple(all_diagnostics))
        return article

    def parse_file(self, path: str | os.PathLike[str], *, dialect: str | None = None) -> Article:
        """Read and parse the file at *path*; errors name the file.

        A Jekyll-style name (``2017-2-5-some-title.md``) gives the published
        date and the title when the front matter has none, with a diagnostic;
        and when no dialect fits such a file, the fallback dialect reads it.
        """
        where = os.fspath(path)
        try:
            data = Path(where).read_bytes()
        except OSError as exc:
            raise SourceError(f"cannot read file: {exc.strerror or exc}", path=where) from exc
        return self._parse(data, dialect, where, facts_from_filename(where))

    # -- helpers ----------------------------------------------------------------

    def _detected(
        self, mapping: Mapping[str, Any], where: str | None, facts: FileFacts | None
    ) -> Adapter:
        detection = self.detect(mapping)
        if detection.chosen is None and facts is not None:
            # Nothing in the front matter fits, but the name is a dated post: that
            # is what a fallback dialect is for (Jekyll's empty front matter).
            specific = [c for c in detection.candidates if not c.fallback]
            if not any(c.score >= self.threshold for c in specific):
                fallback = next((a for a in self.adapters if a.fallback), None)
                if fallback is not None:
                    return fallback
        return self.adapter(choose(detection, path=where), path=where)

    @staticmethod
    def _normalize(adapter: Adapter, mapping: Mapping[str, Any], where: str | None) -> Normalized:
        try:
            normalized = adapter.normalize(mapping)
        except NewsmetaError:
            raise
        except Exception as exc:
            raise AdapterError(
                f"{where or '<string>'}: adapter {adapter.name!r} failed: "
                f"{type(exc).__name__}: {exc}"
            ) from exc
        if not isinstance(normalized, Normalized):
            raise AdapterError(
                f"adapter {adapter.name!r} returned {type(normalized).__name__}; "
                "expected Normalized"
            )
        return normalized

    @staticmethod
    def _place(diagnostic: Diagnostic, parts: Split) -> Diagnostic:
        if diagnostic.key is None or diagnostic.line is not None:
            return diagnostic
        found = locate_key(parts, _split_key(diagnostic.key))
        if found is None:
            return diagnostic
        return Diagnostic(
            code=diagnostic.code,
            message=diagnostic.message,
            key=diagnostic.key,
            line=found[0],
            column=found[1],
        )

    @staticmethod
    def _field_error(problems: list[FieldProblem], where: str | None) -> FieldError:
        return FieldError(problems=problems, path=where)


def problems_to_fields(problems: Iterable[Any], parts: Split) -> list[FieldProblem]:
    result = []
    for problem in problems:
        found = locate_key(parts, problem.path) if problem.path else (parts.line_offset, 1)
        key = ".".join(str(p) for p in problem.path)
        line, column = found if found is not None else (None, None)
        result.append(FieldProblem(key, problem.message, line, column))
    # Report in file order, as a reader scans the file.
    return sorted(result, key=lambda p: (p.line is None, p.line or 0, p.column or 0))


def _split_key(key: str) -> tuple[str | int, ...]:
    return tuple(int(p) if p.isdigit() else p for p in key.split("."))


def _shift(diagnostic: Diagnostic, offset: int) -> Diagnostic:
    if diagnostic.line is None:
        return diagnostic
    return Diagnostic(
        code=diagnostic.code,
        message=diagnostic.message,
        key=diagnostic.key,
        line=diagnostic.line + offset,
        column=diagnostic.column,
    )


def _with_diagnostics(article: Article, diagnostics: tuple[Diagnostic, ...]) -> Article:
    import attrs

    return attrs.evolve(article, diagnostics=diagnostics)
