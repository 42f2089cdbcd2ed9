"""The quick ways of building an Article give exactly what the general ones give.

``build_article`` first tries a straight pass (no per-field bookkeeping) and puts
the notes of a clean document on their keys without a second pass; the careful
pass (``convert._build``) is the general path, written for clarity: on any
record, with messy values of every kind, both must give the same article, the
same problems and the same diagnostics.  Likewise the hooks' fast paths for the
usual shapes of images and text lists against their general per-item paths.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta, timezone, tzinfo
from typing import Any
from unittest import mock
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from newsmeta import _coerce, convert
from newsmeta.adapter import Normalized
from newsmeta.convert import build_article
from newsmeta.model import Diagnostic

_TEXT = st.sampled_from(["x", " Spaced ", "Tom &amp; Jerry", "two\nlines", "é ü"])
_ODD_TEXT = st.sampled_from(["", "  "])
_NUMBER = st.sampled_from([0, 7, 2.5, True, 10**30])
_DATE_TEXT = st.sampled_from(
    [
        "2024-05-01", "2024-05-01 10:00:00", "2024-05-01T10:00:00Z", "2024-05-01T10:00:00+02:00",
        "2013-09-05 9:24:40 -0400", "2013-09-05 9:24:40", "2013-09-05T9:24", "2013-9-5 9:24",
        "22 Feb 2023", "6 December 2024", "10 march 2024", "22 Feb. 2023", "Feb 22, 2023",
        "February 22 2023", "Sept 3, 2021", "3 Sept 2021", "Wed, 02 Oct 2002 13:00:00 +0000",
        "Thu, 02 Oct 2002 13:00:00 GMT", "2 Oct 2002 13:00", "01/02/2025", "13/02/2025",
        "2025.02.01", "Mon Nov 13 2017 00:00:00 GMT+0000 (Coordinated Universal Time)",
    ]
)  # fmt: skip
_ODD_DATE_TEXT = st.sampled_from(
    [
        "0000-00-00", "2023-02-30", "2024-05-01 25:00", "31 Feb 2023", "22 Foo 2023", "May 2024",
        "2024", "yesterday", "22 Feb 23", "0 Feb 2023", "22 Feb 0000", "Wed, 02 Oct 2002 EST",
        "Tue, 02 Oct 2002 13:00:00 +0000",
    ]
)  # fmt: skip
_DATETIME = st.sampled_from(
    [
        datetime(2024, 5, 1, 10, 0),
        datetime(2024, 3, 31, 2, 30),
        datetime(2024, 5, 1, 10, 0, tzinfo=timezone.utc),
        datetime(2024, 5, 1, 10, 0, tzinfo=timezone(timedelta(hours=-4))),
        date(2024, 5, 1),
    ]
)


_Values = tuple[st.SearchStrategy[Any], st.SearchStrategy[Any]]


def _mostly(usual: st.SearchStrategy[Any], odd: st.SearchStrategy[Any]) -> _Values:
    """(*usual* values, *usual* or *odd* ones): a record drawn from the first alone has no
    bad field, so it reaches the quick paths."""
    return usual, st.one_of(usual, odd)


_SCALAR = _mostly(_TEXT, st.one_of(_ODD_TEXT, _NUMBER, st.none()))
_DATE = _mostly(
    st.one_of(_DATE_TEXT, _DATETIME), st.one_of(_ODD_DATE_TEXT, _NUMBER, st.lists(_DATE_TEXT))
)
_ANY_TEXT = _SCALAR[1]
_NAMES = st.sampled_from(
    ["Ann", " Ann Lee ", "Ann and Bob", "Ann, Bob and Carl", "[Ann](https://a.test) (Acme)"]
)
_AUTHOR_MAPPING = st.dictionaries(
    st.sampled_from(["name", "title", "url", "email", "bio"]),
    st.one_of(_NAMES, _ODD_TEXT, st.none(), _NUMBER, st.lists(_NAMES, max_size=1)),
    max_size=4,
)
_IMAGE_SIZE = st.sampled_from([600, "600", 1.0, 1.5, True, None, "x"])
# The usual shape ({url, width, height} and keys for extra), sometimes with more.
_USUAL_IMAGE = st.fixed_dictionaries(
    {"url": st.sampled_from(["/a.png", " https://b.test/c.jpg "])},
    optional={
        "width": _IMAGE_SIZE, "height": _IMAGE_SIZE, "isCached": st.booleans(),
        "alt": st.sampled_from(["A", 5, None]), "size": st.sampled_from([[1, 2], "1x2", None]),
        "mimeType": st.sampled_from(["image/png", None]),
    },
)  # fmt: skip
_ANY_IMAGE_MAPPING = st.dictionaries(
    st.sampled_from(
        ["url", "src", "href", "width", "height", "size", "mime_type", "mimeType", "alt", "x"]
    ),
    st.one_of(
        st.sampled_from(["/a.png", " https://b.test/c.jpg ", "600", "image/png", "x"]),
        st.sampled_from([600, 1.0, 1.5, True, None]),
        st.lists(st.sampled_from([600, 400, "600"]), max_size=3),
    ),
    max_size=5,
)
_IMAGE_MAPPING = st.one_of(_USUAL_IMAGE, _ANY_IMAGE_MAPPING)
_AUTHORS = _mostly(
    st.one_of(_NAMES, st.lists(_NAMES, max_size=3)),
    st.one_of(_AUTHOR_MAPPING, _NUMBER, st.lists(st.one_of(_NAMES, _AUTHOR_MAPPING, st.none()))),
)
_IMAGES = _mostly(
    st.one_of(_TEXT, st.lists(_TEXT, max_size=2), _IMAGE_MAPPING),
    st.one_of(_NUMBER, st.lists(st.one_of(_TEXT, _IMAGE_MAPPING, st.none()))),
)
_TEXTS = _mostly(
    st.one_of(_TEXT, st.lists(_TEXT, max_size=3)),
    st.one_of(_ANY_TEXT, st.lists(_ANY_TEXT, max_size=3), st.just({"a": 1})),
)
_SOURCE = _mostly(
    st.one_of(_TEXT, st.fixed_dictionaries({"name": _TEXT}, optional={"domain": _TEXT})),
    st.one_of(
        _NUMBER,
        st.dictionaries(st.sampled_from(["name", "domain", "url", "x"]), _ANY_TEXT, max_size=3),
    ),
)
_RELATED_FIELDS: dict[str, _Values] = {
    "title": _SCALAR,
    "summary": _SCALAR,
    "url": _mostly(st.sampled_from(["https://www.a.test/x", "https://b.test:8080/"]), _TEXT),
    "links": _TEXTS,
    "published": _DATE,
    "authors": _AUTHORS,
    "images": _IMAGES,
    "kind": _SCALAR,
    "source": _SOURCE,
    "source.name": _SCALAR,
    "source.images": _IMAGES,
}
_FIELDS: dict[str, _Values] = {
    **_RELATED_FIELDS,
    "title": _mostly(_TEXT, st.one_of(_ODD_TEXT, st.lists(_TEXT, max_size=2), _NUMBER)),
    "slug": _SCALAR,
    "language": _SCALAR,
    "aliases": _TEXTS,
    "tags": _TEXTS,
    "categories": _TEXTS,
    "updated": _DATE,
    "is_draft": _mostly(st.booleans(), st.sampled_from(["yes", "off", "maybe", 1, None])),
    "source.domain": _SCALAR,
    "source.url": _SCALAR,
}


@st.composite
def _records(draw: st.DrawFn, fields: Mapping[str, _Values]) -> Normalized:
    # Each field in about one record of three; the title in most.
    names = [name for name in fields if draw(st.integers(0, 2)) == 0]
    if draw(st.integers(0, 4)):
        names.append("title")
    which = int(draw(st.booleans()))  # usual values only, or odd ones too
    values = {name: draw(fields[name][which]) for name in dict.fromkeys(names)}
    if fields is _FIELDS and draw(st.integers(0, 3)) == 0:
        values["related"] = tuple(
            draw(st.lists(st.one_of(_records(_RELATED_FIELDS), st.just("odd")), max_size=2))
        )
    provenance = {name: f"meta.{name}" if len(name) % 2 else name for name in values}
    return Normalized(values, provenance, {"other": 1}, (Diagnostic(code="c", message="m"),))


_ZONES: list[tzinfo] = [timezone.utc, ZoneInfo("Europe/Berlin")]


@given(_records(_FIELDS), st.booleans(), st.sampled_from(_ZONES))
def test_the_quick_paths_build_what_the_careful_pass_builds(
    normalized: Normalized, dayfirst: bool, zone: tzinfo
) -> None:
    def built() -> Any:
        article, problems, diagnostics = build_article(
            normalized, body="b", dialect="d", format="yaml", dayfirst=dayfirst,
            default_timezone=zone,
        )  # fmt: skip
        return article, [(p.path, p.message) for p in problems], diagnostics

    quick = built()
    with mock.patch.object(convert, "_straight", lambda *args: None):
        careful = built()
    assert quick == careful


def _coerced(hook: Any, value: Any) -> tuple[Any, list[tuple[str, str]]]:
    notes: list[tuple[str, str]] = []
    token = _coerce.NOTES.set(notes)
    try:
        return hook(value), notes
    except _coerce.Invalid as error:
        return str(error), notes
    finally:
        _coerce.NOTES.reset(token)


@given(_IMAGES[1])
def test_images_of_the_usual_shapes_are_built_as_the_general_path_builds_them(value: Any) -> None:
    def general(value: Any) -> Any:
        return _coerce._each(value, "image", _coerce._image)

    assert _coerced(_coerce.image_tuple, value) == _coerced(general, value)


@given(_TEXTS[1])
def test_text_of_the_usual_shapes_is_read_as_the_general_path_reads_it(value: Any) -> None:
    assert _coerced(_coerce.text_tuple, value) == _coerced(_coerce._text_items, value)
