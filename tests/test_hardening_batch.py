"""Batch threats: one bad path never stops a batch nor loses another file.

Written against the batch API that lands with the batch issue (branch cli):
``newsmeta.parse_many(sources, workers=None)`` yields one result per input
with ``.name``, ``.article`` (Article or None) and ``.error`` (NewsmetaError or
None), and never raises.  Skipped until ``parse_many`` exists.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest

import newsmeta

if not hasattr(newsmeta, "parse_many"):
    pytest.skip("parse_many lands with the batch issue", allow_module_level=True)

GOOD = "---\ntitle: Fine\ndate: 2024-01-02T03:04:05Z\n---\nBody.\n"


def _run(sources: list[Path], workers: int | None) -> list[Any]:
    results = list(newsmeta.parse_many(sources, workers=workers))  # type: ignore[attr-defined]
    assert len(results) == len(sources)
    return results


def _by_name(results: list[Any]) -> dict[str, Any]:
    return {Path(str(r.name)).name: r for r in results}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "a-good.md").write_text(GOOD)
    (tmp_path / "z-good.md").write_text(GOOD.replace("Fine", "Also fine"))
    return tmp_path


@pytest.mark.parametrize("workers", [None, 2])
def test_deleted_file_is_an_error_result(folder: Path, workers: int | None) -> None:
    gone = folder / "m-gone.md"
    gone.write_text(GOOD)
    sources = sorted(folder.iterdir())
    gone.unlink()  # deleted between listing and reading
    results = _by_name(_run(sources, workers))
    assert results["m-gone.md"].article is None
    assert isinstance(results["m-gone.md"].error, newsmeta.SourceError)
    assert str(results["m-gone.md"].error) == f"{gone}: cannot read file: No such file or directory"
    assert results["a-good.md"].article.title == "Fine"
    assert results["z-good.md"].article.title == "Also fine"


@pytest.mark.skipif(
    sys.platform == "win32" or (hasattr(os, "geteuid") and os.geteuid() == 0),
    reason="file permissions do not stop root (or Windows) from reading",
)
@pytest.mark.parametrize("workers", [None, 2])
def test_unreadable_file_is_an_error_result(folder: Path, workers: int | None) -> None:
    locked = folder / "m-locked.md"
    locked.write_text(GOOD)
    locked.chmod(0)
    try:
        results = _by_name(_run(sorted(folder.iterdir()), workers))
    finally:
        locked.chmod(0o644)
    assert results["m-locked.md"].article is None
    assert str(results["m-locked.md"].error) == f"{locked}: cannot read file: Permission denied"
    assert results["z-good.md"].error is None


@pytest.mark.parametrize("workers", [None, 2])
def test_directory_named_like_a_file_is_an_error_result(folder: Path, workers: int | None) -> None:
    # A glob matching "*.md" also matches a folder called x.md: that one input
    # fails, with a message naming it, and the files around it are parsed.
    (folder / "x.md").mkdir()
    results = newsmeta.parse_many([str(folder / "*.md")], workers=workers)  # type: ignore[attr-defined]
    by_name = _by_name(list(results))
    assert sorted(by_name) == ["a-good.md", "x.md", "z-good.md"]
    assert by_name["x.md"].article is None
    assert isinstance(by_name["x.md"].error, newsmeta.SourceError)
    assert str(by_name["x.md"].error).startswith(f"{folder / 'x.md'}: ")
    assert [by_name[n].article.title for n in ("a-good.md", "z-good.md")] == ["Fine", "Also fine"]


@pytest.mark.parametrize("workers", [None, 2])
def test_hostile_files_do_not_stop_the_batch(folder: Path, workers: int | None) -> None:
    (folder / "b-bomb.md").write_text(
        "---\ntitle: x\nv: " + "[" * 10_000 + "]" * 10_000 + "\n---\n"
    )
    (folder / "c-binary.md").write_bytes(b"\xff\xfe\x00garbage\x00\xc3")
    (folder / "d-empty.md").write_bytes(b"")
    results = _by_name(_run(sorted(folder.iterdir()), workers))
    assert isinstance(results["b-bomb.md"].error, newsmeta.LimitError)
    assert isinstance(results["c-binary.md"].error, newsmeta.NewsmetaError)
    assert isinstance(results["d-empty.md"].error, newsmeta.FrontMatterError)
    assert results["z-good.md"].article.title == "Also fine"
