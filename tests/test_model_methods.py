"""The model's shared ``__repr__``, ``__eq__`` and ``__hash__`` (written once in
newsmeta/model.py so that attrs need not compile them per class at import) behave as
the ones attrs generates: each class is compared with its attrs-made twin, same fields."""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsmeta import Article, Author, Diagnostic, Image, RelatedArticle, Source
from newsmeta.model import ReadOnlyDict
from newsmeta.testing import strategies

_CLASSES = (Article, Author, Diagnostic, Image, RelatedArticle, Source)


def _twin(cls: type) -> type:
    """The class attrs makes of *cls*'s fields with its own repr, eq and hash."""
    fields = {
        field.name: attrs.field(default=None, eq=field.eq, hash=field.hash)
        for field in attrs.fields(cls)
    }
    return attrs.make_class(cls.__name__, fields, frozen=True, slots=True, kw_only=True)


_TWINS = {cls: _twin(cls) for cls in _CLASSES}


def _as_twin(value: Any) -> Any:
    # The same field values (the very objects): only the top level's methods differ.
    return _TWINS[type(value)](**_fields_of(value))


_ANY_MODEL = st.one_of(
    strategies.articles(),
    strategies.authors(),
    strategies.images(),
    strategies.sources(),
    strategies.diagnostics(),
    strategies.related_articles(),
)


def test_the_twins_use_attrs_own_methods() -> None:
    # Else the comparisons below would compare the shared methods with themselves.
    for cls, twin in _TWINS.items():
        assert twin.__repr__ is not cls.__repr__
        assert twin.__eq__ is not cls.__eq__
        assert twin.__hash__ is not cls.__hash__


@settings(max_examples=60)
@given(_ANY_MODEL)
def test_repr_is_attrs_repr(value: Any) -> None:
    assert repr(value) == repr(_as_twin(value))


@settings(max_examples=60)
@given(_ANY_MODEL, _ANY_MODEL)
def test_eq_and_hash_agree_with_attrs(first: Any, second: Any) -> None:
    assert (first == second) == (_as_twin(first) == _as_twin(second))
    assert (first != second) == (_as_twin(first) != _as_twin(second))
    copy = attrs.evolve(first)
    assert copy == first
    assert (copy != first) is False
    assert hash(copy) == hash(first)


def _fields_of(value: Any) -> dict[str, Any]:
    return {field.name: getattr(value, field.name) for field in attrs.fields(type(value))}


_REQUIRED = {"title": "T", "name": "N", "url": "https://example.com/", "code": "c", "message": "m"}


@pytest.mark.parametrize("cls", _CLASSES, ids=lambda cls: cls.__name__)
def test_each_field_takes_part_in_eq(cls: type) -> None:
    names = {field.name for field in attrs.fields(cls)}
    base = cls(**{name: value for name, value in _REQUIRED.items() if name in names})
    for field in attrs.fields(cls):
        other = {"k": 1} if field.hash is False else ("other",)
        changed = attrs.evolve(base, **{field.name: other})
        assert base != changed, field.name
        assert (base == changed) is False, field.name
        assert _as_twin(base) != _as_twin(changed), field.name


def test_hash_leaves_out_the_mappings_as_attrs_does() -> None:
    plain = Article(title="T")
    with_extra = Article(title="T", extra={"tags": ["a"]}, provenance={"title": "title"})
    assert plain != with_extra
    assert hash(plain) == hash(with_extra)
    assert hash(Author(name="A", extra={"x": [1]})) == hash(Author(name="A"))
    assert hash(plain) != hash(attrs.evolve(plain, title="U"))  # (true of these two)


def test_other_classes_are_not_equal() -> None:
    assert Author(name="A") != Source(name="A")
    assert Author(name="A").__eq__(Source(name="A")) is NotImplemented
    assert Article(title="T") != "T"


class _Unsure:
    """An ``__eq__`` answering neither True nor False (as numpy arrays do)."""

    def __init__(self, answer: Any) -> None:
        self.answer = answer

    def __eq__(self, other: object) -> Any:
        return self.answer

    __hash__ = None  # type: ignore[assignment]


@pytest.mark.parametrize("answer", [0, "", [], [1], "yes"])
def test_eq_returns_what_attrs_returns_for_an_odd_field_eq(answer: Any) -> None:
    # attrs' `a == b and c == d and ...` gives the first false result, else the last one.
    odd = Diagnostic(code="c", message=_Unsure(answer))  # type: ignore[arg-type]
    plain = Diagnostic(code="c", message="m")
    assert repr(odd == plain) == repr(_as_twin(odd) == _as_twin(plain))


def test_a_value_holding_its_own_object_prints_dots_as_attrs_does() -> None:
    items: list[Any] = []
    article = Article(title="T", extra={"self": items})
    items.append(article)
    twin_items: list[Any] = []
    twin = _TWINS[Article](**{**_fields_of(article), "extra": ReadOnlyDict(self=twin_items)})
    twin_items.append(twin)
    assert repr(article) == repr(twin)
    assert "extra={'self': [...]}" in repr(article)
