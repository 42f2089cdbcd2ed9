"""Bad input: the exact error class and message, with file:line:col from the top of the file."""

from __future__ import annotations

import pickle

import pytest

import newsmeta

_HUGO_KEYS = "link:\n  brand: b.test\n  href: https://b.test/a\nmdName: m\n"


@pytest.mark.parametrize(
    ("text", "error", "message"),
    [
        (
            "Just text\n",
            newsmeta.FrontMatterError,
            "news/a.md:1:1: no front matter; expected '---' (YAML), '+++' (TOML) or '{' (JSON) "
            "on the first line",
        ),
        (
            "\n\nJust text after blank lines\n",
            newsmeta.FrontMatterError,
            "news/a.md:3:1: no front matter; expected '---' (YAML), '+++' (TOML) or '{' (JSON) "
            "on the first line",
        ),
        (
            "---\ntitle: x\n",
            newsmeta.FrontMatterError,
            "news/a.md:1:1: front matter opened with '---' is never closed; expected a line '---'",
        ),
        (
            "+++\ntitle = 'x'\n",
            newsmeta.FrontMatterError,
            "news/a.md:1:1: front matter opened with '+++' is never closed; expected a line '+++'",
        ),
        (
            '{\n  "title": "x"\n',
            newsmeta.FrontMatterError,
            "news/a.md:1:1: JSON front matter opened with '{' is never closed; "
            "expected a matching '}'",
        ),
        (
            "---js\n{title: 'x'}\n---\n",
            newsmeta.FrontMatterError,
            "news/a.md:1:4: unsupported front-matter language 'js'; expected YAML, TOML or JSON",
        ),
        (
            "---\ntitle: x\n  bad: indent\n---\n",
            newsmeta.LoadError,
            "news/a.md:3:6: invalid YAML: mapping values are not allowed in this context",
        ),
        (
            "+++\ntitle = \"x\"\ndate = \n+++\n",
            newsmeta.LoadError,
            "news/a.md:3:8: invalid TOML: Invalid value",
        ),
        (
            '{\n  "title": "x",\n  "date" "2020"\n}\n',
            newsmeta.LoadError,
            "news/a.md:3:10: invalid JSON: Expecting ':' delimiter",
        ),
        (
            "---\n- a\n- b\n---\n",
            newsmeta.StructureError,
            "news/a.md:2:1: front matter is a list; expected a mapping of keys to values",
        ),
        (
            "---\njust a string\n---\n",
            newsmeta.StructureError,
            "news/a.md:2:1: front matter is text; expected a mapping of keys to values",
        ),
        (
            "---\ntitle: [a, b]\n" + _HUGO_KEYS + "---\n",
            newsmeta.FieldError,
            "news/a.md:2:1: 'title' is a list of 2 values; expected one",
        ),
        (
            "---\ndate: 2020-01-01\n" + _HUGO_KEYS + "---\n",
            newsmeta.FieldError,
            "news/a.md:1:1: no title; expected a 'title' key with text",
        ),
        (
            "---\nfoo: 1\n---\n",
            newsmeta.NotAnArticleError,
            "news/a.md: not an article: no title, date, author, summary or URL (its keys: foo); "
            "expected a 'title' key with text",
        ),
    ],
    ids=lambda v: v if isinstance(v, str) and len(v) < 30 else None,
)
def test_bad_input_message(text: str, error: type[Exception], message: str) -> None:
    with pytest.raises(error) as info:
        newsmeta.parse(text, path="news/a.md")
    assert str(info.value) == message
    assert isinstance(info.value, newsmeta.NewsmetaError)


def test_source_errors_are_value_errors_with_position() -> None:
    with pytest.raises(ValueError) as info:
        newsmeta.parse("---\ntitle: x\n  bad: indent\n---\n", path="p.md")
    error = info.value
    assert isinstance(error, newsmeta.SourceError)
    assert (error.path, error.line, error.column) == ("p.md", 3, 6)
    assert isinstance(error.__cause__, Exception)  # the parser's own error is chained


def test_all_field_errors_of_a_file_are_reported_together_in_file_order() -> None:
    text = (
        "---\ntitle: x\n" + _HUGO_KEYS + "date: yesterday\ntags: {a: 1}\n"
        "featuredImage:\n  href: x.png\n  size: [wide, 3]\n---\n"
    )
    with pytest.raises(newsmeta.FieldError) as info:
        newsmeta.parse(text, path="news/a.md")
    assert str(info.value) == (
        "news/a.md:7:1: 'date' is not a date: 'yesterday'\n"
        "news/a.md:8:1: 'tags' is a mapping; expected text or a list of text\n"
        "news/a.md:9:1: 'featuredImage' has width 'wide'; expected a whole number"
    )
    assert [p.key for p in info.value.problems] == ["date", "tags", "featuredImage"]


def test_field_error_in_a_related_item_names_its_path() -> None:
    text = (
        "---\ntitle: x\npublishedDateTime: 2021-01-01T00:00:00Z\noriginalUrl: https://a.test/\n"
        "related:\n  - title: r\n    publishedDateTime: soon\n---\n"
    )
    with pytest.raises(newsmeta.FieldError) as info:
        newsmeta.parse(text, path="a.md")
    assert str(info.value) == "a.md:7:5: 'related.0.publishedDateTime' is not a date: 'soon'"


def test_dialect_errors_are_lookup_errors_naming_candidates() -> None:
    with pytest.raises(LookupError) as info:
        newsmeta.parse("---\ntitle: x\n---\n", dialect="nope", path="a.md")
    assert str(info.value).startswith(
        "a.md: unknown dialect 'nope'; registered: hugo, aggregator, generic"
    )


def test_a_tie_between_dialects_is_an_error_not_a_guess() -> None:
    twin = newsmeta.MappingAdapter(
        "twin", [newsmeta.Rule("title", ("title",))], signature={"mdName": 1.0}
    )
    other = newsmeta.MappingAdapter(
        "other", [newsmeta.Rule("title", ("title",))], signature={"mdName": 1.0}
    )
    parser = newsmeta.Parser([twin, other], builtins=False)
    with pytest.raises(newsmeta.DialectError) as info:
        parser.parse("---\ntitle: x\nmdName: m\n---\n")
    assert str(info.value) == (
        "dialects twin, other fit equally well (score 1.00); candidates: twin=1.00, other=1.00"
    )
    assert info.value.candidates == (("twin", 1.0), ("other", 1.0))


def test_strict_parser_turns_diagnostics_into_errors() -> None:
    text = "---\ntitle: x\ndate: 2020-01-01 10:00:00\n" + _HUGO_KEYS + "---\n"
    assert newsmeta.parse(text).diagnostics[0].code == "naive-datetime"
    with pytest.raises(newsmeta.FieldError) as info:
        newsmeta.Parser(strict=True).parse(text, path="a.md")
    assert str(info.value) == (
        "a.md:3:1: 'date' '2020-01-01 10:00:00' has no time zone; taken as UTC (strict)"
    )


def test_unreadable_file_names_the_file(tmp_path: object) -> None:
    missing = f"{tmp_path}/missing.md"
    with pytest.raises(newsmeta.SourceError) as info:
        newsmeta.parse_file(missing)
    assert str(info.value) == f"{missing}: cannot read file: No such file or directory"


@pytest.mark.parametrize(
    "error",
    [
        newsmeta.LoadError("invalid YAML: x", path="a.md", line=3, column=4),
        newsmeta.FieldError(
            problems=[newsmeta.FieldProblem("date", "'date' is not a date: 'x'", 2, 1)],
            path="a.md",
        ),
        newsmeta.DialectError("no dialect fits", candidates=[("hugo", 0.1)], path="a.md"),
        newsmeta.PluginError("broken", plugin="acme", package="acme-news"),
    ],
    ids=lambda e: type(e).__name__,
)
def test_errors_pickle_with_their_fields(error: Exception) -> None:
    clone = pickle.loads(pickle.dumps(error))
    assert type(clone) is type(error)
    assert str(clone) == str(error)
    assert vars(clone) == vars(error)


def test_from_dict_rejects_what_to_dict_cannot_have_written() -> None:
    with pytest.raises(newsmeta.StructureError) as info:
        newsmeta.from_dict({"title": "x", "published": "not a date"})
    assert str(info.value).startswith("<string>: not an Article dict (")
    assert str(info.value).endswith("); expected the output of to_dict")


def test_a_blank_title_is_an_error_not_an_empty_article() -> None:
    with pytest.raises(newsmeta.FieldError) as info:
        newsmeta.parse("---\ntitle: '   '\n" + _HUGO_KEYS + "---\n", path="a.md")
    assert str(info.value) == "a.md:2:1: 'title' is empty; expected text"


@pytest.mark.parametrize("threshold", [0.0, -1.0, 1.5, float("nan")])
def test_a_detection_threshold_outside_0_1_is_refused(threshold: float) -> None:
    with pytest.raises(ValueError, match="threshold must be a score in"):
        newsmeta.Parser(threshold=threshold)


def test_a_duplicate_key_names_the_first_one_relative_to_itself() -> None:
    with pytest.raises(newsmeta.StructureError) as info:
        newsmeta.parse("\n\n---\ntitle: Hi\nx: 1\ntitle: Ho\n---\n", path="a.md")
    assert str(info.value) == "a.md:6:1: duplicate key 'title' (first 2 lines above)"
