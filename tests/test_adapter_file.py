"""load_adapter: a source described in a YAML, TOML or JSON file; every mistake located."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

import newsmeta
from newsmeta import AdapterError, AdapterFileError, SourceError, _yaml, load_adapter

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "adapters"

STORY = """---
acmeId: 7
headline: Hello
meta:
  issued: 2024-05-01T09:30:00Z
  desk: city
live: false
---
Body.
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _error(path: Path) -> str:
    with pytest.raises(AdapterFileError) as caught:
        load_adapter(path)
    assert isinstance(caught.value, AdapterError)
    assert isinstance(caught.value, SourceError)
    return str(caught.value).removeprefix(f"{path}")


def test_the_example_mapping_file_reads_the_example_story() -> None:
    acme = load_adapter(EXAMPLES / "acme.yaml")
    assert acme.name == "acme"
    assert acme.signature == {"acmeId": 3.0, "headline": 1.0, "meta.issued": 1.0}
    story = newsmeta.Parser([acme]).parse_file(EXAMPLES / "acme-story.md")
    assert (story.dialect, story.is_draft) == ("acme", False)
    assert story.tags == ("transport", "harbour", "ferries")
    assert story.extra == {
        "acmeId": "AW-2024-0412",
        "meta": {"desk": "city"},
        "media": {"pictures": [{"credit": "Acme Wire"}]},
    }


YAML = """name: acme
description: Acme Wire
signature: {acmeId: 3, headline: 1}
fields:
  title: [headline, title]
  published: [meta.issued]
  url: permalink
  is_draft: {paths: [live], convert: not}
"""

TOML = """name = "acme"
description = "Acme Wire"
signature = { acmeId = 3, headline = 1 }

[fields]
title = ["headline", "title"]
published = ["meta.issued"]
url = "permalink"
is_draft = { paths = ["live"], convert = "not" }
"""

JSON = """{"name": "acme", "description": "Acme Wire",
 "signature": {"acmeId": 3, "headline": 1},
 "fields": {"title": ["headline", "title"], "published": ["meta.issued"], "url": "permalink",
            "is_draft": {"paths": ["live"], "convert": "not"}}}
"""


@pytest.mark.parametrize(("name", "text"), [("a.yaml", YAML), ("a.toml", TOML), ("a.json", JSON)])
def test_the_three_formats_give_the_same_adapter(tmp_path: Path, name: str, text: str) -> None:
    adapter = load_adapter(_write(tmp_path, name, text))
    assert adapter.description == "Acme Wire"
    assert [(r.target, r.paths, r.convert) for r in adapter.rules] == [
        ("title", ("headline", "title"), None),
        ("published", ("meta.issued",), None),
        ("url", ("permalink",), None),
        ("is_draft", ("live",), "not"),
    ]
    article = newsmeta.Parser([adapter]).parse(STORY)
    assert (article.dialect, article.title, article.is_draft) == ("acme", "Hello", True)
    assert article.extra == {"acmeId": 7, "meta": {"desk": "city"}}


def test_a_field_may_list_several_rules(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "a.yaml",
        "name: a\ndetect: false\nfields:\n  title: [t]\n  is_draft:\n"
        "    - {paths: [draft]}\n    - {paths: [live], convert: not}\n",
    )
    rules = load_adapter(path).rules
    assert [(r.target, r.paths, r.convert) for r in rules][1:] == [
        ("is_draft", ("draft",), None),
        ("is_draft", ("live",), "not"),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "fields: {title: [t]}\n",
            ": missing 'name'; expected the adapter's name, e.g. 'name: acme'",
        ),
        ("name: 3\nfields: {title: [t]}\n", ":1:1: 'name' is a number; expected text"),
        (
            "name: my source\nfields: {title: [t]}\n",
            ":1:1: 'name' 'my source' must be letters, digits, '-' or '_'",
        ),
        (
            "name: a\nfeilds: {title: [t]}\n",
            ":2:1: unknown key 'feilds' (did you mean 'fields'?); "
            "expected one of: name, description, extends, signature, detect, fallback, fields",
        ),
        (
            "name: a\n",
            ": missing 'fields'; expected a mapping of canonical fields to source key paths",
        ),
        ("name: a\nfields: {}\n", ":2:1: 'fields' is empty; expected at least one canonical field"),
        (
            "name: a\nfields:\n  titel: [t]\n",
            ":3:3: unknown field 'titel' (did you mean 'title'?); expected one of: title, summary, "
            "url, links, aliases, slug, published, updated, authors, source, source.name, "
            "source.domain, source.url, source.images, tags, categories, images, related, kind, "
            "is_draft, language",
        ),
        (
            "name: a\nfields:\n  title: []\n",
            ":3:3: 'fields.title' names no source keys; expected at least one key path",
        ),
        (
            "name: a\nfields:\n  title: 3\n",
            ":3:3: 'fields.title' is a number; expected a key path, a list of key paths, "
            "or a mapping with 'paths'",
        ),
        (
            "name: a\nfields:\n  title: [t, 4]\n",
            ":3:3: 'fields.title[1]' is a number; expected a key path",
        ),
        (
            "name: a\nfields:\n  title: ['a..b']\n",
            ":3:3: 'fields.title' key path 'a..b' is invalid: expected keys joined by '.', "
            "each optionally followed by [0] or []",
        ),
        (
            "name: a\nfields:\n  is_draft: {paths: [live], convert: nott}\n",
            ":3:29: unknown converter 'nott' for 'is_draft'; "
            "expected one of: date, list, not, pattern, url",
        ),
        (
            "name: a\nfields:\n  title: {paths: [t], convert: date}\n",
            ":3:23: converter 'date' does not fit 'title'; it fits: published, updated",
        ),
        (
            "name: a\nfields:\n  is_draft: {path: [live]}\n",
            ":3:14: 'fields.is_draft' has unknown key 'path'; "
            "expected 'paths' and optionally 'convert' or 'pattern'",
        ),
        (
            "name: a\nsignature: {acmeId: 0}\nfields: {title: [t]}\n",
            ":2:13: 'signature.acmeId' is 0; expected a positive number",
        ),
        (
            "name: a\nsignature: [acmeId]\nfields: {title: [t]}\n",
            ":2:1: 'signature' is a list; expected a mapping of key paths to weights",
        ),
        (
            "name: a\nfallback: maybe\nfields: {title: [t]}\n",
            ":2:1: 'fallback' is text; expected true or false",
        ),
        ("- name: a\n", ": the file holds a list; expected a mapping with 'name' and 'fields'"),
    ],
)
def test_yaml_mistakes_name_file_line_column_and_the_problem(
    tmp_path: Path, text: str, message: str
) -> None:
    assert _error(_write(tmp_path, "acme.yaml", text)) == message


@pytest.mark.parametrize("text", ["name: a\nname: b\nfields: {title: [t]}\n", "name: [a\n"])
def test_yaml_syntax_errors_keep_the_loaders_reason_and_place(tmp_path: Path, text: str) -> None:
    # The wording belongs to the YAML loader; what matters here is that it is passed on.
    with pytest.raises(SourceError) as loader:
        _yaml.load_yaml(text)
    where = f":{loader.value.line}:{loader.value.column}"
    assert loader.value.line is not None
    assert _error(_write(tmp_path, "acme.yaml", text)) == f"{where}: {loader.value.reason}"


def test_toml_mistakes_are_located_too(tmp_path: Path) -> None:
    path = _write(tmp_path, "acme.toml", 'name = "a"\n\n[fields]\ntitel = ["t"]\n')
    assert _error(path).startswith(":4:1: unknown field 'titel' (did you mean 'title'?)")
    path = _write(tmp_path, "bad.toml", 'name = "a\n')
    assert _error(path).startswith(": invalid TOML: ")


def test_json_syntax_error_is_located(tmp_path: Path) -> None:
    path = _write(tmp_path, "acme.json", '{"name": "a",\n "fields": }\n')
    assert _error(path) == ":2:12: invalid JSON: Expecting value"


def test_unreadable_and_unknown_kinds_of_file(tmp_path: Path) -> None:
    missing = tmp_path / "none.yaml"
    assert _error(missing) == ": cannot read adapter file: No such file or directory"
    assert _error(_write(tmp_path, "a.txt", "name: a")) == (
        ": unsupported adapter file type '.txt'; expected .yaml, .yml, .toml or .json"
    )


def test_the_error_pickles_with_its_place(tmp_path: Path) -> None:
    path = _write(tmp_path, "acme.yaml", "name: 3\nfields: {title: [t]}\n")
    with pytest.raises(AdapterFileError) as caught:
        load_adapter(path)
    copy = pickle.loads(pickle.dumps(caught.value))
    assert (type(copy), copy.path, copy.line, copy.column) == (AdapterFileError, str(path), 1, 1)
