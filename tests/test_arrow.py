"""Arrow tables and Parquet files: one schema from the model, read back equal."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

import newsmeta
from newsmeta.cli import main

from .conftest import ROOT, readme_block, shared

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")
from newsmeta.arrow import arrow_schema, from_arrow, to_arrow, write_parquet  # noqa: E402

HUGO = (
    "---\ntitle: Council vote\ndate: 2024-03-05T18:20:00+02:00\nauthor: [Ann, Bo]\n"
    "link:\n  href: https://www.a.test/x?utm_source=rss\nmood: sunny\n---\nBody.\n"
)
AGGREGATOR = (
    "---\ntitle: Study\npublishedDateTime: 2021-09-27T12:00:00Z\n"
    "originalUrl: https://b.test/s\nprovider: {name: B, domain: b.test}\n"
    "images:\n  - {url: https://b.test/i.jpg, width: 5, height: 3, isCached: true}\n"
    "related:\n  - title: Other\n    webUrl: https://c.test/o\n"
    "    publishedDateTime: 2021-09-28T06:04:00Z\n    quality: 26\n"
    "quality: 39\nheat: {a: [1, 2.5, null]}\n---\n"
)


def _results() -> list[newsmeta.Result]:
    return list(
        newsmeta.parse_many(
            [("feed/hugo.md", HUGO), ("feed/agg.md", AGGREGATOR), ("feed/bad.md", "no")]
        )
    )


def _back(table: Any) -> list[newsmeta.Article]:
    return [newsmeta.from_dict(record) for record in from_arrow(table)]


def test_a_table_holds_every_parsed_result_with_its_path() -> None:
    results = _results()
    table = to_arrow(results)
    assert table.schema == arrow_schema()
    assert table.column("path").to_pylist() == ["feed/hugo.md", "feed/agg.md"]
    assert _back(table) == [r.article for r in results if r.article is not None]
    assert to_arrow([r.article for r in results if r.article]).column("path").null_count == 2


def test_the_schema_is_derived_from_the_model() -> None:
    schema = arrow_schema()
    assert schema.names[0] == "path"
    assert schema.names[1:] == [f for f in newsmeta.to_dict(newsmeta.parse(HUGO))]
    assert schema.field("published").type == pa.timestamp("us", tz="UTC")
    assert schema.field("authors").type == pa.list_(
        pa.struct(
            [
                pa.field("name", pa.string(), nullable=False),
                pa.field("url", pa.string()),
                pa.field("email", pa.string()),
                pa.field("extra", pa.string(), nullable=False),
            ]
        )
    )
    related = schema.field("related").type.value_type
    assert related.field("published").type == pa.timestamp("us", tz="UTC")
    assert schema.field("extra").type == pa.string()
    assert schema.field("provenance").type == pa.string()
    assert arrow_schema(derived=True).names[-2:] == ["canonical_url", "dedup_key"]


def test_timestamps_are_utc_and_mappings_json_text() -> None:
    row = to_arrow(_results()[:1]).to_pylist()[0]
    assert row["published"] == datetime(2024, 3, 5, 16, 20, tzinfo=timezone.utc)
    assert json.loads(row["extra"]) == {"mood": "sunny"}
    assert json.loads(row["provenance"])["url"] == "link.href"
    assert [a["name"] for a in row["authors"]] == ["Ann", "Bo"]


def test_json_text_columns_are_strict_json_even_for_nan() -> None:
    [row] = to_arrow(
        [newsmeta.parse("---\ntitle: x\nratio: .nan\nmore: [.inf]\n---\n")]
    ).to_pylist()

    def refuse(name: str) -> None:
        raise AssertionError(f"bare {name} in JSON text")

    assert json.loads(row["extra"], parse_constant=refuse) == {
        "ratio": {"$float": "nan"},
        "more": [{"$float": "inf"}],
    }


def test_json_results_give_the_same_table_as_article_results() -> None:
    as_json = list(newsmeta.parse_many([("feed/agg.md", AGGREGATOR)], output="json"))
    as_article = list(newsmeta.parse_many([("feed/agg.md", AGGREGATOR)]))
    assert to_arrow(as_json).equals(to_arrow(as_article))


def test_fields_and_derived_columns() -> None:
    table = to_arrow(_results(), fields=["title", "published"], derived=True)
    assert table.schema.names == ["path", "title", "published", "canonical_url", "dedup_key"]
    assert table.column("canonical_url").to_pylist() == ["https://www.a.test/x", "https://b.test/s"]
    assert table.column("dedup_key").to_pylist() == ["url:a.test/x", "url:b.test/s"]
    with pytest.raises(ValueError, match="unknown field 'titel'; did you mean 'title'"):
        to_arrow([], fields=["titel"])


def test_unrelated_inputs_give_identical_schemas() -> None:
    one = to_arrow(newsmeta.parse_many([("a.md", HUGO)]))
    two = to_arrow(newsmeta.parse_many([("b.md", AGGREGATOR)]))
    empty = to_arrow([])
    assert one.schema == two.schema == empty.schema == arrow_schema()


def test_two_unrelated_real_corpora_give_identical_schemas() -> None:
    curated = shared("corpus", "A-rel-curated-news")
    toml = shared("corpus", "other-toml-hugo")
    first = to_arrow(newsmeta.parse_many(curated))
    second = to_arrow(newsmeta.parse_many(toml))
    assert first.num_rows > 10 and second.num_rows > 3
    assert first.schema == second.schema == arrow_schema()
    # The sources' own keys differ completely; the columns do not.
    keys = [
        set().union(*(json.loads(extra) for extra in table.column("extra").to_pylist()))
        for table in (first, second)
    ]
    assert keys[0] != keys[1]


def test_parquet_read_back_equals_to_dict(tmp_path: Path) -> None:
    folder = shared("corpus", "A-rel-curated-news")
    results = list(newsmeta.parse_many(folder))
    articles = [r.article for r in results if r.article is not None]
    path = tmp_path / "out.parquet"
    assert write_parquet(results, path, row_group_size=7) == len(articles)
    assert pq.ParquetFile(path).metadata.num_row_groups == -(-len(articles) // 7)
    table = pq.read_table(path)
    assert table.schema == arrow_schema()
    records = list(from_arrow(table))
    assert [r.pop("path") for r in records] == [r.name for r in results if r.ok]
    expected = [_utc(newsmeta.to_dict(a)) for a in articles]
    assert records == expected
    assert [newsmeta.from_dict(r) for r in records] == articles


def test_parquet_read_by_polars_has_a_datetime_column(tmp_path: Path) -> None:
    pl = pytest.importorskip("polars")
    path = tmp_path / "out.parquet"
    results = _results()
    write_parquet(results, path)
    frame = pl.read_parquet(path)
    assert frame.schema["published"] == pl.Datetime("us", "UTC")
    assert frame["published"].to_list() == [
        r.article.published for r in results if r.article is not None
    ]
    assert frame["title"].to_list() == ["Council vote", "Study"]
    assert frame["related"].to_list()[1][0]["url"] == "https://c.test/o"


def test_the_readme_polars_and_pandas_recipe_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("pandas")
    pytest.importorskip("polars")
    write_parquet(
        newsmeta.parse_many(str(ROOT / "examples" / "news")), tmp_path / "articles.parquet"
    )
    monkeypatch.chdir(tmp_path)
    scope: dict[str, Any] = {}
    exec(readme_block("readme-polars-pandas"), scope)
    assert scope["per_month"]["len"].sum() == 5
    assert "Jane Roe" in scope["authors"]["name"].to_list()
    assert len(scope["recent"]) == 4  # published from March 2024 on


def test_parse_format_parquet_writes_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("news").mkdir()
    Path("news/a.md").write_text(HUGO)
    Path("news/b.md").write_text(AGGREGATOR)
    Path("news/c.md").write_text("not front matter")
    argv = ["parse", "news", "--format", "parquet", "-o", "out.parquet", "-q"]
    assert main([*argv, "--errors", "e.jsonl"]) == 1
    table = pq.read_table("out.parquet")
    assert table.column("path").to_pylist() == ["news/a.md", "news/b.md"]
    assert json.loads(Path("e.jsonl").read_text())["path"] == "news/c.md"
    assert capsys.readouterr().out == ""
    assert main([*argv, "--workers", "2"]) == 1  # JSON rendered in the workers
    assert pq.read_table("out.parquet").equals(table)
    assert main([*argv, "--fields", "title,dedup_key", "--workers", "2"]) == 1
    assert pq.read_table("out.parquet").to_pylist() == [
        {"path": "news/a.md", "title": "Council vote", "dedup_key": "url:a.test/x"},
        {"path": "news/b.md", "title": "Study", "dedup_key": "url:b.test/s"},
    ]
    capsys.readouterr()
    assert main(["parse", "news", "--format", "parquet"]) == 2
    assert "--format parquet writes a file: give it with -o FILE" in capsys.readouterr().err


def test_a_missing_extra_names_the_pip_command(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    monkeypatch.setattr("newsmeta.arrow._CACHE", {})
    message = 'Arrow output needs pyarrow, which is not installed: pip install "newsmeta[arrow]"'
    with pytest.raises(newsmeta.MissingExtraError) as caught:
        to_arrow([])
    assert str(caught.value) == message
    assert isinstance(caught.value, ImportError)
    assert main(["parse", "x.md", "--format", "parquet", "-o", "x.parquet"]) == 2
    assert (
        '--format parquet needs pyarrow, which is not installed: pip install "newsmeta[arrow]"'
        in capsys.readouterr().err
    )


def test_import_newsmeta_imports_no_optional_dependency() -> None:
    code = (
        "import sys, newsmeta\n"
        "newsmeta.parse('---\\ntitle: x\\n---\\n')\n"
        "print(sorted(m for m in ('pyarrow', 'dask', 'fsspec', 'ural', 'pandas', 'polars') "
        "if m in sys.modules))"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert run.stdout == "[]\n"


def _utc(data: Any) -> Any:
    """to_dict output with every datetime written as its UTC instant (Arrow keeps no offset)."""
    if isinstance(data, dict):
        return {k: _utc(v) if k not in ("extra", "provenance") else v for k, v in data.items()}
    if isinstance(data, list):
        return [_utc(v) for v in data]
    if isinstance(data, str) and len(data) >= 20 and data[4] == "-" and data[10] == "T":
        try:
            return datetime.fromisoformat(data).astimezone(timezone.utc).isoformat()
        except ValueError:
            return data
    return data
