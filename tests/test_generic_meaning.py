"""The generic fallback reads keys by meaning: spellings, schema.org, OpenGraph and
Dublin Core names, explicit precedence with diagnostics, dates from paths and
folders, comma lists, and a clear error for files that are not articles."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsmeta
from newsmeta import FieldError, MappingAdapter, NotAnArticleError, Parser, Rule
from newsmeta.filename import facts_from_filename
from newsmeta.generic import GENERIC

_DAY = datetime(2024, 5, 1, tzinfo=timezone.utc)


def _parse(text: str, **options: str) -> newsmeta.Article:
    article = newsmeta.parse(text, **options)
    assert article.dialect == "generic"
    return article


def _codes(article: newsmeta.Article) -> list[str]:
    return [d.code for d in article.diagnostics if d.code not in ("date-only", "naive-datetime")]


# -- key spellings ------------------------------------------------------------------


@pytest.mark.parametrize(
    "key",
    [
        "publish_date", "PublishDate", "publish-date", "publishDate", "PUBLISH DATE",
        "date_published", "datePublished", "pub_date", "post_date", "Date",
        "article:published_time", "dc.date", "DC.Date", "dcterms.issued", "publication_date",
    ],
)  # fmt: skip
def test_every_spelling_of_a_publication_date_is_read(key: str) -> None:
    article = _parse(f'---\ntitle: T\n"{key}": 2024-05-01T00:00:00Z\n---\n')
    assert article.published == _DAY
    assert article.provenance["published"] == key
    assert key not in article.extra
    assert _codes(article) == []


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Title: T\n", "Title"),
        ("TITLE: T\n", "TITLE"),
        ("headline: T\n", "headline"),
        ('"og:title": T\n', "og:title"),
        ("dc.title: T\n", "dc.title"),
        ("og:\n  title: T\n  type: article\n", "og.title"),
        ("params:\n  title: T\n", "params.title"),
    ],
)
def test_every_spelling_of_a_title_is_read(text: str, source: str) -> None:
    article = _parse(f"---\n{text}---\n")
    assert (article.title, article.provenance["title"]) == ("T", source)


def test_a_key_one_level_down_leaves_the_rest_of_its_mapping_in_extra() -> None:
    article = _parse(
        "---\ntitle: T\nog:\n  title: Other\n  url: https://a.test/x\n  type: a\n---\n"
    )
    assert (article.title, article.url) == ("T", "https://a.test/x")
    assert article.provenance["url"] == "og.url"
    assert article.extra == {"og": {"title": "Other", "type": "a"}}


def test_schema_org_names() -> None:
    article = _parse(
        "---\nheadline: H\ndatePublished: 2024-05-01T00:00:00Z\n"
        "dateModified: 2024-05-02T00:00:00Z\nauthor:\n  name: Ann\n"
        "image:\n  url: https://a.test/i.png\ninLanguage: en\n---\n"
    )
    assert (article.title, article.published, article.language) == ("H", _DAY, "en")
    assert article.updated == datetime(2024, 5, 2, tzinfo=timezone.utc)
    assert (article.authors[0].name, article.images[0].url) == ("Ann", "https://a.test/i.png")
    assert article.provenance["updated"] == "dateModified"


def test_opengraph_and_dublin_core_names() -> None:
    article = _parse(
        '---\n"og:title": T\n"og:description": D\n"og:url": https://a.test/t\n'
        '"og:image": https://a.test/i.png\n"article:modified_time": 2024-05-02T00:00:00Z\n'
        '"article:tag": "a, b"\n"article:section": News\ndc.creator: Ann\n---\n'
    )
    assert (article.title, article.summary, article.url) == ("T", "D", "https://a.test/t")
    assert article.images[0].url == "https://a.test/i.png"
    assert article.updated == datetime(2024, 5, 2, tzinfo=timezone.utc)
    assert (article.tags, article.categories) == (("a", "b"), ("News",))
    assert [a.name for a in article.authors] == ["Ann"]
    assert article.extra == {}


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("by:\n  - Ann\n  - Bo\n", "by"),
        ("author_name: Ann\n", "author_name"),
        ("byline: Ann\n", "byline"),
        ("creator: Ann\n", "creator"),
        ("dc.creator: Ann\n", "dc.creator"),
        ("params:\n  author: Ann\n", "params.author"),
        ("taxonomies:\n  authors: [Ann]\n", "taxonomies.authors"),
        ("taxonomies:\n  author: Ann\n", "taxonomies.author"),
    ],
)
def test_author_keys(text: str, source: str) -> None:
    article = _parse(f"---\ntitle: T\n{text}---\n")
    assert article.authors[0].name == "Ann"
    assert article.provenance["authors"] == source
    assert _codes(article) == []


def test_zola_taxonomies_authors_in_toml() -> None:
    article = _parse('+++\ntitle = "T"\n[taxonomies]\nauthors = ["Ann", "Bo"]\ntags = ["x"]\n+++\n')
    assert ([a.name for a in article.authors], article.tags) == (["Ann", "Bo"], ("x",))
    assert article.extra == {}


def test_exact_spellings_keep_precedence_over_loose_ones() -> None:
    article = _parse("---\ntitle: T\nTitle: Other\ndate: 2024-05-01T00:00:00Z\npubDate: x\n---\n")
    assert (article.title, article.published) == ("T", _DAY)
    assert article.extra == {"Title": "Other", "pubDate": "x"}


def test_a_loose_key_whose_value_is_no_date_stays_in_extra_with_a_diagnostic() -> None:
    article = _parse("---\ntitle: T\ndatePublished: soon\n---\n")
    assert (article.published, article.extra) == (None, {"datePublished": "soon"})
    assert [(d.code, d.message, d.line) for d in article.diagnostics] == [
        (
            "key-not-read",
            "'datePublished' looks like the published field but is not a date: 'soon'; "
            "it is kept in extra",
            3,
        )
    ]


# -- precedence and looser sources ----------------------------------------------------------


def test_a_publication_date_beats_a_creation_date() -> None:
    article = _parse(
        "---\ntitle: T\ncreated_date: 2020-01-01T00:00:00Z\n"
        "publish_date: 2024-05-01T00:00:00Z\n---\n"
    )
    assert (article.published, article.provenance["published"]) == (_DAY, "publish_date")
    assert article.extra == {"created_date": datetime(2020, 1, 1, tzinfo=timezone.utc)}
    assert _codes(article) == []


@pytest.mark.parametrize("key", ["created", "createdAt", "created_date", "dateCreated"])
def test_a_creation_date_alone_is_used_with_a_diagnostic(key: str) -> None:
    article = _parse(f"---\ntitle: T\n{key}: 2024-05-01T00:00:00Z\n---\n")
    assert (article.published, article.provenance["published"]) == (_DAY, key)
    assert [(d.code, d.message, d.key) for d in article.diagnostics] == [
        (
            "published-from-created",
            f"published taken from {key!r}: a creation date; no publication date was found",
            key,
        )
    ]


def test_strict_parsing_refuses_a_looser_source() -> None:
    with pytest.raises(FieldError) as caught:
        Parser(strict=True).parse("---\ntitle: T\ncreatedAt: 2024-05-01T00:00:00Z\n---\n")
    assert str(caught.value) == (
        "<string>:3:1: published taken from 'createdAt': a creation date; "
        "no publication date was found (strict)"
    )


def test_contributors_are_authors_only_when_no_author_key_exists() -> None:
    article = _parse("---\ntitle: T\ncontributors: [sokra, chenxsan]\n---\n")
    assert [a.name for a in article.authors] == ["sokra", "chenxsan"]
    assert _codes(article) == ["authors-from-contributors"]
    both = _parse("---\ntitle: T\nauthor: Ann\ncontributors: [Bo]\n---\n")
    assert ([a.name for a in both.authors], both.extra) == (["Ann"], {"contributors": ["Bo"]})


def test_loose_rules_in_a_users_adapter() -> None:
    adapter = MappingAdapter(
        "feed",
        (Rule("title", ("headline",), loose=True), Rule("summary", ("teaser",), note="odd-key")),
        signature={"feedId": 1},
    )
    article = Parser([adapter]).parse("---\nfeedId: 1\nHead_Line: H\nteaser: S\n---\n")
    assert (article.title, article.summary, article.extra) == ("H", "S", {"feedId": 1})
    assert [(d.code, d.message) for d in article.diagnostics] == [
        ("odd-key", "summary taken from 'teaser': a looser match")
    ]
    with pytest.raises(newsmeta.AdapterError, match="is not a diagnostic code"):
        Rule("title", ("x",), note="Not A Code")


# -- comma lists ----------------------------------------------------------------------


def test_comma_separated_tags_categories_and_keywords_become_lists() -> None:
    article = _parse("---\ntitle: T\ntags: a, b ,c\ncategories: 'x, y'\n---\n")
    assert (article.tags, article.categories) == (("a", "b", "c"), ("x", "y"))
    assert _parse("---\ntitle: T\nkeywords: k1, k2\n---\n").tags == ("k1", "k2")
    assert _parse("---\ntitle: T\ntags: [a, 'b, c']\n---\n").tags == ("a", "b, c")


# -- dates from paths, folders and names -------------------------------------------------


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ('path = "2014/12/12/some-post"', "path"),
        ('permalink = "/blog/2014-12-12-some-post/"', "permalink"),
        ('url = "https://a.test/2014/12/12/x"', "url"),
        ('slug = "2014-12-12-some-post"', "slug"),
    ],
)
def test_a_date_in_a_path_value(line: str, key: str) -> None:
    article = _parse(f'+++\ntitle = "T"\n{line}\n+++\n')
    assert article.published == datetime(2014, 12, 12, tzinfo=timezone.utc)
    assert article.provenance["published"] == key
    [note] = article.diagnostics
    assert (note.code, note.key) == ("date-from-path", key)
    assert note.message.startswith("published date 2014-12-12 taken from the path in ")


def test_a_path_value_keeps_its_key_and_loses_to_any_date_key() -> None:
    article = _parse('+++\ntitle = "T"\npath = "2014/12/12/x"\n+++\n')
    assert article.extra == {"path": "2014/12/12/x"}
    dated = _parse('+++\ntitle = "T"\npath = "2014/12/12/x"\ncreated = 2020-01-01\n+++\n')
    assert dated.provenance["published"] == "created"
    # Digits that are not whole path segments, or not a date, are no date.
    for value in ("/v12014/12/12x", "/2014/13/45/x", "/img/20141212.png"):
        assert _parse(f'+++\ntitle = "T"\npath = "{value}"\n+++\n').published is None


@pytest.mark.parametrize(
    ("relative", "origin", "title"),
    [
        ("2024/05/01/slug/index.md", "2024/05/01/", None),
        ("2024/5/1/slug.md", "2024/5/1/", None),
        ("2024-05-01-big-news/index.md", "2024-05-01-big-news/", "Big News"),
        ("2024-05-01/notes.md", "2024-05-01/", None),
    ],
)
def test_dates_from_folders(tmp_path: Path, relative: str, origin: str, title: str | None) -> None:
    path = tmp_path / relative
    path.parent.mkdir(parents=True)
    path.write_text("---\ntitle: Kept\n---\n" if title is None else "---\ndraft: false\n---\n")
    article = newsmeta.parse_file(path)
    assert (article.published, article.provenance["published"]) == (_DAY, "<folder>")
    assert article.title == (title or "Kept")
    assert article.diagnostics[0].code == "date-from-folder"
    assert article.diagnostics[0].message == (
        f"published date 2024-05-01 taken from the folder {origin!r} (midnight UTC)"
    )


def test_front_matter_and_file_name_dates_win_over_folders(tmp_path: Path) -> None:
    folder = tmp_path / "2024" / "05" / "01"
    folder.mkdir(parents=True)
    (folder / "a.md").write_text("---\ntitle: A\ndate: 2020-01-01T00:00:00Z\n---\n")
    (folder / "2023-02-03-b.md").write_text("---\ntitle: B\n---\n")
    assert newsmeta.parse_file(folder / "a.md").published.year == 2020
    named = newsmeta.parse_file(folder / "2023-02-03-b.md")
    assert (named.published.year, named.provenance["published"]) == (2023, "<file name>")
    # A year and a month alone date nothing.
    assert facts_from_filename("blog/2025/04/this-month.md") is None


def test_parse_and_pairs_use_the_name_like_parse_file(tmp_path: Path) -> None:
    text = "---\ntags: [a]\n---\n"
    path = tmp_path / "2017-2-5-i-dont-like-zeroes.md"
    path.write_text(text)
    expected = newsmeta.parse_file(path)
    given = newsmeta.parse(text, path=str(path))
    assert given == expected
    assert (given.title, given.published.day) == ("I Dont Like Zeroes", 5)
    [result] = newsmeta.parse_many([("posts/2024/05/01/x/index.md", "---\ntitle: T\n---\n")])
    assert result.article is not None
    assert (result.article.published, result.article.provenance["published"]) == (_DAY, "<folder>")


def test_an_impossible_file_name_date_is_no_date_with_a_diagnostic() -> None:
    article = _parse("---\ntitle: T\n---\n", path="2020-11-31-x.md")
    assert article.published is None
    assert [(d.code, d.message) for d in article.diagnostics] == [
        (
            "invalid-date",
            "the file name '2020-11-31-x.md' holds 2020-11-31, which is not a date; "
            "no published date was taken from it",
        )
    ]
    with pytest.raises(FieldError, match="which is not a date"):
        Parser(strict=True).parse("---\ntitle: T\n---\n", path="2020-11-31-x.md")
    # A date in the front matter makes the name's date irrelevant.
    assert _codes(_parse("---\ntitle: T\ndate: 2020-11-30\n---\n", path="2020-11-31-x.md")) == []


def test_a_file_name_that_is_not_utf8_never_reaches_the_article() -> None:
    name = "2020-01-02-caf\udce9.md"  # os.fsdecode(b"2020-01-02-caf\xe9.md")
    facts = facts_from_filename(name)
    assert facts is not None
    assert (facts.title, facts.name) == ("Caf\ufffd", "2020-01-02-caf\ufffd.md")
    article = _parse("---\nsummary: S\n---\n", path=name)
    assert (article.title, article.published.day) == ("Caf\ufffd", 2)
    assert [(d.code, d.message) for d in article.diagnostics][1:] == [
        (
            "title-from-filename",
            "title 'Caf\ufffd' made from the file name '2020-01-02-caf\ufffd.md'",
        ),
        (
            "filename-not-utf8",
            "the file name '2020-01-02-caf\ufffd.md' is not valid UTF-8; each undecodable "
            "byte became U+FFFD in the title made from it",
        ),
    ]
    json.dumps(newsmeta.to_dict(article), ensure_ascii=False).encode("utf-8")  # strict
    with pytest.raises(FieldError, match="is not valid UTF-8"):
        Parser(strict=True).parse("---\n---\n", path=name)


# -- not an article ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "held"),
    [
        ("---\n_comment: only a partial\n---\n", "its keys: _comment"),
        ('+++\ntemplate = "section.html"\nsort_by = "date"\n+++\n', "its keys: template, sort_by"),
        ("---\n---\n", "the front matter is empty"),
        (
            "---\n" + "".join(f"k{i}: 1\n" for i in range(10)) + "---\n",
            "its keys: k0, k1, k2, k3, k4, k5, k6, k7, ... (10 keys)",
        ),
    ],
)
def test_a_file_with_nothing_article_like_is_not_an_article(text: str, held: str) -> None:
    with pytest.raises(NotAnArticleError) as caught:
        newsmeta.parse(text, path="site/_partial.md")
    assert str(caught.value) == (
        f"site/_partial.md: not an article: no title, date, author, summary or URL ({held}); "
        "expected a 'title' key with text"
    )
    assert isinstance(caught.value, newsmeta.DialectError)


def test_an_article_without_a_title_is_still_a_field_error() -> None:
    with pytest.raises(FieldError) as caught:
        newsmeta.parse("---\nslug: x\ndate: 2024-05-01\n---\n", path="a.md")
    assert str(caught.value) == "a.md:1:1: no title; expected a 'title' key with text"


def test_not_an_article_pickles() -> None:
    import pickle

    error = NotAnArticleError("not an article", path="a.md", keys=["_comment"])
    copy = pickle.loads(pickle.dumps(error))
    assert (str(copy), copy.keys) == ("a.md: not an article", ("_comment",))


# -- meta-tag lists, media URLs, booleans -----------------------------------------------


def test_a_vitepress_head_list_of_meta_tags_is_read_and_kept_whole() -> None:
    head = (
        "head:\n  - - meta\n    - property: og:url\n      content: https://a.test/post\n"
        "  - - meta\n    - name: description\n      content: D\n"
        "  - - link\n    - rel: icon\n      href: /favicon.ico\n"
    )
    article = _parse(f"---\ntitle: T\n{head}---\n")
    assert (article.url, article.summary) == ("https://a.test/post", "D")
    assert article.provenance["url"] == "head.0.1.content"
    assert len(article.extra["head"]) == 3  # rendering instructions, kept as written


def test_a_media_file_is_not_the_article_url() -> None:
    article = _parse("---\ntitle: T\nurl: https://cdn.test/ep1.mp3?x=1\n---\n")
    assert (article.url, article.extra) == (None, {"url": "https://cdn.test/ep1.mp3?x=1"})
    assert [(d.code, d.message) for d in article.diagnostics] == [
        (
            "media-url",
            "'url' is a media file ('https://cdn.test/ep1.mp3?x=1'), not the article's URL; "
            "it is kept in extra",
        )
    ]


def test_a_boolean_is_no_value_for_a_list_field() -> None:
    article = _parse("---\ntitle: T\ncover: false\nimage: https://a.test/i.png\n---\n")
    assert article.images[0].url == "https://a.test/i.png"
    assert article.extra == {"cover": False}


def test_a_compound_title_key_beats_the_file_name() -> None:
    article = _parse("---\nnewstitle: The real title\n---\n", path="2020-10-15-slug-words.md")
    assert (article.title, article.provenance["title"]) == ("The real title", "newstitle")


def test_a_looser_source_inside_a_related_item_is_reported_from_the_top() -> None:
    adapter = MappingAdapter(
        "feed",
        (
            Rule("title", ("title",)),
            Rule("related", ("related",)),
            Rule("published", ("created",), loose=True, note="published-from-created"),
        ),
        signature={"feedId": 1},
    )
    text = (
        "---\nfeedId: 1\ntitle: T\nrelated:\n  - title: R\n    Created: 2024-05-01T00:00:00Z\n---\n"
    )
    article = Parser([adapter]).parse(text)
    assert article.related[0].published == _DAY
    assert [(d.code, d.key, d.line) for d in article.diagnostics] == [
        ("published-from-created", "related.0.Created", 6)
    ]


# -- property: reading by meaning loses nothing ------------------------------------------------

_SPELLINGS = st.sampled_from(
    [
        "title", "Title", "headline", "og:title", "publish_date", "PublishDate", "created_at",
        "date", "datePublished", "updated", "dateModified", "by", "byline", "author", "tags",
        "keywords", "category", "url", "link", "og:url", "path", "permalink", "slug", "cover",
        "image", "params", "og", "metadata", "head", "contributors", "draft", "x", "lang",
    ]
)  # fmt: skip
_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.sampled_from(["", "a, b", "2014/12/12/x", "https://a.test/2020/01/02/p", "x.mp3"]),
    st.sampled_from(["2024-05-01", "2024-05-01T00:00:00Z", "soon", "/rel/path"]),
    st.dates(),
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_SPELLINGS, inner, max_size=3),
    max_leaves=6,
)


@given(st.dictionaries(_SPELLINGS, _VALUES, max_size=8))
def test_every_key_read_by_meaning_is_in_provenance_or_extra(mapping: dict[str, Any]) -> None:
    normalized = GENERIC.normalize(mapping)
    roots = {source.split(".")[0] for source in normalized.provenance.values()}
    roots |= set(normalized.provenance.values())
    for key in mapping:
        assert key in normalized.extra or key in roots, key
    for key in normalized.extra:
        assert normalized.extra[key] is mapping[key] or isinstance(mapping[key], dict)
    try:
        article = newsmeta.parse(json.dumps(mapping, default=str), dialect="generic")
    except newsmeta.NewsmetaError:
        return
    assert newsmeta.from_dict(newsmeta.to_dict(article)) == article


# -- a title from the heading that opens the body -------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "\n# Hatch v1.10.0\n\nText.\n",
        "# Hatch v1.10.0 #\n",
        "# Hatch v1.10.0 {#release}\n",
        "Hatch v1.10.0\n=============\n\nText.\n",
    ],
)
def test_an_article_without_a_title_takes_the_heading_that_opens_its_body(body: str) -> None:
    article = _parse("---\ndate: 2024-05-02\nauthors: [ofek]\n---\n" + body)
    assert (article.title, article.provenance["title"]) == ("Hatch v1.10.0", "<body heading>")
    assert [(d.code, d.message) for d in article.diagnostics if d.code != "date-only"] == [
        ("title-from-heading", "title 'Hatch v1.10.0' taken from the heading that opens the body")
    ]


def test_a_heading_is_no_title_when_it_does_not_open_the_body_or_makes_the_only_field() -> None:
    with pytest.raises(FieldError, match="no title"):
        _parse("---\ndate: 2024-05-02\n---\nIntro.\n\n# Later heading\n")
    with pytest.raises(FieldError, match="no title"):
        _parse("---\ndate: 2024-05-02\n---\n## A second-level heading\n")
    with pytest.raises(NotAnArticleError):  # a 404 page has a heading too
        _parse("---\npermalink: 404.html\n---\n# Content not found.\n")
    assert _parse("---\ntitle: Kept\ndate: 2024-05-02\n---\n# Other\n").title == "Kept"
    named = _parse("---\ndate: 2024-05-02\n---\n# Heading\n", path="2024-05-02-from-name.md")
    assert named.title == "From Name"


def test_seo_meta_and_header_tables() -> None:
    article = _parse(
        "---\ntitle: T\nseo:\n  canonical: https://a.test/t\nmeta:\n  description: D\n"
        "header:\n  overlay_image: /img/o.png\n  caption: C\n---\n"
    )
    assert (article.url, article.summary, article.images[0].url) == (
        "https://a.test/t",
        "D",
        "/img/o.png",
    )
    assert article.extra == {"header": {"caption": "C"}}


def test_without_a_fallback_nothing_fitting_is_still_a_dialect_error() -> None:
    acme = MappingAdapter("acme", (Rule("title", ("headline",)),), signature={"acmeId": 1})
    with pytest.raises(newsmeta.DialectError) as caught:
        Parser([acme], builtins=False).parse("---\nheadline: H\n---\n")
    assert not isinstance(caught.value, NotAnArticleError)
    assert str(caught.value) == "no dialect fits (none reached score 0.20); candidates: acme=0.00"


def test_detection_shows_the_keys_the_fallback_reads_by_meaning() -> None:
    detection = newsmeta.detect("---\nheadline: H\nPublishDate: 2020-01-02\nfoo: 1\n---\n")
    assert detection.chosen == "generic"
    assert detection.candidates[-1] == newsmeta.Candidate(
        "generic", 0.087, ("headline", "PublishDate"), True
    )
    assert newsmeta.detect("---\n_comment: partial\n---\n").chosen is None


def test_schema_org_json_ld_front_matter() -> None:
    article = _parse(
        '{"@type": "NewsArticle", "headline": "J", "datePublished": "2024-05-01T00:00:00Z",\n'
        '"author": {"@type": "Person", "name": "Cy"}, "articleSection": "World",\n'
        '"mainEntityOfPage": {"@id": "https://j.test/a"}, "keywords": "x, y",\n'
        '"publisher": {"@type": "Organization", "name": "J Times"}}\n'
    )
    assert (article.title, article.published, article.url) == ("J", _DAY, "https://j.test/a")
    assert (article.categories, article.tags) == (("World",), ("x", "y"))
    assert article.source == newsmeta.Source(name="J Times", domain="j.test")
    assert article.provenance["url"] == "mainEntityOfPage.@id"
    assert article.extra == {"@type": "NewsArticle", "publisher": {"@type": "Organization"}}


def test_ghost_and_notion_exports() -> None:
    ghost = _parse(
        "---\ntitle: G\ncustom_excerpt: Short\nprimary_author:\n  name: Ann\n"
        "og:site_name: Ghost Blog\n---\n"
    )
    assert (ghost.summary, ghost.authors[0].name) == ("Short", "Ann")
    assert ghost.source is not None and ghost.source.name == "Ghost Blog"
    notion = _parse("---\nTitle: N\nLast Edited: 2024-05-01T00:00:00Z\nTags: a, b\n---\n")
    assert (notion.updated, notion.tags) == (_DAY, ("a", "b"))
