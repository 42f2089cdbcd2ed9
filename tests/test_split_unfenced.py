"""Front matter without an opening fence: Hexo's YAML and MultiMarkdown/Pelican headers.

Both are tried only when no fenced form opens the file, and only on the shapes the
generators document; anything else keeps today's "no front matter" error.
"""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsmeta
from newsmeta.errors import FrontMatterError, LoadError, StructureError
from newsmeta.load import load
from newsmeta.split import Split, split

_NO_FRONT_MATTER = (
    "no front matter; expected '---' (YAML), '+++' (TOML) or '{' (JSON) on the first line"
)


@pytest.mark.parametrize(
    ("text", "fmt", "front_matter", "body", "offset"),
    [
        # Hexo (hexo.io/docs/front-matter): YAML from line 1 up to the first '---'.
        ("title: Hello\ndate: 2013/7/13\n---\nBody\n", "hexo-yaml",
         "title: Hello\ndate: 2013/7/13\n", "Body\n", 0),
        ("title: A\ntags:\n- PS3\n- Games\n# note\n\ncategories:\n  - Diary\n---  \n",
         "hexo-yaml", "title: A\ntags:\n- PS3\n- Games\n# note\n\ncategories:\n  - Diary\n", "", 0),
        ("\r\n\r\ntitle: A\r\n---\r\nB\r\n---\r\nC", "hexo-yaml", "title: A\n", "B\n---\nC", 2),
        ("title: A\n---", "hexo-yaml", "title: A\n", "", 0),
        # MultiMarkdown / Pelican: 'Key: value' lines, then a blank line.
        ("Title: My super title\nDate: 2010-12-03 10:20\n\nBody\n", "multimarkdown",
         "Title: My super title\nDate: 2010-12-03 10:20\n", "Body\n", 0),
        ("Title: T\nSummary: one\n    two\n\tthree\n   \nBody", "multimarkdown",
         "Title: T\nSummary: one\n    two\n\tthree\n", "Body", 0),
        ("\n\nBase Header Level: 2\ndate: 2020-01-01", "multimarkdown",
         "Base Header Level: 2\ndate: 2020-01-01", "", 2),
        ("title: lower case, no '---' anywhere\n\n# Heading\n", "multimarkdown",
         "title: lower case, no '---' anywhere\n", "# Heading\n", 0),
        ("Title: T\nURL:\nsave_as: \n\nx\n---\ny", "multimarkdown", "Title: T\nURL:\nsave_as: \n",
         "x\n---\ny", 0),
    ],
)  # fmt: skip
def test_unfenced_front_matter_is_found(
    text: str, fmt: str, front_matter: str, body: str, offset: int
) -> None:
    result = split(text)
    assert (result.format, result.front_matter, result.body, result.line_offset) == (
        fmt,
        front_matter,
        body,
        offset,
    )


@pytest.mark.parametrize(
    "text",
    [
        "No YAML.\n",
        "# Heading\n\nText\n",
        # A Markdown paragraph over a setext '---' underline.
        "Some heading\n---\ntext\n",
        "Status: shipped\nSee the notes below.\n---\n",
        "Note: this is important\n---\n",  # key-shaped, but no title: a setext heading
        "Title: x\n---\nbody\n",  # Hexo spells 'title'; no blank line for a header either
        "title:no space\n---\n",
        "  title: indented\n---\n",
        "- title: a list\n---\n",
        # Lektor's contents.lr: 'key:' sections separated by '---' lines.
        "title: Hello Lektor!\n---\nsummary:\n\nWelcome.\n---\npub_date: 2015-12-21\n",
        # Headers without a title-like or date-like key, or not ended by a blank line.
        "Note: a paragraph that starts like a key\n\nText\n",
        "Category: News\nTags: a, b\n\nText\n",
        "Title: T\nThis line is text.\n\nBody\n",
        "https://example.com/a\nTitle: T\n\n",
        "    Title: indented\n\nBody\n",
        "",
        "\n\n  \n",
    ],
)
def test_anything_else_keeps_the_no_front_matter_error(text: str) -> None:
    with pytest.raises(FrontMatterError) as info:
        split(text)
    assert info.value.reason == _NO_FRONT_MATTER


def test_the_error_names_the_first_non_blank_line() -> None:
    with pytest.raises(FrontMatterError) as info:
        split("\n \n\t\n\x85\u2028\nNo YAML.\n", path="a.md")
    assert str(info.value) == f"a.md:5:1: {_NO_FRONT_MATTER}"  # U+0085, U+2028: no line ends


def test_fenced_forms_take_precedence() -> None:
    assert split("---\ntitle: A\n---\nTitle: B\n\n").format == "yaml"
    assert split("+++\ntitle = 'A'\n+++\n").format == "toml"
    assert split('{"title": "A"}\ntitle: B\n---\n').format == "json"


def test_many_leading_blank_lines_are_skipped_by_a_scan() -> None:
    # Issue 10 #13 (60 million lines took 13 s in a Python loop); the count must stay exact.
    text = "\n" * 1_000_000 + " \t\n" * 3 + "---\ntitle: A\n---\nbody"
    result = split(text)
    assert (result.line_offset, result.front_matter, result.body) == (
        1_000_004,
        "title: A\n",
        "body",
    )


_BLANK_LINE = st.text(st.sampled_from(" \t\f\v\x1c\x1d\x1e\x1f\x85\xa0\u2028\u3000"), max_size=4)


@given(blanks=st.lists(_BLANK_LINE, max_size=6), newline=st.sampled_from(["\n", "\r\n", "\r"]))
def test_leading_blank_lines_count_as_lines(blanks: list[str], newline: str) -> None:
    prefix = "".join(line + newline for line in blanks)
    result = split(prefix + "---\ntitle: A\n---\n")
    assert result.line_offset == len(blanks) + 1
    with pytest.raises(FrontMatterError) as info:
        split(prefix + "No YAML.")
    assert info.value.line == len(blanks) + 1


def test_hexo_reads_as_yaml_with_a_diagnostic() -> None:
    article = newsmeta.parse(
        "title: Hello World\ndate: 2013-07-13 20:46:25Z\ntags:\n- a\n---\nBody\n", path="a.md"
    )
    assert (article.format, article.title, article.tags, article.body) == (
        "hexo-yaml",
        "Hello World",
        ("a",),
        "Body\n",
    )
    (diagnostic,) = article.diagnostics
    assert (diagnostic.code, diagnostic.line, diagnostic.message) == (
        "unfenced-front-matter",
        1,
        "front matter has no opening '---'; read as Hexo's YAML, up to the first '---'",
    )


def test_hexo_yaml_errors_point_at_file_lines() -> None:
    with pytest.raises(LoadError) as info:
        newsmeta.parse('\ntitle: "unclosed\ndate: 2020-01-01\n---\n', path="a.md")
    assert str(info.value) == "a.md:4:1: invalid YAML: found unexpected end of stream"


def test_strict_refuses_a_lenient_container() -> None:
    with pytest.raises(newsmeta.FieldError, match="read as Hexo's YAML"):
        newsmeta.Parser(strict=True).parse("title: A\ndate: 2020-01-01T00:00:00Z\n---\n")


_PELICAN = (
    "Title: My super title\n"
    "Date: 2010-12-03T10:20:00Z\n"
    "Tags: thats, awesome\n"
    "Category: yeah\n"
    "Authors: Doe, Jane; Roe, Richard\n"
    "Summary: Short version\n"
    "    for index and feeds\n"
    "Draft: no\n"
    "\n"
    "This is the content of my super blog post.\n"
)


def test_a_metadata_header_loads_as_text_with_lists_and_continuations() -> None:
    mapping, diagnostics = newsmeta.Parser().load(split(_PELICAN))
    # Values are text (no YAML typing: 'no' is a word), keys kept as written, the list
    # keys split by Pelican's rule (semicolons when there are any), continuations kept.
    assert mapping == {
        "Title": "My super title",
        "Date": "2010-12-03T10:20:00Z",
        "Tags": ["thats", "awesome"],
        "Category": ["yeah"],
        "Authors": ["Doe, Jane", "Roe, Richard"],
        "Summary": "Short version\nfor index and feeds",
        "Draft": "no",
    }
    assert [d.code for d in diagnostics] == ["unfenced-front-matter"]


def test_a_metadata_header_reaches_the_fields_through_the_generic_fallback() -> None:
    article = newsmeta.parse(_PELICAN, path="a.md")
    assert (article.format, article.dialect) == ("multimarkdown", "generic")
    assert article.title == "My super title"
    assert article.published is not None
    assert article.published.isoformat() == "2010-12-03T10:20:00+00:00"
    assert (article.tags, article.categories) == (("thats", "awesome"), ("yeah",))
    assert article.body == "This is the content of my super blog post.\n"
    assert article.diagnostics[0].code == "unfenced-front-matter"


def test_a_metadata_header_repeats_a_key_under_the_duplicate_policy() -> None:
    text = "Title: A\nDate: 2020-01-01T00:00:00Z\ntitle: B\n\n"
    with pytest.raises(StructureError) as info:
        newsmeta.parse(text, path="a.md")
    assert str(info.value) == "a.md:3:1: duplicate key 'title' (first as 'Title' 2 lines above)"
    article = newsmeta.Parser(duplicate_keys="last").parse(text)
    assert article.title == "B"
    assert [(d.code, d.key, d.line) for d in article.diagnostics] == [
        ("unfenced-front-matter", None, 1),
        ("duplicate-key", "title", 3),
    ]


def test_a_metadata_header_field_error_names_the_file_line() -> None:
    with pytest.raises(newsmeta.FieldError) as info:
        newsmeta.parse("\nTitle: A\nDate: yesterday\n\n", path="a.md")
    assert str(info.value) == "a.md:3:1: 'Date' is not a date: 'yesterday'"


_KEY = st.one_of(
    st.sampled_from(["title", "Title", "date", "Date", "tags", "Summary", "Base Header Level"]),
    st.from_regex(r"[A-Za-z][A-Za-z0-9_-]{0,8}( [A-Za-z]{1,5})?", fullmatch=True),
)
_VALUE = st.text(
    st.characters(
        blacklist_categories=("Cs",),
        blacklist_characters="\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029",
    ),
    max_size=15,
)
_KEY_LINE = st.tuples(_KEY, _VALUE).map(lambda kv: f"{kv[0]}: {kv[1]}".rstrip())
_HEADER_LINE = st.one_of(
    _KEY_LINE,
    _KEY_LINE,
    _KEY_LINE,
    st.sampled_from(["tags:", "- item", "  indented", "\tcontinued", "# comment", "", "---"]),
    _VALUE,
)


@given(
    lead=st.sampled_from(["", "title: T", "Title: T", "Date: 2020-01-01 10:00"]),
    lines=st.lists(_HEADER_LINE, max_size=6),
    separator=st.sampled_from(["", "\n", "\n", "---\n", "---\n", "--- \n"]),
    body=st.text(st.characters(blacklist_categories=("Cs",)), max_size=40),
)
def test_unfenced_split_never_crashes_and_loses_nothing(
    lead: str, lines: list[str], separator: str, body: str
) -> None:
    text = "".join(line + "\n" for line in [lead, *lines] if line) + separator + body
    try:
        result = split(text)
    except FrontMatterError as error:
        if not text.lstrip().startswith(("---", "+++", "{")):  # else a fenced form's error
            assert error.reason == _NO_FRONT_MATTER
        return
    normal = text.replace("\r\n", "\n").replace("\r", "\n")
    if result.format == "yaml":  # a generated line may be a fence itself
        return
    assert result.format in ("hexo-yaml", "multimarkdown")
    # What was split off is the text, in order: the front matter, one separator line, the body.
    start = normal.index(result.front_matter)
    assert normal[:start].strip() == ""
    between = normal[start + len(result.front_matter) : len(normal) - len(result.body)]
    assert between.strip() in ("", "---") and between.count("\n") <= 1
    assert result.line_offset == normal[:start].count("\n")
    # Loading may refuse it (YAML syntax, a duplicate), but only with newsmeta errors.
    with contextlib.suppress(newsmeta.NewsmetaError):
        newsmeta.parse(text)


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("Title: A\n\nB: c\n",
         "2:1: blank line inside a metadata header; expected 'Key: value' lines"),
        ("  indented\n", "1:1: indented line before the first key; expected 'Key: value'"),
        ("Title: A\nno colon\n", "2:1: not a metadata line; expected 'Key: value' or an indented "
         "continuation"),
    ],
)  # fmt: skip
def test_the_header_loader_checks_what_it_is_given(header: str, message: str) -> None:
    # split() never hands over such text; a Split built by hand may.
    with pytest.raises(LoadError) as info:
        load(Split("multimarkdown", header, "", 0))
    assert f"{info.value.line}:{info.value.column}: {info.value.reason}" == message


def test_unfenced_forms_are_only_looked_for_within_the_size_limit() -> None:
    # Like the search for a closing fence, the shape check stops at max_front_matter.
    text = "Title: a title\nDate: 2024-01-01   \nTags: a\n\nbody\n"
    assert split(text, max_front_matter=43).format == "multimarkdown"
    for limit in (42, 32, 30, 8):  # 32 cuts inside the blanks ending the 'Date' line
        with pytest.raises(FrontMatterError):
            split(text, max_front_matter=limit)
    with pytest.raises(FrontMatterError):
        split("title: a title\ndate: 2024-01-01\n---\nbody\n", max_front_matter=20)
