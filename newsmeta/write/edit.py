"""``edit``: change fields or keys of a file, rewriting only their lines.

text -> where each changed field lives (the article's provenance, else the
dialect's first path for it) -> a round-trip edit of the front matter (YAML:
ruamel.yaml positions and styles; TOML: tomlkit; JSON: the file's own layout)
-> the new text, re-read to check that it gives the intended article before
anything is written.  Comments, key order, quoting, flow or block style, date
text, the body and line endings (CRLF stays CRLF) are kept everywhere else.
"""

from __future__ import annotations

import codecs
import copy
import os
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import attrs

from ..adapter import MappingAdapter
from ..errors import NewsmetaError, SourceError, WriteError
from ..model import Article, Author, Image
from ._edit_text import edit_json, edit_toml, lines_of
from ._edit_yaml import edit_yaml
from ._values import article_fields, derived_domain

if TYPE_CHECKING:
    from ..parser import Parser

__all__ = ["EDITABLE_FIELDS", "edit"]

#: Canonical fields ``edit`` changes by name (others through ``keys=``).
EDITABLE_FIELDS: tuple[str, ...] = (
    "title", "summary", "url", "links", "aliases", "slug", "published", "updated",
    "authors", "tags", "categories", "images", "kind", "is_draft", "language",
)  # fmt: skip
_TEXTS = ("title", "summary", "url", "slug", "kind", "language")
_LISTS = ("links", "aliases", "tags", "categories")
_SOURCE_ONLY = ("dialect", "format", "provenance", "diagnostics", "extra")


def _typed(name: str, value: Any) -> Any:
    """A user's value for canonical field *name* as the Article holds it."""
    if value is None:
        return () if name in (*_LISTS, "authors", "images") else None
    if name in _TEXTS and isinstance(value, str):
        return value
    if name in _LISTS:
        items = [value] if isinstance(value, str) else list(value)
        if all(isinstance(item, str) for item in items):
            return tuple(items)
    if name in ("published", "updated"):
        from ..dates import parse_datetime

        try:
            return parse_datetime(value)[0]
        except ValueError as exc:
            raise WriteError(f"{name!r} is not a date: {value!r}") from exc
    if name == "authors":
        items = [value] if isinstance(value, str | Author) else list(value)
        return tuple(Author(name=item) if isinstance(item, str) else item for item in items)
    if name == "images":
        items = [value] if isinstance(value, str | Image) else list(value)
        return tuple(Image(url=item) if isinstance(item, str) else item for item in items)
    if name == "is_draft" and isinstance(value, bool):
        return value
    raise WriteError(f"{name}={value!r} is not a value for {name!r}")


def _paths_of(adapter: Any, name: str) -> list[str]:
    rules = adapter.rules if isinstance(adapter, MappingAdapter) else ()
    return [p for rule in rules if rule.target == name for p in rule.paths if "[" not in p]


def _path_for(article: Article, adapter: Any, name: str) -> tuple[str, str | None]:
    """The source key of field *name*, and the converter of its rule."""
    rules = adapter.rules if isinstance(adapter, MappingAdapter) else ()
    path = article.provenance.get(name)
    if path is None:
        paths = [p for rule in rules if rule.target == name for p in rule.paths]
        if not paths:
            raise WriteError(f"dialect {adapter.name!r} has no key for {name!r}")
        path = paths[0]
    convert = next(
        (rule.convert for rule in rules if rule.target == name and path in rule.paths), None
    )
    if "[" in path or any(part.isdigit() for part in path.split(".")):
        raise WriteError(
            f"cannot edit {name!r} in place: it is read from a list item ({path!r}); use dump"
        )
    return path, convert


def _raw_changes(
    article: Article, adapter: Any, changes: Mapping[str, Any]
) -> tuple[Article, dict[tuple[str, ...], Any]]:
    unknown = sorted(set(changes) - set(EDITABLE_FIELDS))
    if unknown:
        raise WriteError(
            f"unknown field {unknown[0]!r}; expected one of: {', '.join(EDITABLE_FIELDS)} "
            "(other keys go in keys={...})"
        )
    intended = attrs.evolve(article, **{k: _typed(k, v) for k, v in changes.items()})
    source = article.source
    # The reader takes the publisher's domain from the URL when no key gives it.
    derived = (
        "url" in changes
        and source is not None
        and "source.domain" not in article.provenance
        and source.domain == derived_domain(article.url)
    )
    if derived and source is not None:
        domain = derived_domain(intended.url)
        intended = attrs.evolve(intended, source=attrs.evolve(source, domain=domain))
    fields = article_fields(intended).fields
    raw: dict[tuple[str, ...], Any] = {}
    for name, given in changes.items():
        path, convert = _path_for(article, adapter, name)
        value = fields.get(name)
        if name in ("published", "updated") and isinstance(given, str):
            value = given.strip()  # the date text as the user wrote it
        if convert == "not" and value is not None:
            value = not value
        raw[tuple(path.split("."))] = value
        if value is None:  # removing a field: none of its keys may stay to be read
            for other in _paths_of(adapter, name):
                raw.setdefault(tuple(other.split(".")), None)
    return intended, raw


def _get(mapping: Any, keys: Sequence[str]) -> Any:
    for key in keys:
        if not isinstance(mapping, Mapping) or key not in mapping:
            return None
        mapping = mapping[key]
    return mapping


def _without(mapping: Mapping[str, Any], keys: Sequence[str]) -> dict[str, Any]:
    result = copy.deepcopy(dict(mapping))
    node: Any = result
    for key in keys[:-1]:
        if not isinstance(node, dict) or key not in node:
            return result
        node = node[key]
    if isinstance(node, dict):
        node.pop(keys[-1], None)
    return result


def _same(loaded: Any, intended: Any) -> bool:
    if isinstance(loaded, datetime | date) and isinstance(intended, str):
        from ..dates import parse_datetime

        return parse_datetime(loaded)[0] == parse_datetime(intended)[0]
    return bool(loaded == intended)


def _verify(
    parser: Parser, before: Article, new_text: str, old_text: str,
    raw: Mapping[tuple[str, ...], Any], intended: Article | None, path: str | None,
) -> None:  # fmt: skip
    try:
        old_map, _ = parser.load(parser.split(old_text))
        new_map, _ = parser.load(parser.split(new_text))
        after = parser.parse(new_text, dialect=before.dialect, path=path)
    except NewsmetaError as exc:
        raise WriteError(f"the edit would not read back: {exc}") from exc
    for keys, value in raw.items():
        found = _get(new_map, keys)
        if not (found is None if value is None else _same(found, value)):
            raise WriteError(f"the edit would not read back: {'.'.join(keys)!r} is wrong")
        old_map, new_map = _without(old_map, keys), _without(new_map, keys)
    if old_map != new_map:
        raise WriteError("the edit would change other keys; nothing was written")
    if intended is not None:
        for field in attrs.fields(Article):
            if field.name in _SOURCE_ONLY:
                continue
            if getattr(after, field.name) != getattr(intended, field.name):
                raise WriteError(
                    f"the edit would not give the intended {field.name!r}: "
                    f"{getattr(after, field.name)!r}; nothing was written"
                )


def edit(
    source: str | bytes | os.PathLike[str],
    *,
    keys: Mapping[str, Any] | None = None,
    dialect: str | None = None,
    parser: Parser | None = None,
    **changes: Any,
) -> str:
    """Change canonical fields (``title=``, ``tags=[...]``, ``published=``...) and raw
    ``keys={"dotted.key": value}`` of a document, rewriting only their lines.

    *source* is the text (``str`` or ``bytes``) or a path (``pathlib.Path`` or
    another ``os.PathLike``: the file is rewritten).  ``None`` removes a field or
    key.  Returns the new text; raises ``WriteError`` (and writes nothing) if
    the result would not read back as intended.
    """
    if parser is None:
        from .. import _parser

        parser = _parser()
    path = os.fspath(source) if isinstance(source, os.PathLike) else None
    if path is not None:
        # The guarded reader: a FIFO, a device or a huge file is a SourceError/LimitError.
        data: bytes | None = parser.read_file(path)
    else:
        data = source if isinstance(source, bytes) else None
    text, bom, codec = _decoded(data, path) if data is not None else (str(source), b"", "utf-8")
    before = parser.parse(text, dialect=dialect, path=path)
    adapter = parser.adapter(before.dialect)
    intended, raw = _raw_changes(before, adapter, changes)
    for key, value in (keys or {}).items():
        raw[tuple(key.split("."))] = value
    new_text = _apply(parser, text, raw, before.format)
    _verify(parser, before, new_text, text, raw, None if keys else intended, path)
    if path is not None and new_text != text:
        try:
            with open(path, "wb") as handle:
                handle.write(bom + new_text.encode(codec))
        except OSError as exc:
            raise SourceError(f"cannot write file: {exc.strerror or exc}", path=path) from exc
    return new_text


def _decoded(data: bytes, path: str | None) -> tuple[str, bytes, str]:
    """The text, and the BOM and codec that write it back as it was stored."""
    from ..split import decode

    text = decode(data, path=path)
    for bom, codec in _BOM_CODECS:  # UTF-32 LE first: its BOM starts like UTF-16 LE's
        if data.startswith(bom):
            return text, bom, codec
    return text, b"", "utf-8"


_BOM_CODECS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _apply(parser: Parser, text: str, raw: Mapping[tuple[str, ...], Any], format: str) -> str:
    lines = lines_of(text)
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    parts = parser.split(text)
    first = parts.line_offset
    if format == "json":
        count = parts.front_matter.count("\n") + 1
        block = lines[first : first + count]
        new = edit_json(block, raw, newline)
    elif format == "toml":
        count = parts.front_matter.count("\n")
        block = lines[first : first + count]
        new = edit_toml(block, raw, newline)
    elif format in ("yaml", "hexo-yaml"):
        count = parts.front_matter.count("\n")
        return "".join(edit_yaml(lines, first, count, raw, newline))
    else:
        raise WriteError(f"cannot edit {format} front matter in place; use dump to rewrite it")
    return "".join(lines[:first] + new + lines[first + count :])
