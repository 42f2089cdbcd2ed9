"""Folder walks read the file types real sites keep articles in; HTML only with front matter."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import newsmeta
from newsmeta.batch import DEFAULT_PATTERNS
from newsmeta.split import begins_with_front_matter

from .conftest import ROOT

_STORY = "---\ntitle: {}\ndate: 2024-01-01T00:00:00Z\n---\n{}"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    files = {
        "a.md": _STORY.format("Markdown", "text\n"),
        "b.markdown": _STORY.format("Long suffix", "text\n"),
        "c.mdx": _STORY.format("MDX", "import X from './x';\n\n<X />\n"),
        "d.qmd": _STORY.format("Quarto", "```{r}\n1 + 1\n```\n"),
        "e.Rmd": _STORY.format("R Markdown", "text\n"),
        "f.Rmarkdown": _STORY.format("Rmarkdown", "text\n"),
        "g.html": _STORY.format("Jekyll page", "<p>text</p>\n"),
        "h.html": "<!DOCTYPE html>\n<html><body>a generated page</body></html>\n",
        "i.html": "{% include header.html %}\n<p>a template</p>\n",
        "j.html": "\ufeff\n\n+++\ntitle = 'TOML in HTML'\n+++\n<p>text</p>\n",
        "k.html": "",
        "l.txt": _STORY.format("Not a default pattern", ""),
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_default_patterns_name_the_file_types() -> None:
    assert DEFAULT_PATTERNS == (
        "*.md", "*.markdown", "*.mdx", "*.qmd", "*.Rmd", "*.Rmarkdown", "*.html",
    )  # fmt: skip


def test_a_walk_reads_every_type_and_only_html_that_begins_with_front_matter(site: Path) -> None:
    summary = newsmeta.Summary()
    results = list(summary.track(newsmeta.parse_many(site)))
    names = [Path(r.name).name for r in results]
    assert names == ["a.md", "b.markdown", "c.mdx", "d.qmd", "e.Rmd", "f.Rmarkdown", "g.html",
                     "j.html"]  # fmt: skip
    assert all(r.ok for r in results)
    # Skipped pages are neither results nor errors.
    assert (summary.seen, summary.failed) == (8, 0)
    mdx = results[2].article
    assert mdx is not None and mdx.body == "import X from './x';\n\n<X />\n"


def test_worker_processes_skip_the_same_html_files(site: Path) -> None:
    one = [(r.name, r.ok) for r in newsmeta.parse_many(site)]
    two = [(r.name, r.ok) for r in newsmeta.parse_many(site, workers=2, chunksize=2)]
    assert one == two


def test_a_named_html_file_is_always_read(site: Path) -> None:
    (result,) = newsmeta.parse_many(site / "h.html")
    assert result.message == (
        f"{site / 'h.html'}:1:1: no front matter; expected '---' (YAML), '+++' (TOML) "
        "or '{' (JSON) on the first line"
    )


def test_patterns_still_override_the_defaults(site: Path) -> None:
    names = [Path(r.name).name for r in newsmeta.parse_many(site, patterns=["*.txt", "*.html"])]
    assert names == ["g.html", "j.html", "l.txt"]


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("---\ntitle: x\n", True),
        ("\r\n  \r\n---yaml\r\n", True),
        ("+++\n", True),
        ('{\n  "title": "x"', True),
        ("{}", True),
        ("<!DOCTYPE html>\n---\n", False),
        ("{% raw %}\n", False),
        ("{{ page.title }}\n", False),
        ("title: x\n---\n", False),  # Hexo's form is for Markdown, not HTML pages
        ("", False),
    ],
)
def test_sniffing_accepts_only_the_fenced_forms(head: str, expected: bool) -> None:
    assert begins_with_front_matter(head) is expected


def test_the_command_skips_html_without_front_matter(site: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "newsmeta", "parse", str(site), "--format", "jsonl"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert len(run.stdout.splitlines()) == 8
    assert run.stderr.startswith("8 files: 8 parsed, 0 failed")
    detect = subprocess.run(
        [sys.executable, "-m", "newsmeta", "detect", str(site)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert detect.returncode == 0, detect.stderr
    assert len(detect.stdout.splitlines()) == 8
