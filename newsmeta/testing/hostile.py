"""Hostile inputs: documents a wrapper of newsmeta must survive with only ``NewsmetaError``.

These are the generators newsmeta's own suite uses (``tests/test_properties_hostile.py``,
``tests/test_yaml_hypothesis.py``), shared here so that users prove the same
thing of their own code.  Most documents are nearly well-formed (a title, keys
the built-in dialects read) so that they reach detection, conversion and
serialisation, salted with what breaks parsers: YAML 1.1 words, tags, anchors
and aliases, alias bombs, deep nesting, impossible dates, huge numbers, lone
surrogates, broken JSON, TOML tables, every BOM and bytes that are no text.
"""

from __future__ import annotations

import codecs
import json
from datetime import timedelta, timezone
from typing import Any

from hypothesis import strategies as st

__all__ = [
    "BOMS",
    "KNOWN_KEYS",
    "OPENERS",
    "TRICKY_YAML",
    "alias_bombs",
    "deep_nesting",
    "fenced_text",
    "hostile_documents",
    "huge_numbers",
    "json_documents",
    "toml_documents",
    "yaml_documents",
    "yaml_fragments",
    "yaml_keys",
    "yaml_scalars",
    "yaml_values",
]

#: Keys the built-in dialects read, so that generated documents reach conversion.
KNOWN_KEYS: tuple[str, ...] = (
    "title", "date", "publishDate", "lastmod", "updated", "draft", "tags", "categories",
    "author", "authors", "summary", "description", "url", "link", "slug", "aliases",
    "images", "image", "source", "related", "publishedDateTime", "sourceUrl", "language",
    "type", "href", "brand", "name", "width", "height", "size",
)  # fmt: skip

#: Byte order marks: none, UTF-8, UTF-16 both ways, UTF-32 LE.
BOMS = st.sampled_from(
    [b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE]
)
_BOM_ENCODINGS = {
    b"": "utf-8",
    codecs.BOM_UTF8: "utf-8",
    codecs.BOM_UTF16_LE: "utf-16-le",
    codecs.BOM_UTF16_BE: "utf-16-be",
    codecs.BOM_UTF32_LE: "utf-32-le",
}

#: First lines that open (or nearly open) front matter; the last two open Hexo's
#: YAML without its "---" and a metadata header.
OPENERS: tuple[str, ...] = (
    "---", "---yaml", "--- ", "---js", "+++", "{", "\n---", "...", "---\r", "title: x", "Date: x",
)  # fmt: skip

#: Scalars that YAML 1.1 and 1.2 read differently, or that look like something else.
TRICKY_YAML: tuple[str, ...] = (
    "no", "on", "off", "yes", "y", "n", "NO", "True", "false", "FALSE", "null", "Null", "~", "",
    "0123", "0o17", "0x1F", "0X1F", "0b101", "1_000", "+12", "-0", "12:30:45", "1:20", "1e3",
    "1E-3", "1.5e+3", ".5", "0.", "._", "-_", ".inf", "-.Inf", ".NaN", "nan", "2020-01-02",
    "2020-1-2", "2023-02-30", "0000-00-00", "2020-01-01 25:00:00",
    "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 -5",
    "2020-12-07T08:52:06.835428Z", "2001-12-14T21:59:43.1234567Z", "<<", "=", "- a", "a: b",
    "#x", "&a", "*a", "!x", "@x", "`x", "%x", "'q'", '"dq"', "x\ny", " lead", "trail ", "é",
    "a\tb", "http://x.y/z?q=1#f", "[x]", "{x}", "? x", "|", ">",
)  # fmt: skip


def fenced_text() -> st.SearchStrategy[str]:
    """Any text between any opener and any closer, then any body."""
    return st.builds(
        "{}\n{}\n{}\n{}".format,
        st.sampled_from(OPENERS),
        st.text(),
        st.sampled_from(["---", "...", "+++", "}", ""]),
        st.text(),
    )


# -- data trees with YAML's tricky scalars (dumped by ruamel.yaml, then loaded) ------------


def yaml_scalars() -> st.SearchStrategy[Any]:
    """Python values whose YAML form is ambiguous: tricky words, dates, odd numbers."""
    return st.one_of(
        st.sampled_from(TRICKY_YAML),
        st.text(max_size=12),
        st.text(alphabet="0123456789-+:._eExob TZ", max_size=14),
        st.integers(),
        st.floats(allow_nan=True),
        st.booleans(),
        st.none(),
        st.dates(),
        st.datetimes(),
        st.datetimes(timezones=st.just(timezone.utc)),
        st.datetimes(timezones=st.just(timezone(timedelta(hours=-5)))),
    )


def yaml_keys() -> st.SearchStrategy[Any]:
    """Mapping keys: tricky words, any short text, integers."""
    return st.one_of(st.sampled_from(TRICKY_YAML), st.text(max_size=8), st.integers())


def yaml_values() -> st.SearchStrategy[Any]:
    """Nested lists and mappings of ``yaml_scalars()``, for a YAML dumper to write."""
    return st.recursive(
        yaml_scalars(),
        lambda children: st.one_of(
            st.lists(children, max_size=4), st.dictionaries(yaml_keys(), children, max_size=4)
        ),
        max_leaves=20,
    )


_YAML_PIECES = (
    *TRICKY_YAML, "a: ", "b:", "\n", "\n  ", "- ", "? ", ": ", "&x ", "*x", "!!str ", "!!int ",
    "!foo ", "[", "]", "{", "}", ", ", "'", '"', "<<: ", "<<: *x", "%YAML 1.1\n---\n", "---\n",
    "...", "#c", "|\n  t", ">-\n  f", "\t", "\\",
)  # fmt: skip


def yaml_fragments() -> st.SearchStrategy[str]:
    """Raw YAML text glued from pieces of syntax (indicators, tags, anchors, directives)."""
    return st.lists(st.sampled_from(_YAML_PIECES), max_size=25).map("".join)


# -- front-matter documents, mostly well-formed ------------------------------------------
# ``one_of`` picks its branches about evenly, so repeating the tame branch sets the mix.

_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12)
_PLAIN = st.text("abcdefghijklmnopqrstuvwxyz ABC0123456789-_./", min_size=1, max_size=12).map(
    lambda w: "w" + w.strip()
)
_KEYS = st.one_of(st.sampled_from(KNOWN_KEYS), st.sampled_from(KNOWN_KEYS), _PLAIN)
_TITLES = st.one_of(_PLAIN, _PLAIN, _PLAIN, _TEXT)

_YAML_TAME = st.one_of(
    _PLAIN,
    _TEXT.map(json.dumps),
    st.integers().map(str),
    st.floats().map(repr),
    st.sampled_from(
        [
            "null",
            "~",
            "yes",
            "no",
            "on",
            "true",
            "False",
            ".nan",
            ".inf",
            "-.inf",
            "0x1F",
            "0o17",
            "1_000",
            "2024-01-02",
            "2024-01-02T03:04:05Z",
            "12:30:00",
            "'quoted'",
            "2024-01-02 03:04:05.123456789 +05:30",
            "https://example.test/a?b=c",
        ]
    ),
)
_YAML_NASTY = st.sampled_from(
    [
        "2024-13-45", "1999-02-29", '"esc \\u00e9 \\x41 \\ud800"', "!!str 1", "!!int x",
        "!!float abc", "!!binary aGk=", "!!timestamp 2024-02-30", "!!null ''", "!foo x",
        "!!python/object:os.system {}", "!!python/object/apply:os.system [ls]", "*a", "*nope",
        "!<tag:yaml.org,2002:str> x", "https://example.test/[x", "[", "]", "{", "}", "&", "@x",
        "`x", "%TAG", "? complex", "- item", "a: b", "'unclosed", "|\n  literal", "\t", "#",
        "99999-01-01", "0001-01-01T00:00:00+23:59", "9" * 40, "1e999",
    ]
)  # fmt: skip
_YAML_SCALARS = st.one_of(*[_YAML_TAME] * 5, _YAML_NASTY)
_YAML_FLOW = st.recursive(  # built once: building a recursive strategy is slow
    _YAML_SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4).map(lambda items: "[" + ", ".join(items) + "]"),
        st.lists(st.tuples(_KEYS, inner), max_size=4).map(
            lambda pairs: "{" + ", ".join(f"{k}: {v}" for k, v in pairs) + "}"
        ),
    ),
    max_leaves=12,
)


@st.composite
def yaml_documents(draw: st.DrawFn) -> str:
    """``---`` YAML front matter: flow and block values, anchors, merge keys, stray
    indentation; any newline style and closer (``---``, ``...`` or none)."""
    lines = []
    if draw(st.integers(0, 9)):
        lines.append(f"title: {json.dumps(draw(_TITLES))}")
    for key in draw(st.lists(_KEYS, max_size=8, unique=True)):
        if key == "title":
            continue
        anchor = draw(st.sampled_from(["", "", "", "", "&a ", "&b "]))
        shape = draw(st.integers(0, 5))
        if shape <= 2:
            lines.append(f"{key}: {anchor}{draw(_YAML_FLOW)}")
        elif shape == 3:  # a block list
            lines.append(f"{key}: {anchor}")
            lines.extend(f"  - {item}" for item in draw(st.lists(_YAML_FLOW, max_size=3)))
        elif shape == 4:  # a block mapping
            lines.append(f"{key}: {anchor}")
            for sub in draw(st.lists(_KEYS, max_size=3, unique=True)):
                lines.append(f"  {sub}: {draw(_YAML_FLOW)}")
        else:  # wrong indentation, merge keys, stray text
            lines.append(draw(st.sampled_from(["   x: 1", "<<: *a", " - a", "? [a]", "*a"])))
    newline = draw(st.sampled_from(["\n", "\n", "\r\n", "\r"]))
    closer = draw(st.sampled_from(["---", "---", "---", "...", ""]))
    body = draw(st.text(max_size=20))
    return newline.join(["---", *lines, closer, body])


_TOML_TAME = st.one_of(
    st.integers().map(str),
    st.floats().map(repr),
    _TEXT.map(json.dumps),
    _PLAIN.map(lambda w: f"'{w}'"),
    st.sampled_from(
        [
            "true",
            "false",
            "nan",
            "+inf",
            "1979-05-27T07:32:00Z",
            "1979-05-27",
            "07:32:00",
            "1979-05-27T00:32:00.999999-07:00",
            "1979-05-27 07:32:00",
            "0xDEAD",
            "1_000",
        ]
    ),
)
_TOML_NASTY = st.sampled_from(
    [
        "1979-13-27", '"""multi\nline"""', "'''raw'''", "[", "{", '"\\ud800"', "'\\'",
        "9" * 40, "0000-00-00", "1979-05-27T25:00:00", "inf", "[1, 'a']", "{a = 1, a = 2}",
    ]
)  # fmt: skip
_TOML_NESTED = st.recursive(
    st.one_of(*[_TOML_TAME] * 5, _TOML_NASTY),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4).map(lambda items: "[" + ", ".join(items) + "]"),
        st.dictionaries(_PLAIN, inner, max_size=3).map(
            lambda pairs: "{" + ", ".join(f"{json.dumps(k)} = {v}" for k, v in pairs.items()) + "}"
        ),
    ),
    max_leaves=10,
)


@st.composite
def toml_documents(draw: st.DrawFn) -> str:
    """``+++`` TOML front matter: inline tables and arrays, ``[table]`` and
    ``[[array]]`` headers, impossible dates, duplicate keys."""
    lines = []
    if draw(st.integers(0, 9)):
        lines.append(f"title = {json.dumps(draw(_TITLES))}")
    for key in draw(st.lists(_KEYS, max_size=8, unique=True)):
        if key != "title":
            lines.append(f"{json.dumps(key)} = {draw(_TOML_NESTED)}")
    for header in draw(st.lists(st.lists(_PLAIN, min_size=1, max_size=3), max_size=2)):
        brackets = draw(st.sampled_from(["[{}]", "[[{}]]"]))
        lines.append(brackets.format(".".join(json.dumps(part) for part in header)))
        lines.append(f"x = {draw(_TOML_NESTED)}")
    return "\n".join(["+++", *lines, "+++", draw(st.text(max_size=20))])


_JSON_VALUES = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(),
        st.text(),
        st.sampled_from(["2024-01-02T03:04:05Z", "2024-01-02", "yesterday", "http://[x"]),
    ),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_KEYS, inner, max_size=4)),
    max_leaves=15,
)


@st.composite
def json_documents(draw: st.DrawFn) -> str:
    """``{...}`` JSON front matter, sometimes cut short or with a lone surrogate escape."""
    mapping: dict[str, Any] = {}
    if draw(st.integers(0, 9)):
        mapping["title"] = draw(_TITLES)
    mapping.update(draw(st.dictionaries(_KEYS, _JSON_VALUES, max_size=8)))
    text = json.dumps(mapping, ensure_ascii=draw(st.booleans()))
    if not draw(st.integers(0, 4)):  # damage it: cut, or insert a character somewhere
        cut = draw(st.integers(0, len(text)))
        text = text[:cut] + draw(st.sampled_from(["", "{", "}", '"', "\\", "\n", "\x00"]))
    elif not draw(st.integers(0, 4)):  # a lone surrogate escape (or a pair) inside a string
        at = text.find('"', draw(st.integers(0, len(text)))) + 1
        escape = draw(st.sampled_from(["\\ud800", "\\udfff", "\\udbff\\udc00", "\\\\ud800"]))
        text = text[:at] + escape + text[at:] if at else text
    return text + "\n" + draw(st.text(max_size=20))


# -- resource attacks ---------------------------------------------------------------------


def huge_numbers() -> st.SearchStrategy[str]:
    """Integers written with digits either side of every base's limit: 3,571 hex,
    4,300 decimal, 4,762 octal and 14,284 binary digits are the most that can still
    be written in decimal (Python's int/str conversion limit)."""
    return st.builds(
        lambda sign, prefix, digit, count: sign + prefix + digit * count,
        st.sampled_from(["", "", "-", "+"]),
        st.sampled_from(["0x", "0o", "0b", ""]),
        st.sampled_from(["F", "7", "1", "9", "1_"]),
        st.one_of(
            st.integers(3500, 3650),
            st.integers(4250, 4350),
            st.integers(4700, 4800),
            st.integers(14200, 14400),
        ),
    )


def _numbered(number: str, shape: str) -> str:
    return {
        "yaml": f"---\ntitle: T\nx: {number}\n---\n",
        "yaml-flow": f"---\ntitle: T\nx: [a, {number}]\n---\n",
        "toml": f"+++\ntitle = 'T'\nx = {number}\n+++\n",
        "json": f'{{"title": "T", "x": {number}}}\n',
    }[shape]


# -- more resource attacks --------------------------------------------------------------------


def _billion_laughs(levels: int, refs: int) -> str:
    lines = ["a: &a [" + ", ".join(['"lol"'] * refs) + "]"]
    for index in range(1, levels):
        previous = "a" if index == 1 else f"l{index - 1}"
        lines.append(f"l{index}: &l{index} [" + ", ".join([f"*{previous}"] * refs) + "]")
    return "---\ntitle: Bomb\n" + "\n".join(lines) + "\n---\n"


def alias_bombs() -> st.SearchStrategy[str]:
    """YAML whose aliases expand exponentially ("billion laughs"), a few hundred bytes long."""
    return st.builds(_billion_laughs, st.integers(2, 9), st.integers(2, 9))


def _nested(depth: int, kind: str) -> str:
    if kind == "yaml-flow":
        return f"---\ntitle: Deep\nx: {'[' * depth}{']' * depth}\n---\n"
    if kind == "yaml-block":
        lines = [f"{'  ' * level}k{level}:" for level in range(depth)]
        return "---\ntitle: Deep\n" + "\n".join(lines) + " 1\n---\n"
    if kind == "json":
        return '{"title": "Deep", "x": ' + "[" * depth + "]" * depth + "}\n"
    return f'+++\ntitle = "Deep"\nx = {"[" * depth}{"]" * depth}\n+++\n'


def deep_nesting() -> st.SearchStrategy[str]:
    """Lists or mappings nested up to 2,000 deep, in YAML (flow and block), JSON and TOML."""
    return st.builds(
        _nested,
        st.one_of(st.integers(1, 20), st.integers(150, 2000)),
        st.sampled_from(["yaml-flow", "yaml-block", "json", "toml"]),
    )


def _dumped(value: Any) -> str:
    import io

    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)
    out = io.StringIO()
    yaml.dump(value, out)
    return f"---\n{out.getvalue()}---\n"


def _encoded(text: str, bom: bytes) -> str | bytes:
    try:
        return bom + text.encode(_BOM_ENCODINGS[bom])
    except UnicodeEncodeError:  # a lone surrogate from st.text(): keep it as text
        return text


def hostile_documents() -> st.SearchStrategy[str | bytes]:
    """Documents (text or bytes) that test a parser's defences; ``parse`` must raise
    nothing but ``NewsmetaError`` for any of them, and return an Article that
    ``to_dict`` can write for the rest.

    A mix of: any text; any bytes after any BOM; any text between fences;
    YAML, TOML and JSON front matter (mostly well-formed, salted with hostile
    tokens), also encoded after a BOM; dumped YAML values full of ambiguous
    scalars; raw YAML fragments; alias bombs; nesting up to 2,000 deep; numbers
    of thousands of digits.
    """
    documents = st.one_of(yaml_documents(), toml_documents(), json_documents())
    fenced_fragments = yaml_fragments().map(lambda text: f"---\ntitle: x\n{text}\n---\n")
    return st.one_of(
        st.text(),
        st.builds(bytes.__add__, BOMS, st.binary()),
        fenced_text(),
        documents,
        documents,
        st.builds(_encoded, documents, BOMS),
        fenced_fragments,
        st.dictionaries(yaml_keys(), yaml_values(), max_size=6).map(_dumped),
        alias_bombs(),
        deep_nesting(),
        st.builds(
            _numbered, huge_numbers(), st.sampled_from(["yaml", "yaml-flow", "toml", "json"])
        ),
    )
