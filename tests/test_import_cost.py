"""``import newsmeta`` loads only what parsing a clean YAML file needs (issue 14: import time).

cattrs is a dependency, but its converters are built on the first parse.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import sysconfig

from hypothesis import given
from hypothesis import strategies as st

from newsmeta._meaning import _meaning
from newsmeta._paths import _SEGMENT, path_problem

from .conftest import ROOT

#: Modules that only an error path, another format or an output needs.
_LATER = (
    "traceback", "textwrap", "base64", "json", "tomllib", "ruamel", "dateutil",
    "newsmeta.repair", "newsmeta.unclosed", "newsmeta.serialize", "newsmeta.batch",
    "newsmeta._toml_keys",
)  # fmt: skip


def test_import_and_a_clean_parse_load_nothing_they_do_not_need() -> None:
    code = (
        "import sys, newsmeta\n"
        f"later = {_LATER!r}\n"
        "print(sorted(m for m in (*later, 'cattrs') if m in sys.modules))\n"
        "newsmeta.parse('---\\ntitle: Hi\\ndate: 2024-05-01T10:00:00Z\\ntags: [a, b]\\n---\\n')\n"
        "print(sorted(m for m in later if m in sys.modules))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert run.stdout == "[]\n[]\n"


#: Besides attrs' own imports, what ``import newsmeta`` may load: dates and the
#: conversion's context variables, which parsing any dated file needs.
_ALLOWED_BEYOND_ATTRS = frozenset(("datetime", "_datetime", "math", "contextvars", "_contextvars"))
#: Modules the first cut of issue 14 removed from the import; named so that the
#: failure says which one came back.
_NOT_AT_IMPORT = (
    "urllib.parse", "ipaddress", "pathlib", "fnmatch", "importlib.metadata",
    "newsmeta.dialects", "newsmeta.generic",  # built on the first Parser()
)  # fmt: skip


def test_import_loads_no_module_beyond_attrs_and_dates() -> None:
    # -S: no site, so no .pth hook (the editable install's finder imports pathlib and
    # urllib.parse itself) loads anything before newsmeta does; the paths are given.
    paths = [
        str(ROOT),
        *sorted({sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}),
    ]
    code = (
        "import sys\n"
        f"sys.path[:0] = {paths!r}\n"
        "before = set(sys.modules)\n"
        "import attrs\n"
        "after_attrs = set(sys.modules)\n"
        "import newsmeta\n"
        "new = set(sys.modules) - after_attrs\n"
        "print(sorted(m for m in new if m.split('.')[0] != 'newsmeta'))\n"
        f"print(sorted(m for m in {_NOT_AT_IMPORT!r} if m in sys.modules))\n"
        "print(newsmeta.__file__)\n"
    )
    run = subprocess.run(
        [sys.executable, "-S", "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    beyond, named, location = run.stdout.splitlines()
    assert location == str(ROOT / "newsmeta" / "__init__.py")
    assert named == "[]"
    assert set(ast.literal_eval(beyond)) <= _ALLOWED_BEYOND_ATTRS, beyond


# Fast paths that keep the built-in dialects cheap to build at import; each must agree
# with the general path it skips.
_KEY_TEXT = st.text(st.sampled_from("aZ09._-:[] \n\té߲٣Ⅻ·\u00a0\u200b"), max_size=10)


def test_isalnum_is_a_word_character_but_underscore_for_every_character() -> None:
    # _meaning's fast path: a key with nothing but such characters has no separator.
    word = re.compile(r"[^\W_]")
    for code in range(sys.maxunicode + 1):
        character = chr(code)
        assert character.isalnum() == (word.fullmatch(character) is not None), hex(code)


@given(_KEY_TEXT)
def test_meaning_fast_path_is_the_regex(key: str) -> None:
    assert _meaning(key) == re.sub(r"[\W_]+", "", key).casefold()


@given(_KEY_TEXT)
def test_path_problem_fast_path_is_the_segment_check(path: str) -> None:
    general = ""
    if not path.strip():
        general = "expected a non-empty key such as 'title' or 'meta.issued'"
    elif any(_SEGMENT.match(segment) is None for segment in path.split(".")):
        general = "expected keys joined by '.', each optionally followed by [0] or []"
    elif path.count("[]") > 1:
        general = "at most one '[]' is allowed"
    assert path_problem(path) == general
