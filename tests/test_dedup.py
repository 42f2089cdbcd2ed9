"""Canonical URLs, dedup keys and groups of the same story (seeds and real corpora)."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

import newsmeta
from newsmeta.cli import main

from .conftest import shared

pytest.importorskip("ural")
from newsmeta.dedup import KEEP_RULE, find_duplicates, story_keys
from newsmeta.urls import canonical_url, dedup_key, title_key, url_key

# The seeds' own stories, as other sources would deliver them.
NYU_RELATED = (
    "https://www.radiologybusiness.com/topics/artificial-intelligence/"
    "artificial-intelligence-ai-nyu-langone-breast-cancer"
)
HEALTHCAREIT = (
    "https://www.healthcareitnews.com/news/asia-pacific/"
    "ai-helps-radiologists-improve-accuracy-breast-cancer-detection-lesser-recalls"
)


def _curation(url: str, date: str = "2021-09-28T08:00:00Z") -> str:
    return f"---\ntitle: Curated copy\ndate: '{date}'\nlink:\n  href: {url}\n---\n"


def _aggregator(url: str, date: str = "2020-02-13T00:00:00Z") -> str:
    return f"---\ntitle: Aggregated copy\npublishedDateTime: {date}\noriginalUrl: {url}\n---\n"


@pytest.mark.parametrize(
    ("url", "canonical", "key"),
    [
        (
            "HTTPS://WWW.Example.COM:443/News/Story/?utm_source=x&b=2&a=1&fbclid=zz#frag",
            "https://www.example.com/News/Story/?a=1&b=2",
            "example.com/News/Story?a=1&b=2",
        ),
        ("http://example.com:80/a/b/amp/?gclid=1", "http://example.com/a/b/", "example.com/a/b"),
        (
            "https://www.example.com/news/story.amp.html",
            "https://www.example.com/news/story.html",
            "example.com/news/story.html",
        ),
        (
            "https://amp.example.com/news/story?outputType=amp",
            "https://example.com/news/story",
            "example.com/news/story",
        ),
        ("https://example.com/news/story?amp=1", "https://example.com/news/story", None),
        ("https://example.com:8443/x", "https://example.com:8443/x", "example.com:8443/x"),
        (
            "https://u:pw@Example.com/x?b=1&a=2&utm_medium=rss",
            "https://example.com/x?a=2&b=1",
            None,
        ),
        ("/news/site-local-path", None, None),
        ("mailto:desk@example.com", None, None),
        ("not a url", None, None),
        (None, None, None),
    ],
)
def test_canonical_url_and_url_key(url: str | None, canonical: str | None, key: str | None) -> None:
    assert canonical_url(url) == canonical
    if key is not None or canonical is None:
        assert url_key(url) == key


def test_article_url_is_kept_as_given_and_dedup_key_is_derived() -> None:
    given = "https://WWW.a.test/x/?utm_source=rss#top"
    article = newsmeta.parse(_curation(given))
    assert article.url == given
    assert newsmeta.canonical_url(article.url) == "https://www.a.test/x/"
    assert newsmeta.dedup_key(article) == "url:a.test/x"
    untitled = newsmeta.parse("---\ntitle: '  Moja PRÓBA — na ćwika!'\n---\n")
    assert dedup_key(untitled) == "title:moja próba na ćwika"
    assert title_key("!!!") is None
    assert newsmeta.from_dict(newsmeta.to_dict(article)) == article  # to_dict is unchanged


def test_dedup_key_is_in_records_and_the_command_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.md").write_text(_curation("https://www.a.test/x/?utm_source=rss"))
    assert main(["parse", "a.md", "--dedup-key", "-q"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert (record["canonical_url"], record["dedup_key"]) == (
        "https://www.a.test/x/",
        "url:a.test/x",
    )
    assert newsmeta.from_dict(record) == newsmeta.parse_file("a.md")


def test_an_aggregator_item_and_another_source_of_its_related_story() -> None:
    seed = shared("seeds", "001_a05a90f168b19f2a.txt")
    other_source = (
        "feeds/radiology.md",
        _curation(NYU_RELATED.replace("https://www.", "http://") + "/?utm_source=nl"),
    )
    unrelated = ("feeds/other.md", _curation("https://c.test/other"))
    results = list(newsmeta.parse_many([seed, other_source, unrelated]))
    [group] = find_duplicates(results)
    assert group.kept.path == str(seed)  # published a day earlier
    assert [d.path for d in group.duplicates] == ["feeds/radiology.md"]
    assert group.matched == ("url:" + url_key(NYU_RELATED),)  # type: ignore[operator]
    assert find_duplicates(results, related=False) == []
    # The related entry is a key of the aggregator item, not its dedup key.
    aggregator = results[0].article
    assert aggregator is not None and len(aggregator.related) == 1
    assert (
        dedup_key(aggregator)
        == "url:genengnews.com/news/artificial-intelligence-system-improves-breast-cancer-detection"
    )
    assert story_keys(aggregator)[1] == "url:" + url_key(NYU_RELATED)  # type: ignore[operator]


def test_a_curation_link_original_meets_an_aggregator_amp_variant() -> None:
    seed = shared("seeds", "000_40f1308a344b3af5.txt")
    amp = HEALTHCAREIT.replace("www.", "amp.") + "/amp?utm_campaign=x&fbclid=1"
    results = list(newsmeta.parse_many([seed, ("agg/1.md", _aggregator(amp))]))
    curation = results[0].article
    assert curation is not None and curation.url == HEALTHCAREIT
    assert curation.provenance["url"].startswith("link.")
    [group] = find_duplicates(results)
    assert [group.kept.path, *(d.path for d in group.duplicates)] == [str(seed), "agg/1.md"]
    assert group.key == dedup_key(curation)


def test_keep_rule_and_title_matching() -> None:
    same = "Arizona governor signs new telehealth insurance law"
    docs = [
        ("b/2.md", f"---\ntitle: {same}\ndate: 2019-04-23T10:00:00Z\nurl: https://x.test/2\n---\n"),
        (
            "a/1.md",
            f"---\ntitle: '{same.upper()}!'\ndate: 2019-04-22T10:00:00Z\nurl: https://y.test/1\n---\n",
        ),
        ("c/3.md", f"---\ntitle: {same}\ndate: 2019-06-01T10:00:00Z\nurl: https://z.test/3\n---\n"),
        ("d/4.md", "---\ntitle: Home\ndate: 2019-04-22T10:00:00Z\n---\n"),
        ("e/5.md", "---\ntitle: Home\ndate: 2019-04-22T10:00:00Z\n---\n"),
    ]
    results = list(newsmeta.parse_many(docs))
    [home] = find_duplicates(results)  # no URL: the title is the dedup key
    assert (home.key, home.kept.path) == ("title:home", "d/4.md")
    groups = find_duplicates(results, by_title=True)
    assert [(g.kept.path, [d.path for d in g.duplicates]) for g in groups] == [
        ("a/1.md", ["b/2.md"]),  # earliest kept; c/3.md is weeks later
        ("d/4.md", ["e/5.md"]),
    ]
    assert groups[0].matched == ("title:arizona governor signs new telehealth insurance law",)
    wide = find_duplicates(results, by_title=True, title_window=timedelta(days=60))
    assert len(wide[0].duplicates) == 2
    assert "earliest published" in KEEP_RULE


def test_duplicates_in_real_corpus_files() -> None:
    corpus = shared("corpus")
    folders = [corpus / "A", corpus / "A-rel-openproject-news"]
    folders += [corpus / "other-hugo-yaml-blog", corpus / "other-yaml-anchors-blog"]
    results = list(newsmeta.parse_many(folders))
    groups = find_duplicates(results)
    assert len(groups) >= 2
    paths = {
        frozenset(
            Path(p).relative_to(corpus).as_posix()
            for p in (g.kept.path, *(d.path for d in g.duplicates))
        )
        for g in groups
    }
    assert (
        frozenset(
            {
                "A/0b451c14-93d8-580b-be33-aba59e6ba211.md",
                "A-rel-openproject-news/0b451c14-93d8-580b-be33-aba59e6ba211.md",
            }
        )
        in paths
    )
    blog = "une-petite-lecture-sur-les-attrapes-nigaud-sur-le-web.md"
    assert frozenset({f"other-hugo-yaml-blog/{blog}", f"other-yaml-anchors-blog/{blog}"}) in paths
    for group in groups:
        members = [group.kept, *group.duplicates]
        assert all(set(m.story_keys) & set(group.matched) for m in members)


def test_the_dedup_command_prints_one_group_per_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("news").mkdir()
    Path("news/a.md").write_text(_curation("https://www.a.test/x", "2024-01-02T00:00:00Z"))
    Path("news/b.md").write_text(
        _aggregator("http://a.test/x/?utm_source=rss", "2024-01-01T00:00:00Z")
    )
    Path("news/c.md").write_text(_curation("https://b.test/y"))
    Path("news/bad.md").write_text("no front matter")
    assert main(["dedup", "news", "--errors", "e.jsonl"]) == 1
    out, err = capsys.readouterr()
    [line] = out.splitlines()
    group = json.loads(line)
    assert (group["key"], group["size"], group["keep"]["path"]) == ("url:a.test/x", 2, "news/b.md")
    assert [d["path"] for d in group["duplicates"]] == ["news/a.md"]
    assert f"1 groups of the same story, 1 duplicates ({KEEP_RULE})" in err
    assert json.loads(Path("e.jsonl").read_text())["path"] == "news/bad.md"
