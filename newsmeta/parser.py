"""The ``Parser``: one configured pipeline split -> load -> detect -> adapt -> convert.

Adapters are registered per instance (no global list), so two parsers in one
program never see each other's sources.  Installed plugins (``newsmeta.plugins``)
are found by name on demand and join detection only when asked for.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from datetime import tzinfo
from typing import Any

from . import _yaml
from . import plugins as _plugins
from ._arguments import dialect_argument, file_path, path_argument, text_argument
from ._contract import normalized_by
from ._lazy_re import lazy
from ._read import read_file
from .adapter import Adapter, Normalized
from .convert import build_article
from .dates import INVALID_DATE, zone_named
from .detect import DEFAULT_THRESHOLD, Detection, choose, clear_winner, rank
from .errors import (
    AdapterError,
    DialectError,
    EncodingError,
    FieldError,
    FieldProblem,
    FrontMatterError,
    LimitError,
    LoadError,
    NotAnArticleError,
    SourceError,
)
from .filename import FileFacts, apply_facts, facts_from_filename
from .heading import apply_heading
from .load import Loaded, load, locate_key
from .model import Article, Diagnostic
from .split import Split, decode, split

__all__ = ["DEFAULT_LIMITS", "Parser"]

#: What ``parse`` reads: text, or bytes in any bytes-like object.
_Input = str | bytes | bytearray | memoryview

#: Defaults of the ``Parser`` limits, documented in the README.
DEFAULT_LIMITS: Mapping[str, int] = {
    "max_front_matter_bytes": 1024 * 1024,
    "max_body_bytes": 64 * 1024 * 1024,
    "max_alias_expansion": 10_000,
    "max_depth": 200,
}
#: Room for fences, a BOM and blank lines in the whole-input check (see ``Parser``).
SIZE_SLACK = 4096
#: ``max_depth`` may not exceed this: ``to_dict``/``from_dict`` and ``json.dumps``
#: recurse once or twice per level and must stay within Python's default limit of 1000.
MAX_SAFE_DEPTH = 300

_SURROGATE = lazy("[\ud800-\udfff]")


class Parser:
    """A configured newsmeta pipeline.

    *adapters* are added to the built-in dialects (``hugo``, ``aggregator``,
    ``generic``) unless *builtins* is false.  *plugins* adds installed
    entry-point plugins to detection: a list of their names, or ``True`` for
    all of them (a plugin is always reachable by name with ``dialect=``).
    With *strict*, any diagnostic (a naive time taken as UTC, a skipped empty
    item ...) is an error.  With *repair*, front matter that fails to load
    because of a common authoring mistake (``'AI's future'``, ``title: a: b``,
    a ``---`` block never closed) is read as plainly meant, with a diagnostic
    per repair (``newsmeta.repair``, ``newsmeta.unclosed``).

    Dates written as text: *dayfirst* reads ``01/02/2025`` as 1 February (the
    default reads it month first; either way with an ``ambiguous-date``
    diagnostic); *default_timezone* (an IANA name such as ``"Europe/Berlin"``
    or a ``tzinfo``) is the zone of times and dates that name none, still
    reported with a ``naive-datetime`` / ``date-only`` diagnostic.

    Limits (``LimitError`` when exceeded; defaults in ``DEFAULT_LIMITS``): sizes
    count characters of the front matter and body; an input (bytes, text or file)
    larger than their sum plus ``SIZE_SLACK`` is refused before it is decoded or
    read.  ``max_depth`` (nesting, root mapping = 1) is at most ``MAX_SAFE_DEPTH``.
    """

    def __init__(
        self,
        adapters: Iterable[Adapter] = (),
        *,
        builtins: bool = True,
        plugins: bool | Iterable[str] = False,
        strict: bool = False,
        repair: bool = False,
        duplicate_keys: _yaml.DuplicatePolicy = "error",
        threshold: float = DEFAULT_THRESHOLD,
        max_front_matter_bytes: int = DEFAULT_LIMITS["max_front_matter_bytes"],
        max_body_bytes: int = DEFAULT_LIMITS["max_body_bytes"],
        max_alias_expansion: int = DEFAULT_LIMITS["max_alias_expansion"],
        max_depth: int = DEFAULT_LIMITS["max_depth"],
        dayfirst: bool = False,
        default_timezone: str | tzinfo = "UTC",
    ) -> None:
        if duplicate_keys not in ("error", "last"):
            raise ValueError(f"duplicate_keys must be 'error' or 'last', not {duplicate_keys!r}")
        limits = {
            "max_front_matter_bytes": max_front_matter_bytes,
            "max_body_bytes": max_body_bytes,
            "max_alias_expansion": max_alias_expansion,
            "max_depth": max_depth,
        }
        for name, limit in limits.items():
            if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
                raise ValueError(f"{name} must be a whole number of at least 1, not {limit!r}")
        if max_depth > MAX_SAFE_DEPTH:
            raise ValueError(
                f"max_depth must be at most {MAX_SAFE_DEPTH} (deeper values could not be "
                f"converted without exceeding Python's recursion limit), not {max_depth}"
            )
        self._adapters: dict[str, Adapter] = {}
        # Building the built-in dialects (~400 key paths checked) waits for the first
        # Parser, not `import newsmeta`.
        from .dialects import BUILTIN_ADAPTERS

        # The same in order, kept as a tuple: detection asks for it per document.
        self._in_order: tuple[Adapter, ...] = ()
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
        self.repair = repair
        self.duplicate_keys: _yaml.DuplicatePolicy = duplicate_keys
        if not 0.0 < threshold <= 1.0:  # also refuses NaN
            raise ValueError(f"threshold must be a score in (0, 1], not {threshold!r}")
        self.threshold = threshold
        self.max_front_matter_bytes = max_front_matter_bytes
        self.max_body_bytes = max_body_bytes
        self.max_alias_expansion = max_alias_expansion
        self.max_depth = max_depth
        if not isinstance(dayfirst, bool):
            raise TypeError(f"dayfirst must be True or False, not {dayfirst!r}")
        self.dayfirst = dayfirst
        self.default_timezone = zone_named(default_timezone)

    # -- registry ---------------------------------------------------------------

    @property
    def adapters(self) -> tuple[Adapter, ...]:
        """The adapters taking part in detection, in registration order."""
        return self._in_order

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
        self._in_order = tuple(self._adapters.values())

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
        source: Mapping[str, Any] | _Input,
        *,
        path: str | os.PathLike[str] | None = None,
    ) -> Detection:
        """Every adapter's score, the keys that voted, and the choice.

        *source* is a loaded front-matter mapping or a whole document (text or
        bytes), which is split and loaded first; *path* only labels errors.
        """
        if not isinstance(source, Mapping):
            where = path_argument(path, "path", optional=True)
            text = text_argument(source, "source")
            source, _ = self.load(self.split(text, path=where), path=where)
        return rank(self.adapters, source, threshold=self.threshold)

    @property
    def max_input_size(self) -> int:
        """Largest input accepted at all: both size limits plus ``SIZE_SLACK``."""
        return self.max_front_matter_bytes + self.max_body_bytes + SIZE_SLACK

    def _check_input_size(self, size: int, unit: str, path: str | None) -> None:
        if size > self.max_input_size:
            raise LimitError(
                f"input is {size} {unit}; the limit is {self.max_input_size} "
                f"(Parser(max_front_matter_bytes=...) + Parser(max_body_bytes=...) + {SIZE_SLACK})",
                path=path,
            )

    def split(self, text: _Input, *, path: str | None = None) -> Split:
        return self._split(text_argument(text), path)

    def _split(self, text: str | bytes, path: str | None) -> Split:
        if isinstance(text, bytes):
            self._check_input_size(len(text), "bytes", path)
            text = decode(text, path=path)
        else:
            self._check_input_size(len(text), "characters", path)
            _reject_surrogates(text, path)
        try:
            result = split(text, path=path, max_front_matter=self.max_front_matter_bytes)
        except FrontMatterError as error:  # a fence plainly left open; else *error* again
            from .unclosed import close_front_matter  # error path only

            result = close_front_matter(
                text, error, repair=self.repair, load=self._load_front_matter
            )
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
            loaded = self._load_front_matter(parts)
        except SourceError as exc:
            raise exc.located(path, parts.line_offset) from exc.__cause__
        if not loaded.diagnostics:
            return dict(loaded.mapping), ()
        diagnostics = tuple(_shift(d, parts.line_offset) for d in loaded.diagnostics)
        return dict(loaded.mapping), diagnostics

    def _load_front_matter(self, parts: Split) -> Loaded:
        """``load`` with this parser's options; positions are front-matter relative."""
        try:
            return self._load_as_is(parts)
        except LoadError as error:
            if not self.repair:
                raise
            from .repair import repair_yaml  # error path only

            return repair_yaml(parts, error, self._load_as_is)

    def _load_as_is(self, parts: Split) -> Loaded:
        return load(
            parts,
            duplicate_keys=self.duplicate_keys,
            max_alias_expansion=self.max_alias_expansion,
            max_depth=self.max_depth,
        )

    def parse(
        self,
        text: _Input,
        *,
        dialect: str | None = None,
        path: str | os.PathLike[str] | None = None,
    ) -> Article:
        """Parse one document (text, or bytes or another bytes-like object) into an
        ``Article``.

        *path* names the document in errors, and its file name and folders give
        a date and title the front matter lacks, as in ``parse_file``.
        """
        where = path_argument(path, "path", optional=True)
        facts = None if where is None else facts_from_filename(where)
        return self._parse(text, dialect_argument(dialect), where, facts)

    def _parse(
        self, text: _Input, dialect: str | None, where: str | None, facts: FileFacts | None
    ) -> Article:
        text = text_argument(text)  # (once: the unclosed-fence repair reads it again)
        parts = self._split(text, where)
        try:
            mapping, load_diagnostics = self.load(parts, path=where)
        except LoadError as error:  # a fence left open, closed by a '---' rule in the body?
            from .unclosed import reopen_front_matter  # error path only

            parts = reopen_front_matter(
                text, parts, error, repair=self.repair, load=self._load_front_matter
            )
            mapping, load_diagnostics = self.load(parts, path=where)
        try:  # an adapter breaking its contract (see _contract) is named with the file
            if dialect is None:
                adapter = self._detected(mapping, where)
            else:
                adapter = self.adapter(dialect, path=where)
            normalized = self._normalize(adapter, mapping, where)
        except AdapterError as exc:
            if type(exc) is not AdapterError:
                raise
            raise AdapterError(f"{where or '<string>'}: {exc}") from exc
        if facts is not None:
            normalized = apply_facts(normalized, facts)
        if _ARTICLE_FIELDS.isdisjoint(normalized.fields):
            raise _not_an_article(mapping, where)
        if "title" not in normalized.fields:
            # An article's body heading is its title; a heading alone makes no
            # article (a 404 page has one too).
            normalized = apply_heading(normalized, parts.body)
        article, problems, diagnostics = build_article(
            normalized,
            body=parts.body,
            dialect=adapter.name,
            format=parts.format,
            dayfirst=self.dayfirst,
            default_timezone=self.default_timezone,
        )
        if not (problems or diagnostics or load_diagnostics or parts.diagnostics):
            assert article is not None  # a clean document (most are): nothing to place
            return article
        locate = _Locator(parts)
        placed = [self._place(d, locate) for d in diagnostics]
        all_diagnostics = [*parts.diagnostics, *_not_restated(load_diagnostics, placed), *placed]
        if problems:
            raise self._field_error(problems_to_fields(problems, parts, locate), where)
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

        A Jekyll-style name (``2017-2-5-some-title.md``) or dated folders give
        the published date (and the title) when the front matter has none, with
        a diagnostic (``newsmeta.filename``).
        """
        where = file_path(path)
        dialect = dialect_argument(dialect)
        data = self.read_file(where)
        return self._parse(data, dialect, where, facts_from_filename(where))

    def read_file(self, path: str | os.PathLike[str]) -> bytes:
        """The bytes of the file at *path*, read with the guards of ``parse_file``.

        A folder, a FIFO or a device is a ``SourceError`` (never a hang), and a
        file larger than ``max_input_size`` a ``LimitError``, known from its size
        before anything is read.
        """
        hint = f"Parser(max_front_matter_bytes=...) + Parser(max_body_bytes=...) + {SIZE_SLACK}"
        return read_file(file_path(path), self.max_input_size, hint)

    # -- helpers ----------------------------------------------------------------

    def _detected(self, mapping: Mapping[str, Any], where: str | None) -> Adapter:
        winner = clear_winner(self.adapters, mapping, self.threshold)
        if winner is not None:
            return winner
        detection = self.detect(mapping)
        if detection.chosen is None:
            # No dialect's signature fits: the fallback still reads keys by meaning
            # and the file's name; what finds nothing is not an article.
            specific = [c for c in detection.candidates if not c.fallback]
            if not any(c.score >= self.threshold for c in specific):
                fallback = next((a for a in self.adapters if a.fallback), None)
                if fallback is not None:
                    return fallback
        return self.adapter(choose(detection, path=where), path=where)

    @staticmethod
    def _normalize(adapter: Adapter, mapping: Mapping[str, Any], where: str | None) -> Normalized:
        return normalized_by(adapter, mapping, where)

    @staticmethod
    def _place(diagnostic: Diagnostic, locate: _Locator) -> Diagnostic:
        if diagnostic.key is None or diagnostic.line is not None:
            return diagnostic
        found = locate(_split_key(diagnostic.key))
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


#: What makes front matter an article's: without any of these (after the file
#: name's facts) a file is a partial, a template or a section page.
_ARTICLE_FIELDS = frozenset({"title", "published", "authors", "summary", "url"})


def _not_an_article(mapping: Mapping[str, Any], where: str | None) -> NotAnArticleError:
    keys = [str(key) for key in mapping]
    if not keys:
        held = "the front matter is empty"
    else:
        names = [key if len(key) <= 40 else key[:37] + "..." for key in keys[:8]]
        shown = ", ".join(names) + (f", ... ({len(keys)} keys)" if len(keys) > 8 else "")
        held = f"its keys: {shown}"
    return NotAnArticleError(
        f"not an article: no title, date, author, summary or URL ({held}); "
        "expected a 'title' key with text",
        path=where,
        keys=keys,
    )


def _reject_surrogates(text: str, path: str | None) -> None:
    # A lone surrogate (from text decoded with errors="surrogateescape", or an
    # escape in a Python literal) is not Unicode text: it cannot be encoded as
    # UTF-8 and would crash the YAML parser or a later write.
    if text.isascii():  # a flag of the string: no scan at all
        return
    try:  # encoding is a fast C scan; the regex below only runs to find the place
        text.encode("utf-8")
        return
    except UnicodeEncodeError:
        pass
    found = _SURROGATE.search(text)
    if found is None:
        return
    index = found.start()
    line_start = max(text.rfind("\n", 0, index), text.rfind("\r", 0, index)) + 1
    line = len(re.findall(r"\r\n|\r|\n", text[:line_start])) + 1
    raise EncodingError(
        f"lone surrogate U+{ord(found.group()):04X} is not Unicode text; "
        "expected text that can be encoded as UTF-8",
        path=path,
        line=line,
        column=index - line_start + 1,
    )


class _Locator:
    """``locate_key`` for one document, memoised and on a budget.

    Each lookup may re-read the whole front matter (YAML positions come from a
    second parse in pure Python, ~100x slower than loading), and a hostile file
    can ask for thousands (one ``null-item`` diagnostic per item of
    ``tags: [~, ~, ...]``: 2,000 items took 200 s).  Each key is looked up once,
    and only while at most ``_LOOKUP_BUDGET`` characters have been re-read; past
    that (so always, in front matter larger than the budget) problems and
    diagnostics name their key but carry no line.
    """

    def __init__(self, parts: Split) -> None:
        self.parts = parts
        self.found: dict[tuple[str | int, ...], tuple[int, int] | None] = {}
        self.lookups_left = _LOOKUP_BUDGET // max(1, len(parts.front_matter))

    def __call__(self, path: tuple[str | int, ...]) -> tuple[int, int] | None:
        if path not in self.found:
            if self.lookups_left <= 0:
                return None
            self.lookups_left -= 1
            self.found[path] = locate_key(self.parts, path)
        return self.found[path]


#: Characters of front matter that error positions may re-read per document.
_LOOKUP_BUDGET = 64 * 1024


def problems_to_fields(
    problems: Iterable[Any], parts: Split, locate: _Locator | None = None
) -> list[FieldProblem]:
    locate = locate if locate is not None else _Locator(parts)
    result = []
    for problem in problems:
        found = locate(problem.path) if problem.path else (parts.line_offset, 1)
        key = ".".join(str(p) for p in problem.path)
        line, column = found if found is not None else (None, None)
        result.append(FieldProblem(key, problem.message, line, column))
    # Report in file order, as a reader scans the file.
    return sorted(result, key=lambda p: (p.line is None, p.line or 0, p.column or 0))


def _not_restated(
    load_diagnostics: Iterable[Diagnostic], field_diagnostics: list[Diagnostic]
) -> list[Diagnostic]:
    """Load diagnostics, less an impossible date that conversion reported for its field too."""
    restated = {d.key for d in field_diagnostics if d.code == INVALID_DATE}
    return [d for d in load_diagnostics if d.code != INVALID_DATE or d.key not in restated]


def _split_key(key: str) -> tuple[str | int, ...]:
    if "." not in key:  # nearly always: a top-level key
        return (int(key),) if key.isdigit() else (key,)
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
    # The article was built by this parse and nothing else holds it yet, so its
    # diagnostics are set in place: attrs.evolve would build every field again
    # (~8 µs, on a third of small documents).
    object.__setattr__(article, "diagnostics", diagnostics)
    return article
