"""Repair mode (Parser(repair=True), --repair) and the plain-words YAML errors it builds on."""

from __future__ import annotations

import importlib.util
import json
import os
import pickle
import random
import string
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import newsmeta
from newsmeta.cli import main
from newsmeta.repair import MAX_REPAIRS

from .conftest import DATA
from .test_properties_hostile import yaml_documents

ROOT = Path(__file__).resolve().parents[1]
REPAIR = newsmeta.Parser(repair=True)
PLAIN = newsmeta.Parser()


def _doc(*lines: str) -> str:
    return "---\n" + "".join(line + "\n" for line in lines) + "---\nBody.\n"


# -- without repair: what is wrong and how to write it, at the exact place ---------------

APOSTROPHE = (
    "news/a.md:3:11: invalid YAML: the single-quoted text that starts at 3:8 ends at 3:11; "
    "inside single quotes write an apostrophe as '', or use double quotes"
)
BACKSLASH = (
    "news/a.md:2:12: invalid YAML: the single-quoted text that starts at 2:8 ends at 2:12; "
    "a backslash escapes nothing in single quotes: write an apostrophe as '', "
    "or use double quotes"
)
DOUBLE = (
    "news/a.md:2:23: invalid YAML: the double-quoted text that starts at 2:14 ends at 2:23; "
    'inside double quotes write a quote as \\", or use single quotes'
)
COLON = (
    "news/a.md:2:16: invalid YAML: the unquoted text that starts at 2:8 has ': ' at 2:16, "
    "which YAML reads as a new key; put the whole value in quotes"
)
RESERVED = (
    "news/a.md:2:9: invalid YAML: the unquoted text that starts at 2:9 begins with '@', "
    "which YAML reserves; put the whole value in quotes"
)
FINAL_COLON = (
    "news/a.md:3:23: invalid YAML: the unquoted text that starts at 3:14 ends with ':' at 3:23, "
    "which YAML reads as a new key; put the whole value in quotes"
)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (_doc("date: 2024-05-01", "title: 'AI's future'"), APOSTROPHE),
        (_doc("title: 'AI\\'s future'"), BACKSLASH),
        (_doc('description: "He said "no" today"'), DOUBLE),
        (_doc("title: Breaking: news"), COLON),
        (_doc("title: x", "description: Read this:"), FINAL_COLON),
        (_doc("author: @jane", "title: x"), RESERVED),
        (
            _doc("title: x", "link:", " \thref: y"),
            "news/a.md:4:2: invalid YAML: line 4 is indented with a tab (at 4:2); "
            "YAML indents with spaces only",
        ),
        # Text after the only closing quote: no repair, but the same explanation.
        (_doc("date: 2024-05-01", "title: 'AI's future"), APOSTROPHE),
    ],
)
def test_known_mistakes_are_explained_in_plain_words(text: str, message: str) -> None:
    with pytest.raises(newsmeta.LoadError) as info:
        PLAIN.parse(text, path="news/a.md")
    assert str(info.value) == message
    line, column = message.split(":")[1:3]
    assert (info.value.line, info.value.column) == (int(line), int(column))


def test_the_pure_python_parser_gives_the_same_words() -> None:
    import warnings

    from newsmeta import _yaml

    cases = [
        _doc("title: 'AI's future'"),
        _doc("title: Breaking: news"),
        _doc("author: @jane", 'title: "a "b" c"'),
    ]
    expected = []
    for text in cases:
        with pytest.raises(newsmeta.LoadError) as info:
            PLAIN.parse(text)
        expected.append((str(info.value), REPAIR.parse(text)))
    _yaml.use_pure_parser(True)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", _yaml.SlowYAMLWarning)
            for text, (message, article) in zip(cases, expected, strict=True):
                with pytest.raises(newsmeta.LoadError) as info:
                    PLAIN.parse(text)
                assert str(info.value) == message
                assert REPAIR.parse(text) == article
    finally:
        _yaml.use_pure_parser(False)


def test_positions_in_the_message_are_file_lines() -> None:
    text = "\n\n" + _doc("title: 'it's'")  # two blank lines before the opener
    with pytest.raises(newsmeta.LoadError) as info:
        PLAIN.parse(text)
    assert str(info.value) == (
        "<string>:4:11: invalid YAML: the single-quoted text that starts at 4:8 ends at 4:11; "
        "inside single quotes write an apostrophe as '', or use double quotes"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # Not a quote inside text: a quoted key, and items without brackets.
        (_doc("title: 'Breaking': news"), "mapping values are not allowed in this context"),
        (_doc("tags: 'a', 'b'"), "did not find expected key"),
        # Errors that are no authoring mistake we know keep libyaml's words.
        (_doc("title: [a", "x: 1"), "did not find expected ',' or ']'"),
        (_doc("title: a # note: b", "  c: d"), "did not find expected key"),
    ],
)
def test_other_errors_keep_the_parser_message(text: str, message: str) -> None:
    with pytest.raises(newsmeta.LoadError) as info:
        PLAIN.parse(text)
    assert info.value.reason == f"invalid YAML: {message}"


# -- with repair: the line read as plainly meant, with a diagnostic ----------------------


def _repaired(text: str) -> newsmeta.Article:
    article = REPAIR.parse(text)
    return article


@pytest.mark.parametrize(
    ("line", "title", "message"),
    [
        (
            "title: 'AI's future'",
            "AI's future",
            "title: 'AI's future' read as \"AI's future\" (inside single quotes write an "
            "apostrophe as '', or use double quotes)",
        ),
        (
            "title: 'AI\\'s future'  ",
            "AI's future",
            "title: 'AI\\'s future' read as \"AI's future\" (a backslash escapes nothing in "
            "single quotes: write an apostrophe as '', or use double quotes)",
        ),
        (
            "title: 'Rock 'n' roll, it''s back'",
            "Rock 'n' roll, it's back",
            "title: 'Rock 'n' roll, it''s back' read as \"Rock 'n' roll, it's back\" (inside "
            "single quotes write an apostrophe as '', or use double quotes)",
        ),
        (
            'title: "He said "no" \\u00e9"',
            'He said "no" é',
            'title: "He said "no" \\u00e9" read as "He said \\"no\\" é" (inside double quotes '
            'write a quote as \\", or use single quotes)',
        ),
        (
            "title: Breaking: news: more",
            "Breaking: news: more",
            "title: Breaking: news: more read as \"Breaking: news: more\" (a ': ' in unquoted "
            "text starts a new key: put the value in quotes)",
        ),
        (
            "title: `npm` is: here",
            "`npm` is: here",
            "title: `npm` is: here read as \"`npm` is: here\" (YAML reserves '`' at the start "
            "of a value: put it in quotes)",
        ),
        (
            'title: Update: "AI" is\\here',
            'Update: "AI" is\\here',
            'title: Update: "AI" is\\here read as "Update: \\"AI\\" is\\\\here" (a \': \' in '
            "unquoted text starts a new key: put the value in quotes)",
        ),
    ],
)
def test_each_mistake_is_repaired_with_a_diagnostic(line: str, title: str, message: str) -> None:
    article = _repaired(_doc("date: 2024-05-01T09:30:00Z", line, "tags: [a]"))
    assert article.title == title
    assert article.tags == ("a",)
    assert article.diagnostics == (
        newsmeta.Diagnostic(code="repaired-yaml", message=message, key="title", line=3, column=8),
    )


def test_a_file_that_parses_is_never_touched() -> None:
    text = _doc('title: "AI\'s future"', "date: 2024-05-01T09:30:00Z")
    assert REPAIR.parse(text) == PLAIN.parse(text)
    assert REPAIR.parse(text).diagnostics == ()


def test_several_lines_and_nested_lines_are_repaired() -> None:
    text = _doc(
        "title: 'It's here'",
        "date: 2024-05-01T09:30:00Z",
        "description: Analysis: what's next",
        "related:",
        "  - title: 'Europe's vote'",
        "    url: https://a.test/1",
    )
    article = REPAIR.parse(text, path="news/a.md")
    assert (article.title, article.summary) == ("It's here", "Analysis: what's next")
    assert article.extra["related"] == [{"title": "Europe's vote", "url": "https://a.test/1"}]
    assert [(d.code, d.key, d.line, d.column) for d in article.diagnostics] == [
        ("repaired-yaml", "title", 2, 8),
        ("repaired-yaml", "description", 4, 14),
        ("repaired-yaml", None, 6, 12),
    ]


@pytest.mark.parametrize(
    "line",
    [
        "title: 'AI's future",  # no closing quote: where did the text end?
        "title: 'AI's future' # checked",  # a comment, or part of the title?
        "title: Breaking: news # checked",
        "title: 'a', 'b'",  # a list without brackets, not one text
        'title: "a", "b"',
    ],
)
def test_no_plain_meaning_no_repair(line: str) -> None:
    text = _doc("date: 2024-05-01T09:30:00Z", line)
    with pytest.raises(newsmeta.LoadError) as plain:
        PLAIN.parse(text)
    with pytest.raises(newsmeta.LoadError) as repaired:
        REPAIR.parse(text)
    assert str(repaired.value) == str(plain.value)


def test_a_reserved_first_character_in_a_list_item_is_repaired_unless_it_holds_a_key() -> None:
    article = REPAIR.parse(_doc("title: x", "tags:", "  - @ana", "  - `b`"))
    assert article.tags == ("@ana", "`b`")
    assert [(d.line, d.column) for d in article.diagnostics] == [(4, 5), (5, 5)]
    with pytest.raises(newsmeta.LoadError, match="begins with '@'"):
        REPAIR.parse(_doc("title: x", "tags:", "  - @ana: b"))


def test_a_continued_plain_value_or_an_item_is_not_repaired() -> None:
    for text in (
        _doc("title: Breaking: news", "  continued here"),
        _doc("title: x", "related:", "  - title: Breaking: news"),
    ):
        with pytest.raises(newsmeta.LoadError, match="unquoted text"):
            REPAIR.parse(text)


def test_a_later_error_that_is_not_a_known_mistake_gives_the_original_error() -> None:
    text = _doc("title: 'AI's future'", "tags: [a")
    with pytest.raises(newsmeta.LoadError) as info:
        REPAIR.parse(text)
    assert info.value.line == 2
    assert "single-quoted text" in info.value.reason


def test_at_most_max_repairs_lines_are_rewritten() -> None:
    lines = [f"k{i}: 'it's {i}'" for i in range(MAX_REPAIRS)]
    article = REPAIR.parse(_doc("title: x", *lines))
    assert len(article.diagnostics) == MAX_REPAIRS
    with pytest.raises(newsmeta.LoadError, match="single-quoted"):
        REPAIR.parse(_doc("title: x", *lines, "k: 'one's too many'"))


def test_large_front_matter_gets_fewer_repairs(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsmeta import repair

    text = _doc("title: x", "a: 'it's'", "b: 'it's'", "c: 'it's'")
    front = len(text) - len("---\n") - len("---\nBody.\n")
    monkeypatch.setattr(repair, "REPAIR_BUDGET", 3 * front)
    assert len(REPAIR.parse(text).diagnostics) == 3
    monkeypatch.setattr(repair, "REPAIR_BUDGET", 3 * front - 1)  # two loads' worth
    with pytest.raises(newsmeta.LoadError, match="single-quoted"):
        REPAIR.parse(text)


def test_strict_refuses_a_repair() -> None:
    strict = newsmeta.Parser(repair=True, strict=True)
    with pytest.raises(newsmeta.FieldError) as info:
        strict.parse(_doc("title: 'AI's future'"), path="news/a.md")
    assert str(info.value) == (
        "news/a.md:2:8: title: 'AI's future' read as \"AI's future\" (inside single quotes "
        "write an apostrophe as '', or use double quotes) (strict)"
    )


def test_hexo_yaml_without_an_opener_is_repaired_too() -> None:
    article = REPAIR.parse("title: 'AI's future'\ndate: 2024-05-01T09:30:00Z\n---\nBody.\n")
    assert (article.title, article.format, article.body) == ("AI's future", "hexo-yaml", "Body.\n")
    assert article.diagnostics[0].code == "repaired-yaml"


def test_toml_and_json_errors_are_not_repaired() -> None:
    for text in ('+++\ntitle = "a"b"\n+++\n', '{"title": "a" "b"}\n'):
        with pytest.raises(newsmeta.LoadError) as plain:
            PLAIN.parse(text)
        with pytest.raises(newsmeta.LoadError) as repaired:
            REPAIR.parse(text)
        assert str(plain.value) == str(repaired.value)


def test_a_repairing_parser_pickles_for_workers() -> None:
    parser = pickle.loads(pickle.dumps(REPAIR))
    assert parser.repair is True
    results = list(newsmeta.parse_many([("a.md", _doc("title: 'It's'"))], parser=parser))
    assert results[0].article is not None and results[0].article.title == "It's"


# -- an unclosed fence ---------------------------------------------------------------------

UNCLOSED = "---\ntitle: Never closed\ndate: 2024-05-01T09:30:00Z\n\n# Heading\n\nBody.\n"


def test_an_unclosed_fence_ends_at_the_first_blank_line_in_repair_mode() -> None:
    article = REPAIR.parse(UNCLOSED)
    assert (article.title, article.body) == ("Never closed", "# Heading\n\nBody.\n")
    assert article.diagnostics == (
        newsmeta.Diagnostic(
            code="unclosed-front-matter",
            message="front matter opened with '---' is never closed; read it as ending at "
            "the blank line 4 (add a line '---' there)",
            line=1,
            column=1,
        ),
    )


def test_without_repair_an_unclosed_fence_says_repair_would_read_it() -> None:
    with pytest.raises(newsmeta.FrontMatterError) as info:
        PLAIN.parse("\r\n" + UNCLOSED.replace("\n", "\r\n"), path="news/a.md")
    assert str(info.value) == (
        "news/a.md:2:1: front matter opened with '---' is never closed; expected a line '---' "
        "(repair mode, Parser(repair=True) or --repair, would end it at the blank line 5)"
    )


def test_an_unclosed_fence_with_a_mistake_inside_is_repaired_twice() -> None:
    article = REPAIR.parse("---\ntitle: Breaking: news\n\nBody.\n")
    assert (article.title, article.body) == ("Breaking: news", "Body.\n")
    assert [d.code for d in article.diagnostics] == ["unclosed-front-matter", "repaired-yaml"]


@pytest.mark.parametrize(
    "text",
    [
        "---\ntitle: x\ndate: 2024-05-01\n",  # no blank line: where would it end?
        "---\ntitle: x\n",
        "---\nA thematic break, then a paragraph.\n\nBody.\n",  # not key: value lines
        "---\n  title: x\n\nBody.\n",  # indented: not a plain block of keys
        "---\n\ntitle: x\n",  # a blank line first: nothing before it
        "---\n- a\n- b\n\nBody.\n",  # a list, not a mapping
        "---\ntitle: [x\n\nBody.\n",  # does not load
        "+++\ntitle = 'x'\n\nBody.\n",  # TOML is left alone
    ],
)
def test_fences_left_open_otherwise_are_not_guessed(text: str) -> None:
    with pytest.raises(newsmeta.FrontMatterError) as plain:
        PLAIN.parse(text)
    with pytest.raises(newsmeta.FrontMatterError) as repaired:
        REPAIR.parse(text)
    assert str(plain.value) == str(repaired.value)
    assert "repair mode" not in str(plain.value)


RULED = "---\ntitle: x\n\n# Heading\n\nSome text.\n\n---\n\nMore text.\n"


def test_a_fence_closed_by_a_rule_in_the_body_is_explained() -> None:
    with pytest.raises(newsmeta.LoadError) as info:
        PLAIN.parse(RULED.encode(), path="news/a.md")
    assert str(info.value) == (
        "news/a.md:6:1: front matter opened with '---' is not closed before the body (the '---' "
        "at line 8 closed it, and line 6 is not YAML); add a line '---' at the blank line 3, or "
        "read it in repair mode (Parser(repair=True), --repair)"
    )


def test_a_fence_closed_by_a_rule_in_the_body_ends_at_the_blank_line_in_repair_mode() -> None:
    article = REPAIR.parse(RULED.replace("\n", "\r\n").encode())
    assert (article.title, article.body) == ("x", "# Heading\n\nSome text.\n\n---\n\nMore text.\n")
    assert article.diagnostics == (
        newsmeta.Diagnostic(
            code="unclosed-front-matter",
            message="front matter opened with '---' is not closed before the body (the '---' at "
            "line 8 closed it, and line 6 is not YAML); read it as ending at the blank line 3 "
            "(add a line '---' there)",
            line=1,
            column=1,
        ),
    )


@pytest.mark.parametrize(
    "text",
    [
        "---\ntitle: x\n\ndate: [2024\n---\nBody.\n",  # more YAML after the blank line
        "---\ntitle: x\n\n- a\n---\n",
        "---\ntitle: x\n\n  b: [\n---\n",
        "---\ntitle: [x\n\nSome text.\n---\n",  # the error is before the blank line
        "---\n\nSome text.\nMore: text: here\n---\n",  # nothing before the blank line
    ],
)
def test_a_failing_block_with_yaml_after_its_blank_line_keeps_its_error(text: str) -> None:
    with pytest.raises(newsmeta.LoadError) as plain:
        PLAIN.parse(text)
    with pytest.raises(newsmeta.LoadError) as repaired:
        REPAIR.parse(text)
    assert str(plain.value) == str(repaired.value)
    assert "repair mode" not in str(plain.value)


def test_strict_refuses_a_closed_fence() -> None:
    with pytest.raises(newsmeta.FieldError, match=r"never closed; read it .* \(strict\)"):
        newsmeta.Parser(repair=True, strict=True).parse(UNCLOSED)


# -- golden pairs: files in the style of real sites, and what repair mode reads -----------

_GOLDEN = DATA / "repair"


@pytest.mark.parametrize("source", sorted(_GOLDEN.glob("*.md")), ids=lambda p: p.name)
def test_golden_repair(source: Path) -> None:
    with pytest.raises(newsmeta.NewsmetaError):
        PLAIN.parse_file(source)  # each holds a mistake that plain reading refuses
    article = REPAIR.parse_file(source)
    actual = json.loads(json.dumps(newsmeta.to_dict(article)).replace(str(source), source.name))
    expected_path = source.with_suffix(".json")
    if os.environ.get("NEWSMETA_UPDATE_GOLDEN") == "1":
        expected_path.write_text(json.dumps(actual, indent=2, ensure_ascii=False) + "\n")
    assert actual == json.loads(expected_path.read_text(encoding="utf-8"))
    codes = {d.code for d in article.diagnostics}
    assert codes & {"repaired-yaml", "unclosed-front-matter"}


# -- the command line ---------------------------------------------------------------------


def test_repair_on_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.md").write_text(_doc("title: 'AI's future'"))
    Path("b.md").write_text(UNCLOSED)
    assert main(["validate", "a.md", "b.md", "--quiet"]) == 1
    _, err = capsys.readouterr()
    assert err.startswith("a.md:2:11: invalid YAML: the single-quoted text that starts at 2:8")
    assert main(["parse", "a.md", "b.md", "--repair", "--quiet"]) == 0
    out, err = capsys.readouterr()
    first, second = (json.loads(line) for line in out.splitlines())
    assert (first["title"], second["title"]) == ("AI's future", "Never closed")
    assert first["diagnostics"][0]["code"] == "repaired-yaml"
    assert second["diagnostics"][0]["code"] == "unclosed-front-matter"
    assert main(["validate", "a.md", "--repair", "--strict", "--quiet"]) == 1


# -- properties ------------------------------------------------------------------------------

# Fewer examples than the profile's default keep this file's tests under ~10 s (the
# hostile-document strategy is slow to draw from); NEWSMETA_HYPOTHESIS_EXAMPLES asks for more.
_PROPERTY = settings(
    max_examples=int(os.environ.get("NEWSMETA_HYPOTHESIS_EXAMPLES", "150")),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
_HOSTILE = settings(
    _PROPERTY, max_examples=int(os.environ.get("NEWSMETA_HYPOTHESIS_EXAMPLES", "80"))
)

_WORD = st.text(string.ascii_letters + "0123456789", min_size=1, max_size=6)
_PIECE = st.one_of(
    _WORD, _WORD, st.sampled_from(["'", "''", "\\'", '"', ": ", ":", " #", ", ", "@", "`", "- "])
)
_VALUE = st.lists(st.one_of(_PIECE, st.just(" ")), min_size=1, max_size=8).map("".join)
_QUOTING = st.sampled_from(["{}", "'{}'", '"{}"', "'{}", "{} # c"])


@st.composite
def _mistaken_documents(draw: st.DrawFn) -> str:
    """Documents with quotes, colons and comments in values, often broken ones."""
    lines = []
    for key in draw(st.lists(st.sampled_from(["title", "description", "k", "x"]), unique=True)):
        lines.append(f"{key}: " + draw(_QUOTING).format(draw(_VALUE)))
    front = "---\n" + "".join(line + "\n" for line in lines)
    body = draw(st.sampled_from(["Body.\n", "# Head\n\nBody.\n---\nMore.\n", "k: v\n---\n"]))
    fence = draw(st.sampled_from(["---\n", "\n", "\n\n"]))  # closed, or left open
    return front + fence + body


def _unchanged_by_repair(text: str) -> None:
    try:
        expected = PLAIN.parse(text)
    except newsmeta.NewsmetaError:
        return  # the property is about documents that parse
    assert REPAIR.parse(text) == expected


@_PROPERTY
@given(_mistaken_documents())
def test_repair_changes_nothing_on_a_document_that_parses(text: str) -> None:
    _unchanged_by_repair(text)


@_HOSTILE
@given(yaml_documents())
def test_repair_changes_nothing_on_a_hostile_document_that_parses(text: str) -> None:
    _unchanged_by_repair(text)


@_PROPERTY
@given(_mistaken_documents())
def test_repair_reads_a_refused_document_with_diagnostics_or_refuses_it(text: str) -> None:
    try:
        PLAIN.load(PLAIN.split(text))
        return
    except newsmeta.NewsmetaError as error:
        refused = error
    try:
        parts = REPAIR.split(text)
        _, diagnostics = REPAIR.load(parts)
    except newsmeta.NewsmetaError as error:
        if isinstance(refused, newsmeta.LoadError):
            assert str(error) == str(refused)  # the original error, not a later one
        return
    codes = {d.code for d in (*parts.diagnostics, *diagnostics)}
    assert codes & {"repaired-yaml", "unclosed-front-matter"}


_TEXT = st.lists(
    st.one_of(_WORD, st.sampled_from(["'", '"', ": ", "'s", "n't", "&", "?", "-", "!"])),
    min_size=1,
    max_size=8,
).map(lambda pieces: " ".join(pieces).strip())


@_PROPERTY
@given(_TEXT, st.sampled_from(["apostrophe", "backslash", "double", "colon"]))
def test_a_repaired_title_is_the_intended_text(title: str, mistake: str) -> None:
    written = {
        "apostrophe": f"'{title}'",
        "backslash": "'" + title.replace("'", "\\'") + "'",
        "double": f'"{title}"',
        "colon": title,
    }[mistake]
    if mistake == "colon":  # a plain scalar must not start with an indicator
        assume(title[0].isalnum())
    text = _doc(f"title: {written}", "date: 2024-05-01T09:30:00Z")
    try:
        article = REPAIR.parse(text)
    except newsmeta.NewsmetaError:
        return  # refused: fine, repair is allowed to decline
    if any(d.code == "repaired-yaml" for d in article.diagnostics):
        assert article.title == title


# -- the synthetic corpus -------------------------------------------------------------------


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "bench_repair", ROOT / "benchmarks" / "bench_repair.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_synthetic_mistake_corpus_is_recovered_as_intended() -> None:
    bench = _bench()
    files = 20 * len(bench.KINDS)
    figures = bench.measure(bench.build_corpus(files, seed=random.Random(7).randint(0, 99)))
    for kind, counts in figures.items():
        assert counts["files"] == 20, kind
        if kind == "valid":
            assert counts["refused"] == 0 and counts["intended"] == 20
        elif kind.startswith("hard-"):
            assert counts["refused with repair"] == 20, kind  # refused, never guessed
        else:
            assert counts["refused"] == 20, kind
            assert counts["intended"] == 20, kind
            assert counts["wrong"] == 0, kind
