"""The newsmeta command: stdout, stderr and exit codes of parse/validate/detect/schema."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import newsmeta.plugins
from newsmeta.cli import main

ROOT = Path(__file__).resolve().parents[1]
HUGO = (
    "---\ntitle: Council vote\ndate: 2024-03-05T18:20:00Z\nlink:\n  href: https://a.test/x\n"
    "---\nBody.\n"
)
UNCLOSED = "---\ntitle: Never closed\n"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """good.md and broken.md in the current directory, so names in messages are short."""
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "good.md").write_text(HUGO)
    (tmp_path / "news" / "broken.md").write_text(UNCLOSED)
    monkeypatch.chdir(tmp_path)
    return tmp_path


BROKEN_LINE = (
    "news/broken.md:1:1: front matter opened with '---' is never closed; expected a line '---'"
)
SUMMARY = "2 files: 1 parsed, 1 failed\n  errors: FrontMatterError 1\n  dialects: hugo 1\n"


def test_parse_writes_articles_to_stdout_and_errors_to_stderr(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["parse", "news"]) == 1
    out, err = capsys.readouterr()
    [line] = out.splitlines()
    article = json.loads(line)
    assert (article["title"], article["dialect"], article["url"]) == (
        "Council vote",
        "hugo",
        "https://a.test/x",
    )
    assert err == BROKEN_LINE + "\n" + SUMMARY


def test_parse_json_is_one_array_and_quiet_drops_the_summary(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["parse", "news/good.md", "--format", "json", "--quiet"]) == 0
    out, err = capsys.readouterr()
    assert [a["title"] for a in json.loads(out)] == ["Council vote"]
    assert err == ""
    assert main(["parse", "news/broken.md", "--format", "json", "-q"]) == 1
    out, err = capsys.readouterr()
    assert (out, err) == ("[]\n", BROKEN_LINE + "\n")


def test_parse_options_reach_the_parser(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (folder / "news" / "naive.md").write_text("---\ntitle: N\ndate: 2024-01-01T10:00:00\n---\n")
    assert main(["parse", "news/naive.md", "--dialect", "generic", "-q"]) == 0
    assert json.loads(capsys.readouterr().out)["dialect"] == "generic"
    assert main(["parse", "news/naive.md", "--strict", "-q"]) == 1
    assert capsys.readouterr().err == (
        "news/naive.md:3:1: 'date' '2024-01-01 10:00:00' has no time zone; "
        "taken as UTC (strict)\n"
    )
    assert main(["parse", "news", "--pattern", "good.*", "--workers", "2", "-q"]) == 0


def test_date_options_reach_the_parser(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (folder / "news" / "eu.md").write_text("---\ntitle: N\ndate: 01/02/2025 10:00\n---\n")
    assert main(["parse", "news/eu.md", "--dayfirst", "--timezone", "Europe/Berlin", "-q"]) == 0
    article = json.loads(capsys.readouterr().out)
    assert article["published"] == "2025-02-01T10:00:00+01:00"
    assert [d["code"] for d in article["diagnostics"]] == ["ambiguous-date", "naive-datetime"]
    assert main(["parse", "news/eu.md", "--timezone", "Mars/Olympus", "-q"]) == 2
    assert "error: unknown time zone 'Mars/Olympus'" in capsys.readouterr().err


def test_validate_prints_no_articles(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "news"]) == 1
    assert capsys.readouterr() == ("", BROKEN_LINE + "\n" + SUMMARY)
    assert main(["validate", "news/good.md"]) == 0
    assert capsys.readouterr() == ("", "1 file: 1 parsed, 0 failed\n  dialects: hugo 1\n")


def test_detect_names_the_dialect_and_with_v_every_candidate(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(newsmeta.plugins, "installed", lambda: ())  # see test_cli_adapters
    assert main(["detect", "news/good.md"]) == 0
    assert capsys.readouterr() == ("news/good.md: hugo (best score 0.22)\n", "")
    assert main(["detect", "-v", "news/good.md", "news/broken.md"]) == 1
    out, err = capsys.readouterr()
    assert out == (
        "news/good.md: hugo (best score 0.22)\n"
        "  hugo 0.22: link, date\n"
        "  aggregator 0.00: -\n"
        "  generic (fallback) 0.26: title, date\n"
    )
    assert err == BROKEN_LINE + "\n"


def test_schema_prints_a_draft_2020_12_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["required"][:2] == ["path", "title"]  # a line of `parse`: path first


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ([], "the following arguments are required: COMMAND"),
        (["parse"], "the following arguments are required: PATH"),
        (["parse", "x", "--format", "xml"], "argument --format: invalid choice: 'xml'"),
        (
            ["parse", "x", "--dialect", "nope"],
            "unknown dialect 'nope'; registered: hugo, aggregator, generic",
        ),
        (["validate", "x", "--workers", "-1"], "--workers must be 0 (every CPU) or more, not -1"),
    ],
)
def test_usage_errors_exit_2(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_progress_counter_on_a_terminal_without_tqdm(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.setitem(sys.modules, "tqdm", None)  # importing it now fails
    assert main(["validate", "news"]) == 1
    shown = terminal.getvalue()
    # The error line clears the counter's line; the counter is drawn in place, then cleared.
    assert shown.startswith("\r\r" + BROKEN_LINE + "\n")
    assert "\r1 file, 1 failed\r" in shown
    assert shown.endswith("\r" + " " * len("1 file, 1 failed") + "\r" + SUMMARY)


def test_the_readme_main_job_command(capsys: pytest.CaptureFixture[str]) -> None:
    # `newsmeta parse examples/news --format jsonl`: the broken example makes it exit 1.
    assert main(["parse", str(ROOT / "examples" / "news"), "--format", "jsonl"]) == 1
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == 5
    assert err.splitlines()[0].endswith(
        "broken-unclosed.md:1:1: front matter opened with '---' is never closed; "
        "expected a line '---'"
    )


def test_python_m_newsmeta_runs_the_command(folder: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "newsmeta", "parse", "news", "--format", "jsonl"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )
    assert run.returncode == 1
    assert json.loads(run.stdout)["title"] == "Council vote"
    assert run.stderr == BROKEN_LINE + "\n" + SUMMARY


def test_import_newsmeta_loads_no_command_line_or_progress_code() -> None:
    code = (
        "import sys, newsmeta\n"
        "print(sorted(m for m in ('newsmeta.cli', 'argparse', 'tqdm', 'rich', "
        "'concurrent.futures') if m in sys.modules))"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert run.stdout == "[]\n"


def test_a_sample_of_the_bulk_folder_is_fully_accounted_for(
    capsys: pytest.CaptureFixture[str],
) -> None:
    bulk = ROOT.parent / "shared" / "bulk"
    if not bulk.is_dir():
        pytest.skip(f"bulk corpus not found at {bulk} (CI keeps ../shared beside the checkout)")
    sample = f"{bulk}/*/*__0*.md"  # about one file in sixteen
    assert main(["parse", sample, "--workers", "2"]) in (0, 1)
    out, err = capsys.readouterr()
    totals = re.search(r"^(\d+) files: (\d+) parsed, (\d+) failed$", err, re.MULTILINE)
    assert totals is not None, err
    seen, parsed, failed = map(int, totals.groups())
    assert seen > 100
    assert parsed + failed == seen
    assert len(out.splitlines()) == parsed
    assert "Traceback" not in err


def test_an_installed_plugin_is_a_dialect_by_name(capsys: pytest.CaptureFixture[str]) -> None:
    sample = ROOT / "examples" / "plugin" / "newsmeta_quillwire" / "quillwire-sample.md"
    if "quillwire" not in newsmeta.plugins.installed():
        pytest.skip("the example plugin is not installed (.ci/run installs it)")
    assert main(["parse", str(sample), "--dialect", "quillwire", "--quiet"]) == 0
    assert json.loads(capsys.readouterr().out)["dialect"] == "quillwire"
