"""Parse a partition of documents for any engine: Spark, Ray, Beam, Dask, your own.

``parse_partition(pairs)`` takes an iterable of ``(name, bytes)`` pairs (what
Spark's ``binaryFiles`` and most object-store listings give) and yields one
JSON-ready record per pair, in order: an article record (``path`` plus the
``to_dict`` fields) or an error record (``path``, ``error``, ``code``,
``line``, ``column``, ``message``; see ``newsmeta.records``).  Nothing is
raised for a bad document, so one file never fails a task.

It depends on no engine: hand it to ``rdd.mapPartitions``, Ray's
``map_batches`` (rows as pairs) or a Beam ``FlatMap``.  One ``Parser`` serves
the whole partition (built there when none is given, so nothing but the
function crosses to the workers).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from .batch import parse_many
from .parser import Parser
from .records import result_record, select_fields

__all__ = ["is_error", "parse_partition"]


def parse_partition(
    pairs: Iterable[tuple[str, bytes | bytearray | memoryview | str]],
    *,
    parser: Parser | None = None,
    dialect: str | None = None,
    fields: Sequence[str] | None = None,
    derived: bool = False,
) -> Iterator[dict[str, Any]]:
    """One record per ``(name, data)`` pair: an article record or an error record.

    *fields* and *derived* trim or extend article records as
    ``newsmeta.records.select_fields`` does; error records are never trimmed.
    """
    chosen = None if fields is None and not derived else select_fields(fields, derived=derived)
    sources = ((str(name), _text(data)) for name, data in pairs)
    for result in parse_many(sources, parser=parser or Parser(), dialect=dialect):
        yield result_record(result, chosen)


def is_error(record: dict[str, Any]) -> bool:
    """Whether *record* (from ``parse_partition``) describes a failure."""
    return "error" in record


def _text(data: bytes | bytearray | memoryview | str) -> bytes | str:
    # Engines hand over bytearray or memoryview as often as bytes.
    return data if isinstance(data, bytes | str) else bytes(data)
