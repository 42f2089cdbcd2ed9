"""Bylines as people write them: author text read into people, conservatively.

The table is collected from news organisations' byline styles (AP, Reuters, the
Guardian, BBC, NYT), from generators' documentation (Hugo, Jekyll, Pelican,
Python-Markdown meta, npm-style "Name <email> (url)") and from the real files of
../shared/corpus-wild.  Each row: the text, then the people as
(name, url, email, extra), or None when the text must stay one name as before.
"""

from __future__ import annotations

import csv
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import newsmeta
from newsmeta import bylines
from newsmeta.bylines import split_byline
from newsmeta.errors import FieldError

from .conftest import shared

Person = tuple[str, str | None, str | None, dict[str, str]]


def person(name: str, url: str | None = None, email: str | None = None, **extra: str) -> Person:
    return (name, url, email, extra)


BYLINES: list[tuple[str, list[Person] | None]] = [
    # -- separators: and, &, ;, commas, with and without the Oxford comma -------------
    ("Jenny Bryan and Mara Averick", [person("Jenny Bryan"), person("Mara Averick")]),
    ("Jane Doe & John Roe", [person("Jane Doe"), person("John Roe")]),
    (
        "Laura Flores, Neha Ojha, and Vikhyat Umrao",
        [person("Laura Flores"), person("Neha Ojha"), person("Vikhyat Umrao")],
    ),
    (  # AP style: no serial comma
        "Laura Flores, Neha Ojha and Vikhyat Umrao",
        [person("Laura Flores"), person("Neha Ojha"), person("Vikhyat Umrao")],
    ),
    ("Jane Doe; John Roe", [person("Jane Doe"), person("John Roe")]),
    # Pelican "Authors: a, b" and Python-Markdown meta continuation lines
    ("Alexis Metaireau, Conrad Kermit", [person("Alexis Metaireau"), person("Conrad Kermit")]),
    ("Waylan Limberg\nJohn Doe", [person("Waylan Limberg"), person("John Doe")]),
    ("sven, henry", [person("sven"), person("henry")]),  # handles, lower case
    ("Tom, Dick and Harry", [person("Tom"), person("Dick"), person("Harry")]),
    # -- a leading "By" (NYT, AP, BBC) ----------------------------------------------------
    ("By Jane Doe", [person("Jane Doe")]),
    ("by Jane Doe and John Roe", [person("Jane Doe"), person("John Roe")]),
    # -- links, emails, parenthesised notes -----------------------------------------------
    (
        "[Victor Gomes](https://v8.dev/vg), the Glühwein expert",
        [person("Victor Gomes", "https://v8.dev/vg", role="the Glühwein expert")],
    ),
    (
        "Patrick Lucas (Data Artisans) and Ismaël Mejía (Talend)",
        [
            person("Patrick Lucas", affiliation="Data Artisans"),
            person("Ismaël Mejía", affiliation="Talend"),
        ],
    ),
    (
        "[Juraci Paixão Kröhling](https://github.com/jpkrohling) (OpenTelemetry, Grafana Labs), "
        "[Pablo Baeyens](https://github.com/mx-psi) (OpenTelemetry, Datadog)",
        [
            person(
                "Juraci Paixão Kröhling",
                "https://github.com/jpkrohling",
                affiliation="OpenTelemetry, Grafana Labs",
            ),
            person(
                "Pablo Baeyens", "https://github.com/mx-psi", affiliation="OpenTelemetry, Datadog"
            ),
        ],
    ),
    (
        "Adrien (nycticorax@opensuse.org) & Jens (karatekhd@opensuse.org)",
        [
            person("Adrien", email="nycticorax@opensuse.org"),
            person("Jens", email="karatekhd@opensuse.org"),
        ],
    ),
    (
        "Peter Munch-Ellingsen (pmunch), Dominik Picheta (dom96)",
        [
            person("Peter Munch-Ellingsen", handle="pmunch"),
            person("Dominik Picheta", handle="dom96"),
        ],
    ),
    ("Jane Doe (@janedoe)", [person("Jane Doe", handle="@janedoe")]),
    ("Jane Doe (she/her)", [person("Jane Doe", pronouns="she/her")]),
    ("Jane Doe <jane@example.org>", [person("Jane Doe", email="jane@example.org")]),
    (  # npm's "people fields"
        "Barney Rubble <b@rubble.com> (http://barnyrubble.tumblr.com/)",
        [person("Barney Rubble", "http://barnyrubble.tumblr.com/", "b@rubble.com")],
    ),
    # -- roles, titles and epithets attach to the person before them ----------------------
    ("Josh Aas, ISRG Executive Director", [person("Josh Aas", role="ISRG Executive Director")]),
    ("Jane Doe, Editor-in-Chief", [person("Jane Doe", role="Editor-in-Chief")]),
    (
        "Jane Roe, Senior Software Engineer, Company",
        [person("Jane Roe", role="Senior Software Engineer", affiliation="Company")],
    ),
    (
        "Jane Roe, Senior Software Engineer, Acme",
        [person("Jane Roe", role="Senior Software Engineer", affiliation="Acme")],
    ),
    ("By JANE DOE, AP Sports Writer", [person("JANE DOE", role="AP Sports Writer")]),
    ("Jane Doe, staff writer", [person("Jane Doe", role="staff writer")]),
    (
        "Jane Doe, Editor, and John Roe, Reporter",
        [person("Jane Doe", role="Editor"), person("John Roe", role="Reporter")],
    ),
    # -- organisations: an affiliation; a last one is everyone's --------------------------
    ("By JANE DOE\nAssociated Press", [person("JANE DOE", affiliation="Associated Press")]),
    (
        "By JANE DOE and JOHN ROE, Associated Press",
        [
            person("JANE DOE", affiliation="Associated Press"),
            person("JOHN ROE", affiliation="Associated Press"),
        ],
    ),
    (
        "Jane Doe, For The Associated Press",
        [person("Jane Doe", affiliation="For The Associated Press")],
    ),
    ("Jane Doe, Reuters", [person("Jane Doe", affiliation="Reuters")]),
    ("Jane Doe, The Washington Post", [person("Jane Doe", affiliation="The Washington Post")]),
    (  # an organisation, then the place the writer filed from
        "By Jane Doe, BBC News, Washington",
        [person("Jane Doe", affiliation="BBC News", location="Washington")],
    ),
    (
        "Jane Doe, Reuters, and John Roe",
        [person("Jane Doe", affiliation="Reuters"), person("John Roe")],
    ),
    (  # BBC: a role line, then the organisation
        "By Jane Doe\nBusiness reporter, BBC News",
        [person("Jane Doe", role="Business reporter", affiliation="BBC News")],
    ),
    # -- credits (Reuters) and places (the Guardian) --------------------------------------
    (
        "Reporting by Jane Doe and John Roe; Editing by Max Mustermann",
        [
            person("Jane Doe", role="reporting"),
            person("John Roe", role="reporting"),
            person("Max Mustermann", role="editing"),
        ],
    ),
    ("Julian Borger in Washington", [person("Julian Borger", location="Washington")]),
    (
        "Jane Doe, photos by John Roe and Max Mu",
        [person("Jane Doe"), person("John Roe", role="photos"), person("Max Mu", role="photos")],
    ),
    (  # the same text twice: each is a person, the last one's affiliation is everyone's
        "Jane Doe, Jane Doe, Reuters",
        [person("Jane Doe", affiliation="Reuters"), person("Jane Doe", affiliation="Reuters")],
    ),
    (
        "Jane Doe and John Roe in New York",
        [person("Jane Doe", location="New York"), person("John Roe", location="New York")],
    ),
    # -- suffixes and particles belong to the name ----------------------------------------
    ("Jane Doe, PhD, and John Roe", [person("Jane Doe, PhD"), person("John Roe")]),
    (
        "Ludwig van Beethoven and Charles de Gaulle",
        [person("Ludwig van Beethoven"), person("Charles de Gaulle")],
    ),
    # -- kept as one name, exactly as before ----------------------------------------------
    ("Jane Doe", None),
    ("Fletcher T. Penney", None),  # MultiMarkdown's documentation
    ("Vinit @maxinovip.com", None),
    ("Martin Luther King, Jr.", None),
    ("Smith, John", None),  # surname first: one person
    ("Smith, John A.", None),
    ("By Smith, John", [person("Smith, John")]),
    ("Doe, Jane and Roe, John", [person("Doe, Jane"), person("Roe, John")]),
    ("Doe, Jane; Roe, J. R.", [person("Doe, Jane"), person("Roe, J. R.")]),
    ("The Nim Team", None),
    ("Research and Development Team", None),
    ("Jane Doe and the Nim Team", None),
    ("Rock and Roll Hall of Fame", None),  # words, not names
    ("Made in Germany", None),
    ("Jane Doe in the kitchen", None),
    ("Jane Doe,", None),
    ("(Acme)", None),
    ("Acme Inc., Jane Doe", None),  # an organisation first: not a list of people
    ("Editor-in-Chief, Jane Doe", None),  # a role with nobody before it
    ("Jane (Doe", None),  # unbalanced brackets
    ("Jane Doe and https://x.test/a", None),
]


@pytest.mark.parametrize(("text", "expected"), BYLINES, ids=[row[0][:40] for row in BYLINES])
def test_bylines(text: str, expected: list[Person] | None) -> None:
    people = split_byline(text)
    if expected is None:
        assert people is None
        return
    assert people is not None
    assert [(p.name, p.url, p.email, dict(p.extra)) for p in people] == expected


def _parse(author: str, **options: Any) -> newsmeta.Article:
    text = f"---\ntitle: T\nauthor: {author}\n---\n"
    return newsmeta.Parser(**options).parse(text, path="a.md")


def test_a_split_is_a_diagnostic_carrying_the_original_text() -> None:
    article = _parse("Josh Aas, ISRG Executive Director, and Jane Doe")
    assert [a.name for a in article.authors] == ["Josh Aas", "Jane Doe"]
    assert article.authors[0].extra == {"role": "ISRG Executive Director"}
    (diagnostic,) = article.diagnostics
    assert (diagnostic.code, diagnostic.key, diagnostic.line) == ("byline-split", "author", 3)
    assert diagnostic.message == (
        "'author' 'Josh Aas, ISRG Executive Director, and Jane Doe' read as 2 authors: "
        "'Josh Aas' (role 'ISRG Executive Director'), 'Jane Doe'"
    )


def test_strict_refuses_a_split() -> None:
    with pytest.raises(FieldError) as info:
        _parse("Jane Doe and John Roe", strict=True)
    assert str(info.value) == (
        "a.md:3:1: 'author' 'Jane Doe and John Roe' read as 2 authors: 'Jane Doe', "
        "'John Roe' (strict)"
    )


def test_a_plain_name_is_unchanged_and_silent() -> None:
    article = _parse("Jane Doe")
    assert article.authors == (newsmeta.Author(name="Jane Doe"),)
    assert article.diagnostics == ()


def test_each_text_item_of_a_list_is_read_and_mappings_are_left_alone() -> None:
    text = (
        "---\ntitle: T\nauthors:\n  - Jenny Bryan and Mara Averick\n  - Max Kuhn\n"
        "  - {name: Ann and Bob, url: 'https://a.test'}\n---\n"
    )
    article = newsmeta.parse(text)
    assert [a.name for a in article.authors] == [
        "Jenny Bryan",
        "Mara Averick",
        "Max Kuhn",
        "Ann and Bob",  # a mapping says what its name is
    ]
    assert [d.code for d in article.diagnostics] == ["byline-split"]


def test_wild_corpus_bylines_give_the_expected_people() -> None:
    """Every file of corpus-wild whose author text is split gives EXPECTED.tsv's people."""
    base = shared("corpus-wild")
    rows = list(csv.DictReader((base / "EXPECTED.tsv").open(encoding="utf-8"), delimiter="\t"))
    split = 0
    for row in rows:
        try:
            article = newsmeta.parse_file(base / row["file"])
        except newsmeta.NewsmetaError:
            continue
        if any(d.code == "byline-split" for d in article.diagnostics):
            split += 1
            names = ";".join(author.name for author in article.authors)
            assert names == row["expected_authors"], row["file"]
    assert split >= 8


_BYLINE_ALPHABET = "AJab ,;&()[]<>@.\n-" + "é"


@given(st.text(alphabet=_BYLINE_ALPHABET, max_size=60) | st.sampled_from([r[0] for r in BYLINES]))
def test_split_never_raises_and_never_invents_a_name(text: str) -> None:
    people = split_byline(text)
    if people is None:
        return
    assert people
    for author in people:
        assert author.name.strip() == author.name and author.name
        for word in author.name.replace(",", " ").split():
            assert word in text


def test_long_text_is_not_a_byline() -> None:
    assert split_byline("Jane Doe and " + " " * 50_000 + "John Roe") is None


def _mask_brackets_char_by_char(text: str) -> str | None:
    """The plain definition ``bylines._mask_brackets`` must agree with."""
    closing = {"(": ")", "[": "]", "<": ">"}
    expected: list[str] = []
    out = []
    for char in text:
        if char in closing:
            expected.append(closing[char])
            out.append("\x00")
        elif char in ")]>":
            if not expected or expected.pop() != char:
                return None
            out.append("\x00")
        else:
            out.append("\x00" if expected else char)
    return None if expected else "".join(out)


@given(st.text(alphabet="()[]<>a ,é", max_size=30))
@example("Ann (Acme), [Bob](https://b.test) <b@b.test>")
@example("Ann (Acme]")
def test_brackets_are_masked_as_a_walk_over_every_character_masks_them(text: str) -> None:
    assert bylines._mask_brackets(text) == _mask_brackets_char_by_char(text)
