"""Articles as an Apache Arrow table and a Parquet file, with one fixed schema.

``to_arrow(items)`` turns articles or ``parse_many`` results into a
``pyarrow.Table`` whose schema is derived from the model, never from the
input, so two unrelated corpora give identical schemas and their files can be
read as one dataset:

- ``path`` first (the result's name; null for a bare ``Article``), then every
  ``Article`` field in order, then, with ``derived=True``, ``canonical_url``
  and ``dedup_key``;
- datetimes as ``timestamp[us, tz=UTC]`` (the instant is kept; the source's
  own UTC offset is not, ``to_dict`` keeps that);
- tuples as lists, nested classes as structs (``authors``, ``images`` and
  ``related`` are ``list<struct>``);
- ``extra`` and ``provenance`` mappings (at any depth) as JSON text, exactly as
  ``to_dict`` writes them, so the schema never depends on what sources held.

``from_arrow(table)`` reads such a table back as ``to_dict``-shaped records
(``newsmeta.from_dict`` rebuilds each ``Article``); ``write_parquet`` streams
results into a Parquet file in row groups, so memory stays flat.

Needs ``pip install "newsmeta[arrow]"``; ``import newsmeta`` never imports
pyarrow.
"""

from __future__ import annotations

import json
import os
import types
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal, Union, get_args, get_origin

import attrs

from ._extras import require
from .model import Article
from .records import ARTICLE_FIELDS, DERIVED_FIELDS, article_record, select_fields

if TYPE_CHECKING:
    import pyarrow

    from .batch import Result

__all__ = ["ROW_GROUP_SIZE", "arrow_schema", "from_arrow", "to_arrow", "write_parquet"]

#: Rows per Parquet row group written by ``write_parquet``: large enough for
#: good compression and fast scans, small enough that a batch of long bodies
#: stays a few tens of MiB.
ROW_GROUP_SIZE = 2048

_Convert = Callable[[Any], Any]


def _pa() -> Any:
    return require("pyarrow", "arrow", "Arrow output")


def arrow_schema(*, derived: bool = False, fields: Sequence[str] | None = None) -> pyarrow.Schema:
    """The table schema: ``path``, every article field (or *fields*, in record
    order), and with *derived* ``canonical_url`` and ``dedup_key``."""
    names = _names(derived, fields)
    return _pa().schema([_columns()[name][0] for name in ("path", *names)])


def to_arrow(
    items: Iterable[Article | Result],
    *,
    derived: bool = False,
    fields: Sequence[str] | None = None,
) -> pyarrow.Table:
    """A table of *items*: ``Article`` objects, or ``Result`` objects from
    ``parse_many`` (output ``"article"`` or ``"json"``); failed results are left
    out (``newsmeta.records.error_record`` describes them)."""
    pa = _pa()
    names = _names(derived, fields)
    columns = _columns()
    chosen = [columns[name] for name in ("path", *names)]
    schema = pa.schema([field for field, _ in chosen])
    record_fields = None if names == ARTICLE_FIELDS else names
    records = list(_records(items, record_fields))
    # Column by column: one pass per column is faster than pyarrow's row reader.
    arrays = [
        pa.array(_column(records, field.name, convert), type=field.type)
        for field, convert in chosen
    ]
    return pa.Table.from_arrays(arrays, schema=schema)


def from_arrow(table: pyarrow.Table) -> Iterator[dict[str, Any]]:
    """Each row of a ``to_arrow`` table as a record shaped like ``to_dict``'s
    output plus ``path`` (datetimes in UTC); ``from_dict`` accepts it."""
    back = {name: _decoder(tp) for name, tp in _model_types().items()}
    for row in table.to_pylist():
        yield {name: back[name](value) if name in back else value for name, value in row.items()}


def write_parquet(
    items: Iterable[Article | Result],
    where: str | os.PathLike[str] | Any,
    *,
    derived: bool = False,
    fields: Sequence[str] | None = None,
    row_group_size: int = ROW_GROUP_SIZE,
    compression: str = "zstd",
) -> int:
    """Write *items* to a Parquet file (a path or a writable binary file),
    *row_group_size* rows at a time; return the number of rows written."""
    if row_group_size < 1:
        raise ValueError(f"row_group_size must be >= 1, not {row_group_size!r}")
    pq = require("pyarrow.parquet", "arrow", "Parquet output")
    schema = arrow_schema(derived=derived, fields=fields)
    target = os.fspath(where) if isinstance(where, str | os.PathLike) else where
    written = 0
    with pq.ParquetWriter(target, schema, compression=compression) as writer:
        batch: list[Article | Result] = []
        for item in items:
            batch.append(item)
            if len(batch) == row_group_size:
                written += _write(writer, batch, derived, fields)
                batch = []
        if batch or written == 0:  # an empty file still carries the schema
            written += _write(writer, batch, derived, fields)
    return written


def _column(records: list[dict[str, Any]], name: str, convert: _Convert) -> list[Any]:
    if convert is _same:
        return [record[name] for record in records]
    return [convert(record[name]) for record in records]


def _write(
    writer: Any, batch: list[Article | Result], derived: bool, fields: Sequence[str] | None
) -> int:
    table = to_arrow(batch, derived=derived, fields=fields)
    writer.write_table(table)
    return int(table.num_rows)


# -- records in, records out ----------------------------------------------------


def _names(derived: bool, fields: Sequence[str] | None) -> tuple[str, ...]:
    return select_fields(fields, derived=derived)


def _records(
    items: Iterable[Article | Result], fields: Sequence[str] | None
) -> Iterator[dict[str, Any]]:
    for item in items:
        if isinstance(item, Article):
            yield article_record(item, None, fields)
        elif item.article is not None:
            yield article_record(item.article, item.name, fields)
        elif item.json is not None:
            if fields is not None:
                raise ValueError("fields= and derived= need results with output='article'")
            yield {"path": item.name, **json.loads(item.json)}
        # a failed result has no row


# -- the schema, from the model ------------------------------------------------

_CACHE: dict[str, Any] = {}


def _model_types() -> dict[str, Any]:
    types_ = {field.name: field.type for field in attrs.fields(Article)}
    return {"path": str | None, **types_, **dict.fromkeys(DERIVED_FIELDS, str | None)}


def _columns() -> dict[str, tuple[Any, _Convert]]:
    """Each column's Arrow field and the function from its JSON value to Arrow's."""
    if "columns" not in _CACHE:
        pa = _pa()
        _CACHE["columns"] = {
            name: (pa.field(name, _arrow_type(tp), nullable=_nullable(tp)), _encoder(tp))
            for name, tp in _model_types().items()
        }
    columns: dict[str, tuple[Any, _Convert]] = _CACHE["columns"]
    return columns


def _split_optional(tp: Any) -> tuple[Any, bool]:
    if get_origin(tp) in (Union, types.UnionType):
        members = [arg for arg in get_args(tp) if arg is not type(None)]
        if len(members) == 1:
            return members[0], len(members) < len(get_args(tp))
        raise TypeError(f"no Arrow type for the union {tp!r}")
    return tp, False


def _nullable(tp: Any) -> bool:
    return _split_optional(tp)[1]


def _is_mapping(tp: Any) -> bool:
    return get_origin(tp) is Mapping


def _is_list(tp: Any) -> bool:
    args = get_args(tp)
    return get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis


def _arrow_type(tp: Any) -> Any:
    pa = _pa()
    tp, _ = _split_optional(tp)
    scalars = {
        str: pa.string(),
        bool: pa.bool_(),
        int: pa.int64(),
        float: pa.float64(),
        datetime: pa.timestamp("us", tz="UTC"),
    }
    if tp in scalars:
        return scalars[tp]
    if get_origin(tp) is Literal:  # a closed set of values (Article.format): their type
        kinds = {type(value) for value in get_args(tp)}
        if len(kinds) == 1 and kinds <= set(scalars):
            return scalars[kinds.pop()]
    if _is_mapping(tp):
        return pa.string()  # JSON text: the schema never depends on the input
    if _is_list(tp):
        return pa.list_(_arrow_type(get_args(tp)[0]))
    if attrs.has(tp):
        return pa.struct(
            [
                pa.field(f.name, _arrow_type(f.type), nullable=_nullable(f.type))
                for f in attrs.fields(tp)
            ]
        )
    raise TypeError(f"no Arrow type for {tp!r}; teach newsmeta.arrow about it")


def _same(value: Any) -> Any:
    return value


def _encoder(tp: Any) -> _Convert:
    """JSON value (as ``to_dict`` writes it) -> the Python value pyarrow expects."""
    tp, _ = _split_optional(tp)
    if tp is datetime:
        return _to_utc
    if _is_mapping(tp):
        return _to_json
    if _is_list(tp):
        item = _encoder(get_args(tp)[0])
        if item is _same:
            return _same
        return lambda values: None if values is None else [item(v) for v in values]
    if attrs.has(tp):
        changing = [(f.name, _encoder(f.type)) for f in attrs.fields(tp)]
        changing = [(name, convert) for name, convert in changing if convert is not _same]
        if not changing:
            return _same

        def struct(data: dict[str, Any] | None) -> dict[str, Any] | None:
            # In place: every record here was just built by to_dict or json.loads.
            if data is not None:
                for name, convert in changing:
                    data[name] = convert(data[name])
            return data

        return struct
    return _same


def _decoder(tp: Any) -> _Convert:
    """Arrow's Python value -> the JSON value ``to_dict`` writes."""
    tp, _ = _split_optional(tp)
    if tp is datetime:
        return lambda value: None if value is None else value.isoformat()
    if _is_mapping(tp):
        return lambda text: None if text is None else json.loads(text)
    if _is_list(tp):
        item = _decoder(get_args(tp)[0])
        if item is _same:
            return _same
        return lambda values: None if values is None else [item(v) for v in values]
    if attrs.has(tp):
        parts = [(f.name, _decoder(f.type)) for f in attrs.fields(tp)]
        if all(convert is _same for _, convert in parts):
            return _same
        return lambda data: (
            None if data is None else {name: convert(data[name]) for name, convert in parts}
        )
    return _same


def _to_utc(text: str | None) -> datetime | None:
    # pyarrow stores an aware datetime as its UTC instant, whatever its offset.
    return None if text is None else datetime.fromisoformat(text)


# One encoder: json.dumps with options builds a new JSONEncoder on every call.
_JSON = json.JSONEncoder(ensure_ascii=False).encode


def _to_json(value: Any) -> str | None:
    if value is None:
        return None
    if not value:
        return "{}"  # most extra mappings of authors and images are empty
    text: str = _JSON(value)
    return text
