"""Property: whatever bytes or text arrive, only newsmeta errors escape ``parse``.

Never a RecursionError, MemoryError, UnicodeError or a dependency's own
exception (ruamel, tomllib, json, cattrs, dateutil).  When parsing succeeds,
``to_dict`` works, its result is strict JSON (no bare NaN), and ``from_dict``
gives the article back, also through ``json.dumps``/``json.loads`` (unless
``extra`` holds a NaN, which never equals itself once it is a new float: then
the round trip gives the same ``to_dict`` output).

About 6,300 examples in all by default (1,500 per cheap unstructured property,
600 per structured one, whose generation costs ~10 ms an example), plus 600
for issue 10's huge numbers, JSON duplicate keys and NEL/LS/PS, and 150 per
costly property (aliases of large scalars, long TOML dotted keys: documents up
to a megabyte); set
``NEWSMETA_HYPOTHESIS_EXAMPLES`` to run that many per property instead (see
``fuzz/long_hypothesis.sh``).
"""

from __future__ import annotations

import codecs
import json
import math
import os
import tempfile
from typing import Any

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newsmeta
from newsmeta.testing.hostile import (
    BOMS,
    KNOWN_KEYS,
    OPENERS,
    hostile_documents,
    huge_numbers,
    json_documents,
    toml_documents,
    yaml_documents,
)

_OVERRIDE = os.environ.get("NEWSMETA_HYPOTHESIS_EXAMPLES")


def _examples(default: int) -> settings:
    return settings(
        max_examples=int(_OVERRIDE) if _OVERRIDE else default,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


HOSTILE = _examples(1500)
HOSTILE_STRUCTURED = _examples(600)
HOSTILE_MIX = _examples(150)
# Big documents (up to ~1 MB) whose every example costs tens of milliseconds.
HOSTILE_COSTLY = _examples(150)


def _has_nan(value: Any) -> bool:
    if isinstance(value, float):
        return math.isnan(value)
    if isinstance(value, dict) and value == {"$float": "nan"}:  # how to_dict writes NaN
        return True
    if isinstance(value, dict):
        return any(_has_nan(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_nan(v) for v in value)
    return False


def check(data: str | bytes) -> None:
    """Parse *data*; anything but a newsmeta error, or a lossy round trip, fails."""
    try:
        article = newsmeta.parse(data)
    except newsmeta.NewsmetaError as error:
        str(error)  # rendering the message must not fail either
        return
    hash(article)
    plain = newsmeta.to_dict(article)
    text = json.dumps(plain, allow_nan=False)  # strict JSON: NaN and Infinity are tagged
    back = newsmeta.from_dict(plain)
    if not _has_nan(plain):  # a NaN, once a new float, never equals itself
        assert back == article
        assert newsmeta.from_dict(json.loads(text)) == article
    else:
        assert newsmeta.to_dict(back) == plain


# -- unstructured ------------------------------------------------------------------


@HOSTILE
@given(st.text())
def test_any_text(text: str) -> None:
    check(text)


@HOSTILE
@given(BOMS, st.binary())
def test_any_bytes_after_any_bom(bom: bytes, data: bytes) -> None:
    check(bom + data)


@HOSTILE
@given(
    st.sampled_from(OPENERS),
    st.text(),
    st.sampled_from(["---", "...", "+++", "}", ""]),
    st.text(),
)
def test_any_text_between_fences(opener: str, inside: str, closer: str, body: str) -> None:
    check(f"{opener}\n{inside}\n{closer}\n{body}")


# -- structured: YAML-ish, TOML-ish, JSON-ish (generators shared with users in
# newsmeta.testing.hostile) -------------------------------------------------------------


@HOSTILE_STRUCTURED
@given(yaml_documents())
def test_yaml_ish_documents(text: str) -> None:
    check(text)


@HOSTILE_STRUCTURED
@given(toml_documents())
def test_toml_ish_documents(text: str) -> None:
    check(text)


@HOSTILE_STRUCTURED
@given(json_documents(), BOMS)
def test_json_ish_documents(text: str, bom: bytes) -> None:
    encoding = {
        b"": "utf-8",
        codecs.BOM_UTF8: "utf-8",
        codecs.BOM_UTF16_LE: "utf-16-le",
        codecs.BOM_UTF16_BE: "utf-16-be",
        codecs.BOM_UTF32_LE: "utf-32-le",
    }[bom]
    try:
        data = bom + text.encode(encoding)
    except UnicodeEncodeError:  # a lone surrogate from st.text(): parse it as str
        check(text)
        return
    check(data)


# -- issue 10: huge numbers, JSON duplicate keys, YAML 1.1 line breaks ----------------
# Each property runs its own, smaller budget: the documents are cheap but long.

HOSTILE_EXTRA = _examples(200)
HOSTILE_EXTRA_STRUCTURED = _examples(100)  # yaml_documents() costs ~10 ms an example


@HOSTILE_EXTRA
@given(
    st.sampled_from(KNOWN_KEYS),
    huge_numbers(),
    st.sampled_from(["yaml", "yaml-flow", "yaml-tag", "toml", "json"]),
)
def test_huge_numbers_anywhere(key: str, number: str, shape: str) -> None:
    documents = {
        "yaml": f"---\ntitle: T\n{key}: {number}\n---\n",
        "yaml-flow": f"---\ntitle: T\n{key}: [a, {number}]\n---\n",
        "yaml-tag": f"---\ntitle: T\n{key}: !!int {number}\n---\n",
        "toml": f"+++\ntitle = 'T'\n{json.dumps(key)} = {number}\n+++\n",
        "json": f'{{"title": "T", {json.dumps(key)}: {number}}}\n',
    }
    check(documents[shape])


@st.composite
def json_objects(draw: st.DrawFn, depth: int = 0) -> tuple[str, Any, int]:
    """JSON object text that may repeat keys, the value json.loads gives it (the last
    of repeated keys wins) and how many repeats it holds, nested ones included."""
    keys = st.sampled_from(["title", "x", "y", "tags", "a b", "\u00e9", ""])
    scalars = st.one_of(st.integers(), st.text(max_size=5), st.none(), st.booleans())
    parts, value, repeats = [], {}, 0
    for key in draw(st.lists(keys, max_size=6)):
        if depth < 2 and draw(st.integers(0, 3)) == 0:
            text, inner, inner_repeats = draw(json_objects(depth + 1))
            repeats += inner_repeats
        else:
            inner = draw(scalars)
            text = json.dumps(inner)
        repeats += key in value
        value[key] = inner
        spacing = draw(st.sampled_from([" ", "\n ", ""]))
        parts.append(f"{json.dumps(key)}:{spacing}{text}")
    return "{" + ",\n".join(parts) + "}", value, repeats


@HOSTILE_EXTRA_STRUCTURED
@given(json_objects())
def test_json_duplicate_keys_follow_the_policy(document: tuple[str, Any, int]) -> None:
    text, value, repeats = document
    if "title" not in value:  # reach conversion: give it a title first
        text = '{"title": "T"' + (", " + text[1:] if value else "}")
        value = {"title": "T", **value}
    check(text)
    try:
        newsmeta.parse(text)
    except newsmeta.StructureError as error:
        assert repeats and error.reason.startswith("duplicate key ")
    except newsmeta.NewsmetaError:
        assert not repeats  # (a title that is no title, and the like)
    else:
        assert not repeats
    try:
        article = newsmeta.Parser(duplicate_keys="last").parse(text)
    except newsmeta.NewsmetaError as error:
        assert not isinstance(error, newsmeta.StructureError)
        return
    assert [d.code for d in article.diagnostics].count("duplicate-key") == repeats
    # The last value of each repeated key is kept: the article of the text without
    # repeats, but for the diagnostics.
    without_repeats = newsmeta.parse(json.dumps(value))
    assert attrs.evolve(without_repeats, diagnostics=article.diagnostics) == article


@st.composite
def yaml_with_line_separators(draw: st.DrawFn) -> str:
    text = draw(yaml_documents())
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(["\x85", "\u2028", "\u2029"])) + text[at:]
    return text


@HOSTILE_EXTRA_STRUCTURED
@given(yaml_with_line_separators())
def test_yaml_with_nel_ls_ps(text: str) -> None:
    check(text)


@HOSTILE_EXTRA
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["k", "title", "tags", "x"]),
            st.text(st.sampled_from("ab \u2028\u2029\x85"), min_size=1, max_size=6),
        ),
        min_size=1,
        max_size=5,
    )
)
def test_line_separators_are_ordinary_characters_in_yaml(pairs: list[tuple[str, str]]) -> None:
    # Quoted, every value is text as written: U+2028 and friends neither end a line
    # nor a key (YAML 1.2); so the loaded mapping is exactly what was written.
    lines = [
        f"{key}{i}: {json.dumps(value, ensure_ascii=False)}" for i, (key, value) in enumerate(pairs)
    ]
    loaded, _ = newsmeta._yaml.load_yaml("\n".join(lines))
    assert loaded == {f"{key}{i}": value for i, (key, value) in enumerate(pairs)}


# -- resources: aliases of large scalars, long TOML dotted keys (issue 10 #9, #10) ----
# Documents that cost little to write and much to expand.  Besides "only newsmeta
# errors", what parses must stay proportionate: aliases add at most 10 times the
# front matter (at least 64 KiB), so the JSON of an article is bounded too.

_BIG = st.tuples(st.sampled_from("xé€😀 "), st.integers(0, 60_000)).map(lambda c: c[0] * c[1])


@st.composite
def alias_documents(draw: st.DrawFn) -> str:
    """One or two large scalars (or a mapping of them) aliased many times, in any place."""
    scalar = draw(_BIG)
    quote = draw(st.sampled_from(["", '"', "'"]))
    lines = ["---", "title: Aliases"]
    if draw(st.booleans()):
        lines.append(f"big: &big {quote}{scalar}{quote}")
    else:  # a mapping holding it, so a collection's characters are counted too
        lines.append(f"big: &big {{k: {quote}{scalar}{quote}, n: 1}}")
    uses = draw(st.integers(0, 400))
    shape = draw(st.sampled_from(["flow", "block", "keys", "nested"]))
    if shape == "flow":
        lines.append("uses: [" + ", ".join(["*big"] * uses) + "]")
    elif shape == "block":
        lines.append("uses:")
        lines.extend(["  - *big"] * uses)
    elif shape == "keys":
        lines.extend(f"k{i}: *big" for i in range(uses))
    else:  # aliases of a list of aliases
        lines.append("twice: &twice [" + ", ".join(["*big"] * min(uses, 20)) + "]")
        lines.append("uses: [" + ", ".join(["*twice"] * (uses // 20)) + "]")
    return "\n".join([*lines, "---", "body"])


@HOSTILE_COSTLY
@given(alias_documents())
def test_aliases_of_large_scalars(text: str) -> None:
    check(text)
    try:
        article = newsmeta.parse(text)
    except newsmeta.NewsmetaError:
        return
    rendered = json.dumps(newsmeta.to_dict(article), ensure_ascii=False)
    assert len(rendered) <= 12 * len(text) + 100_000


_TOML_PART_SPELLINGS = st.sampled_from(["a", "b-c", "_9", '"q"', "'l'", '"d.e"', " f "])


@st.composite
def toml_dotted_documents(draw: st.DrawFn) -> str:
    """Dotted keys and table headers from 1 to thousands of parts, alone or repeated."""
    lines = ["+++", "title = 'Dotted'"]
    for index in range(draw(st.integers(1, 4))):
        parts = draw(st.one_of(st.integers(1, 8), st.integers(150, 260), st.integers(1, 20_000)))
        spelling = draw(_TOML_PART_SPELLINGS)
        key = ".".join([spelling] * parts)
        where = draw(st.sampled_from(["key", "header", "array-header", "inline", "repeated"]))
        if where == "key":
            lines.append(f"{key}.k{index} = 1")
        elif where == "header":
            lines.extend([f"[{key}.t{index}]", "x = 1"])
        elif where == "array-header":
            lines.extend([f"[[{key}.t{index}]]", "x = 1"])
        elif where == "inline":
            lines.append(f"v{index} = {{{key} = 1}}")
        else:  # many deep keys, each within max_depth
            depth = min(parts, 190)
            stem = ".".join([spelling] * depth)
            lines.extend(f"{stem}.r{index}x{i} = 1" for i in range(draw(st.integers(1, 300))))
    return "\n".join([*lines, "+++", "body"])


@HOSTILE_COSTLY
@given(toml_dotted_documents())
def test_long_toml_dotted_keys(text: str) -> None:
    check(text)


# -- folders: deep trees and symlink loops (issue 10 #4, #5) ----------------------------
# A random tree in a temporary folder: a chain of folders up to 1,100 levels deep,
# side folders, files, hidden entries, and symlinks to ancestors (loops), to other
# folders, to files and to nothing.  Walking the folder and expanding "**/*.md"
# must both finish, find exactly the files the tree holds outside hidden and
# symlinked folders (a symlink to a file, or to nothing, is a file entry), each
# once, in the same order.

HOSTILE_FOLDERS = _examples(15)

_ENTRY = st.sampled_from(
    ["file", "file", "folder", "hidden-file", "hidden-folder", "loop", "link-folder",
     "link-file", "dangling", "other-name"]
)  # fmt: skip


@st.composite
def folder_trees(draw: st.DrawFn) -> list[tuple[int, str]]:
    """(depth along the chain, kind) for each entry, the chain's own depth first."""
    chain = draw(st.one_of(st.integers(0, 12), st.integers(900, 1100)))
    entries = draw(st.lists(st.tuples(st.integers(0, chain), _ENTRY), max_size=25))
    return [(chain, "chain"), *entries]


def _build_tree(root: str, spec: list[tuple[int, str]]) -> list[str]:
    """Make the tree under *root* (the cwd); return the relative paths to be found."""
    chain = spec[0][0]
    expected = []
    here = os.getcwd()
    os.chdir(root)
    try:
        for _ in range(chain):
            os.mkdir("c")
            os.chdir("c")
        os.chdir(root)
        for number, (depth, kind) in enumerate(spec[1:]):
            folder = "/".join(["c"] * depth)
            name = os.path.join(folder, f"e{number}")
            if kind in ("file", "other-name", "hidden-file"):
                target = {"file": name + ".md", "other-name": name + ".txt"}.get(kind)
                target = target or os.path.join(folder, f".e{number}.md")
                with open(target, "w") as handle:
                    handle.write("---\ntitle: T\n---\n")
                if kind == "file":
                    expected.append(target)
            elif kind in ("folder", "hidden-folder"):
                inner = name if kind == "folder" else os.path.join(folder, f".e{number}")
                os.mkdir(inner)
                with open(os.path.join(inner, "in.md"), "w") as handle:
                    handle.write("---\ntitle: T\n---\n")
                if kind == "folder":
                    expected.append(os.path.join(inner, "in.md"))
            elif kind == "loop":  # a link up to an ancestor folder: never followed
                os.symlink("/".join([".."] * max(depth, 1)) or ".", name + ".md")
            elif kind == "link-folder":  # a link to the root folder
                os.symlink(root, name)
            elif kind == "link-file":
                with open(name + ".real.md", "w") as handle:
                    handle.write("---\ntitle: T\n---\n")
                os.symlink(os.path.basename(name) + ".real.md", name + ".md")
                expected += [name + ".md", name + ".real.md"]
            else:  # dangling
                os.symlink(os.path.join(root, "nowhere.md"), name + ".md")
                expected.append(name + ".md")
    finally:
        os.chdir(here)
    return sorted(os.path.join(root, path) for path in expected)


def _remove_tree(root: str) -> None:
    # shutil.rmtree recurses once per level: 1,000 levels deep it fails.
    stack = [root]
    while stack:
        folder = stack[-1]
        with os.scandir(folder) as listing:
            entries = list(listing)
        folders = [e.path for e in entries if e.is_dir(follow_symlinks=False)]
        for entry in entries:
            if not entry.is_dir(follow_symlinks=False):
                os.unlink(entry.path)
        if folders:
            stack.extend(folders)
        else:
            os.rmdir(stack.pop())


@HOSTILE_FOLDERS
@given(folder_trees())
def test_deep_trees_and_symlink_loops(spec: list[tuple[int, str]]) -> None:
    root = os.path.realpath(tempfile.mkdtemp(prefix="newsmeta-tree-"))
    try:
        expected = _build_tree(root, spec)
        # Loops are links to folders named *.md: neither entered nor reported.
        walked = [r.name for r in newsmeta.parse_many(root)]
        pattern = os.path.join(root, "**", "*.md")
        globbed = [r.name for r in newsmeta.parse_many(pattern) if r.name != pattern]
        assert sorted(walked) == expected
        assert len(set(walked)) == len(walked)
        assert globbed == walked
    finally:
        _remove_tree(root)


@HOSTILE_MIX
@given(hostile_documents())
def test_the_mix_users_get(data: str | bytes) -> None:
    # newsmeta.testing.hostile_documents() adds alias bombs, deep nesting, huge
    # numbers, dumped YAML values and raw YAML fragments to the generators above.
    check(data)
