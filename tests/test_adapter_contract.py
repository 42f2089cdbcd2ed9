"""Issue 10 #16: the core enforces the adapter contract for every adapter.

An unknown field name, a provenance entry for a key the source lacks, and a score
that raises or is not a number in [0, 1] are ``AdapterError``\\ s naming the
adapter; a key neither used nor kept is put back into ``extra``; a bug in
``normalize`` is an ``UnexpectedError`` whose traceback text survives pickling.
"""

from __future__ import annotations

import pickle
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

import newsmeta
from newsmeta import AdapterError, Normalized, Parser, UnexpectedError, _contract
from newsmeta._contract import checked
from newsmeta.dialects import BUILTIN_ADAPTERS, GENERIC

from .conftest import shared

DOC = "---\ntitle: T\nx: 1\nlink:\n  href: https://a.test/\n  brand: B\n---\n"


class Fixed:
    """An adapter answering the same ``Normalized`` (and score) for any document."""

    name = "fixed"
    fallback = False

    def __init__(self, normalized: Any, score: Any = 1.0) -> None:
        self.answer = normalized
        self.given = score

    def score(self, mapping: Mapping[str, Any]) -> Any:
        if isinstance(self.given, Exception):
            raise self.given
        return self.given

    def voters(self, mapping: Mapping[str, Any]) -> tuple[str, ...]:
        return ()

    def normalize(self, mapping: Mapping[str, Any]) -> Any:
        if isinstance(self.answer, Exception):
            raise self.answer
        return self.answer


def parse(adapter: Fixed) -> newsmeta.Article:
    return Parser(adapters=[adapter], builtins=False).parse(DOC, path="d.md")


def test_keys_the_adapter_neither_used_nor_kept_go_to_extra() -> None:
    article = parse(Fixed(Normalized({"title": "T"}, {"title": "title"}, {})))
    assert article.extra == {"x": 1, "link": {"href": "https://a.test/", "brand": "B"}}
    used_part = Normalized(
        {"title": "T", "url": "https://a.test/"}, {"title": "title", "url": "link.href"}, {}
    )
    article = parse(Fixed(used_part))
    assert article.extra == {"x": 1, "link": {"brand": "B"}}
    assert article.url == "https://a.test/"


def test_what_the_adapter_kept_is_left_as_it_is() -> None:
    kept = Normalized({"title": "T"}, {"title": "title"}, {"x": "changed", "invented": 2})
    assert parse(Fixed(kept)).extra == {
        "x": "changed",
        "invented": 2,
        "link": {"href": "https://a.test/", "brand": "B"},
    }


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (
            Normalized({"title": "T", "headline": "H"}, {"title": "title"}, {}),
            "d.md: adapter 'fixed' returned unknown field 'headline'; expected one of: title, "
            "summary, url, links, aliases, slug, published, updated, authors, source, "
            "source.name, source.domain, source.url, source.images, tags, categories, images, "
            "related, kind, is_draft, language",
        ),
        (
            Normalized({"title": "T"}, {"title": "titel"}, {}),
            "d.md: adapter 'fixed' gave provenance 'titel' for 'title', but the source has "
            "no such key",
        ),
        (
            Normalized({"title": "T"}, {"title": "link.herf"}, {}),
            "d.md: adapter 'fixed' gave provenance 'link.herf' for 'title', but the source "
            "has no such key",
        ),
        (
            Normalized({"title": "T"}, {"title": "title", "headline": "x"}, {}),
            "d.md: adapter 'fixed' gave provenance for unknown field 'headline'; expected one "
            "of: title, summary, url, links, aliases, slug, published, updated, authors, source, "
            "source.name, source.domain, source.url, source.images, tags, categories, images, "
            "related, kind, is_draft, language",
        ),
        (
            Normalized({"title": "T"}, {"title": 3}, {}),
            "d.md: adapter 'fixed' gave provenance 3 for 'title'; expected a source key path "
            "(text)",
        ),
        (
            Normalized({"title": "T"}, {"title": "title"}, ["x"]),  # type: ignore[arg-type]
            "d.md: adapter 'fixed' returned Normalized.extra as list; expected a mapping",
        ),
        (
            {"title": "T"},
            "d.md: adapter 'fixed' returned dict; expected Normalized",
        ),
        (
            Normalized({"title": "T", "related": 5}, {"title": "title"}, {}),
            "d.md: adapter 'fixed' returned 'related' as int; expected a list of Normalized items",
        ),
        (
            Normalized({"title": "T"}, {"title": "title"}, {"x": [{"y": object()}]}),
            "d.md: adapter 'fixed' returned object in extra key 'x'; expected plain data "
            "(text, numbers, booleans, null, dates, bytes, lists, mappings)",
        ),
        (
            Normalized({"title": "T", "images": [{"url": "u", "width": 16**4000}]}, {}, {}),
            "d.md: adapter 'fixed' returned an integer too long to write in decimal in field "
            "'images'",
        ),
    ],
)
def test_a_broken_normalize_answer_is_an_adapter_error(answer: Any, message: str) -> None:
    with pytest.raises(AdapterError) as caught:
        parse(Fixed(answer))
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("score", "message"),
    [
        (float("nan"), "adapter 'fixed': score() returned nan; expected a number from 0.0 to 1.0"),
        (5, "adapter 'fixed': score() returned 5; expected a number from 0.0 to 1.0"),
        (-0.5, "adapter 'fixed': score() returned -0.5; expected a number from 0.0 to 1.0"),
        ("1", "adapter 'fixed': score() returned '1'; expected a number from 0.0 to 1.0"),
        (True, "adapter 'fixed': score() returned True; expected a number from 0.0 to 1.0"),
        pytest.param(
            16**4000,
            "adapter 'fixed': score() returned an integer too long to show; "
            "expected a number from 0.0 to 1.0",
            id="an integer too long for decimal",
        ),
        (
            ZeroDivisionError("division by zero"),
            "adapter 'fixed': score() raised ZeroDivisionError: division by zero; "
            "a score must never raise",
        ),
    ],
)
def test_a_score_that_is_not_a_number_in_0_1_is_an_adapter_error(score: Any, message: str) -> None:
    adapter = Fixed(Normalized({"title": "T"}, {"title": "title"}, {}), score)
    with pytest.raises(AdapterError) as caught:
        parse(adapter)
    assert str(caught.value) == f"d.md: {message}"
    with pytest.raises(AdapterError) as caught:  # detect() says the same, without a file
        Parser(adapters=[adapter]).detect(DOC)
    assert str(caught.value) == message


def test_voters_must_be_key_names() -> None:
    class Numbers(Fixed):
        def voters(self, mapping: Mapping[str, Any]) -> tuple[str, ...]:
            return (1, 2)  # type: ignore[return-value]

    with pytest.raises(AdapterError) as caught:
        Parser(adapters=[Numbers(Normalized({"title": "T"}, {"title": "title"}, {}))]).detect(DOC)
    assert str(caught.value) == (
        "adapter 'fixed': voters() returned something other than key names; expected a tuple of str"
    )


def test_whole_numbers_are_scores_too() -> None:
    answer = Normalized({"title": "T"}, {"title": "title"}, {})
    assert parse(Fixed(answer, 1)).title == "T"


def test_a_bug_in_normalize_is_an_unexpected_error_keeping_its_traceback() -> None:
    with pytest.raises(UnexpectedError) as caught:
        parse(Fixed(ZeroDivisionError("division by zero")))
    error = caught.value
    assert str(error) == (
        "d.md: unexpected ZeroDivisionError: adapter 'fixed' failed in normalize(): "
        "division by zero"
    )
    assert "raise self.answer" in error.details
    copy = pickle.loads(pickle.dumps(error))  # as it crosses from a worker process
    assert (str(copy), copy.details, copy.kind) == (str(error), error.details, error.kind)


def test_the_builtin_answers_already_keep_the_contract() -> None:
    # MappingAdapter answers skip the check (correct by construction): prove it.
    for path in sorted(Path("examples/news").glob("*.md")):
        _assert_builtins_keep_the_contract(path)


def test_the_builtin_answers_keep_the_contract_on_the_corpus() -> None:
    for path in sorted(shared("corpus").rglob("*.md"))[:600]:
        _assert_builtins_keep_the_contract(path)


def _assert_builtins_keep_the_contract(path: Path) -> None:
    parser = Parser()
    try:
        mapping, _ = parser.load(parser.split(path.read_bytes(), path=str(path)))
    except newsmeta.NewsmetaError:
        return
    for adapter in BUILTIN_ADAPTERS:
        answer = adapter.normalize(mapping)
        assert checked(adapter.name, mapping, answer) is answer, (path, adapter.name)


def test_a_mapping_adapter_subclass_with_its_own_normalize_is_checked() -> None:
    class Forgetful(newsmeta.MappingAdapter):
        def normalize(self, mapping: Mapping[str, Any]) -> Normalized:
            answer = super().normalize(mapping)
            return Normalized(answer.fields, answer.provenance, {})  # drops every leftover

    forgetful = Forgetful("forgetful", [newsmeta.Rule("title", ("title",))], signature={"x": 1})
    article = Parser(adapters=[forgetful], builtins=False).parse(DOC)
    assert article.extra == {"x": 1, "link": {"href": "https://a.test/", "brand": "B"}}


def test_a_generic_subclass_with_its_own_normalize_is_checked() -> None:
    # The generic dialect's normalize is trusted (see test below); a subclass's is not.
    class Forgetful(type(GENERIC)):  # type: ignore[misc]
        def normalize(self, mapping: Mapping[str, Any]) -> Normalized:
            answer = super().normalize(mapping)
            return Normalized(answer.fields, answer.provenance, {})

    forgetful = Forgetful("forgetful", [newsmeta.Rule("title", ("title",))], signature={"x": 1})
    article = Parser(adapters=[forgetful], builtins=False).parse(DOC)
    assert article.extra == {"x": 1, "link": {"href": "https://a.test/", "brand": "B"}}


@pytest.mark.parametrize(
    "text",
    [
        "---\ntitle: T\nx: 1\n---\n",
        # the generic dialect's own additions: a date from a path, a media URL given back
        "---\ntitle: T\npath: 2014/12/12/slug\n---\n",
        "---\ntitle: T\nurl: https://a.test/ep.mp3\ndate: 2020-01-01\n---\n",
    ],
)
def test_the_builtin_answers_are_not_walked_again(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # They keep the contract by construction (proved on the corpus above): the
    # walk is skipped, which is a tenth of a small document's time.
    expected = Parser().parse(text)
    assert expected.dialect == "generic"
    answer = GENERIC.normalize(Parser().load(Parser().split(text))[0])
    assert checked("generic", Parser().load(Parser().split(text))[0], answer) is answer

    def refuse(*args: Any) -> None:
        raise AssertionError("checked() ran on a built-in answer")

    monkeypatch.setattr(_contract, "checked", refuse)
    assert Parser().parse(text) == expected


def test_provenance_may_name_list_items_with_dotted_indexes() -> None:
    # The way diagnostics name keys ('head.1.content'), as the generic dialect's
    # loose rules do for VitePress meta lists, as well as 'head[1].content'.
    text = "---\nhead:\n  - [meta, {name: a}]\n  - {content: T, x: 1}\n---\n"
    for path in ("head.1.content", "head[1].content"):
        answer = Normalized({"title": "T"}, {"title": path}, {})
        article = Parser(adapters=[Fixed(answer)], builtins=False).parse(text)
        assert article.extra == {"head": [["meta", {"name": "a"}], {"x": 1}]}
