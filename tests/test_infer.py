"""newsmeta infer: a draft mapping file from a sample; golden drafts and the round trip.

The golden drafts in tests/data/infer/*.expected.yaml follow the built-in
adapters' rules (the vocabulary) and what generic reads (the counts): after
changing those on purpose, rewrite them with NEWSMETA_REGEN=1 and read the diff.
"""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path
from typing import Any

import pytest

import newsmeta
from newsmeta import Article, NewsmetaError, Parser, Rule, infer_adapter
from newsmeta.batch import _tasks

from .conftest import shared

INFER = Path(__file__).resolve().parent / "data" / "infer"
WIRE = Path(__file__).resolve().parents[1] / "examples" / "wire-desk"
SAMPLES = ("astro-news", "zola-blog")
PATH_DATE = r"(?<!\d)(?P<year>\d{4})[/-](?P<month>\d{1,2})[/-](?P<day>\d{1,2})(?!\d)"
FIELDS = (
    "title", "summary", "url", "links", "aliases", "slug", "published", "updated", "authors",
    "source", "tags", "categories", "images", "kind", "is_draft", "language",
)  # fmt: skip


@pytest.mark.parametrize("sample", SAMPLES)
def test_the_draft_matches_its_golden_file(sample: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(INFER)  # the draft names the folder as given
    draft = infer_adapter(sample)
    golden = INFER / f"{sample}.expected.yaml"
    if os.environ.get("NEWSMETA_REGEN"):
        golden.write_text(draft.text, encoding="utf-8")
    assert draft.text == golden.read_text(encoding="utf-8")


def _present(value: object) -> bool:
    return value not in (None, (), "")


def _round_trip(folder: Path, patterns: tuple[str, ...], tmp_path: Path) -> dict[str, int]:
    """Parse every file with generic and with the draft: the draft never gives less.

    Returns, per field, in how many files the draft fills it.
    """
    draft = infer_adapter(folder, patterns=patterns)
    path = tmp_path / f"{draft.name}.yaml"
    path.write_text(draft.text, encoding="utf-8")
    adapter = newsmeta.load_adapter(path)
    parser = Parser([adapter])
    filled: dict[str, int] = {}
    for name, _ in _tasks([str(folder)], patterns):
        generic: Article | None
        try:
            generic = parser.parse_file(name, dialect="generic")
        except NewsmetaError:
            generic = None
        try:
            drafted = parser.parse_file(name, dialect=adapter.name)
        except NewsmetaError as error:
            assert generic is None, f"the draft fails where generic parses: {error}"
            continue
        for field in FIELDS:
            mine, theirs = getattr(drafted, field), getattr(generic, field, None)
            assert _present(mine) or not _present(theirs), f"{name}: draft lost {field}"
            if _present(mine):
                filled[field] = filled.get(field, 0) + 1
    return filled


def test_round_trip_an_astro_site_gets_every_date_and_image(tmp_path: Path) -> None:
    filled = _round_trip(INFER / "astro-news", ("*.md",), tmp_path)
    assert (filled["published"], filled["images"], filled["title"]) == (5, 4, 5)


def test_round_trip_a_zola_blog_gets_the_date_inside_path(tmp_path: Path) -> None:
    filled = _round_trip(INFER / "zola-blog", ("*.md",), tmp_path)
    assert filled["published"] == 4


def test_round_trip_a_wire_export_gets_the_keys_generic_cannot_name(tmp_path: Path) -> None:
    filled = _round_trip(WIRE, ("*.md",), tmp_path)
    assert filled == {"title": 4, "summary": 3, "url": 4, "published": 4, "authors": 4,
                      "tags": 4, "categories": 4}  # fmt: skip


def test_round_trip_on_every_source_of_the_wild_corpus(tmp_path: Path) -> None:
    wild = shared("corpus-wild")
    sources = sorted(p for p in wild.iterdir() if p.is_dir())
    assert len(sources) > 50
    for source in sources:
        _round_trip(source, ("*.md", "*.mdx", "*.markdown"), tmp_path)


def test_the_draft_detects_its_own_source_and_not_plain_files(tmp_path: Path) -> None:
    draft = infer_adapter(WIRE)
    # keys in every file that no built-in dialect reads (generic may learn `byline`)
    assert {"desk", "filed", "storyId"} <= set(draft.signature)
    assert set(draft.signature.values()) == {3.0}
    path = tmp_path / "wire.yaml"
    path.write_text(draft.text, encoding="utf-8")
    parser = Parser([newsmeta.load_adapter(path)])
    story = parser.parse_file(WIRE / "ferry.md")
    assert (story.dialect, story.title) == (
        "wire-desk",
        "Harbour ferry returns after winter repairs",
    )
    assert parser.parse("---\ntitle: Hi\ndate: 2024-01-01\n---\n").dialect == "generic"


def test_unreadable_files_are_listed_and_left_out() -> None:
    draft = infer_adapter([INFER / "astro-news"], name="astro")
    assert (draft.name, draft.files) == ("astro", 5)
    assert draft.unreadable == (
        f"{INFER / 'astro-news' / 'apostrophe.md'}:2:11: invalid YAML: the single-quoted text "
        "that starts at 2:8 ends at 2:11; inside single quotes write an apostrophe as '', "
        "or use double quotes",
    )


def test_a_sample_with_no_frequent_unusual_key_is_drafted_for_dialect_only(
    tmp_path: Path,
) -> None:
    for index in range(3):
        (tmp_path / f"{index}.md").write_text(
            f"---\ntitle: Post {index}\npubDate: 2024-01-0{index + 1}\n---\n"
        )
    draft = infer_adapter(tmp_path, name="plain")
    assert "\ndetect: false " in draft.text and "\nsignature:" not in draft.text
    path = tmp_path / "plain.yaml"
    path.write_text(draft.text, encoding="utf-8")
    assert newsmeta.load_adapter(path).signature == {}


def _rules(*fronts: str) -> dict[str, tuple[str, ...]]:
    draft = infer_adapter([(f"{i}.md", f"---\n{front}---\n") for i, front in enumerate(fronts)])
    return {rule.target: rule.paths for rule in draft.rules if rule.convert != "pattern"}


def test_keys_are_proposed_in_an_order_of_preference() -> None:
    rules = _rules(
        "name: slug-1\ntitle: One\ncreated_date: 2024-01-01\n",
        "name: slug-2\ntitle: Two\ncreated_date: 2024-01-02\npublish_date: 2024-01-03\n",
        "name: slug-3\ntitle: Three\ncreated_date: 2024-01-02\nfeed: {title: Feed}\n",
    )
    assert rules["title"] == ("title", "name", "feed.title")  # generic's order, nested last
    assert rules["published"] == ("publish_date", "created_date")  # publication beats creation


@pytest.mark.parametrize(
    ("front", "field"),
    [
        ("eventUrl: https://a.test/event\n", "url"),  # only a kind-of-value word
        ("read_time: 8 mins\n", "published"),  # named like a date, holds no date
        ("sort_by: date\n", "authors"),  # `by` counts only as a whole key
        ("published: true\n", "is_draft"),  # the opposite of a draft: left to generic
        ("source:\n  apiendpoint: https://a.test/api\n", "url"),  # the outer key alone
    ],
)
def test_keys_that_only_look_like_a_field_are_not_proposed(front: str, field: str) -> None:
    assert field not in _rules(f"title: T\n{front}", f"title: U\n{front}")


@pytest.mark.parametrize(
    ("front", "field", "paths"),
    [
        ("PublishDate: 2024-01-01\n", "published", ("PublishDate",)),
        ("post-date: 2024-01-01\n", "published", ("post-date",)),
        ("hero_image: {src: /a.jpg, alt: A}\n", "images", ("hero_image",)),
        ("byline: Ann Lee\n", "authors", ("byline",)),
        ("seo:\n  description: About\n", "summary", ("seo.description",)),
        ("link:\n  href: https://a.test/x\n", "url", ("link.href",)),
        ("keywords: 'a, b'\n", "tags", ("keywords",)),
        ("lang: en-GB\n", "language", ("lang",)),
    ],
)
def test_keys_are_recognised_by_name_and_shape(
    front: str, field: str, paths: tuple[str, ...]
) -> None:
    assert _rules(f"title: T\n{front}", f"title: U\n{front}")[field] == paths


def test_a_date_inside_a_path_is_read_only_where_it_dates_undated_files() -> None:
    # (generic itself reads dates in `path`, `permalink`, `link` ... values)
    undated = _draft_rules(
        "title: A\nfile_path: /2014/12/12/a/\n",
        "title: B\nfile_path: /2015/1/2/b/\n",
        "title: C\nfile_path: /about/\n",
    )
    assert undated[-1] == Rule("published", ("file_path",), pattern=PATH_DATE)
    dated = _draft_rules(
        "title: A\ndate: 2014-12-12\nfile_path: /2014/12/12/a/\n",
        "title: B\ndate: 2015-01-02\nfile_path: /2015/1/2/b/\n",
    )
    assert all(rule.convert != "pattern" for rule in dated)


def _draft_rules(*fronts: str) -> tuple[Rule, ...]:
    return infer_adapter([(f"{i}.md", f"---\n{f}---\n") for i, f in enumerate(fronts)]).rules


def test_keys_with_line_breaks_cannot_write_yaml_into_the_draft(tmp_path: Path) -> None:
    hostile = {"x\nname: evil\n#": "a", "tag\u2028line": ["a"], "bell\x07": 1, "\U000e0001t": 2}
    text = json.dumps({"title": "T", **hostile})
    draft = infer_adapter([("a.md", text), ("b.md", text)], name="safe")
    assert all(line.isprintable() for line in draft.text.splitlines())
    path = tmp_path / "safe.yaml"
    path.write_text(draft.text, encoding="utf-8")
    adapter = newsmeta.load_adapter(path)
    assert adapter.name == "safe"
    article = Parser([adapter]).parse(text, dialect="safe")
    assert article.provenance["tags"] == "tag\u2028line"  # a rule path, quoted and escaped
    assert set(article.extra) == set(hostile) - {"tag\u2028line"}


def test_a_key_named_like_a_field_but_holding_other_values_is_explained() -> None:
    draft = infer_adapter(
        [
            ("a.md", "---\ntitle: A\npublish_date: TBD\n---\n"),
            ("b.md", "---\ntitle: B\npublish_date: 2024-01-01\n---\n"),
        ]
    )
    assert "published" not in {rule.target for rule in draft.rules}
    assert draft.text.endswith(
        "# Not mapped (kept in each article's extra):\n"
        "#   publish_date: 2 of 2 files, 1 short text, 1 date; named like published, "
        "but 1 of 2 values are not dates (e.g. 'TBD')\n"
    )


def test_drafts_never_score_below_generic_on_the_hand_judged_wild_corpus(tmp_path: Path) -> None:
    """Per source, a draft from its files reads title, date, URL and authors at least as
    right as `parse_file` does today (corpus-wild/EXPECTED.tsv)."""
    wild = shared("corpus-wild")
    rows = list(csv.DictReader((wild / "EXPECTED.tsv").open(encoding="utf-8"), delimiter="\t"))
    by_source: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        by_source.setdefault(row["file"].split("/")[0], []).append(row)
    today: dict[str, int] = {}
    drafted: dict[str, int] = {}
    for source, source_rows in by_source.items():
        paths = [str(wild / row["file"]) for row in source_rows]
        draft = infer_adapter(paths, name="drafted")
        path = tmp_path / f"{source}.yaml"
        path.write_text(draft.text, encoding="utf-8")
        parser = Parser([newsmeta.load_adapter(path)])
        for row, name in zip(source_rows, paths, strict=True):
            for score, article in (
                (today, _or_none(lambda: newsmeta.parse_file(name))),  # noqa: B023
                (drafted, _or_none(lambda: parser.parse_file(name, dialect="drafted"))),  # noqa: B023
            ):
                for field, right in _judged(row, article).items():
                    score[field] = score.get(field, 0) + right
    assert all(drafted[field] >= today[field] for field in today), (today, drafted)


def _or_none(parse: Any) -> Any:
    try:
        return parse()
    except NewsmetaError:
        return None


def _judged(row: dict[str, str], article: Any) -> dict[str, bool]:
    got = {"title": "", "published": "", "url": "", "authors": ""}
    if article is not None:
        got = {
            "title": article.title,
            "published": article.published.isoformat()[:10] if article.published else "",
            "url": article.url or "",
            "authors": ";".join(author.name for author in article.authors),
        }
    return {
        "title": got["title"] == row["expected_title"].replace("\\\\", "\\"),
        "published": got["published"] == row["expected_published"][:10],
        "url": got["url"] == row["expected_url"],
        "authors": got["authors"] == row["expected_authors"],
    }
