"""Scale-out: parse_partition for any engine, and newsmeta.dask through fsspec."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

import newsmeta
from newsmeta.partition import is_error, parse_partition
from newsmeta.records import error_record

from .conftest import ROOT, readme_block

EXAMPLES = ROOT / "examples" / "news"
GOOD = b"---\ntitle: Council vote\ndate: 2024-03-05T18:20:00Z\nurl: https://a.test/x\n---\nBody\n"
BROKEN = b"---\ntitle: Never closed\n"


def _pairs(folder: Path, prefix: str) -> list[tuple[str, bytes]]:
    return [(f"{prefix}{p.name}", p.read_bytes()) for p in sorted(folder.glob("*.md"))]


def _same(results: list[newsmeta.Result]) -> list[tuple[str, Any, str]]:
    return [(r.name, r.article, r.message) for r in results]


# -- parse_partition --------------------------------------------------------------


def test_parse_partition_yields_one_json_ready_record_per_pair() -> None:
    pairs = [("s3://b/a.md", GOOD), ("s3://b/b.md", bytearray(BROKEN)), ("c.md", memoryview(GOOD))]
    records = list(parse_partition(iter(pairs)))
    assert [r["path"] for r in records] == ["s3://b/a.md", "s3://b/b.md", "c.md"]
    assert [is_error(r) for r in records] == [False, True, False]
    assert records[0] == {"path": "s3://b/a.md", **newsmeta.to_dict(newsmeta.parse(GOOD))}
    [broken] = newsmeta.parse_many([("s3://b/b.md", BROKEN)])
    assert broken.error is not None
    assert records[1] == error_record("s3://b/b.md", broken.error)


def test_parse_partition_options_match_the_command() -> None:
    pairs = [("a.md", GOOD), ("b.md", BROKEN)]
    trimmed = list(parse_partition(pairs, fields=["title"], derived=True))
    assert trimmed[0] == {
        "path": "a.md",
        "title": "Council vote",
        "canonical_url": "https://a.test/x",
        "dedup_key": "url:a.test/x",
    }
    assert trimmed[1]["code"] == "front-matter"
    [strict] = parse_partition(
        [("n.md", b"---\ntitle: T\ndate: 2024-01-01\n---\n")], parser=newsmeta.Parser(strict=True)
    )
    assert strict["error"] == "FieldError"
    [hugo] = parse_partition([("a.md", GOOD)], dialect="hugo")
    assert hugo["dialect"] == "hugo"


def test_parse_partition_equals_parse_many_on_real_files() -> None:
    pairs = _pairs(EXAMPLES, "examples/news/")
    expected = [
        {"path": r.name, **newsmeta.to_dict(r.article)} if r.article else r.name
        for r in newsmeta.parse_many(pairs)
    ]
    got = [r if not is_error(r) else r["path"] for r in parse_partition(pairs)]
    assert got == expected


def test_the_readme_spark_recipe_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("pyspark")
    if shutil.which("java") is None and "JAVA_HOME" not in os.environ:
        pytest.skip("PySpark needs Java, which is not installed")
    monkeypatch.chdir(ROOT)
    scope: dict[str, Any] = {}
    try:
        exec(readme_block("readme-spark"), scope)
        assert scope["articles"].count() == 5
        assert [e["path"] for e in scope["errors"]] == [f"file:{EXAMPLES}/broken-unclosed.md"]
        published = dict(scope["articles"].select("path", "published").collect())
        assert published[f"file:{EXAMPLES}/toml-release-notes.md"] == "2024-05-20T10:00:00+00:00"
    finally:
        if "spark" in scope:
            scope["spark"].stop()


# -- Dask through fsspec ---------------------------------------------------------

dask = pytest.importorskip("dask")
fsspec = pytest.importorskip("fsspec")
from newsmeta.dask import read_articles, to_dataframe, to_parquet  # noqa: E402


@pytest.fixture
def memory_corpus() -> Any:
    """examples/news, a nested file, a hidden one and a non-Markdown one in memory://."""
    fs = fsspec.filesystem("memory")
    root = f"/corpus-{os.getpid()}"
    for name, data in _pairs(EXAMPLES, ""):
        fs.pipe(f"{root}/{name}", data)
    fs.pipe(f"{root}/sub/deeper.md", GOOD)
    fs.pipe(f"{root}/.drafts/hidden.md", GOOD)
    fs.pipe(f"{root}/notes.txt", b"not read in folders")
    fs.pipe(f"{root}/layout.html", b"<html>a template, not an article</html>")
    yield root
    fs.rm(root, recursive=True)


def test_memory_filesystem_results_equal_parse_many(memory_corpus: str) -> None:
    bag = read_articles(f"memory://{memory_corpus}", blocksize=1000)
    assert bag.npartitions > 2
    results = bag.compute(scheduler="sync")
    prefix = f"memory://{memory_corpus}/"
    pairs = sorted([*_pairs(EXAMPLES, prefix), (prefix + "sub/deeper.md", GOOD)])  # as walked
    assert _same(results) == _same(list(newsmeta.parse_many(pairs)))


def test_local_paths_and_globs_equal_parse_many() -> None:
    expected = _same(list(newsmeta.parse_many(str(EXAMPLES))))
    assert _same(read_articles(str(EXAMPLES)).compute(scheduler="sync")) == expected
    globbed = read_articles([f"{EXAMPLES}/*.md"], blocksize="1KiB")
    assert _same(globbed.compute(scheduler="sync")) == expected


def test_missing_inputs_are_error_results_and_a_bad_dialect_fails_at_once(
    memory_corpus: str,
) -> None:
    bag = read_articles([f"memory://{memory_corpus}/none/*.md", f"memory://{memory_corpus}/x.md"])
    assert [r.message for r in bag.compute(scheduler="sync")] == [
        f"memory://{memory_corpus}/none/*.md: no file matches this pattern",
        f"memory://{memory_corpus}/x.md: no such file",
    ]
    with pytest.raises(newsmeta.DialectError, match="unknown dialect 'nope'"):
        read_articles(f"memory://{memory_corpus}", dialect="nope")
    with pytest.raises(ValueError, match="blocksize must be at least 1 byte, not 0"):
        read_articles(f"memory://{memory_corpus}", blocksize=0)


def test_worker_processes_give_the_same_results() -> None:
    # Names, the parser, results and errors cross process boundaries as on a cluster
    # (the memory file system is per process, so this one reads local files).
    bag = read_articles(str(EXAMPLES), parser=newsmeta.Parser(strict=True), blocksize=2000)
    assert bag.npartitions >= 2
    in_processes = bag.compute(scheduler="processes", num_workers=2)
    expected = newsmeta.parse_many(str(EXAMPLES), parser=newsmeta.Parser(strict=True))
    assert _same(in_processes) == _same(list(expected))
    assert sum(not r.ok for r in in_processes) == 2  # the broken file, a date-only date


def test_dataframe_and_parquet_through_the_arrow_schema(memory_corpus: str) -> None:
    pytest.importorskip("pandas")
    pq = pytest.importorskip("pyarrow.parquet")
    from newsmeta.arrow import arrow_schema

    bag = read_articles(f"memory://{memory_corpus}", blocksize=1000)
    frame = to_dataframe(bag).compute(scheduler="sync")
    assert list(frame.columns) == arrow_schema().names
    assert str(frame["published"].dtype) == "datetime64[us, UTC]"
    assert len(frame) == 6  # examples/news holds one broken file
    written = to_parquet(bag, f"memory://{memory_corpus}-out").compute(scheduler="sync")
    assert written == 6
    fs = fsspec.filesystem("memory")
    files = sorted(fs.glob(f"/{memory_corpus.strip('/')}-out/*.parquet"))
    assert len(files) == bag.npartitions
    tables = [pq.read_table(fs.open(f, "rb")) for f in files]
    assert all(t.schema == arrow_schema() for t in tables)
    assert sorted(p for t in tables for p in t.column("path").to_pylist()) == sorted(frame["path"])
    fs.rm(f"/{memory_corpus.strip('/')}-out", recursive=True)


def test_a_local_cluster_of_two_worker_processes_gives_parse_manys_results() -> None:
    # The cluster: two worker processes, each reading its own partitions
    # (distributed is in the test extra; about 4 s, most of it the cluster's start).
    distributed = pytest.importorskip("distributed")
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster),
    ):
        bag = read_articles(str(EXAMPLES), blocksize=1000)
        results = bag.compute()
        frame = to_dataframe(bag).compute()
    assert _same(results) == _same(list(newsmeta.parse_many(str(EXAMPLES))))
    assert sorted(frame["path"]) == sorted(r.name for r in results if r.ok)
