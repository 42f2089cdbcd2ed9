"""Related items: read with the rules for what a RelatedArticle holds, the rest kept raw."""

from __future__ import annotations

import json

import newsmeta

_ARTICLE = (
    "---\ntitle: T\npublishedDateTime: 2024-01-01T00:00:00Z\noriginalUrl: https://x.test/a\n"
)


def test_keys_a_related_item_has_no_field_for_stay_untouched_in_its_extra() -> None:
    text = _ARTICLE + "related:\n  - title: R\n    published: true\n    topics: [a]\n---\n"
    (related,) = newsmeta.parse(text).related
    assert related.extra == {"published": True, "topics": ["a"]}


def test_a_related_items_own_related_list_is_kept_raw_and_serialises() -> None:
    text = _ARTICLE + "related:\n  - title: R\n    related: [{title: RR}]\n---\n"
    article = newsmeta.parse(text)
    assert article.related[0].extra == {"related": [{"title": "RR"}]}
    data = json.loads(json.dumps(newsmeta.to_dict(article)))
    assert newsmeta.from_dict(data) == article
    (result,) = newsmeta.parse_many([("a.md", text)], output="json")
    assert result.error is None and result.json is not None
