"""newsmeta: news articles with front matter, from any source, into one typed ``Article``.

>>> import newsmeta
>>> article = newsmeta.parse("---\ntitle: Hello\ndate: 2024-05-01T09:30:00Z\n---\nBody.\n")
>>> article.title, article.published.isoformat(), article.dialect
('Hello', '2024-05-01T09:30:00+00:00', 'generic')
"""

from __future__ import annotations

import os

from .adapter import Adapter, MappingAdapter, Normalized, Rule
from .batch import DEFAULT_PATTERNS, Result, Summary, parse_many
from .detect import Candidate, Detection
from .errors import (
    AdapterError,
    DialectError,
    EncodingError,
    FieldError,
    FieldProblem,
    FrontMatterError,
    LimitError,
    LoadError,
    NewsmetaError,
    PluginError,
    SourceError,
    StructureError,
    UnexpectedError,
)
from .model import Article, Author, Diagnostic, Image, RelatedArticle, Source
from .parser import DEFAULT_LIMITS, Parser
from .schema import json_schema
from .serialize import from_dict, to_dict

__all__ = [
    "DEFAULT_LIMITS",
    "DEFAULT_PATTERNS",
    "Adapter",
    "AdapterError",
    "Article",
    "Author",
    "Candidate",
    "Detection",
    "Diagnostic",
    "DialectError",
    "EncodingError",
    "FieldError",
    "FieldProblem",
    "FrontMatterError",
    "Image",
    "LimitError",
    "LoadError",
    "MappingAdapter",
    "NewsmetaError",
    "Normalized",
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
    "__version__",
    "from_dict",
    "json_schema",
    "parse",
    "parse_file",
    "parse_many",
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
    text: str | bytes,
    *,
    dialect: str | None = None,
    path: str | os.PathLike[str] | None = None,
) -> Article:
    """Parse one document with the built-in dialects; *dialect* skips detection."""
    return _parser().parse(text, dialect=dialect, path=path)


def parse_file(path: str | os.PathLike[str], *, dialect: str | None = None) -> Article:
    """Read and parse one file with the built-in dialects."""
    return _parser().parse_file(path, dialect=dialect)
