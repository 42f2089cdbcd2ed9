"""Flat, JSON-ready records that name their input: what a pipeline writes out.

An *article record* is ``to_dict(article)`` with the input's name in front
(``{"path": "news/a.md", "title": ...}``): the record of the ``newsmeta parse``
output, of ``parse_partition`` and of the Arrow table.  ``path`` is a field of
the record rather than an envelope, so a JSONL file loads into a table with
one column per field, and ``from_dict`` reads a record as it reads
``to_dict``'s output (it ignores keys that are not fields).

An *error record* says which input failed and how, with fixed keys:
``path``, ``error`` (class name), ``code`` (stable, see ``ERROR_CODES``),
``line``, ``column`` (``None`` where unknown), ``message`` (the reason, without
the location, which the other keys carry) and, for a ``FieldError``,
``problems``: one ``{key, line, column, message}`` per field.

Records can be trimmed to *fields* (``select_fields``); ``path`` is always kept.
The derived fields ``canonical_url`` and ``dedup_key`` (``newsmeta.urls``) are
in a record only when asked for.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from .errors import (
    AdapterError,
    AdapterFileError,
    DialectError,
    EncodingError,
    FieldError,
    FrontMatterError,
    LimitError,
    LoadError,
    NewsmetaError,
    NotAnArticleError,
    PluginError,
    SourceError,
    StructureError,
    UnexpectedError,
)
from .model import Article

if TYPE_CHECKING:
    from .batch import Result

__all__ = [
    "ARTICLE_FIELDS",
    "DERIVED_FIELDS",
    "ERROR_CODES",
    "ERROR_FIELDS",
    "article_record",
    "error_code",
    "error_record",
    "path_text",
    "result_record",
    "select_fields",
]

#: The keys of ``to_dict``'s output, in order.
ARTICLE_FIELDS: tuple[str, ...] = tuple(field.name for field in attrs.fields(Article))
#: Fields computed from an article on request, not stored in it.
DERIVED_FIELDS: tuple[str, ...] = ("canonical_url", "dedup_key")
#: The keys of every error record, in order.
ERROR_FIELDS: tuple[str, ...] = ("path", "error", "code", "line", "column", "message")

#: Stable codes by error class; a subclass (yours or a later newsmeta's) takes
#: the code of its nearest listed base, so a filter on codes keeps working.
ERROR_CODES: dict[type[NewsmetaError], str] = {
    EncodingError: "encoding",
    FrontMatterError: "front-matter",
    LoadError: "load",
    StructureError: "structure",
    LimitError: "limit",
    FieldError: "field",
    AdapterFileError: "adapter-file",
    SourceError: "source",
    NotAnArticleError: "not-an-article",
    DialectError: "dialect",
    AdapterError: "adapter",
    PluginError: "plugin",
    UnexpectedError: "unexpected",
    NewsmetaError: "error",
}


def select_fields(
    fields: Iterable[str] | None = None,
    exclude: Iterable[str] = (),
    *,
    derived: bool = False,
) -> tuple[str, ...]:
    """The record fields to write: *fields* (default every article field), plus
    ``DERIVED_FIELDS`` when *derived*, less *exclude*, in record order.

    Unknown names raise ``ValueError`` naming the closest known field.
    """
    known = ARTICLE_FIELDS + DERIVED_FIELDS
    chosen = list(fields) if fields is not None else list(ARTICLE_FIELDS)
    if derived:
        chosen += DERIVED_FIELDS
    dropped = list(exclude)
    for name in (*chosen, *dropped):
        if name not in known and name != "path":
            import difflib  # only for this message: the command starts faster without it

            close = difflib.get_close_matches(name, known, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise ValueError(f"unknown field {name!r}{hint} (fields: {', '.join(known)})")
    wanted = set(chosen) - set(dropped)
    return tuple(name for name in known if name in wanted)


def path_text(name: str) -> str:
    """*name* as text any JSON reader accepts: a file name that is not UTF-8
    (decoded by Python with surrogate escapes) shows its odd bytes as ``\\xNN``."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return name


def article_record(
    article: Article, path: str | None, fields: Sequence[str] | None = None
) -> dict[str, Any]:
    """``{"path": path, **to_dict(article)}``, trimmed to *fields* when given
    (a sequence from ``select_fields``; derived fields are computed here)."""
    from .serialize import to_dict

    data = to_dict(article)
    record: dict[str, Any] = {"path": None if path is None else path_text(path)}
    if fields is None:
        record.update(data)
        return record
    derived = {}
    if any(name in DERIVED_FIELDS for name in fields):
        from .urls import canonical_url, dedup_key

        derived = {"canonical_url": canonical_url(article.url), "dedup_key": dedup_key(article)}
    for name in fields:
        record[name] = derived[name] if name in DERIVED_FIELDS else data[name]
    return record


def error_code(error: BaseException) -> str:
    """The stable code of *error*'s kind (``"front-matter"``, ``"field"``...)."""
    for cls in type(error).__mro__:
        code = ERROR_CODES.get(cls)
        if code is not None:
            return code
    return "unexpected"  # not a newsmeta error at all: a bug surfaced


def error_record(path: str, error: BaseException) -> dict[str, Any]:
    """The JSON-ready description of one failure (keys ``ERROR_FIELDS``)."""
    line = getattr(error, "line", None) if isinstance(error, SourceError) else None
    column = getattr(error, "column", None) if isinstance(error, SourceError) else None
    record: dict[str, Any] = {
        "path": path_text(path),
        "error": type(error).__name__,
        "code": error_code(error),
        "line": line,
        "column": column,
        "message": _reason(error),
    }
    if isinstance(error, FieldError):
        record["problems"] = [
            {"key": p.key, "line": p.line, "column": p.column, "message": p.message}
            for p in error.problems
        ]
    return record


def result_record(result: Result, fields: Sequence[str] | None = None) -> dict[str, Any]:
    """The article record of a parsed ``Result``, or its error record."""
    if result.article is not None:
        return article_record(result.article, result.name, fields)
    if result.error is not None:
        return error_record(result.name, result.error)
    raise ValueError(
        f"{result.name}: the result holds rendered JSON, not an Article; "
        "use parse_many(output='article') for records"
    )


def _reason(error: BaseException) -> str:
    # The location lives in its own keys; the message is what went wrong.
    if isinstance(error, SourceError):
        return error.reason
    if isinstance(error, DialectError):
        return error.message
    if isinstance(error, UnexpectedError):
        return f"unexpected {error.kind or 'error'}: {error.message}"
    return str(error)
