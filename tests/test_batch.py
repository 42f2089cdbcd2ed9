"""parse_many: every input gives one Result, whatever goes wrong with it."""

from __future__ import annotations

import json
import os
import pickle
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

import newsmeta
from newsmeta import (
    AdapterError,
    DialectError,
    MappingAdapter,
    Parser,
    Result,
    Rule,
    Summary,
    UnexpectedError,
    parse_many,
)

HUGO = "---\ntitle: Council vote\ndate: 2024-03-05T18:20:00Z\nlink:\n  href: https://a.test/x\n---\nBody.\n"
GENERIC = "---\ntitle: Plain post\ndate: 2024-01-01\n---\n"
UNCLOSED = "---\ntitle: Never closed\n"
BAD_DATE = "---\ntitle: Hi\ndate: yesterday\nlastmod: never\n---\n"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A folder with good and broken files, a folder named like a file, a dangling link."""
    (tmp_path / "b-hugo.md").write_text(HUGO)
    (tmp_path / "a-generic.markdown").write_text(GENERIC)
    (tmp_path / "c-unclosed.md").write_text(UNCLOSED)
    (tmp_path / "notes.txt").write_text(HUGO)  # not a default pattern: skipped
    (tmp_path / ".hidden.md").write_text(HUGO)  # hidden: skipped
    (tmp_path / "d-folder.md").mkdir()  # a folder is walked, not read
    (tmp_path / "d-folder.md" / "e-bad-date.md").write_text(BAD_DATE)
    (tmp_path / "f-gone.md").symlink_to(tmp_path / "deleted.md")
    return tmp_path


def _rel(results: list[Result], root: Path) -> list[str]:
    return [os.path.relpath(r.name, root) for r in results]


def test_folder_walk_yields_one_result_per_file_in_sorted_order(corpus: Path) -> None:
    results = list(parse_many(corpus))
    assert _rel(results, corpus) == [
        "a-generic.markdown",
        "b-hugo.md",
        "c-unclosed.md",
        "d-folder.md/e-bad-date.md",
        "f-gone.md",
    ]
    assert [r.ok for r in results] == [True, True, False, False, False]
    assert results[0].article is not None and results[0].article.dialect == "generic"
    assert results[1].article is not None and results[1].article.title == "Council vote"
    assert results[2].message == (
        f"{corpus}/c-unclosed.md:1:1: front matter opened with '---' is never closed; "
        "expected a line '---'"
    )
    assert results[3].message == (
        f"{corpus}/d-folder.md/e-bad-date.md:3:1: 'date' is not a date: 'yesterday'\n"
        f"{corpus}/d-folder.md/e-bad-date.md:4:1: 'lastmod' is not a date: 'never'"
    )
    assert results[4].message == (
        f"{corpus}/f-gone.md: cannot read file: No such file or directory"
    )


def test_patterns_choose_which_files_a_folder_walk_reads(corpus: Path) -> None:
    results = list(parse_many([corpus], patterns=["*.txt"]))
    assert _rel(results, corpus) == ["notes.txt"]


def test_glob_reports_a_matching_folder_and_a_pattern_without_match(corpus: Path) -> None:
    results = sorted(parse_many(f"{corpus}/*.md"), key=lambda r: r.name)
    assert [(os.path.basename(r.name), r.ok) for r in results] == [
        ("b-hugo.md", True),
        ("c-unclosed.md", False),
        ("d-folder.md", False),
        ("f-gone.md", False),
    ]
    assert results[2].message == f"{corpus}/d-folder.md: is a folder; a glob must name files"
    [missing] = parse_many(f"{corpus}/*.rst")
    assert missing.message == f"{corpus}/*.rst: no file matches this pattern"


def test_a_file_deleted_after_the_run_started_is_an_error_result(tmp_path: Path) -> None:
    paths = []
    for name in ("one.md", "two.md"):
        (tmp_path / name).write_text(GENERIC)
        paths.append(tmp_path / name)
    results = parse_many(paths)
    first = next(results)
    (tmp_path / "two.md").unlink()
    [second] = list(results)
    assert first.ok
    assert second.message == f"{tmp_path}/two.md: cannot read file: No such file or directory"


def test_name_text_pairs_and_errors_without_a_path_are_named() -> None:
    results = list(
        parse_many(
            [("feed/1.md", HUGO), ("feed/2.md", b"---\nfoo: 1\n---\n"), ("feed/3.md", "plain")]
        )
    )
    assert results[0].ok
    assert isinstance(results[1].error, DialectError)
    assert results[1].message == (
        "feed/2.md: not an article: no title, date, author, summary or URL (its keys: foo); "
        "expected a 'title' key with text"
    )
    assert results[2].message == (
        "feed/3.md:1:1: no front matter; expected '---' (YAML), '+++' (TOML) or '{' (JSON) "
        "on the first line"
    )


def test_dialect_skips_detection_and_an_unknown_one_raises_at_once() -> None:
    [result] = parse_many([("a.md", GENERIC)], dialect="hugo")
    assert result.article is not None and result.article.dialect == "hugo"
    with pytest.raises(DialectError, match="unknown dialect 'nope'"):
        parse_many([("a.md", GENERIC)], dialect="nope")


class _BuggyParser(Parser):
    """A parser with a bug outside any adapter: the batch must survive it."""

    def parse(self, text: Any, **kwargs: Any) -> newsmeta.Article:
        if b"boom" in (text if isinstance(text, bytes) else text.encode()):
            raise KeyError("boom")
        return super().parse(text, **kwargs)


class _DyingParser(Parser):
    """Kills its worker process, as a segfault or the out-of-memory killer would."""

    def parse(self, text: Any, **kwargs: Any) -> newsmeta.Article:
        if kwargs.get("path") == "die.md":
            os._exit(1)
        return super().parse(text, **kwargs)


class _CrashingAdapter(MappingAdapter):
    def normalize(self, mapping: Mapping[str, Any]) -> newsmeta.Normalized:
        raise ZeroDivisionError("division by zero")


def _crashing_parser() -> Parser:
    adapter = _CrashingAdapter("crashy", [Rule("title", ("title",))], signature={"crashy": 1.0})
    return Parser([adapter])


@pytest.mark.parametrize("workers", [1, 2])
def test_bugs_become_uniform_error_results(workers: int) -> None:
    sources = [("ok.md", GENERIC), ("boom.md", "---\ntitle: boom\n---\n")]
    results = list(parse_many(sources, parser=_BuggyParser(), workers=workers, chunksize=1))
    assert results[0].ok
    error = results[1].error
    assert isinstance(error, UnexpectedError)
    assert results[1].message == "boom.md: unexpected KeyError: 'boom'"
    assert "raise KeyError" in error.details

    [crashed] = parse_many(
        [("c.md", "---\ntitle: T\ncrashy: 1\n---\n")], parser=_crashing_parser(), workers=workers
    )
    # A bug in normalize() is an UnexpectedError whose traceback text crosses processes.
    assert isinstance(crashed.error, UnexpectedError)
    assert crashed.message == (
        "c.md: unexpected ZeroDivisionError: adapter 'crashy' failed in normalize(): "
        "division by zero"
    )
    assert "ZeroDivisionError" in crashed.error.details


def test_a_dead_worker_fails_its_chunk_and_the_run_goes_on() -> None:
    sources = [("die.md", GENERIC), *((f"ok{i}.md", GENERIC) for i in range(20))]
    results = list(parse_many(sources, parser=_DyingParser(), workers=2, chunksize=1))
    assert [r.name for r in results] == [name for name, _ in sources]
    assert isinstance(results[0].error, UnexpectedError)
    assert results[0].message.startswith("die.md: unexpected BrokenProcessPool: worker process")
    # Chunks the broken pool still held are run again alone: only die.md fails.
    assert all(r.ok for r in results[1:])


def test_workers_give_the_same_results_in_the_same_order(corpus: Path) -> None:
    sources = [corpus, ("pair.md", HUGO), corpus]
    serial = list(parse_many(sources))
    parallel = list(parse_many(sources, workers=2, chunksize=2))
    assert [(r.name, r.article, r.message) for r in parallel] == [
        (r.name, r.article, r.message) for r in serial
    ]
    unordered = list(parse_many(sources, workers=2, ordered=False, chunksize=1))
    assert sorted((r.name, r.message) for r in unordered) == sorted(
        (r.name, r.message) for r in serial
    )


def test_workers_need_a_parser_that_pickles() -> None:
    class Local(MappingAdapter):
        pass

    parser = Parser([Local("local", [Rule("title", ("title",))], signature={"x": 1.0})])
    with pytest.raises(AdapterError, match=r"^workers=2 sends the Parser to worker processes"):
        parse_many([("a.md", GENERIC)], parser=parser, workers=2)
    with pytest.raises(ValueError, match="workers must be None or an int >= 0, not -1"):
        parse_many([("a.md", GENERIC)], workers=-1)


def test_results_articles_and_errors_pickle(corpus: Path) -> None:
    results = [
        *parse_many(corpus),
        *parse_many([("b.md", "---\ntitle: boom\n---\n")], parser=_BuggyParser()),
    ]
    for result in results:
        copy = pickle.loads(pickle.dumps(result))
        assert copy == result
        assert copy.message == result.message
        assert type(copy.error) is type(result.error)


def test_summary_counts_every_file_once(corpus: Path) -> None:
    summary = Summary()
    for _ in summary.track(parse_many(corpus)):
        pass
    assert summary.parsed + summary.failed == summary.seen == 5
    assert summary.to_dict() == {
        "seen": 5,
        "parsed": 2,
        "failed": 3,
        "errors": {"FrontMatterError": 1, "FieldError": 1, "SourceError": 1},
        "dialects": {"generic": 1, "hugo": 1},
        "diagnostics": {"date-only": 1},
    }
    assert str(summary) == (
        "5 files: 2 parsed, 3 failed\n"
        "  errors: FrontMatterError 1, FieldError 1, SourceError 1\n"
        "  dialects: generic 1, hugo 1\n"
        "  diagnostics: date-only 1"
    )


def test_json_output_is_rendered_per_result_and_counted() -> None:
    sources = [("a.md", "---\ntitle: A\ndate: 2020-01-01\n---\n"), ("b.md", "no front matter")]
    summary = newsmeta.Summary()
    results = list(summary.track(newsmeta.parse_many(sources, output="json")))
    assert results[0].article is None
    assert results[0].json is not None
    assert json.loads(results[0].json) == newsmeta.to_dict(
        newsmeta.parse(sources[0][1], path="a.md")
    )
    assert (results[0].dialect, results[0].diagnostic_codes) == ("generic", ("date-only",))
    assert results[1].json is None and results[1].error is not None
    assert (summary.seen, summary.parsed, summary.failed) == (2, 1, 1)
    assert summary.diagnostics == {"date-only": 1}


def test_json_output_from_worker_processes_matches_in_process(tmp_path: Path) -> None:
    for index in range(40):
        (tmp_path / f"{index:02}.md").write_text(f"---\ntitle: Story {index}\n---\nBody\n")
    one = [r.json for r in newsmeta.parse_many(tmp_path, output="json")]
    two = [r.json for r in newsmeta.parse_many(tmp_path, output="json", workers=2)]
    assert one == two and len(one) == 40


def test_unknown_output_is_refused_at_once() -> None:
    with pytest.raises(ValueError, match="output must be 'article' or 'json'"):
        newsmeta.parse_many([], output="xml")  # type: ignore[arg-type]
