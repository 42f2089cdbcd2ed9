"""Writing the drafted mapping file: YAML a person reads, checks and edits.

Every choice carries a comment with what it is based on (``publish_date:
5,383 of 5,383 files, all dates``); what the draft leaves out is listed too,
so nothing in the sample goes unmentioned.  The text is loaded back with
``load_adapter`` by the tests, so it is always a valid mapping file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from ._shapes import plural
from .adapter import Rule
from .extending import ExtendingAdapter

__all__ = ["render", "shapes_text"]

_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-\[\]]*")
_YAML_WORDS = frozenset({"null", "true", "false", "yes", "no", "on", "off", "y", "n"})
_COMMENT_COLUMN = 28


def shapes_text(files: int, total: int, shapes: tuple[tuple[str, int], ...]) -> str:
    """``5,383 of 5,383 files, all dates`` / ``4 of 6 files, 3 dates, 1 boolean``."""
    if len(shapes) == 1:
        kinds = f"all {plural(shapes[0][0])}"
    else:
        kinds = ", ".join(f"{n:,} {shape if n == 1 else plural(shape)}" for shape, n in shapes)
    return f"{files:,} of {total:,} file{'' if total == 1 else 's'}, {kinds}"


def _key(key: str) -> str:
    if _PLAIN_KEY.fullmatch(key) and key.lower() not in _YAML_WORDS:
        return key
    return json.dumps(key, ensure_ascii=False)  # a JSON string is a YAML double-quoted one


def _line(text: str, comment: str = "") -> str:
    if not comment:
        return text
    return f"{text.ljust(_COMMENT_COLUMN - 1)} # {comment}"


def render(
    *,
    name: str,
    sources: list[str],
    mappings: list[dict[str, Any]],
    unreadable: list[str],
    adapter: ExtendingAdapter,
    notes: Mapping[str, Any],
    skipped: Mapping[str, str],
    stats: Mapping[str, Any],
) -> str:
    """The commented YAML text of the draft."""
    from .infer import tally

    total = len(mappings)
    lines = [
        f"# Draft mapping file written by `newsmeta infer` from {total:,} "
        f"file{'' if total == 1 else 's'} ({', '.join(sources)}).",
        "# Check each choice against your source, edit, then parse with it:",
        f"#   newsmeta parse --adapter {name}.yaml PATH",
        "# Counts are files of the sample whose front matter holds the key (not empty).",
    ]
    if unreadable:
        lines.append(
            f"# {len(unreadable):,} file{'' if len(unreadable) == 1 else 's'} could not be "
            f"read and {'is' if len(unreadable) == 1 else 'are'} left out, e.g.:"
        )
        lines.append(f"#   {unreadable[0]}")
    lines += [
        f"name: {_key(name)}",
        f"description: Drafted by newsmeta infer from {total:,} files",
        _line("extends: generic", "fields not filled below are read as generic reads them"),
    ]
    if adapter.signature:
        lines.append(_line("signature:", "keys frequent here that no built-in dialect reads"))
        for key, weight in adapter.signature.items():
            files = stats[key].files
            lines.append(
                _line(f"  {_key(key)}: {weight:g}", f"{key}: {files:,} of {total:,} files")
            )
    else:
        lines.append(
            _line("detect: false", "no key is both frequent here and unusual: use --dialect")
        )
    if adapter.rules:
        lines.append(_line("fields:", "your rules first; generic fills what they leave empty"))
        lines += _fields(adapter.rules, notes, total)
    filled, kept = tally(adapter, mappings)
    alone, _ = tally(adapter.base, mappings)
    lines.append("#")
    lines.append("# Fields this draft fills (generic alone), in files of the sample:")
    for field in sorted(set(filled) | set(alone), key=_field_order):
        lines.append(f"#   {field}: {filled[field]:,} ({alone[field]:,}) of {total:,}")
    named = {path.split(".")[0].split("[")[0] for rule in adapter.rules for path in rule.paths}
    unmapped = sorted(
        ((key, files) for key, files in kept.items() if key not in named),
        key=lambda item: (-item[1], item[0]),
    )
    if unmapped:
        lines.append("# Not mapped (kept in each article's extra):")
        for key, files in unmapped:
            entry = stats.get(key)
            detail = (
                shapes_text(entry.files, total, tuple(entry.shapes.most_common()))
                if entry is not None
                else f"{files:,} of {total:,} files"
            )
            reason = f"; {skipped[key]}" if key in skipped else ""
            lines.append(f"#   {key}: {detail}{reason}")
    return "\n".join(_printable(line) for line in lines) + "\n"


def _printable(line: str) -> str:
    """*line* with line breaks and other control characters escaped (``\\u2028``).

    Keys and file names come from the sample: one holding a line break must not
    start a line of YAML of its own, in a comment or anywhere else.  Inside a
    double-quoted key the escape reads back as the same character.
    """
    if line.isprintable():
        return line
    return "".join(char if char.isprintable() else _escape(char) for char in line)


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _field_order(field: str) -> int:
    from .adapter import CANONICAL_FIELDS

    return list(CANONICAL_FIELDS).index(field) if field in CANONICAL_FIELDS else 99


def _fields(rules: tuple[Rule, ...], notes: Mapping[str, Any], total: int) -> list[str]:
    by_target: dict[str, list[Rule]] = {}
    for rule in rules:
        by_target.setdefault(rule.target, []).append(rule)
    lines: list[str] = []
    for target, group in by_target.items():
        lines.append(f"  {_key(target)}:")
        if len(group) == 1 and group[0].convert is None:
            lines += _paths(group[0], notes, total, "    ")
            continue
        for rule in group:
            indent = "      " if len(group) > 1 else "    "
            first = "    - " if len(group) > 1 else "    "
            lines.append(f"{first}paths:")
            lines += _paths(rule, notes, total, indent + "  ")
            if rule.pattern is not None:
                quoted = "'" + rule.pattern.replace("'", "''") + "'"
                lines.append(f"{indent}pattern: {quoted}")
            elif rule.convert is not None:
                lines.append(f"{indent}convert: {rule.convert}")
    return lines


def _paths(rule: Rule, notes: Mapping[str, Any], total: int, indent: str) -> list[str]:
    lines = []
    for path in rule.paths:
        note = notes.get(path)
        comment = f"{path}: {shapes_text(note.files, total, note.shapes)}" if note else ""
        lines.append(_line(f"{indent}- {_key(path)}", comment))
    return lines
