"""Repair mode on a synthetic corpus of the common front-matter mistakes, and what refusal costs.

Run by hand (tests/test_repair.py runs a small corpus through the same code):

    python benchmarks/bench_repair.py [--files 3000] [--seed 1] [--rounds 2000]

Each document has a title and a description built from news-like templates
(possessives, contractions, ``'90s``, quotes, ``Label: text``), written with one
authoring mistake (or two, or none), then the date, author and tags:

- ``apostrophe``  ``title: 'AI's future'``      a raw ``'`` inside single quotes
- ``backslash``   ``title: 'AI\\'s future'``    ``\\'`` inside single quotes
- ``double``      ``title: "say "hi" now"``    a raw ``"`` inside double quotes
- ``colon``       ``title: Breaking: news``    ``: `` inside a plain scalar
- ``reserved``    ``title: `npm` grows``       a plain scalar starting with ``@``, `````, ``%``
- ``unclosed``    ``---`` never closed; a blank line, then the body
- ``ruled``       the same, but a ``---`` rule in the body closes the block by accident
- ``two``         a quote mistake in the title and ``: `` in the description
- ``hard-*``      mistakes whose meaning is not plain (no closing quote, a comment,
                  a continuation line, ``- title: a: b``): repair must refuse these

Printed per kind: files, refused without repair, recovered with repair, recovered
with exactly the intended title, description and body (must equal recovered),
refused with repair; then the time of a valid file, a refused one and a repaired one.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence

import newsmeta

_NAMES = ["AI", "Europe", "The city", "Apple", "NASA", "The world", "Google", "Ukraine"]
_NOUNS = ["future", "budget", "election", "vaccine", "climate", "market", "league", "chip"]
_PLURALS = ["farmers", "workers", "girls", "teachers", "voters", "nurses"]
_VERBS = ["matters", "stalls", "grows", "falls", "returns", "wins"]
_LABELS = ["Breaking", "Analysis", "Opinion", "Q&A", "Update", "Exclusive", "Part 2", "Watch"]
_WORDS = ["no", "enough", "later", "never", "yes"]

#: Title templates by what they contain: an apostrophe, a double quote, a colon.
_APOSTROPHE = [
    "{name}'s {noun} {verb}",
    "Why {plural} don't trust the {noun}",
    "It's the {noun}, again",
    "The {plural}' {noun} {verb}",
    "'90s {noun} {verb}",
    "Rock 'n' roll {noun} {verb}",
    "{name} won't say: the {noun} {verb}",
]
_DOUBLE = ['{name} said "{word}" to the {noun}', 'The "{noun}" {verb} in {name}']
_COLON = [
    "{label}: {name} {verb}",
    "{label}: the {noun} {verb}",
    "{name} and the {noun}: what we know",
    "{label}: {name}'s {noun}",
]
_RESERVED = ["@{handle} on the {noun}", "`{noun}` {verb}", "`{noun}`: what {name} said"]
_PLAIN = ["{name} {verb} as the {noun} {verb}", "The {noun} of {name}"]

KINDS = (
    "valid",
    "apostrophe",
    "backslash",
    "double",
    "colon",
    "reserved",
    "unclosed",
    "ruled",
    "two",
    "hard-unclosed-quote",
    "hard-comment",
    "hard-continued",
    "hard-item",
)


class Case:
    """One synthetic document and what its author meant."""

    __slots__ = ("body", "description", "kind", "text", "title")

    def __init__(self, kind: str, text: str, title: str, description: str, body: str) -> None:
        self.kind = kind
        self.text = text
        self.title = title
        self.description = description
        self.body = body


def _fill(rng: random.Random, template: str) -> str:
    return template.format(
        name=rng.choice(_NAMES),
        noun=rng.choice(_NOUNS),
        plural=rng.choice(_PLURALS),
        verb=rng.choice(_VERBS),
        label=rng.choice(_LABELS),
        word=rng.choice(_WORDS),
        handle=rng.choice(["nasa", "ana_lima", "bochen"]),
    )


def _written(kind: str, text: str) -> str:
    """*text* as a YAML value written with the mistake *kind* (or correctly)."""
    if kind == "apostrophe":
        return f"'{text}'"
    if kind == "backslash":
        return "'" + text.replace("'", "\\'") + "'"
    if kind == "double":
        return f'"{text}"'
    if kind in ("colon", "reserved"):
        return text
    return json.dumps(text, ensure_ascii=False)


def _templates(kind: str) -> list[str]:
    return {
        "apostrophe": _APOSTROPHE,
        "backslash": _APOSTROPHE,
        "double": _DOUBLE,
        "colon": [t for t in _COLON if not t.startswith("{name}'s")],
        "reserved": _RESERVED,
    }.get(kind, _APOSTROPHE + _DOUBLE + _COLON + _RESERVED + _PLAIN)


def _document(lines: Sequence[str], body: str, *, closed: bool = True) -> str:
    fence = "---\n" if closed else "\n"
    return "---\n" + "".join(line + "\n" for line in lines) + fence + body


def make_case(rng: random.Random, kind: str) -> Case:
    """One document of *kind* (see ``KINDS``)."""
    quote_kind = rng.choice(["apostrophe", "backslash"])
    title_kind = {"two": quote_kind, "unclosed": "valid", "ruled": "valid"}.get(kind, kind)
    if kind.startswith("hard-"):
        title_kind = "colon" if kind in ("hard-comment", "hard-continued", "hard-item") else ""
    title = _fill(rng, rng.choice(_templates(title_kind or "apostrophe")))
    description = _fill(rng, rng.choice(_COLON if kind == "two" else _PLAIN))
    date = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:30:00Z"
    lines = [
        f"title: {_written(title_kind, title)}",
        f"date: {date}",
        f"author: {rng.choice(['Ana Lima', 'Bo Chen', 'Joe Bloggs'])}",
        f"description: {_written('colon' if kind == 'two' else 'valid', description)}",
        f"tags: [{rng.choice(_NOUNS)}, news]",
    ]
    rng.shuffle(lines)
    at = next(i for i, line in enumerate(lines) if line.startswith("title:"))
    if kind == "hard-unclosed-quote":
        lines[at] = "title: '" + title  # no closing quote: where did the text end?
    elif kind == "hard-comment":
        lines[at] += " # checked"  # is '# checked' a comment or part of the title?
    elif kind == "hard-continued":
        lines.insert(at + 1, "  continued on the next line")
    elif kind == "hard-item":
        lines[at] = f"title: {json.dumps(title)}"
        lines.append(f"related:\n  - title: {title}")
    if rng.random() < 0.2:  # editors leave trailing blanks
        lines[at] += "  "
    body = "Body text.\n\n---\n\nMore text.\n" if kind == "ruled" else "Body text.\n"
    text = _document(lines, body, closed=kind not in ("unclosed", "ruled"))
    if rng.random() < 0.25:  # files saved on Windows
        text = text.replace("\n", "\r\n")
    return Case(kind, text, title, description, body)


def build_corpus(files: int, seed: int = 1) -> list[Case]:
    """*files* documents, the kinds in turn, reproducible from *seed*."""
    rng = random.Random(seed)
    return [make_case(rng, KINDS[i % len(KINDS)]) for i in range(files)]


def measure(cases: Sequence[Case]) -> dict[str, Counter[str]]:
    """Per kind: ``files``, ``refused`` (no repair), ``recovered``, ``intended``, ``wrong``.

    ``intended``: the title, description and body are exactly what the author meant.
    """
    plain, repairing = newsmeta.Parser(), newsmeta.Parser(repair=True)
    figures: dict[str, Counter[str]] = {kind: Counter() for kind in KINDS}
    for case in cases:
        counts = figures[case.kind]
        counts["files"] += 1
        try:
            plain.parse(case.text)
        except newsmeta.NewsmetaError:
            counts["refused"] += 1
        try:
            article = repairing.parse(case.text)
        except newsmeta.NewsmetaError:
            counts["refused with repair"] += 1
            continue
        counts["recovered"] += 1
        meant = (case.title, case.description, case.body)
        if (article.title, article.summary, article.body) == meant:
            counts["intended"] += 1
        else:
            counts["wrong"] += 1
    return figures


def _once(parse: Callable[[str], object], text: str, rounds: int) -> float:
    """Microseconds per call of *parse* on *text* over *rounds* calls (errors count)."""
    start = time.perf_counter()
    for _ in range(rounds):
        with contextlib.suppress(newsmeta.NewsmetaError):
            parse(text)
    return (time.perf_counter() - start) / rounds * 1e6


def _timings(rounds: int, samples: int = 9) -> list[tuple[str, float]]:
    """Median µs per parse of each case; the cases take turns, so noise hits them alike."""
    from newsmeta import repair

    valid = '---\ntitle: "AI\'s future"\ndate: 2024-05-01T09:30:00Z\ntags: [ai]\n---\nBody.\n'
    broken = valid.replace('"AI\'s future"', "'AI's future'")
    garbled = valid.replace('"AI\'s future"', '"AI\'s future" ]')  # no known mistake
    plain, repairing = newsmeta.Parser(), newsmeta.Parser(repair=True)
    explain = repair.explain

    def unexplained(text: str) -> object:
        repair.explain = lambda text, error, line_offset=0: error  # type: ignore[assignment]
        try:
            return plain.parse(text)
        finally:
            repair.explain = explain

    cases: list[tuple[str, Callable[[str], object], str]] = [
        ("valid file", plain.parse, valid),
        ("valid file, repair=True", repairing.parse, valid),
        ("refused: quote mistake, explained", plain.parse, broken),
        ("refused: same, explanation switched off", unexplained, broken),
        ("refused: other YAML error", plain.parse, garbled),
        ("quote mistake, repair=True", repairing.parse, broken),
    ]
    times: dict[str, list[float]] = {label: [] for label, _, _ in cases}
    for _ in range(samples):
        for label, parse, text in cases:
            times[label].append(_once(parse, text, rounds))
    return [(label, statistics.median(values)) for label, values in times.items()]


def main(argv: Sequence[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--files", type=int, default=3000)
    options.add_argument("--seed", type=int, default=1)
    options.add_argument("--rounds", type=int, default=2000, help="parses per timing sample")
    args = options.parse_args(argv)
    figures = measure(build_corpus(args.files, args.seed))
    columns = ["files", "refused", "recovered", "intended", "wrong", "refused with repair"]
    print(f"{'kind':22}" + "".join(f"{c:>21}" for c in columns))
    total: Counter[str] = Counter()
    for kind, counts in figures.items():
        print(f"{kind:22}" + "".join(f"{counts[c]:>21}" for c in columns))
        if kind != "valid" and not kind.startswith("hard-"):
            total.update(counts)
    share = total["recovered"] / max(1, total["files"])
    print(
        f"mistakes repair mode knows: {total['recovered']} of {total['files']} files "
        f"recovered ({share:.1%}); {total['intended']} with the intended title, "
        f"description and body, {total['wrong']} wrong"
    )
    hard = [counts for kind, counts in figures.items() if kind.startswith("hard-")]
    hard_refused = sum(c["refused with repair"] for c in hard)
    hard_files = sum(c["files"] for c in hard)
    print(f"mistakes with no plain meaning: {hard_refused} of {hard_files} refused (not guessed)")
    print("\nmicroseconds per parse (median of 9 alternating samples):")
    for label, micros in _timings(args.rounds):
        print(f"  {label:40} {micros:8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
