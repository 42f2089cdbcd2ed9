"""Golden pairs: each input file next to the exact ``to_dict`` output expected of it.

Set NEWSMETA_UPDATE_GOLDEN=1 to (re)write the ``.json`` files after a deliberate
change, then review the diff like any other change.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import newsmeta

from .conftest import DATA, SHARED

_UPDATE = os.environ.get("NEWSMETA_UPDATE_GOLDEN") == "1"
_SEED_GOLDEN = DATA / "seeds"


def _cases() -> list[tuple[Path, Path]]:
    cases = []
    others = ("seeds", "formats", "repair")  # repair: read with Parser(repair=True), test_repair
    dialect_dirs = (p for p in DATA.iterdir() if p.is_dir() and p.name not in others)
    for dialect_dir in sorted(dialect_dirs):
        for source in sorted(dialect_dir.glob("*.md")):
            cases.append((source, source.with_suffix(".json")))
    return cases


def _check(source: Path, expected_path: Path, *, path_label: str) -> None:
    article = newsmeta.parse_file(source)
    actual = newsmeta.to_dict(article)
    # The path label keeps diagnostics independent of where the checkout lives.
    actual = json.loads(json.dumps(actual).replace(str(source), path_label))
    if _UPDATE:
        expected_path.write_text(json.dumps(actual, indent=2, ensure_ascii=False) + "\n")
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    assert actual == expected
    assert newsmeta.from_dict(newsmeta.to_dict(article)) == article


@pytest.mark.parametrize(
    ("source", "expected"), _cases(), ids=lambda p: f"{p.parent.name}/{p.name}"
)
def test_golden_case(source: Path, expected: Path) -> None:
    assert source.parent.name in ("hugo", "aggregator", "generic")
    _check(source, expected, path_label=source.name)
    assert newsmeta.parse_file(source).dialect == source.parent.name


# One small file per container and file type, written in the style of each generator's
# own documentation (Hexo, Pelican, MultiMarkdown, Python-Markdown meta, Docusaurus and
# Astro MDX, Quarto, blogdown, Jekyll HTML), with the format each must be read as.
_FORMATS = {
    "hexo-hello-world.md": "hexo-yaml",
    "pelican-my-super-post.md": "multimarkdown",
    "multimarkdown-sample.md": "multimarkdown",
    "python-markdown-meta.md": "multimarkdown",
    "docusaurus-welcome.mdx": "yaml",
    "astro-first-post.mdx": "yaml",
    "quarto-post-with-code.qmd": "yaml",
    "blogdown-hello-rmarkdown.Rmd": "yaml",
    "blogdown-rmarkdown-post.Rmarkdown": "yaml",
    "jekyll-welcome.html": "yaml",
    "yaml-surrogate-pair.md": "yaml",
    "json-surrogate-pair.md": "json",
}


def test_every_format_file_has_a_case() -> None:
    inputs = {p.name for p in (DATA / "formats").iterdir() if p.suffix != ".json"}
    assert inputs == set(_FORMATS)


@pytest.mark.parametrize(("name", "fmt"), sorted(_FORMATS.items()))
def test_golden_format(name: str, fmt: str) -> None:
    source = DATA / "formats" / name
    _check(source, source.with_suffix(".json"), path_label=name)
    assert newsmeta.parse_file(source).format == fmt


def test_mdx_imports_after_the_front_matter_stay_in_the_body() -> None:
    article = newsmeta.parse_file(DATA / "formats" / "docusaurus-welcome.mdx")
    assert article.body.startswith("\nimport Tabs from '@theme/Tabs';\n")


@pytest.mark.parametrize(
    "seed", ["000_40f1308a344b3af5.txt", "001_a05a90f168b19f2a.txt"]
)
def test_golden_seed(seed: str) -> None:
    source = SHARED / "seeds" / seed
    if not source.exists():
        pytest.skip(f"{source} is absent (../shared must sit beside the checkout)")
    _check(source, _SEED_GOLDEN / (seed.removesuffix(".txt") + ".json"), path_label=seed)


def test_seed_000_reads_as_a_reader_expects() -> None:
    source = SHARED / "seeds" / "000_40f1308a344b3af5.txt"
    if not source.exists():
        pytest.skip(f"{source} is absent")
    article = newsmeta.parse_file(source)
    assert article.dialect == "hugo"
    assert article.title == (
        "AI helps radiologists improve accuracy in breast cancer detection with lesser recalls"
    )
    assert article.published is not None
    assert article.published.isoformat() == "2020-02-12T11:52:42+00:00"
    assert article.url == (
        "https://www.healthcareitnews.com/news/asia-pacific/"
        "ai-helps-radiologists-improve-accuracy-breast-cancer-detection-lesser-recalls"
    )
    assert article.source == newsmeta.Source(
        name="healthcareitnews.com", domain="healthcareitnews.com"
    )
    assert article.authors == (newsmeta.Author(name="Admin"),)
    assert article.tags == ("News",)
    assert article.categories == ("ai", "cancer", "medical imaging")
    image = article.images[0]
    assert (image.width, image.height, image.mime_type) == (700, 412, "image/jpeg")
    assert article.extra["mdName"] == "bfcbce5a-fd90-59ee-91e6-1a8b16b94246"
    # The body repeats its paragraph in the source; it is kept exactly as written.
    assert article.body.count("A new study, conducted by Korean academic hospitals") == 2


def test_seed_001_reads_as_a_reader_expects() -> None:
    source = SHARED / "seeds" / "001_a05a90f168b19f2a.txt"
    if not source.exists():
        pytest.skip(f"{source} is absent")
    article = newsmeta.parse_file(source)
    assert article.dialect == "aggregator"
    assert article.summary is not None and article.summary.startswith("Researchers develop")
    assert article.published is not None
    assert article.published.isoformat() == "2021-09-27T12:00:00+00:00"
    assert article.source is not None
    assert (article.source.name, article.source.domain) == ("GEN", "genengnews.com")
    assert article.tags == ("AI", "AI in Healthcare")
    assert (article.images[0].width, article.images[0].height) == (500, 305)
    (related,) = article.related
    assert related.title is not None and related.title.startswith("AI tool increases")
    assert related.published is not None
    assert related.published.isoformat() == "2021-09-28T06:04:00+00:00"
    assert related.url is not None and related.url.startswith("https://www.radiologybusiness.com/")
    assert related.source == newsmeta.Source(
        name="Radiology Business", domain="radiologybusiness.com"
    )
    assert (related.images[0].width, related.images[0].height) == (1200, 630)
    assert related.kind == "article"
    assert related.extra == {"quality": 26}
    assert article.extra["secured"].endswith(";pZlShoMzxXmuKlQt07hZRg==")
