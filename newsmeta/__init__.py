r"""newsmeta: news articles with front matter, from any source, into one typed ``Article``.

>>> import newsmeta
>>> article = newsmeta.parse("---\ntitle: Hello\ndate: 2024-05-01T09:30:00Z\n---\nBody.\n")
>>> article.title, article.published.isoformat(), article.dialect
('Hello', '2024-05-01T09:30:00+00:00', 'generic')
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from .adapter import Adapter, MappingAdapter, Normalized, Rule
from .detect import Candidate, Detection
from .errors import (
    AdapterError,
    AdapterFileError,
    DialectError,
    EncodingError,
    FieldError,
    FieldProblem,
    FrontMatterError,
    LimitError,
    LoadError,
    MissingExtraError,
    NewsmetaError,
    NotAnArticleError,
    PluginError,
    SourceError,
    StructureError,
    UnexpectedError,
    WriteError,
)
from .model import Article, Author, Diagnostic, Image, RelatedArticle, Source
from .parser import DEFAULT_LIMITS, Parser

if TYPE_CHECKING:
    from .arrow import to_arrow
    from .batch import DEFAULT_PATTERNS, Result, Summary, parse_many
    from .extending import ExtendingAdapter
    from .infer import infer_adapter
    from .partition import parse_partition
    from .schema import json_schema
    from .urls import canonical_url, dedup_key
    from .write.render import LossWarning

# Batch parsing (processes, pickling, tracebacks) and the schema generator are
# imported when first named, so a plain `import newsmeta` stays cheap.
_LAZY = {
    "DEFAULT_PATTERNS": "batch",
    "Result": "batch",
    "Summary": "batch",
    "parse_many": "batch",
    "json_schema": "schema",
    "parse_partition": "partition",
    # Their optional dependencies (pyarrow, ural) are imported on first call.
    "to_arrow": "arrow",
    "canonical_url": "urls",
    "dedup_key": "urls",
    "LossWarning": "write.render",
    "ExtendingAdapter": "extending",
    "infer_adapter": "infer",
}


def __dir__() -> list[str]:
    # The public API only: not the names this module imports for its own use
    # (os, Any, Mapping, TYPE_CHECKING, annotations) nor its submodules.
    return sorted(__all__)


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'newsmeta' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


__all__ = [
    "DEFAULT_LIMITS",
    "DEFAULT_PATTERNS",
    "Adapter",
    "AdapterError",
    "AdapterFileError",
    "Article",
    "Author",
    "Candidate",
    "Detection",
    "Diagnostic",
    "DialectError",
    "EncodingError",
    "ExtendingAdapter",
    "FieldError",
    "FieldProblem",
    "FrontMatterError",
    "Image",
    "LimitError",
    "LoadError",
    "LossWarning",
    "MappingAdapter",
    "MissingExtraError",
    "NewsmetaError",
    "Normalized",
    "NotAnArticleError",
    "Parser",
    "PluginError",
    "RelatedArticle",
    "Result",
    "Rule",
    "Source",
    "SourceError",
    "StructureError",
    "Summary",
    "UnexpectedError",
    "WriteError",
    "__version__",
    "canonical_url",
    "dedup_key",
    "detect",
    "dump",
    "edit",
    "export",
    "from_dict",
    "infer_adapter",
    "json_schema",
    "load_adapter",
    "parse",
    "parse_file",
    "parse_many",
    "parse_partition",
    "to_arrow",
    "to_dict",
]

__version__ = "0.1.0.dev0"

_default_parser: Parser | None = None


def _parser() -> Parser:
    global _default_parser
    if _default_parser is None:
        _default_parser = Parser()
    return _default_parser


def parse(
    text: str | bytes | bytearray | memoryview,
    *,
    dialect: str | None = None,
    path: str | os.PathLike[str] | None = None,
) -> Article:
    """Parse one document (text, or bytes in any bytes-like object) with the
    built-in dialects; *dialect* skips detection, *path* only labels errors."""
    return _parser().parse(text, dialect=dialect, path=path)


def parse_file(path: str | os.PathLike[str], *, dialect: str | None = None) -> Article:
    """Read and parse one file with the built-in dialects."""
    return _parser().parse_file(path, dialect=dialect)


def detect(
    source: str | bytes | bytearray | memoryview | Mapping[str, Any],
    *,
    path: str | os.PathLike[str] | None = None,
) -> Detection:
    """Why a document would be read as the dialect it is: every built-in dialect's
    score, the keys that voted for it, and the one chosen (``None`` with the reason
    when nothing fits or two tie)."""
    return _parser().detect(source, path=path)


# These three import their modules on first call: a pipeline that never writes
# JSON or reads a mapping file does not pay for cattrs, json or difflib at import.


def to_dict(article: Article) -> dict[str, Any]:
    """A JSON-ready dict of *article*; keys in field order, datetimes as ISO 8601."""
    from .serialize import to_dict as _to_dict

    return _to_dict(article)


def from_dict(data: Mapping[str, Any]) -> Article:
    """Rebuild the ``Article`` that ``to_dict`` produced; ``from_dict(to_dict(a)) == a``."""
    from .serialize import from_dict as _from_dict

    return _from_dict(data)


def dump(
    article: Article,
    dialect: str | Adapter = "hugo",
    format: str | None = None,
    *,
    parser: Parser | None = None,
) -> str:
    """*article* as a complete file (front matter + body) in *dialect*'s keys and
    *format* (``yaml``, ``toml`` or ``json``; default: the article's own)."""
    from .write.dump import dump as _dump

    return _dump(article, dialect, format, parser=parser)  # type: ignore[arg-type]


def edit(
    source: str | bytes | os.PathLike[str],
    *,
    keys: Mapping[str, Any] | None = None,
    dialect: str | None = None,
    parser: Parser | None = None,
    **changes: Any,
) -> str:
    """Change fields (``title=``, ``tags=[...]``...) or raw ``keys={...}`` of a text or a
    file (``pathlib.Path``), rewriting only their lines; returns the new text."""
    from .write.edit import edit as _edit

    return _edit(source, keys=keys, dialect=dialect, parser=parser, **changes)


def export(
    articles: Iterable[Article],
    format: str,
    *,
    title: str = "newsmeta export",
    link: str | None = None,
) -> str:
    """*articles* as one ``jsonfeed`` (JSON Feed 1.1), ``atom`` or ``rss`` document, or
    ``jsonld`` (a JSON array of schema.org NewsArticle objects)."""
    from .write.export import export as _export

    return _export(articles, format, title=title, link=link)  # type: ignore[arg-type]


def load_adapter(
    path: str | os.PathLike[str], *, known: Iterable[Adapter] = ()
) -> MappingAdapter:
    """A ``MappingAdapter`` from a YAML, TOML or JSON mapping file (see the README);
    ``extends: NAME`` may name one of *known* besides the built-ins and plugins."""
    from .adapter_file import load_adapter as _load_adapter

    return _load_adapter(path, known=known)
