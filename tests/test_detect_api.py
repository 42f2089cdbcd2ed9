"""newsmeta.detect: see why a document is read as the dialect it is."""

from __future__ import annotations

import newsmeta
from newsmeta import Candidate, Parser


def test_detect_text_lists_every_candidate_with_its_voters() -> None:
    detection = newsmeta.detect("---\ntitle: Hi\ndate: 2024-05-01\ntags: [a]\n---\n")
    assert detection.chosen == "generic"
    assert detection.reason == "no specific dialect reached 0.20; fallback 'generic'"
    assert [c.name for c in detection.candidates] == ["hugo", "aggregator", "generic"]
    assert detection.candidates[-1] == Candidate("generic", 0.3043, ("title", "date", "tags"), True)
    assert detection.candidates[0] == Candidate("hugo", 0.0312, ("date",), False)


def test_detect_takes_bytes_and_mappings_too() -> None:
    text = "---\npublishedDateTime: 2024-01-01T00:00:00Z\noriginalUrl: https://a.test\n---\n"
    assert newsmeta.detect(text.encode()).chosen == "aggregator"
    assert newsmeta.detect({"publishedDateTime": "x", "originalUrl": "y"}).chosen == "aggregator"


def test_detect_reports_nothing_fits_without_raising() -> None:
    detection = newsmeta.detect("---\nfoo: bar\n---\n")
    assert detection.chosen is None
    assert detection.reason == "no dialect fits (none reached score 0.20)"


def test_a_parser_detects_with_its_own_adapters() -> None:
    acme = newsmeta.MappingAdapter(
        "acme", (newsmeta.Rule("title", ("headline",)),), signature={"acmeId": 3, "headline": 1}
    )
    detection = Parser([acme]).detect("---\nacmeId: 1\nheadline: H\n---\n", path="a.md")
    assert (detection.chosen, detection.candidates[0]) == (
        "acme",
        Candidate("acme", 1.0, ("acmeId", "headline"), False),
    )
