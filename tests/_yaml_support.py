"""Shared helpers for the test_yaml_* modules: front-matter extraction and normalisation."""

from __future__ import annotations

import datetime
import math
import re
from pathlib import Path
from typing import Any

SHARED = Path(__file__).parents[1].parent / "shared"


def front_matter(text: str) -> str | None:
    """YAML between a first line '---' and the next '---' or '...' line, else None."""
    text = text.removeprefix("\ufeff")
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != "---":
        return None
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return "".join(lines[1:index])
    return None


def corpus_front_matters(folder: str) -> list[tuple[str, str]]:
    root = SHARED / folder
    found = []
    for path in sorted(root.rglob("*")):
        if path.suffix not in (".md", ".markdown") or not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue  # UTF-16 fixtures and the like: not YAML front-matter tests
        fm = front_matter(text)
        if fm is not None:
            found.append((str(path.relative_to(SHARED)), fm))
    return found


def normalise(value: Any, back: dict[int, int] | None = None) -> Any:
    """Comparable form that keeps types (True != 1) and ignores documented differences.

    Documented value differences: the tzinfo object (compare offsets) and
    surrogate pairs from ``\\u`` escapes (joined into one character).  *back*
    turns stand-in characters in strings back into the ones they replaced.
    """
    if isinstance(value, dict):
        return ("map", {normalise(k, back): normalise(v, back) for k, v in value.items()})
    if isinstance(value, list):
        return ("seq", [normalise(v, back) for v in value])
    if isinstance(value, tuple):
        return ("tuple", tuple(normalise(v, back) for v in value))
    if isinstance(value, float) and math.isnan(value):
        return ("nan",)
    if isinstance(value, datetime.datetime):
        return ("datetime", value.replace(tzinfo=None), value.utcoffset())
    if isinstance(value, str):
        if back:
            value = value.translate(back)
        # Documented: escaped surrogate pairs ("\\ud83d\\ude00") become one character.
        return (
            "str",
            value.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass"),
        )
    return (type(value).__name__, value)


# Documented: NEL, LS and PS are ordinary characters (YAML 1.2), where libyaml and
# ruamel break lines at them (YAML 1.1).  Stock ruamel reads them as YAML 1.2 does when
# private-use characters absent from the text stand in for them.
_YAML_1_1_BREAKS = "\x85\u2028\u2029"


def _stock_yaml(pure: bool) -> Any:
    """Stock ruamel safe loading, but a timestamp that names no real day stays text.

    That is a documented difference (``newsmeta._yaml.DIFFERENCES``): ruamel lets a
    ``ValueError`` escape for ``2023-02-30``; newsmeta keeps the text and reports it.
    Only the timestamp constructor is replaced; every other verdict is ruamel's.
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.constructor import SafeConstructor

    class TextForImpossibleTimestamps(SafeConstructor):  # type: ignore[misc]
        def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
            try:
                return super().construct_yaml_timestamp(node, values)
            except ValueError:
                return self.construct_scalar(node)

    TextForImpossibleTimestamps.add_constructor(
        "tag:yaml.org,2002:timestamp", TextForImpossibleTimestamps.construct_yaml_timestamp
    )
    yaml = YAML(typ="safe", pure=pure)
    yaml.Constructor = TextForImpossibleTimestamps
    return yaml


def stock(text: str) -> tuple[str, Any]:
    """Stock ruamel's verdict: ("ok", normalised value) or ("error", exception name)."""
    back: dict[int, int] = {}
    if any(char in text for char in _YAML_1_1_BREAKS):
        free = (chr(code) for code in range(0xF8FF, 0xE000, -1) if chr(code) not in text)
        stand_ins = {char: next(free) for char in _YAML_1_1_BREAKS}
        text = text.translate({ord(old): new for old, new in stand_ins.items()})
        back = {ord(new): ord(old) for old, new in stand_ins.items()}
    try:
        return "ok", normalise(_stock_yaml(pure=False).load(text), back)
    except Exception as exc:  # stock lets ValueError, KeyError... escape
        surrogates = "invalid Unicode character escape code" in str(
            exc
        ) and _SURROGATE_ESCAPE.search(text)
        if "found unexpected ':'" in str(exc) or surrogates:
            # Documented differences: libyaml refuses "[a:b]" and surrogate escapes,
            # YAML 1.2 and ruamel's pure parser read them; newsmeta follows the pure
            # parser there, joining escaped pairs and refusing a lone surrogate.
            try:
                value = _stock_yaml(pure=True).load(text)
            except Exception as pure_exc:
                return "error", type(pure_exc).__name__
            if _has_lone_surrogate(value):
                return "error", "EncodingError"
            return "ok", normalise(value, back)
        return "error", type(exc).__name__


_SURROGATE_ESCAPE = re.compile(r"\\(?:u[dD][89a-fA-F]|U0000[dD][89a-fA-F])")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _has_lone_surrogate(value: Any) -> bool:
    if isinstance(value, str):
        joined = value.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
        return _SURROGATE.search(joined) is not None
    if isinstance(value, dict):
        return any(_has_lone_surrogate(k) or _has_lone_surrogate(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(_has_lone_surrogate(item) for item in value)
    return False


def ours(text: str) -> tuple[str, Any]:
    """newsmeta's verdict in the same shape; only newsmeta errors may escape."""
    from newsmeta._yaml import load_yaml
    from newsmeta.errors import NewsmetaError

    try:
        return "ok", normalise(load_yaml(text)[0])
    except NewsmetaError as exc:
        return "error", type(exc).__name__
