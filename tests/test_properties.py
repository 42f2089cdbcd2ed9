"""Hypothesis properties: splitting finds what was joined, and to_dict/from_dict round-trips."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

import newsmeta
from newsmeta.split import split

_LINE = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs",), blacklist_characters="\r\n\x85\u2028\u2029"
    ),
    max_size=30,
)
_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=20)
_AWARE = st.datetimes(
    min_value=datetime(1900, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(timezone.utc)
) | st.datetimes(
    min_value=datetime(1900, 1, 1),
    max_value=datetime(2100, 1, 1),
    timezones=st.builds(
        lambda m: timezone(timedelta(minutes=m)), st.integers(-12 * 60, 14 * 60)
    ),
)


@given(
    front=st.lists(_LINE.filter(lambda s: s.strip() not in ("---", "...")), max_size=8),
    body=st.text(st.characters(blacklist_categories=("Cs",)), max_size=80),
    newline=st.sampled_from(["\n", "\r\n"]),
)
def test_split_returns_what_was_joined(front: list[str], body: str, newline: str) -> None:
    front_text = "".join(line + "\n" for line in front)
    document = "---" + newline + front_text.replace("\n", newline) + "---" + newline + body
    result = split(document)
    assert result.front_matter == front_text
    expected_body = body.replace("\r\n", "\n").replace("\r", "\n")
    assert result.body == expected_body
    assert result.line_offset == 1


_UNFENCED_LINE = st.sampled_from(
    ["title: T", "Title: T", "Date: 2020-01-01", "tags:", "- a", "  more", "", "---", "..."]
)


@given(
    blanks=st.lists(st.sampled_from(["", " ", "\t"]), max_size=3),
    fence=st.sampled_from(["---", "+++"]),
    front=st.lists(_UNFENCED_LINE.filter(lambda s: s not in ("---", "...")), max_size=6),
    body=st.lists(_UNFENCED_LINE | _LINE, max_size=6),
)
def test_a_fenced_document_splits_as_before_whatever_follows(
    blanks: list[str], fence: str, front: list[str], body: list[str]
) -> None:
    # The unfenced forms (Hexo's YAML, metadata headers) are tried only when no fence
    # opens the file, so lines shaped like them change nothing in a fenced document.
    front_text = "".join(line + "\n" for line in front)
    body_text = "\n".join(body)
    prefix = "".join(line + "\n" for line in blanks)
    result = split(prefix + fence + "\n" + front_text + fence + "\n" + body_text)
    expected_format = "yaml" if fence == "---" else "toml"
    assert (result.format, result.front_matter, result.body, result.line_offset) == (
        expected_format,
        front_text,
        body_text,
        len(blanks) + 1,
    )


_JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=10,
)
_IMAGE = st.builds(
    newsmeta.Image,
    url=_TEXT,
    width=st.none() | st.integers(0, 10_000),
    height=st.none() | st.integers(0, 10_000),
    mime_type=st.none() | _TEXT,
    extra=st.dictionaries(_TEXT, _JSONISH, max_size=2),
)
_SOURCE = st.builds(newsmeta.Source, name=st.none() | _TEXT, domain=st.none() | _TEXT)
_EXTRA = st.dictionaries(
    _TEXT,
    _JSONISH
    | _AWARE
    | st.dates()
    | st.dictionaries(st.integers(), _JSONISH, max_size=2)
    | st.just({"$date": "not a tag"}),
    max_size=4,
)


@given(
    st.builds(
        newsmeta.Article,
        title=_TEXT,
        summary=st.none() | _TEXT,
        body=st.text(max_size=40),
        url=st.none() | _TEXT,
        published=st.none() | _AWARE,
        updated=st.none() | _AWARE,
        authors=st.lists(st.builds(newsmeta.Author, name=_TEXT), max_size=2).map(tuple),
        source=st.none() | _SOURCE,
        tags=st.lists(_TEXT, max_size=3).map(tuple),
        images=st.lists(_IMAGE, max_size=2).map(tuple),
        related=st.lists(
            st.builds(
                newsmeta.RelatedArticle, title=st.none() | _TEXT, published=st.none() | _AWARE
            ),
            max_size=2,
        ).map(tuple),
        is_draft=st.none() | st.booleans(),
        extra=_EXTRA,
        provenance=st.dictionaries(_TEXT, _TEXT, max_size=3),
        diagnostics=st.lists(
            st.builds(newsmeta.Diagnostic, code=_TEXT, message=_TEXT), max_size=2
        ).map(tuple),
    )
)
def test_to_dict_is_json_ready_and_from_dict_reverses_it(article: newsmeta.Article) -> None:
    data = newsmeta.to_dict(article)
    restored = newsmeta.from_dict(json.loads(json.dumps(data)))
    assert restored == article
    assert list(data) == [
        "title", "summary", "body", "url", "links", "aliases", "slug", "published", "updated",
        "authors", "source", "tags", "categories", "images", "related", "kind", "is_draft",
        "language", "extra", "dialect", "format", "provenance", "diagnostics",
    ]  # fmt: skip


@given(
    st.sampled_from(["http", "https", "ftp", "HTTP", ""]),
    st.text(alphabet="abcXYZ.-:@[]%\\/?#09", max_size=20),
    st.text(max_size=10),
)
def test_quick_host_agrees_with_urlsplit(scheme: str, authority: str, rest: str) -> None:
    from urllib.parse import urlsplit

    from newsmeta.convert import _host

    url = f"{scheme}://{authority}/{rest}"
    try:
        expected = urlsplit(url).hostname or ""
    except ValueError:
        expected = ""
    assert _host(url) == expected
