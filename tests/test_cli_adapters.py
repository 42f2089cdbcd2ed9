"""The command line with mapping files: --adapter, --dialect NAME|FILE, detect -v, infer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import newsmeta
import newsmeta.plugins
from newsmeta.cli import main

ROOT = Path(__file__).resolve().parents[1]
ACME = ROOT / "examples" / "adapters"
INFER = Path(__file__).resolve().parent / "data" / "infer"
WIRE = Path(__file__).resolve().parents[1] / "examples" / "wire-desk"
STORY = "---\nacmeId: AW-1\nheadline: Ferry back\nmeta:\n  issued: 1714550400\n---\nBody.\n"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "acme.md").write_text(STORY)
    (tmp_path / "news" / "plain.md").write_text("---\ntitle: Plain\n---\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(newsmeta.plugins, "installed", lambda: ())
    return tmp_path


def _articles(out: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.splitlines()]


def test_an_adapter_file_joins_detection_for_parse_and_validate(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["parse", "news", "--adapter", str(ACME / "acme.yaml")]) == 0
    out, err = capsys.readouterr()
    assert [(a["dialect"], a["title"]) for a in _articles(out)] == [
        ("acme", "Ferry back"),
        ("generic", "Plain"),
    ]
    assert err == "2 files: 2 parsed, 0 failed\n  dialects: acme 1, generic 1\n"
    assert main(["validate", "news", "--adapter", str(ACME / "acme.yaml"), "-q"]) == 0
    capsys.readouterr()
    # without it, the acme story is left to the generic fallback
    assert main(["parse", "news/acme.md", "-q"]) == 0
    assert _articles(capsys.readouterr().out)[0]["dialect"] == "generic"


def test_adapter_files_chain_and_a_dialect_name_from_one_works(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Path("acme-plus.yaml").write_text(
        "name: acme-plus\nextends: acme\ndetect: false\nfields: {summary: [headline]}\n"
    )
    argv = ["parse", "news/acme.md", "--adapter", str(ACME / "acme.yaml")]
    assert main([*argv, "--adapter", "acme-plus.yaml", "--dialect", "acme-plus", "-q"]) == 0
    (article,) = _articles(capsys.readouterr().out)
    assert (article["dialect"], article["summary"], article["title"]) == (
        "acme-plus",
        "Ferry back",
        "Ferry back",
    )


def test_dialect_may_name_a_mapping_file(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", "news/acme.md", "--dialect", str(ACME / "acme.yaml"), "-q"]) == 0
    assert _articles(capsys.readouterr().out)[0]["dialect"] == "acme"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["parse", "news", "--adapter", "missing.yaml"],
            "newsmeta parse: error: missing.yaml: cannot read adapter file: "
            "No such file or directory",
        ),
        (
            ["detect", "news", "--adapter", "acmee"],
            "newsmeta detect: error: --adapter 'acmee' is neither a mapping file (.yaml, .yml, "
            ".toml, .json) nor an installed plugin; installed plugins: none",
        ),
        (
            [
                "validate",
                "news",
                "--adapter",
                str(ACME / "acme.yaml"),
                "--adapter",
                str(ACME / "acme.yaml"),
            ],
            "newsmeta validate: error: an adapter named 'acme' is already registered; "
            "pass replace=True to replace it",
        ),
    ],
)
def test_a_bad_adapter_is_a_usage_error(
    folder: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    assert main(argv) == 2
    assert capsys.readouterr().err.splitlines()[-1] == message


def test_a_mistake_in_an_adapter_file_names_its_line_and_column(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    typo = str(ACME / "acme-typo.yaml")
    assert main(["parse", "news", "--adapter", typo]) == 2
    assert (
        capsys.readouterr()
        .err.splitlines()[-1]
        .startswith(
            f"newsmeta parse: error: {typo}:4:3: unknown field 'titel' (did you mean 'title'?)"
        )
    )


def test_detect_v_lists_adapter_files_among_the_candidates(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["detect", "-v", "news/acme.md", "--adapter", str(ACME / "acme.yaml")]) == 0
    assert capsys.readouterr().out == (
        "news/acme.md: acme (best score 1.00)\n"
        "  acme 1.00: acmeId, headline, meta.issued\n"
        "  hugo 0.00: -\n"
        "  aggregator 0.00: -\n"
        "  generic (fallback) 0.04: headline\n"
    )


def test_detect_v_scores_installed_plugins_and_says_they_are_not_in_detection(
    capsys: pytest.CaptureFixture[str],
) -> None:
    if "quillwire" not in newsmeta.plugins.installed():
        pytest.skip("the example plugin is not installed (.ci/run installs it)")
    sample = str(ROOT / "examples" / "plugin" / "newsmeta_quillwire" / "quillwire-sample.md")
    assert main(["detect", "-v", sample]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"{sample}: none (no dialect fits (none reached score 0.20))"
    assert out[-1] == (
        "  quillwire (plugin, not in detection; --adapter quillwire adds it) 1.00: "
        "qw_story_id, hed, dek, filed_at"
    )
    assert main(["detect", sample, "--adapter", "quillwire"]) == 0
    assert capsys.readouterr().out == f"{sample}: quillwire (best score 1.00)\n"


def test_infer_writes_the_draft_to_stdout_and_reports_on_stderr(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(INFER)
    assert main(["infer", "astro-news"]) == 0
    out, err = capsys.readouterr()
    assert out == (INFER / "astro-news.expected.yaml").read_text(encoding="utf-8")
    assert err == (
        "astro-news/apostrophe.md:2:11: invalid YAML: the single-quoted text that starts at 2:8 "
        "ends at 2:11; inside single quotes write an apostrophe as '', or use double quotes\n"
        "5 files read, 1 unreadable; draft for 'astro-news' written\n"
    )


def test_infer_options_and_an_empty_sample(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["infer", str(WIRE), "--name", "wire", "--limit", "2"]) == 0
    out = capsys.readouterr().out
    assert "\nname: wire\n" in out and "from 2 files" in out
    assert main(["infer", str(tmp_path)]) == 1
    assert capsys.readouterr() == ("", "no front matter could be read; no draft written\n")
    assert main(["infer", str(tmp_path), "--name", "bad name"]) == 2


def test_a_plugin_that_fails_to_load_is_named_not_fatal_in_detect_v(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(name: str) -> object:
        raise newsmeta.PluginError(f"plugin {name!r} failed to load: ImportError: gone")

    monkeypatch.setattr(newsmeta.plugins, "installed", lambda: ("broken",))
    monkeypatch.setattr(newsmeta.plugins, "load_plugin", broken)
    assert main(["detect", "-v", "news/plain.md"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        "  broken (plugin, not in detection; --adapter broken adds it): fails to load: "
        "plugin 'broken' failed to load: ImportError: gone"
    )
    Path("ext.yaml").write_text("name: ext\nextends: broken\ndetect: false\n")
    assert main(["parse", "news", "--adapter", "ext.yaml"]) == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "newsmeta parse: error: ext.yaml:2:1: 'extends' names plugin 'broken', which fails: "
        "plugin 'broken' failed to load: ImportError: gone"
    )


def test_infer_repair_reads_the_file_with_a_quote_mistake_too(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(INFER)
    assert main(["infer", "--repair", "astro-news"]) == 0
    out, err = capsys.readouterr()
    assert "from 6 files" in out and "# publish_date: 6 of 6 files, all dates" in out
    assert err == "6 files read, 0 unreadable; draft for 'astro-news' written\n"
