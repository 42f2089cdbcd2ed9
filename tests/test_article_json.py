"""``article_json`` writes exactly ``json.dumps(to_dict(article), ensure_ascii=False)``.

It is how ``newsmeta parse --format jsonl`` renders every article (a faster
path than ``to_dict``), so any difference would change the command's output:
checked over every ../shared file, Hypothesis Articles, and the values no plan
covers (which must take the general path, errors included).
"""

from __future__ import annotations

import json
import math
import os
from datetime import date, datetime, time, timezone
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsmeta
from newsmeta import Article, Author, Diagnostic, Image, RelatedArticle, Source
from newsmeta._article_json import _change, _unknown, article_json
from newsmeta.testing.strategies import articles, extra_values, related_articles

from .conftest import SHARED, shared


def _general(article: Article) -> str:
    return json.dumps(newsmeta.to_dict(article), ensure_ascii=False)


def _outcome(render: Any, article: Article) -> tuple[str, str]:
    try:
        return "ok", render(article)
    except Exception as error:
        return type(error).__name__, str(error)


def test_every_shared_file_renders_byte_for_byte_as_to_dict() -> None:
    shared("bulk")
    parser = newsmeta.Parser()
    compared = 0
    for family in ("seeds", "corpus", "bulk", "corpus-wild"):
        for root, _, names in os.walk(SHARED / family):
            for name in names:
                try:
                    article = parser.parse_file(os.path.join(root, name))
                except newsmeta.NewsmetaError:
                    continue
                assert article_json(article) == _general(article), os.path.join(root, name)
                compared += 1
    assert compared > 3000


# Drawing an Article is slow (~30 ms): a smaller budget keeps these under ~5 s.
_EXAMPLES = settings(max_examples=int(os.environ.get("NEWSMETA_HYPOTHESIS_EXAMPLES", "100")))


@_EXAMPLES
@given(articles(related=st.lists(related_articles(), max_size=2).map(tuple)))
def test_any_article_renders_as_to_dict(article: Article) -> None:
    assert article_json(article) == _general(article)


# What loaders put in `extra` and what to_dict must tag: NaN and the infinities,
# bytes, times, keys that are not text, mappings that look like tags.
_ODD_SCALARS = st.one_of(
    st.floats(),
    st.binary(max_size=4),
    st.times(),
    st.dates(),
    st.datetimes(timezones=st.just(timezone.utc)),
)
_ODD_VALUES = st.recursive(
    st.one_of(extra_values(), _ODD_SCALARS),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.lists(inner, max_size=2).map(tuple),
        st.dictionaries(st.sampled_from(["$date", "$map", "$float", "a"]), inner, max_size=2),
        st.dictionaries(st.one_of(st.integers(), st.booleans(), st.none()), inner, max_size=2),
    ),
    max_leaves=6,
)


@_EXAMPLES
@given(articles(), st.dictionaries(st.text(max_size=5), _ODD_VALUES, max_size=3))
def test_odd_extra_values_render_as_to_dict(article: Article, extra: dict[str, Any]) -> None:
    image = Image(url="a.jpg", extra=extra)
    odd = attrs.evolve(article, extra=extra, images=(image,), authors=(Author(name="A"),))
    assert article_json(odd) == _general(odd)


_BASE = Article(
    title="T",
    published=datetime(2025, 1, 2, 3, 4, 5, tzinfo=timezone.utc),
    source=Source(name="S", images=(Image(url="s.png"),)),
    images=(Image(url="a.jpg", width=1, height=2),),
    diagnostics=(Diagnostic(code="c", message="m"),),
)


class _Title(str):
    pass


class _Author(Author):
    pass


# Fields a hand-made Article may fill with what the parser never puts there:
# the article takes the general path, with its output or its error.
_UNUSUAL: dict[str, dict[str, Any]] = {
    "list for a tuple": {"tags": ["a", "b"]},
    "text for a tuple": {"tags": "abc"},
    "a subclass of str": {"title": _Title("T")},
    "a float": {"images": (Image(url="a.jpg", width=1.5),)},  # type: ignore[arg-type]
    "NaN": {"images": (Image(url="a.jpg", width=math.nan),)},  # type: ignore[arg-type]
    "a subclass of a model class": {"authors": (_Author(name="A"),)},
    "a date for a datetime": {"published": date(2025, 1, 2)},
    "a time in a text field": {"summary": time(1, 2)},
    "a list of authors": {"authors": [Author(name="A")]},
    "a source that is a mapping": {"source": {"name": "S"}},
    "None for text": {"title": None},
    "an object in extra": {"extra": {"x": object()}},
    "a list in a tuple of text": {"links": (["a"],)},
    "a datetime in a tuple of text": {"aliases": (datetime(2025, 1, 2),)},
    "lone surrogate": {"title": "caf\udce9"},
}


@pytest.mark.parametrize("changes", _UNUSUAL.values(), ids=_UNUSUAL.keys())
def test_values_no_plan_covers_give_what_the_general_path_gives(changes: dict[str, Any]) -> None:
    article = attrs.evolve(_BASE, **changes)
    assert _outcome(article_json, article) == _outcome(_general, article)


def test_an_unrenderable_value_raises_to_dicts_error() -> None:
    article = attrs.evolve(_BASE, extra={"x": object()})
    with pytest.raises(TypeError) as raised:
        article_json(article)
    assert str(raised.value) == "cannot represent object in JSON"


@pytest.mark.parametrize("cls", [Article, Author, Image, Source, RelatedArticle, Diagnostic])
def test_every_model_field_has_a_plan(cls: type) -> None:
    # A field type the plans do not know renders through the general path:
    # right, but slow.  Give it a plan in newsmeta/_article_json.py.
    unknown = [field.name for field in attrs.fields(cls) if _change(field.type) is _unknown]
    assert unknown == []
