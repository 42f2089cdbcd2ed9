"""Read articles with Dask, from any file system fsspec reaches.

``read_articles("s3://bucket/news/**/*.md")`` lists the files through fsspec
(``s3://``, ``gs://``, ``memory://``, local paths and globs alike), packs them
into partitions of about *blocksize* bytes, and returns a ``dask.bag.Bag`` of
``newsmeta.Result`` objects in listing order, one per file, exactly as
``parse_many`` would give them: a file that cannot be read or parsed is an
error result, never a failed task.  Each partition reads its own files and
uses one ``Parser`` (a copy of *parser*, or a default one built there).

``to_dataframe(bag)`` and ``to_parquet(bag, urlpath)`` go through the fixed
Arrow schema of ``newsmeta.arrow``, so every partition has the same columns
and ``published`` is a UTC datetime column.

Needs ``pip install "newsmeta[dask]"`` (dask, fsspec, pyarrow); a cluster
needs ``distributed`` as usual.  ``import newsmeta`` never imports them.
"""

from __future__ import annotations

import fnmatch
import posixpath
from collections.abc import Sequence
from typing import Any

from ._extras import require
from .batch import DEFAULT_PATTERNS, Result, parse_many
from .errors import SourceError
from .parser import Parser

__all__ = ["DEFAULT_BLOCKSIZE", "read_articles", "to_dataframe", "to_parquet"]

#: Bytes of files per partition: front matter files are small (a few KiB), so
#: a partition holds hundreds of them and task overhead stays a small share.
DEFAULT_BLOCKSIZE = 4 * 2**20


def read_articles(
    urlpath: str | Sequence[str],
    *,
    parser: Parser | None = None,
    dialect: str | None = None,
    blocksize: int | str = DEFAULT_BLOCKSIZE,
    patterns: Sequence[str] = DEFAULT_PATTERNS,
    storage_options: dict[str, Any] | None = None,
) -> Any:
    """A ``dask.bag.Bag`` of ``Result`` objects, one per file under *urlpath*.

    *urlpath* is a file, a folder (walked for *patterns*), a glob, or a list of
    them, in any fsspec protocol; *blocksize* (bytes, or text like ``"16MiB"``)
    bounds the files' total size per partition.
    """
    bag = require("dask.bag", "dask", "newsmeta.dask")
    fsspec = require("fsspec", "dask", "newsmeta.dask")
    delayed = require("dask", "dask", "newsmeta.dask").delayed
    from dask.utils import parse_bytes

    size = parse_bytes(blocksize) if isinstance(blocksize, str) else int(blocksize)
    if size < 1:
        raise ValueError(f"blocksize must be at least 1 byte, not {blocksize!r}")
    if dialect is not None:
        (parser or Parser()).adapter(dialect)  # an unknown name fails now, not in every task
    paths = [urlpath] if isinstance(urlpath, str) else list(urlpath)
    options = storage_options or {}
    # A partition is a list of (name in results, location in its file system,
    # the urlpath that found it, whether it was found by a folder walk); tasks
    # rebuild file systems from the urlpath (fsspec caches instances), so only
    # names travel to the workers.
    partitions: list[list[tuple[str, str, str, bool]]] = [[]]
    filled = 0
    for path in paths:
        # Listed here, on the client, as dask.bag.read_text does: the names
        # (not the contents) of every file are held while the graph is built.
        fs, stripped = fsspec.core.url_to_fs(path, **options)
        walked = not _is_glob(stripped) and fs.isdir(stripped)
        for name, found, nbytes in _listing(fs, path, stripped, tuple(patterns)):
            if partitions[-1] and filled + nbytes > size:
                partitions.append([])
                filled = 0
            partitions[-1].append((name, found, path, walked))
            filled += nbytes
    parts = [
        delayed(_read_partition)(part, options, parser, dialect) for part in partitions if part
    ]
    if not parts:
        return bag.from_sequence([], npartitions=1)
    return bag.from_delayed(parts)


def to_dataframe(results: Any, *, derived: bool = False) -> Any:
    """A ``dask.dataframe`` of the parsed results in *results* (a bag from
    ``read_articles``; failed results have no row), one pandas frame per
    partition with the columns of ``newsmeta.arrow.arrow_schema``."""
    dd = require("dask.dataframe", "dask", "newsmeta.dask.to_dataframe")
    delayed = require("dask", "dask", "newsmeta.dask").delayed
    from .arrow import arrow_schema

    meta = arrow_schema(derived=derived).empty_table().to_pandas()
    frames = [delayed(_frame)(part, derived) for part in results.to_delayed()]
    return dd.from_delayed(frames, meta=meta, verify_meta=False)


def to_parquet(
    results: Any,
    urlpath: str,
    *,
    derived: bool = False,
    storage_options: dict[str, Any] | None = None,
) -> Any:
    """Write each partition of *results* as ``part-00000.parquet``... under the
    folder *urlpath* (any fsspec protocol); returns the delayed writes' results
    (rows per file) when computed: ``to_parquet(bag, "s3://b/out").compute()``."""
    require("pyarrow", "dask", "newsmeta.dask.to_parquet")
    fsspec = require("fsspec", "dask", "newsmeta.dask.to_parquet")
    fs, root = fsspec.core.url_to_fs(urlpath, **(storage_options or {}))
    fs.makedirs(root, exist_ok=True)
    delayed = require("dask", "dask", "newsmeta.dask").delayed
    writes = [
        delayed(_write_partition, pure=False)(part, fs, f"{root}/part-{index:05d}.parquet", derived)
        for index, part in enumerate(results.to_delayed())
    ]
    return delayed(sum)(writes)


# -- listing (on the client) and reading (in the tasks) ----------------------------


def _listing(
    fs: Any, path: str, stripped: str, patterns: tuple[str, ...]
) -> list[tuple[str, str, int]]:
    """(name shown in results, path on the file system, size) for each file."""
    protocol = fs.protocol if isinstance(fs.protocol, str) else fs.protocol[0]

    def shown(found: str) -> str:
        # Results are named as the user spelled the location: with its protocol.
        return found if "://" not in path else f"{protocol}://{found}"

    if _is_glob(stripped):
        found = fs.glob(stripped, detail=True)
        # Hidden entries below the pattern's fixed part are skipped, as local globs do.
        base = stripped[: min(stripped.find(c) for c in "*?[" if c in stripped)]
        base = base.rsplit("/", 1)[0]
        files = {
            name: info
            for name, info in found.items()
            if info.get("type") != "directory" and not _hidden(name, base)
        }
        if not files:
            return [(path, stripped, 0)]  # reported as an error result in the task
    elif fs.isdir(stripped):
        files = {
            name: info
            for name, info in fs.find(stripped, detail=True).items()
            if not _hidden(name, stripped)
            and any(fnmatch.fnmatch(posixpath.basename(name), p) for p in patterns)
        }
    else:
        return [(path, stripped, 0)]
    return [(shown(name), name, int(files[name].get("size") or 0)) for name in sorted(files)]


def _hidden(name: str, root: str) -> bool:
    relative = name[len(root) :] if name.startswith(root) else name
    return any(part.startswith(".") for part in relative.split("/"))


def _read_partition(
    part: list[tuple[str, str, str, bool]],
    storage_options: dict[str, Any],
    parser: Parser | None,
    dialect: str | None,
) -> list[Result]:
    import fsspec

    parser = parser if parser is not None else Parser()
    limit = parser.max_input_size
    file_systems: dict[str, Any] = {}
    results = []
    for name, found, urlpath, walked in part:
        if urlpath not in file_systems:
            file_systems[urlpath] = fsspec.core.url_to_fs(urlpath, **storage_options)[0]
        fs = file_systems[urlpath]
        try:
            if not fs.isfile(found):
                reason = "no file matches this pattern" if _is_glob(name) else "no such file"
                raise SourceError(reason, path=name)
            with fs.open(found, "rb") as handle:
                data = handle.read(limit + 1)  # the parser refuses anything longer
        except SourceError as missing:
            results.append(Result(name, error=missing))
            continue
        except Exception as exc:  # any file system's own error: this file only
            failed = SourceError(f"cannot read file: {type(exc).__name__}: {exc}", path=name)
            results.append(Result(name, error=failed))
            continue
        if walked and _not_an_article_page(name, data):
            continue  # as parse_many's walk: an HTML page without front matter is no input
        results.extend(parse_many([(name, data)], parser=parser, dialect=dialect))
    return results


def _not_an_article_page(name: str, data: bytes) -> bool:
    from .batch import _SNIFF_BYTES, _SNIFFED_SUFFIXES, _sniff_text
    from .split import begins_with_front_matter

    if not name.lower().endswith(_SNIFFED_SUFFIXES):
        return False
    return not begins_with_front_matter(_sniff_text(data[:_SNIFF_BYTES]))


def _is_glob(name: str) -> bool:
    return any(char in name for char in "*?[")


def _frame(results: list[Result], derived: bool) -> Any:
    from .arrow import to_arrow

    return to_arrow(results, derived=derived).to_pandas()


def _write_partition(results: list[Result], fs: Any, path: str, derived: bool) -> int:
    from .arrow import write_parquet

    with fs.open(path, "wb") as handle:
        return write_parquet(results, handle, derived=derived)
