"""Learn: draft a mapping file from a sample of a source's files (``newsmeta infer``).

``infer_adapter(paths)`` loads the front matter of every file (no detection),
counts each key and the shape of its values, and proposes for each canonical
field the keys that hold it — chosen by *name* and confirmed by *shape*:

* **names** come from the built-in adapters' rules (``newsmeta.dialects``):
  every key path a built-in dialect reads for a field, compared without case or
  separators (``PublishDate`` = ``publish_date`` = ``publishDate``), and split
  into words (``created_date`` -> created, date) so that a new compound of
  known words is recognised too.  A few words the built-ins do not use yet
  (``headline``, ``byline``, ``dek``) extend that vocabulary (``newsmeta._vocabulary``).
* **shapes** confirm it: every value of a key must fit the field (dates,
  absolute URLs, people, lists of short text, image mappings ...), so a draft
  never turns a file that parses into one that fails.

The draft ``extends: generic``: its rules run first and generic fills what
they leave, so parsing the sample with it gives at least what generic gives.
Its ``signature`` is made of keys frequent in the sample and unknown to the
built-in dialects; if there are none it says ``detect: false``.  Every number
in its comments is counted by running the draft itself over the sample.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, cast

from ._paths import path_problem
from ._record import Record
from ._shapes import KeyStats, count
from ._vocabulary import INFERRED, Vocabulary, normalized, words_of
from .adapter import Adapter, Rule
from .errors import NewsmetaError
from .extending import ExtendingAdapter

if TYPE_CHECKING:
    from .batch import Source

__all__ = ["Draft", "infer_adapter"]

_LANGUAGE = re.compile(r"[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*")
_PATH_DATE_PATTERN = r"(?<!\d)(?P<year>\d{4})[/-](?P<month>\d{1,2})[/-](?P<day>\d{1,2})(?!\d)"
_SAFE_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-\[\]]*")
_MIN_SIGNATURE_SHARE = 0.5
_MAX_SIGNATURE_KEYS = 5


class Draft(Record):
    """A drafted mapping file: ``text`` (commented YAML) and what it was made from."""

    __slots__ = ("name", "text", "files", "unreadable", "rules", "signature")
    name: str
    text: str
    files: int
    unreadable: tuple[str, ...]
    rules: tuple[Rule, ...]
    signature: Mapping[str, float]

    def __init__(
        self,
        name: str,
        text: str,
        files: int,
        unreadable: tuple[str, ...],
        rules: tuple[Rule, ...],
        signature: Mapping[str, float],
    ) -> None:
        self._init(
            name=name,
            text=text,
            files=files,
            unreadable=unreadable,
            rules=rules,
            signature=signature,
        )

    def __str__(self) -> str:
        return self.text


def infer_adapter(
    paths: Source | Iterable[Source],
    *,
    name: str | None = None,
    patterns: tuple[str, ...] | None = None,
    limit: int | None = None,
    repair: bool = False,
) -> Draft:
    """Draft a mapping file from the files, folders, globs or ``(name, text)`` pairs
    in *paths* (as ``parse_many`` takes them).

    *name* is the dialect name (default: from the folder's name); *patterns*
    the file names read in folders (default ``*.md``, ``*.markdown``); *limit*
    reads at most that many files; *repair* reads front matter holding the common
    authoring mistakes as ``Parser(repair=True)`` does.  Files whose front matter
    cannot be read are listed in ``Draft.unreadable`` (``file:line:col: message``)
    and left out.
    """
    from .batch import DEFAULT_PATTERNS, _is_pair, _skipped, _tasks
    from .dialects import BUILTIN_ADAPTERS, GENERIC
    from .parser import Parser

    # One path or pair is not an iterable of sources (as in parse_many).
    if isinstance(paths, str | os.PathLike) or _is_pair(paths):
        sources: list[Source] = [paths]
    else:
        sources = list(cast("Iterable[Source]", paths))
    parser = Parser(repair=repair)
    mappings: list[dict[str, Any]] = []
    unreadable: list[str] = []
    for where, text in _tasks(sources, patterns or DEFAULT_PATTERNS):
        if limit is not None and len(mappings) + len(unreadable) >= limit:
            break
        if _skipped((where, text)):
            continue  # an HTML page without front matter, found by walking a folder
        try:
            if isinstance(text, NewsmetaError):  # a glob matching nothing, say
                raise text
            # Through parse_file's guarded reader: a FIFO or a huge file never hangs it.
            data = text if isinstance(text, str | bytes) else parser.read_file(where)
            mapping, _ = parser.load(parser.split(data, path=where), path=where)
        except NewsmetaError as error:
            unreadable.append(str(error))
            continue
        mappings.append(mapping)
    shown = [_shown(source) for source in sources]
    chosen = name or _name_from(shown, {adapter.name for adapter in BUILTIN_ADAPTERS})
    vocabulary = Vocabulary(BUILTIN_ADAPTERS, base=GENERIC)
    stats = count(mappings)
    rules, notes, skipped = _choose_rules(stats, vocabulary, len(mappings))
    path_date = _path_date_rule(stats, mappings, rules)
    if path_date is not None:
        rules.append(path_date)
        key = path_date.paths[0]
        notes[key] = Note(key, stats[key].files, tuple(stats[key].shapes.most_common()))
    signature = _signature(stats, vocabulary, len(mappings))
    adapter = ExtendingAdapter(chosen, rules, base=GENERIC, signature=signature)
    from ._draft import render

    text = render(
        name=chosen,
        sources=shown,
        mappings=mappings,
        unreadable=unreadable,
        adapter=adapter,
        notes=notes,
        skipped=skipped,
        stats=stats,
    )
    return Draft(chosen, text, len(mappings), tuple(unreadable), tuple(rules), signature)


def _shown(source: Source) -> str:
    return str(source[0]) if isinstance(source, tuple) else os.fspath(source)


def _name_from(sources: list[str], taken: set[str]) -> str:
    """A dialect name from the first folder's name: ``content/astro-news`` -> astro-news."""
    for source in sources:
        base = os.path.basename(os.path.normpath(source))
        if os.path.isfile(source):
            base = os.path.basename(os.path.dirname(os.path.abspath(source)))
        words = words_of(base.split(".")[0])
        if words:
            name = "-".join(words)[:40]
            return f"{name}-source" if name in taken else name  # never a built-in's name
    return "mysource"


# -- choosing -----------------------------------------------------------------

# The shapes each field accepts: every value of a key must have one of them.
_FITS: Mapping[str, frozenset[str]] = {
    "title": frozenset({"short text", "long text"}),
    "summary": frozenset({"short text", "long text"}),
    "url": frozenset({"URL"}),
    "published": frozenset({"date"}),  # and booleans: see _fits
    "updated": frozenset({"date"}),
    "authors": frozenset({"short text", "list of short text", "person", "list of people"}),
    "source.name": frozenset({"short text"}),
    "tags": frozenset({"short text", "list of short text"}),
    "categories": frozenset({"short text", "list of short text"}),
    "images": frozenset(
        {"image URL", "image path", "image mapping", "list of image URLs", "list of image paths"}
        | {"list of image mappings", "URL", "list of URLs"}
    ),
    "source.images": frozenset(
        {"image URL", "image path", "image mapping", "list of image URLs", "list of image paths"}
        | {"list of image mappings"}
    ),
    "slug": frozenset({"short text"}),
    "source.domain": frozenset({"short text"}),
    "aliases": frozenset({"short text", "list of short text", "path with a date"}),
    "kind": frozenset({"short text"}),
    "is_draft": frozenset({"boolean"}),
    "language": frozenset({"short text"}),
}


def _fits(field: str, key: str, entry: KeyStats) -> bool:
    shapes = set(entry.shapes)
    if field in ("published", "updated"):
        # convert: date passes over booleans (Jekyll's `published: false`)
        return "date" in shapes and shapes <= {"date", "boolean"}
    if not shapes <= _FITS[field]:
        return False
    if field == "is_draft":  # `published: true` means the opposite: left to generic
        return "draft" in words_of(key)
    texts = [v for v in entry.values if isinstance(v, str)]
    if field == "slug":
        return all(" " not in t.strip() for t in texts)
    if field == "language":
        return all(_LANGUAGE.fullmatch(t.strip()) for t in texts)
    if field == "kind":
        return all(len(t) <= 40 for t in texts)
    if field == "aliases":
        return all(_is_site_path(v) for v in _flat(entry.values))
    return True


def _is_site_path(value: Any) -> bool:
    return isinstance(value, str) and value.startswith("/") and " " not in value


def _flat(values: list[Any]) -> list[Any]:
    return [item for value in values for item in (value if isinstance(value, list) else [value])]


class Note(Record):
    """Why a key is in the draft: how many files hold it, in what shapes."""

    __slots__ = ("key", "files", "shapes")
    key: str
    files: int
    shapes: tuple[tuple[str, int], ...]

    def __init__(self, key: str, files: int, shapes: tuple[tuple[str, int], ...]) -> None:
        self._init(key=key, files=files, shapes=shapes)


def _choose_rules(
    stats: Mapping[str, KeyStats], vocabulary: Vocabulary, total: int
) -> tuple[list[Rule], dict[str, Note], dict[str, str]]:
    """Rules for the fields, a note per chosen key, and why a named key was left out."""
    chosen: dict[str, list[tuple[int, int, int, float, int, int, str]]] = {}
    notes: dict[str, Note] = {}
    skipped: dict[str, str] = {}
    # Top-level keys first: `author.name` is not proposed when `author` is.
    for key, entry in sorted(stats.items(), key=lambda item: "." in item[0]):
        if ("." in key and key.split(".")[0] in notes) or path_problem(key):
            continue
        candidates = vocabulary.fields_for(key)
        for score, field in candidates:
            if _fits(field, key, entry) or _base_reads(vocabulary, field, key, stats):
                preference = vocabulary.preference(field, key)
                rank = (*preference, -score, key.count("."), -entry.files, key)
                chosen.setdefault(field, []).append(rank)
                notes[key] = Note(key, entry.files, tuple(entry.shapes.most_common()))
                break
        else:
            if candidates:
                skipped[key] = _why_not(candidates[0][1], entry)
    rules: list[Rule] = []
    for field in INFERRED:
        keys = [key for *_, key in sorted(chosen.get(field, []))]
        if keys:
            rules.append(Rule(field, tuple(keys), convert=_converter_for(field, keys, stats)))
    return rules, notes, skipped


def _path_date_rule(
    stats: Mapping[str, KeyStats], mappings: list[dict[str, Any]], rules: list[Rule]
) -> Rule | None:
    """A pattern rule reading the date inside a path-like value (``path =
    "2014/12/12/slug"``), if that dates files the other rules leave undated."""
    from .dialects import GENERIC

    dated = [
        key
        for key, entry in stats.items()
        if set(entry.shapes) <= {"path with a date", "short text"}
        and entry.shapes["path with a date"] * 2 >= entry.files
        and not path_problem(key)
    ]
    if not dated:
        return None
    best = max(dated, key=lambda key: (stats[key].shapes["path with a date"], key))
    rule = Rule("published", (best,), pattern=_PATH_DATE_PATTERN)
    without = ExtendingAdapter("without", rules, base=GENERIC, signature={})
    with_it = ExtendingAdapter("with", [*rules, rule], base=GENERIC, signature={})
    helps = any(
        "published" in with_it.normalize(m).fields
        and "published" not in without.normalize(m).fields
        for m in mappings
    )
    return rule if helps else None


def _why_not(field: str, entry: KeyStats) -> str:
    """``named like published, but 3 of 40 values are not dates (e.g. 'TBD')``."""
    from ._shapes import plural, shape_of

    fits = _FITS[field] | ({"boolean"} if field in ("published", "updated") else set())
    misfits = [value for value in entry.values if shape_of(value) not in fits]
    example = repr(misfits[0]) if misfits else ""
    example = example if len(example) <= 40 else example[:37] + "..."
    kinds = " or ".join(plural(kind) for kind in sorted(_FITS[field]))
    return (
        f"named like {field}, but {len(misfits):,} of {entry.files:,} values are not "
        f"{kinds} (e.g. {example})"
    )


def _base_reads(
    vocabulary: Vocabulary, field: str, key: str, stats: Mapping[str, KeyStats]
) -> bool:
    # A key generic reads for the field the same way is kept whatever it holds: the
    # draft must not put a key of its own before it (`feed.title` before `title`).
    # It must hold the field at least sometimes (`published: false` is no date).
    if (field, key) not in vocabulary.base_reads or not set(stats[key].shapes) & _FITS[field]:
        return False
    return vocabulary.base_reads[(field, key)] == _converter_for(field, [key], stats)


def _converter_for(field: str, keys: list[str], stats: Mapping[str, KeyStats]) -> str | None:
    if field in ("published", "updated"):
        return "date"
    if field == "url":
        return "url"
    if field in ("tags", "categories"):
        texts = [v for key in keys for v in stats[key].values if isinstance(v, str)]
        return "list" if any("," in text for text in texts) else None
    return None


def _signature(
    stats: Mapping[str, KeyStats], vocabulary: Vocabulary, total: int
) -> dict[str, float]:
    """Top-level keys in at least half the files that no built-in dialect reads."""
    if not total:
        return {}
    unusual = [
        (entry.files, key)
        for key, entry in stats.items()
        if "." not in key
        and normalized(key) not in vocabulary.known
        and entry.files / total >= _MIN_SIGNATURE_SHARE
        and _SAFE_KEY.fullmatch(key)
        and not path_problem(key)
    ]
    unusual.sort(key=lambda item: (-item[0], item[1]))
    signature: dict[str, float] = {}
    for files, key in unusual[:_MAX_SIGNATURE_KEYS]:
        share = files / total
        signature[key] = 3.0 if share >= 0.9 else 2.0 if share >= 0.75 else 1.0
    return signature


def tally(adapter: Adapter, mappings: list[dict[str, Any]]) -> tuple[Counter[str], Counter[str]]:
    """In how many of *mappings* the adapter fills each field, and keeps each key in extra."""
    filled: Counter[str] = Counter()
    kept: Counter[str] = Counter()
    for mapping in mappings:
        normalized = adapter.normalize(mapping)
        filled.update(list(normalized.fields))
        kept.update(key for key in normalized.extra if isinstance(key, str))
    return filled, kept
