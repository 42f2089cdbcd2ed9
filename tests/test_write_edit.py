"""edit: exactly the lines of the changed keys change, every other byte stays."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest

import newsmeta
from newsmeta.split import decode
from newsmeta.write.edit import edit

from .conftest import SHARED

Hunks = list[tuple[list[str], list[str]]]


def _hunks(old: str, new: str) -> Hunks:
    """(removed lines, added lines) of each change, line endings included."""
    before, after = old.splitlines(keepends=True), new.splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    return [
        (before[i1:i2], after[j1:j2])
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]


def _real(relative: str) -> str:
    path = SHARED / "corpus" / relative
    if not path.exists():
        pytest.skip(f"{path} is absent (the real corpora live beside the checkout)")
    return path.read_bytes().decode("utf-8")


def _parses(path: Path) -> bool:
    try:
        newsmeta.parse(path.read_bytes())
    except newsmeta.NewsmetaError:
        return False
    return True


def _families() -> list[Path]:
    """The first file of each corpus family that is an article."""
    base = SHARED / "corpus"
    folders = sorted(f for f in base.iterdir() if f.is_dir()) if base.exists() else []
    return [
        next(p for p in sorted(folder.iterdir()) if p.suffix in (".md", ".markdown") and _parses(p))
        for folder in folders
    ]


@pytest.mark.parametrize("path", _families(), ids=lambda p: p.parent.name)
def test_a_new_title_changes_only_the_title_lines(path: Path) -> None:
    text = path.read_bytes().decode("utf-8-sig")
    before = newsmeta.parse(text)
    new = edit(text, title="Edited title")
    [(removed, added)] = _hunks(text, new)
    key = before.provenance["title"]
    assert removed[0].lstrip(' "').startswith(key)
    assert len(added) == 1 and "Edited title" in added[0]
    assert added[0].endswith("\r\n" if removed[0].endswith("\r\n") else "\n")
    after = newsmeta.parse(new)
    assert after.title == "Edited title"
    assert after.body == before.body and after.extra == before.extra


def test_yaml_block_list_date_text_and_kind() -> None:
    text = _real("A/0a2b621c-4069-5a03-83c9-66fccdbd01a9.md")
    new = edit(text, tags=["ai", "radiology"], published="2024-05-01T09:30:00+02:00", kind="brief")
    assert _hunks(text, new) == [
        (["archetype: news\n"], ["archetype: brief\n"]),
        (["date: '2019-08-27T09:33:10Z'\n"], ["date: '2024-05-01T09:30:00+02:00'\n"]),
        (["- News\n"], ["- ai\n", "- radiology\n"]),  # the file's own list indentation
    ]
    after = newsmeta.parse(new)
    assert after.published is not None
    assert after.published.isoformat() == "2024-05-01T09:30:00+02:00"


def test_crlf_yaml_keeps_crlf_plain_timestamps_and_negated_keys() -> None:
    text = _real("B/2020-10-30-mobile-offline-for-power-apps.md")
    new = edit(text, published="2024-05-01T10:00:00Z", is_draft=True)
    assert _hunks(text, new) == [
        (["publishedDateTime: 2020-10-30T12:10:28Z\r\n"],
         ["publishedDateTime: 2024-05-01T10:00:00Z\r\n"]),
        (["published: true\r\n"], ["published: false\r\n"]),
    ]  # fmt: skip
    assert newsmeta.parse(new).is_draft is True


def test_crlf_yaml_new_nested_key_goes_into_its_mapping() -> None:
    text = _real("B/2020-10-30-mobile-offline-for-power-apps.md")
    new = edit(text, authors=["Ann Lee"])
    [(removed, added)] = _hunks(text, new)
    assert removed == [] and added == ["  authors:\r\n", "    - Ann Lee\r\n"]
    assert [a.name for a in newsmeta.parse(new).authors] == ["Ann Lee"]


def test_crlf_toml() -> None:
    text = _real("other-toml-hugo/dnstap.md")
    new = edit(text, title="Logging DNS", tags=["dnstap"], is_draft=False)
    assert _hunks(text, new) == [
        (['title = "Logging with dnstap"\r\n'], ['title = "Logging DNS"\r\n']),
        (['tags = ["dnstap", "log", "plugin"]\r\n'], ['tags = ["dnstap"]\r\n']),
        ([], ["draft = false\r\n"]),
    ]


def test_json_in_json_dumps_layout() -> None:
    text = _real("other-json-hugo/apig_relnotes.md")
    new = edit(text, published="2024-05-01")
    assert _hunks(text, new) == [(['"date": "2020-03-26"\n'], ['"date": "2024-05-01"\n'])]


def test_json_laid_out_by_hand() -> None:
    text = _real("other-json-hugo/Upgrade_docker.md")
    new = edit(text, title="Upgrade", tags=["docker"])
    description = next(line for line in text.splitlines(keepends=True) if '"description"' in line)
    assert _hunks(text, new) == [
        (['    "title":"Upgrade API\xa0Portal docker deployment",\n'],
         ['    "title":"Upgrade",\n']),
        ([description], [description.rstrip("\n") + ",\n", '    "tags":["docker"]\n']),
    ]  # fmt: skip


STYLED = """---
# The story card
title: "Old title"   # shown on the card
date: 2024-03-05T18:20:00+01:00
tags:
  - one    # first
  - two
link: {href: 'https://a.test/x', brand: A}
draft: False
---
Body stays.\r
"""


def test_quotes_comments_and_capitalised_booleans_are_kept() -> None:
    new = edit(STYLED, title='New "quoted" title', tags=["three"], is_draft=True)
    assert _hunks(STYLED, new) == [
        (['title: "Old title"   # shown on the card\n'],
         ['title: "New \\"quoted\\" title"   # shown on the card\n']),
        (["  - one    # first\n", "  - two\n"], ["  - three\n"]),
        (["draft: False\n"], ["draft: True\n"]),
    ]  # fmt: skip


def test_removing_a_field_removes_its_lines() -> None:
    new = edit(STYLED, tags=None)
    assert _hunks(STYLED, new) == [(["tags:\n", "  - one    # first\n", "  - two\n"], [])]


def test_inside_a_flow_mapping_the_mapping_is_rewritten_on_its_line() -> None:
    new = edit(STYLED, keys={"link.brand": "B", "link.original": "https://o.test/"})
    assert _hunks(STYLED, new) == [
        (["link: {href: 'https://a.test/x', brand: A}\n"],
         ["link: {href: 'https://a.test/x', brand: B, original: https://o.test/}\n"]),
    ]  # fmt: skip


def test_an_edit_that_would_not_read_back_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "story.md"
    path.write_text(STYLED, encoding="utf-8", newline="")
    with pytest.raises(newsmeta.WriteError) as info:
        edit(path, title="")
    assert str(info.value) == (
        f"the edit would not read back: {path}:1:1: no title; expected a 'title' key with text"
    )
    assert path.read_bytes().decode("utf-8") == STYLED


@pytest.mark.parametrize(
    ("name", "bom", "encoding"),
    [
        ("UTF8CRLFandBOM.md", b"\xef\xbb\xbf", "utf-8-sig"),
        ("Unicode16LECRLFandBOM.md", b"\xff\xfe", "utf-16"),
    ],
)
def test_a_file_keeps_its_bom_and_encoding(
    tmp_path: Path, name: str, bom: bytes, encoding: str
) -> None:
    source = SHARED / "corpus/other-jekyll-testfixture" / name
    if not source.exists():
        pytest.skip(f"{source} is absent")
    path = tmp_path / source.name
    shutil.copy(source, path)
    edit(path, keys={"layout": "page"})
    data = path.read_bytes()
    assert data.startswith(bom)
    assert data.decode(encoding).replace("layout: page", "layout: post") == (
        source.read_bytes().decode(encoding)
    )


def test_raw_keys_and_unknown_fields() -> None:
    new = edit(STYLED, keys={"mdName": "card"})
    assert _hunks(STYLED, new) == [([], ["mdName: card\n"])]
    with pytest.raises(newsmeta.WriteError) as info:
        edit(STYLED, titel="x")
    assert str(info.value).startswith("unknown field 'titel'; expected one of: title, summary,")


def test_anchored_values_are_refused() -> None:
    text = "---\ntitle: T\ndate: &when 2024-01-01\ncreated: *when\n---\n"
    with pytest.raises(newsmeta.WriteError) as info:
        edit(text, published="2024-05-01")
    assert str(info.value) == (
        "cannot edit 'date' in place: its value is the anchor &when that other keys may refer to"
    )


def test_set_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from newsmeta.cli import main

    path = tmp_path / "story.md"
    path.write_text(STYLED, encoding="utf-8", newline="")
    assert main(["set", str(path), "--tag", "a", "--tag", "b c", "--no-draft", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "-  - one    # first\n-  - two\n+  - a\n+  - b c\n" in out
    assert path.read_bytes().decode("utf-8") == STYLED
    assert main(["set", str(path), "--published", "2024-05-01T08:00:00+01:00"]) == 0
    assert capsys.readouterr().err == f"{path}: updated\n"
    assert "date: 2024-05-01T08:00:00+01:00\n" in path.read_text(encoding="utf-8")
    assert main(["set", str(path), "--published", "soon"]) == 1
    assert capsys.readouterr().err == f"{path}: 'published' is not a date: 'soon'\n"


def _corpus() -> list[Path]:
    base = SHARED / "corpus"
    files = sorted(p for p in base.rglob("*") if p.suffix in (".md", ".markdown"))
    return [p for p in files if _parses(p)] if base.exists() else []


def test_every_corpus_article_takes_a_new_title_and_tags_in_its_own_lines() -> None:
    files = _corpus()
    if not files:
        pytest.skip("../shared/corpus is absent")
    refused = []
    for path in files:
        data = path.read_bytes()
        text = decode(data)  # what edit reads: UTF-8, or UTF-16/32 after a BOM
        for change in ({"title": "Edited title"}, {"tags": ["edited", "tags"]}):
            try:
                new = edit(data, **change)
            except newsmeta.WriteError as error:
                refused.append(f"{path.name}: {error}")
                continue
            hunks = _hunks(text, new)
            assert len(hunks) == 1, f"{path}: {hunks}"
            assert newsmeta.parse(new).body == newsmeta.parse(text).body
    # Only values that are YAML anchors, which other keys may share, are refused.
    assert all("is the anchor &" in reason for reason in refused), refused
    assert len(refused) <= 2


def test_keys_under_a_list_or_a_scalar_are_refused() -> None:
    text = "---\ntitle: T\nhead:\n  - [meta, {property: og:url, content: https://a.test/x}]\n---\n"
    with pytest.raises(newsmeta.WriteError) as info:
        edit(text, url="https://b.test/")
    assert str(info.value) == (
        "cannot edit 'url' in place: it is read from a list item ('head.0.1.content'); use dump"
    )
    with pytest.raises(newsmeta.WriteError) as info:
        edit(text, keys={"title.x": "v"})
    assert str(info.value) == "cannot set 'title.x': 'title' holds no mapping"
