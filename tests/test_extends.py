"""Mapping files that build on others (`extends:`), and the signature rule."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

import newsmeta
from newsmeta import AdapterFileError, ExtendingAdapter, Parser, load_adapter
from newsmeta.dialects import GENERIC

ASTRO = """---
title: AI reads X-rays
publish_date: 2024-05-01T09:30:00Z
date: 2020-01-01T00:00:00Z
read_time: 8 mins
tags: [health, ai]
author: Dana Whitfield
---
Body.
"""


def _file(tmp_path: Path, text: str, name: str = "astro.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _error(path: Path, **known: object) -> str:
    with pytest.raises(AdapterFileError) as caught:
        load_adapter(path, **known)  # type: ignore[arg-type]
    return str(caught.value).removeprefix(str(path))


def test_an_extending_file_fills_only_what_it_names_and_inherits_the_rest(
    tmp_path: Path,
) -> None:
    adapter = load_adapter(
        _file(
            tmp_path,
            "name: astro\nextends: generic\nsignature: {read_time: 1}\n"
            "fields:\n  published: {paths: [publish_date], convert: date}\n",
        )
    )
    assert isinstance(adapter, ExtendingAdapter) and adapter.base is GENERIC
    article = Parser([adapter]).parse(ASTRO)
    assert article.dialect == "astro"
    assert article.published == datetime(2024, 5, 1, 9, 30, tzinfo=timezone.utc)
    assert (article.title, article.tags) == ("AI reads X-rays", ("health", "ai"))
    assert [a.name for a in article.authors] == ["Dana Whitfield"]
    # generic read `date` for published, which the file had filled: it goes back to extra
    assert article.extra == {
        "date": datetime(2020, 1, 1, tzinfo=timezone.utc),
        "read_time": "8 mins",
    }
    assert article.provenance["published"] == "publish_date"
    assert article.provenance["title"] == "title"


def test_a_named_field_the_file_lacks_is_still_filled_by_the_base(tmp_path: Path) -> None:
    adapter = load_adapter(
        _file(
            tmp_path,
            "name: astro\nextends: generic\nsignature: {read_time: 1}\n"
            "fields:\n  published: {paths: [publish_date], convert: date}\n",
        )
    )
    article = Parser([adapter]).parse("---\ntitle: T\nread_time: 2\ndate: 2021-02-03\n---\n")
    assert article.provenance["published"] == "date"


def test_nothing_is_lost_when_the_base_took_part_of_a_nested_key(tmp_path: Path) -> None:
    base = newsmeta.MappingAdapter(
        "base",
        (
            newsmeta.Rule("title", ("title",)),
            newsmeta.Rule("url", ("link.href",)),
            newsmeta.Rule("source.name", ("link.brand",)),
        ),
        signature={"link": 1},
    )
    adapter = load_adapter(
        _file(
            tmp_path, "name: ext\nextends: base\nsignature: {x: 1}\nfields: {url: [canonical]}\n"
        ),
        known=[base],
    )
    mapping = {
        "title": "T",
        "canonical": "https://a.test/c",
        "link": {"href": "https://a.test/h", "brand": "Acme", "rel": "me"},
    }
    normalized = adapter.normalize(mapping)
    assert normalized.fields == {"url": "https://a.test/c", "title": "T", "source.name": "Acme"}
    assert normalized.extra == {"link": {"href": "https://a.test/h", "rel": "me"}}


def test_detection_uses_the_extending_files_own_signature_only(tmp_path: Path) -> None:
    adapter = load_adapter(
        _file(tmp_path, "name: astro\nextends: generic\nsignature: {read_time: 1}\n")
    )
    assert adapter.rules == () and adapter.fallback is False
    parser = Parser([adapter])
    assert parser.detect(ASTRO).chosen == "astro"
    # a plain generic file: generic's signature is not inherited, so it stays generic
    assert parser.detect("---\ntitle: Hi\ndate: 2024-01-01\n---\n").chosen == "generic"


def test_a_file_may_extend_a_built_in_dialect_a_known_adapter_or_a_plugin(
    tmp_path: Path,
) -> None:
    hugo_plus = load_adapter(
        _file(
            tmp_path,
            "name: hugo-plus\nextends: hugo\nsignature: {mdName: 1}\n"
            "fields: {summary: [standfirst]}\n",
        )
    )
    assert hugo_plus.base.name == "hugo"  # type: ignore[attr-defined]
    on_top = load_adapter(
        _file(tmp_path, "name: top\nextends: hugo-plus\ndetect: false\n", "top.yaml"),
        known=[hugo_plus],
    )
    article = Parser([hugo_plus, on_top]).parse(
        "---\ntitle: T\nstandfirst: S\nlink: {href: 'https://a.test/x'}\n---\n", dialect="top"
    )
    assert (article.summary, article.url) == ("S", "https://a.test/x")
    if "quillwire" not in newsmeta.plugins.installed():
        pytest.skip("the example plugin is not installed (.ci/run installs it)")
    wire = load_adapter(
        _file(tmp_path, "name: qw2\nextends: quillwire\nsignature: {qw_id: 1}\n", "qw.yaml")
    )
    assert wire.base.name == "quillwire"  # type: ignore[attr-defined]


def test_an_unknown_base_is_an_error_at_the_extends_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(newsmeta.plugins, "installed", lambda: ())
    path = _file(tmp_path, "name: a\nextends: generc\nsignature: {x: 1}\n")
    assert _error(path) == (
        ":2:1: 'extends' names unknown adapter 'generc' (did you mean 'generic'?); "
        "expected one of: hugo, aggregator, generic"
    )
    path = _file(tmp_path, "name: a\nextends: [generic]\nsignature: {x: 1}\n")
    assert _error(path) == ":2:1: 'extends' is a list; expected an adapter's name"


def test_without_extends_fields_are_still_required(tmp_path: Path) -> None:
    path = _file(tmp_path, "name: a\nsignature: {x: 1}\n")
    assert _error(path) == (
        ": missing 'fields'; expected a mapping of canonical fields to source key paths"
    )


# -- the signature rule -----------------------------------------------------------


def test_a_file_without_a_signature_is_refused_with_a_hint(tmp_path: Path) -> None:
    path = _file(tmp_path, "description: x\nname: acme\nfields: {title: [headline]}\n")
    assert _error(path) == (
        ":2:1: missing 'signature': without one the adapter is never chosen by detection; "
        "add keys that identify the source with weights (signature: {storyId: 3, "
        "headline: 1}), or 'detect: false' if it is meant for dialect= only"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "name: a\nsignature: {}\nfields: {title: [t]}\n",
            ":2:1: 'signature' is empty; expected key paths with weights (signature: "
            "{storyId: 3, headline: 1}), or 'detect: false' instead",
        ),
        (
            "name: a\ndetect: false\nsignature: {t: 1}\nfields: {title: [t]}\n",
            ":3:1: 'signature' is given but 'detect' is false; remove 'detect: false' to take "
            "part in detection, or the signature to use the adapter with dialect= only",
        ),
        (
            "name: a\ndetect: no\nfields: {title: [t]}\n",
            ":2:1: 'detect' is text; expected true or false",
        ),
    ],
)
def test_signature_and_detect_mistakes(tmp_path: Path, text: str, message: str) -> None:
    assert _error(_file(tmp_path, text)) == message


def test_detect_false_makes_an_adapter_for_dialect_only(tmp_path: Path) -> None:
    adapter = load_adapter(
        _file(tmp_path, "name: quiet\ndetect: false\nfields: {title: [headline]}\n")
    )
    assert adapter.signature == {}
    parser = Parser([adapter], builtins=False)
    text = "---\nheadline: Hello\n---\n"
    assert parser.detect(text).chosen is None
    assert parser.parse(text, dialect="quiet").title == "Hello"


def test_an_extending_adapter_reads_the_same_in_worker_processes(tmp_path: Path) -> None:
    adapter = load_adapter(
        _file(
            tmp_path,
            "name: astro\nextends: generic\nsignature: {read_time: 1}\n"
            "fields:\n  published: {paths: [publish_date], convert: date}\n",
        )
    )
    sources = [(f"{index}.md", ASTRO) for index in range(4)]
    local = [r.article for r in newsmeta.parse_many(sources, parser=Parser([adapter]))]
    pooled = newsmeta.parse_many(sources, parser=Parser([adapter]), workers=2)
    assert [r.article for r in pooled] == local
    assert local[0] is not None and local[0].dialect == "astro"
