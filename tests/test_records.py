"""Traceable output: every record and every error names its input (API and command)."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

import newsmeta
from newsmeta.cli import main
from newsmeta.records import (
    ARTICLE_FIELDS,
    article_record,
    error_code,
    error_record,
    path_text,
    result_record,
    select_fields,
)

GOOD = "---\ntitle: Council vote\ndate: 2024-03-05T18:20:00Z\nlink:\n  href: https://a.test/x\n---\nBody.\n"
FIELDS_BAD = "---\ntitle: T\ndate: yesterday\nupdated: nope\n---\n"
UNCLOSED = "---\ntitle: Never closed\n"
FIELD_DATE = "'date' is not a date: 'yesterday'"
FIELD_UPDATED = "'updated' is not a date: 'nope'"


@pytest.fixture
def news(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "good.md").write_text(GOOD)
    (tmp_path / "news" / "broken.md").write_text(UNCLOSED)
    (tmp_path / "news" / "fields.md").write_text(FIELDS_BAD)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


# -- records and field selection ---------------------------------------------------


def test_an_article_record_is_to_dict_with_the_path_first() -> None:
    article = newsmeta.parse(GOOD)
    record = article_record(article, "feed/1.md")
    assert list(record) == ["path", *ARTICLE_FIELDS]
    assert record == {"path": "feed/1.md", **newsmeta.to_dict(article)}
    assert newsmeta.from_dict(record) == article  # from_dict reads records too


def test_select_fields_keeps_record_order_and_names_the_closest_field() -> None:
    assert select_fields(["published", "title", "url"]) == ("title", "url", "published")
    assert select_fields(exclude=["body"]) == tuple(f for f in ARTICLE_FIELDS if f != "body")
    assert select_fields(["title"], derived=True) == ("title", "canonical_url", "dedup_key")
    assert select_fields(derived=True)[-2:] == ("canonical_url", "dedup_key")
    assert select_fields(["path", "title"]) == ("title",)  # path is always written
    with pytest.raises(ValueError, match=r"^unknown field 'titel'; did you mean 'title'\?"):
        select_fields(["titel"])
    with pytest.raises(ValueError, match=r"^unknown field 'zzz' \(fields: title, summary, "):
        select_fields(exclude=["zzz"])


def test_errors_of_every_kind_name_their_input() -> None:
    sources = [
        ("feed/ok.md", GOOD),
        ("feed/unclosed.md", UNCLOSED),
        ("feed/fields.md", FIELDS_BAD),
        ("feed/nothing-fits.md", "---\nfoo: 1\n---\n"),
        ("feed/bad-yaml.md", "---\ntitle: [a\n---\n"),
        ("feed/bad-bytes.md", b"---\ntitle: caf\xe9\n---\n"),
        ("feed/list.md", "---\n- a\n---\n"),
    ]
    results = list(newsmeta.parse_many(sources))
    assert [r.name for r in results] == [name for name, _ in sources]
    records = [result_record(r) for r in results]
    assert [r["path"] for r in records] == [name for name, _ in sources]
    assert [(r.get("error"), r.get("code")) for r in records] == [
        (None, None),
        ("FrontMatterError", "front-matter"),
        ("FieldError", "field"),
        ("NotAnArticleError", "not-an-article"),
        ("LoadError", "load"),
        ("EncodingError", "encoding"),
        ("StructureError", "structure"),
    ]
    for result in results[1:]:
        assert result.message.startswith(result.name + ":")
    assert records[2] == {
        "path": "feed/fields.md",
        "error": "FieldError",
        "code": "field",
        "line": 3,
        "column": 1,
        "message": FIELD_DATE,
        "problems": [
            {"key": "date", "line": 3, "column": 1, "message": FIELD_DATE},
            {"key": "updated", "line": 4, "column": 1, "message": FIELD_UPDATED},
        ],
    }
    assert records[3]["line"] is None and records[3]["message"].startswith("not an article")


def test_error_codes_follow_the_nearest_known_base() -> None:
    class MyLoadError(newsmeta.LoadError):
        pass

    assert error_code(MyLoadError("x")) == "load"
    assert error_code(newsmeta.UnexpectedError("x", kind="KeyError")) == "unexpected"
    assert error_code(KeyError("x")) == "unexpected"
    record = error_record("a.md", newsmeta.UnexpectedError("'k'", path="a.md", kind="KeyError"))
    assert record["message"] == "unexpected KeyError: 'k'"


def test_a_file_name_that_is_not_utf8_is_written_as_valid_text() -> None:
    assert path_text("news/caf\udce9.md") == "news/caf\\xe9.md"
    assert path_text("news/café.md") == "news/café.md"


def test_result_record_needs_an_article_not_rendered_json() -> None:
    [result] = newsmeta.parse_many([("a.md", GOOD)], output="json")
    with pytest.raises(ValueError, match=r"^a\.md: the result holds rendered JSON"):
        result_record(result)


# -- the command -------------------------------------------------------------------


@pytest.mark.parametrize("workers", ["1", "2"])
def test_every_line_and_every_error_names_its_file(
    news: Path, workers: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["parse", "news", "--errors", "errors.jsonl", "--workers", workers, "-q"]) == 1
    [record] = _lines(capsys.readouterr().out)
    assert record["path"] == "news/good.md"
    assert list(record) == ["path", *ARTICLE_FIELDS]
    errors = _lines((news / "errors.jsonl").read_text())
    assert errors == [
        {
            "path": "news/broken.md",
            "error": "FrontMatterError",
            "code": "front-matter",
            "line": 1,
            "column": 1,
            "message": "front matter opened with '---' is never closed; expected a line '---'",
        },
        error_record("news/fields.md", next(iter(newsmeta.parse_many("news/fields.md"))).error),  # type: ignore[arg-type]
    ]


def test_errors_file_is_empty_when_every_file_parses(
    news: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", "news/good.md", "--errors", "e.jsonl"]) == 0
    assert (news / "e.jsonl").read_text() == ""


def test_an_unwritable_errors_file_is_a_usage_error(
    news: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["parse", "news", "--errors", "no/such/dir/e.jsonl"]) == 2
    assert "--errors: cannot write no/such/dir/e.jsonl: No such file or directory" in (
        capsys.readouterr().err
    )


def test_dash_reads_one_document_from_stdin(
    news: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(b"---\ntitle: From a pipe\n---\nx\n"))
    monkeypatch.setattr("sys.stdin", stdin)
    assert main(["parse", "-", "news/good.md", "--fields", "title", "-q"]) == 0
    assert _lines(capsys.readouterr().out) == [
        {"path": "<stdin>", "title": "From a pipe"},
        {"path": "news/good.md", "title": "Council vote"},
    ]
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(UNCLOSED.encode())))
    assert main(["parse", "-", "--stdin-name", "feed/x.md", "-q"]) == 1
    assert capsys.readouterr().err.startswith("feed/x.md:1:1: front matter opened with")
    assert main(["parse", "-", "-"]) == 2
    assert "- (stdin) may be given once" in capsys.readouterr().err


def test_fields_and_exclude_trim_every_record(
    news: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["parse", "news/good.md", "-q", "--fields", "title,url,published"]
    assert main(argv) == 0
    assert _lines(capsys.readouterr().out) == [
        {
            "path": "news/good.md",
            "title": "Council vote",
            "url": "https://a.test/x",
            "published": "2024-03-05T18:20:00+00:00",
        }
    ]
    argv = ["parse", "news/good.md", "-q", "--exclude", "body", "--format", "json"]
    assert main(argv) == 0
    [record] = json.loads(capsys.readouterr().out)
    assert "body" not in record and record["provenance"]["url"] == "link.href"
    assert main(["parse", "news/good.md", "-q", "--fields", "title", "-o", "out.jsonl"]) == 0
    assert capsys.readouterr().out == ""
    assert _lines((news / "out.jsonl").read_text()) == [
        {"path": "news/good.md", "title": "Council vote"}
    ]
    assert main(["parse", "news", "--exclude", "bdy"]) == 2
    assert "unknown field 'bdy'; did you mean 'body'?" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "of"),
    [
        ([], "record"),
        (["--fields", "title,url"], "record"),
        (["--exclude", "body", "--dedup-key"], "record"),
    ],
)
def test_the_printed_schema_describes_the_lines_parse_writes(
    news: Path, argv: list[str], of: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["schema", *argv]) == 0
    validator = Draft202012Validator(json.loads(capsys.readouterr().out))
    main(["parse", "news", "-q", "--errors", "errors.jsonl", *argv])
    [record] = _lines(capsys.readouterr().out)
    assert list(validator.iter_errors(record)) == []
    record.pop("path")
    assert not validator.is_valid(record)  # path is required

    assert main(["schema", "--of", "errors"]) == 0
    errors = Draft202012Validator(json.loads(capsys.readouterr().out))
    lines = _lines((news / "errors.jsonl").read_text())
    assert len(lines) == 2
    assert [list(errors.iter_errors(line)) for line in lines] == [[], []]


def test_the_article_schema_is_still_to_dicts(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "--of", "article"]) == 0
    assert json.loads(capsys.readouterr().out) == newsmeta.json_schema()
    with pytest.raises(ValueError, match=r"^output must be 'article', 'record' or 'errors'"):
        newsmeta.json_schema("table")  # type: ignore[arg-type]
