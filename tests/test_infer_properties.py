"""Property: on any sample, the draft loads back and never reads less than generic."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import newsmeta
from newsmeta import NewsmetaError, Parser, infer_adapter

# Key names a real source might use: generic's own, near-spellings and unknown ones.
_KEYS = st.sampled_from(
    ["title", "headline", "date", "publish_date", "created_date", "filed", "updated_at",
     "author", "byline", "authors", "tags", "keywords", "section", "category", "image",
     "hero_image", "cover", "url", "canonical", "link", "slug", "path", "draft", "lang",
     "description", "standfirst", "storyId", "read_time", "weight", "og:title", "seo"]
) | st.text(alphabet="abcXY_-.: #\x27\"\n\u2028[]", min_size=1, max_size=8)  # fmt: skip
_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-10, 2_000_000_000_000),
    st.sampled_from(
        [
            "2024-05-01",
            "2024-05-01T09:30:00Z",
            "8 mins",
            "yesterday",
            "2014/12/12/slug",
            "https://a.test/x",
            "https://a.test/i.jpg",
            "/img/a.png",
            "/posts/x/",
            "en",
            "Dana Whitfield",
            "a, b",
            "",
            " ",
        ]
    ),
    st.text(max_size=12),
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_KEYS, inner, max_size=3),
    max_leaves=6,
)
_MAPPINGS = st.dictionaries(_KEYS, _VALUES, max_size=6)


def _parsed(parser: Parser, text: str, dialect: str) -> Any:
    try:
        return parser.parse(text, dialect=dialect)
    except NewsmetaError:
        return None


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(_MAPPINGS, min_size=1, max_size=5))
@example([{"X[": [None]}])  # found by this test: a signature key that is no key path
@example([{"a\nname: x": "y", "title": "T"}])
def test_the_draft_loads_and_reads_at_least_what_generic_reads(
    tmp_path_factory: Any, mappings: list[dict[str, Any]]
) -> None:
    texts = [json.dumps(mapping) for mapping in mappings]
    draft = infer_adapter([(f"{i}.md", text) for i, text in enumerate(texts)], name="drafted")
    path: Path = tmp_path_factory.mktemp("draft") / "drafted.yaml"
    path.write_text(draft.text, encoding="utf-8")
    adapter = newsmeta.load_adapter(path)
    assert adapter.rules == draft.rules
    parser = Parser([adapter])
    for text in texts:
        generic = _parsed(parser, text, "generic")
        drafted = _parsed(parser, text, "drafted")
        if generic is None:
            continue
        assert drafted is not None, text
        for field in ("title", "summary", "url", "published", "updated", "authors", "tags",
                      "categories", "images", "slug", "aliases", "kind", "language"):  # fmt: skip
            if getattr(generic, field) not in (None, ()):
                assert getattr(drafted, field) not in (None, ()), (field, text)
