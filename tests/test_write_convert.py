"""newsmeta convert: relative names kept, nothing overwritten without --force."""

from __future__ import annotations

from pathlib import Path

import pytest

import newsmeta
from newsmeta.cli import main

HUGO = "---\ntitle: Harbour\ndate: 2024-05-01T09:00:00+02:00\nlink:\n  href: https://g.test/h\n---\nBody\n"
AGGREGATOR = (
    "---\ntitle: Ferry\npublishedDateTime: 2024-05-02T10:00:00Z\n"
    "originalUrl: https://w.test/f\nsecured: true\n---\n"
)


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in" / "local").mkdir(parents=True)
    (tmp_path / "in" / "local" / "harbour.md").write_text(HUGO, encoding="utf-8")
    (tmp_path / "in" / "ferry.md").write_text(AGGREGATOR, encoding="utf-8")
    (tmp_path / "in" / "broken.md").write_text("---\ntitle: [\n---\n", encoding="utf-8")
    return tmp_path


def test_a_folder_is_converted_with_its_relative_names(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["convert", "in", "--to", "aggregator", "--out", "out", "-q"]) == 1
    out, err = capsys.readouterr()
    assert out == ("in/ferry.md -> out/ferry.md\nin/local/harbour.md -> out/local/harbour.md\n")
    assert err == "in/broken.md:3:1: invalid YAML: did not find expected node content\n"
    harbour = newsmeta.parse_file(site / "out/local/harbour.md", dialect="aggregator")
    assert harbour.published is not None and harbour.published.isoformat() == (
        "2024-05-01T09:00:00+02:00"
    )
    assert (harbour.url, harbour.body) == ("https://g.test/h", "Body\n")
    assert newsmeta.parse_file(site / "out/ferry.md").dialect == "aggregator"


def test_existing_files_are_kept_unless_forced(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (site / "out").mkdir()
    (site / "out" / "ferry.md").write_text("mine\n", encoding="utf-8")
    assert main(["convert", "in/ferry.md", "--to", "hugo", "--out", "out"]) == 1
    assert capsys.readouterr().err == (
        "in/ferry.md: out/ferry.md: exists; pass --force to overwrite it "
        "(or choose another --out)\n"
        "1 file: 0 parsed, 1 failed\n  errors: SourceError 1\n"
    )
    assert (site / "out" / "ferry.md").read_text(encoding="utf-8") == "mine\n"
    assert main(["convert", "in/ferry.md", "--to", "hugo", "--out", "out", "--force", "-q"]) == 0
    assert newsmeta.parse_file(site / "out/ferry.md", dialect="hugo").title == "Ferry"


def test_format_and_glob(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["convert", "in/**/*.md", "--to", "generic", "--format", "toml", "--out", "t", "-q"]
    assert main(args) == 1
    text = (site / "t" / "local" / "harbour.md").read_text(encoding="utf-8")
    assert text.startswith('+++\ntitle = "Harbour"\n')
    assert newsmeta.parse(text).format == "toml"


def test_what_the_target_cannot_hold_is_reported(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (site / "in" / "local" / "harbour.md").write_text(
        HUGO.replace("title:", "lastmod: 2024-05-03T00:00:00Z\ntitle:"), encoding="utf-8"
    )
    assert main(["convert", "in/local", "--to", "aggregator", "--out", "a", "-q"]) == 0
    assert capsys.readouterr().err == (
        "in/local/harbour.md: warning: dialect 'aggregator' has no place for 'updated'; "
        "written as keys 'updated' that read back in extra\n"
    )


def test_an_unknown_dialect_is_a_usage_error(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["convert", "in", "--to", "nope", "--out", "x"]) == 2
    assert "unknown dialect 'nope'" in capsys.readouterr().err
    assert not (site / "x").exists()
