"""Issue 10 #15: a value an item's field cannot take stays in that item's ``extra``,
with a ``kept-in-item-extra`` diagnostic, never silently dropped."""

from __future__ import annotations

import newsmeta
from newsmeta import Author, Image, MappingAdapter, Parser, Rule


def _diagnostics(article: newsmeta.Article) -> list[tuple[str, str, int | None]]:
    return [(d.code, d.message, d.line) for d in article.diagnostics]


def test_author_url_and_email_that_are_not_text_stay_in_the_authors_extra() -> None:
    article = newsmeta.parse(
        "---\ntitle: T\nauthor: {name: Ann, url: {site: a.test}, email: [a, b], x: 1}\n---\n"
    )
    assert article.authors == (
        Author(name="Ann", extra={"url": {"site": "a.test"}, "email": ["a", "b"], "x": 1}),
    )
    assert _diagnostics(article) == [
        (
            "kept-in-item-extra",
            "'author' author 0 'url' is a mapping, not text; it is kept in the author's extra",
            3,
        ),
        (
            "kept-in-item-extra",
            "'author' author 0 'email' is a list, not text; it is kept in the author's extra",
            3,
        ),
    ]
    assert newsmeta.from_dict(newsmeta.to_dict(article)) == article


def test_text_and_null_author_fields_are_read_as_before() -> None:
    article = newsmeta.parse(
        "---\ntitle: T\nauthors:\n  - {name: Ann, url: 'https://a.test', email: null}\n---\n"
    )
    assert article.authors == (Author(name="Ann", url="https://a.test"),)
    assert article.diagnostics == ()


def test_image_fields_that_are_not_usable_stay_in_the_images_extra() -> None:
    article = newsmeta.parse(
        "---\ntitle: T\nimages:\n"
        "  - {url: /a.png, alt: 5, mime_type: [x], mimeType: image/png, size: 1200x675}\n"
        "  - {url: /b.png, alt: ok, size: [1, 2]}\n---\n"
    )
    assert article.images == (
        Image(
            url="/a.png",
            mime_type="image/png",
            extra={"alt": 5, "mime_type": ["x"], "size": "1200x675"},
        ),
        Image(url="/b.png", width=1, height=2, alt="ok"),
    )
    assert [message for _, message, _ in _diagnostics(article)] == [
        "'images' image 0 'size' is text ('1200x675'), not [width, height]; "
        "it is kept in the image's extra",
        "'images' image 0 'mime_type' is a list, not text; it is kept in the image's extra",
        "'images' image 0 'alt' is a number, not text; it is kept in the image's extra",
    ]


def test_a_whole_source_mapping_with_more_than_a_source_holds_is_kept_in_extra() -> None:
    feed = MappingAdapter(
        "feed",
        [Rule("title", ("title",)), Rule("source", ("provider",))],
        signature={"provider": 1},
    )
    text = "---\ntitle: T\nprovider: {name: P, images: [x.png], id: 3}\n---\n"
    article = Parser(adapters=[feed]).parse(text)
    assert article.source == newsmeta.Source(name="P")
    assert article.extra == {"provider": {"name": "P", "images": ["x.png"], "id": 3}}
    assert _diagnostics(article) == [
        (
            "kept-in-extra",
            "'provider' has keys a source cannot hold (images, id); it is kept in extra",
            3,
        )
    ]
    plain = Parser(adapters=[feed]).parse("---\ntitle: T\nprovider: {name: P}\n---\n")
    assert (plain.extra, plain.diagnostics) == ({}, ())


def test_related_items_keep_unusable_author_fields_too() -> None:
    text = (
        "---\ntitle: T\npublishedDateTime: 2024-01-01T00:00:00Z\noriginalUrl: https://x.test/a\n"
        "related:\n  - title: R\n    provider:\n      authors: [{name: Bo, email: 7}]\n---\n"
    )
    article = newsmeta.parse(text)
    [related] = article.related
    assert related.authors == (Author(name="Bo", extra={"email": 7}),)
    assert [d.code for d in article.diagnostics] == ["kept-in-item-extra"]
