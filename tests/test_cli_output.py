"""``newsmeta parse`` writes exactly the records of the general path: ``{"path": ...}``
followed by ``to_dict``'s keys, as ``json.dumps(..., ensure_ascii=False)`` writes them.

The command renders through faster paths (``newsmeta._article_json``, a path
prefix spliced in, writes gathered into large chunks); these tests hold the
bytes to the plain way of writing the same records.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import newsmeta
from newsmeta.cli import main
from newsmeta.records import path_text

from .conftest import shared


def _records(folder: Path) -> list[str]:
    records = []
    for path in sorted(folder.iterdir()):
        try:
            article = newsmeta.parse_file(path)
        except newsmeta.NewsmetaError:
            continue
        record = {"path": path_text(str(path)), **newsmeta.to_dict(article)}
        records.append(json.dumps(record, ensure_ascii=False))
    return records


def test_jsonl_is_the_general_records_byte_for_byte(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Over 64 kB of output: several gathered writes, and a last partial one.
    folder = shared("bulk", "powerapps")
    main(["parse", str(folder), "--quiet"])
    out = capsys.readouterr().out
    expected = _records(folder)
    assert len(out) > 4 * 65536
    assert out == "".join(record + "\n" for record in expected)


def test_json_array_is_the_general_records_byte_for_byte(
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = shared("bulk", "news.healthcareguys.com")
    main(["parse", str(folder), "--quiet", "--format", "json"])
    assert capsys.readouterr().out == "[\n" + ",\n".join(_records(folder)) + "\n]\n"


@pytest.mark.parametrize("output_format", ["json", "jsonl"])
def test_no_article_writes_an_empty_array_or_nothing(
    output_format: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.md").write_text("no front matter\n", encoding="utf-8")
    assert main(["parse", str(tmp_path), "--quiet", "--format", output_format]) == 1
    assert capsys.readouterr().out == ("[]\n" if output_format == "json" else "")


def test_an_odd_file_name_is_written_as_the_general_path_writes_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = 'quote " back\\slash tab\t é.md'
    (tmp_path / name).write_text("---\ntitle: T\n---\n", encoding="utf-8")
    main(["parse", str(tmp_path), "--quiet"])
    assert capsys.readouterr().out == "".join(record + "\n" for record in _records(tmp_path))
