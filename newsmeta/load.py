"""Step 2: front-matter text -> a plain mapping of string keys.

YAML goes through our loader on ruamel.yaml's C parser (YAML 1.2: ``no`` and
``on`` stay strings), TOML through ``tomllib``, JSON through ``json``.  Every
parser error becomes a ``LoadError`` with a position inside the front matter;
the caller shifts it to file lines.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Mapping
from typing import Any

from . import _yaml
from ._lazy_re import lazy
from ._numbers import int_digits_limit, too_long_integer, too_long_message
from ._record import Record
from ._words import kind_of
from .dates import INVALID_DATE
from .errors import LimitError, LoadError, NewsmetaError, StructureError
from .model import Diagnostic
from .split import Split

__all__ = ["Loaded", "load", "locate_key"]

_TOML_POSITION = lazy(r"\(at line (\d+), column (\d+)\)")


class Loaded(Record):
    """The loaded mapping and what loading noticed (duplicate keys, emptiness)."""

    __slots__ = ("mapping", "diagnostics")
    mapping: Mapping[str, Any]
    diagnostics: tuple[Diagnostic, ...]

    def __init__(
        self, mapping: Mapping[str, Any], diagnostics: tuple[Diagnostic, ...] = ()
    ) -> None:
        object.__setattr__(self, "mapping", mapping)
        object.__setattr__(self, "diagnostics", diagnostics)


def load(
    split: Split,
    *,
    duplicate_keys: _yaml.DuplicatePolicy = "error",
    max_alias_expansion: int = 10_000,
    max_depth: int = 200,
) -> Loaded:
    """Parse the front matter of *split*; positions in errors are front-matter relative."""
    diagnostics: list[Diagnostic] = []
    _reject_nul(split.front_matter)
    if split.format in _LENIENT:
        diagnostics.append(_LENIENT[split.format])
    duplicates: tuple[tuple[str, int, int], ...] = ()
    if split.format in ("yaml", "hexo-yaml", "multimarkdown"):  # duplicates reported alike
        if split.format == "multimarkdown":
            from ._multimarkdown import load_multimarkdown  # rare: imported when first needed

            value, duplicates = load_multimarkdown(
                split.front_matter, keep_last=duplicate_keys == "last"
            )
        else:
            impossible: list[_yaml.KeptTimestamp] = []
            try:
                value, duplicates = _load_yaml(
                    split.front_matter,
                    duplicate_keys=duplicate_keys,
                    max_alias_expansion=max_alias_expansion,
                    max_depth=max_depth,
                    impossible_dates=impossible,
                )
            except LoadError as error:
                # Error path only: a known authoring mistake is reworded in plain words.
                from .repair import explain

                raise explain(split.front_matter, error, split.line_offset) from error.__cause__
            diagnostics.extend(_invalid_date(*found) for found in impossible)
    elif split.format == "toml":
        from ._toml_keys import check_toml_keys  # TOML only: ~1.5 ms of import time

        check_toml_keys(split.front_matter, max_depth)
        value = _load_toml(split.front_matter)
        _check_depth(value, split.front_matter, max_depth)
        _check_integers(value, split.front_matter)
    else:
        value, duplicates = _load_json(split.front_matter, duplicate_keys)
        _check_depth(value, split.front_matter, max_depth)
    diagnostics.extend(
        Diagnostic(
            code="duplicate-key",
            message=f"key {key!r} repeated; the last value was kept",
            key=key,
            line=line,
            column=column,
        )
        for key, line, column in duplicates
    )
    # YAML needs no walk here: its loader counts depth (aliases included) as it builds.
    if value is None:
        diagnostics.append(Diagnostic(code="empty-front-matter", message="front matter is empty"))
        value = {}
    if not isinstance(value, dict):
        raise StructureError(
            f"front matter is {kind_of(value)}; expected a mapping of keys to values",
            line=1,
            column=1,
        )
    for key in value:
        if not isinstance(key, str):
            # Only YAML has non-string keys; JSON and TOML keys are always text.
            line, column = _yaml.locate(split.front_matter, [key]) or (1, 1)
            raise StructureError(
                f"key {key!r} is {kind_of(key)}; expected a string key",
                line=line,
                column=column,
            )
    return Loaded(value, tuple(diagnostics))


#: The diagnostic of each format that was recognised without fences (a lenient choice).
_LENIENT: Mapping[str, Diagnostic] = {
    "hexo-yaml": Diagnostic(
        code="unfenced-front-matter",
        message="front matter has no opening '---'; read as Hexo's YAML, up to the first '---'",
        line=1,
        column=1,
    ),
    "multimarkdown": Diagnostic(
        code="unfenced-front-matter",
        message="no fenced front matter; the 'Key: value' lines before the first blank line "
        "read as a MultiMarkdown/Pelican metadata header (values are text)",
        line=1,
        column=1,
    ),
}


def _reject_nul(text: str) -> None:
    # YAML forbids NUL outright and TOML and JSON only allow it escaped; saying so
    # up front gives one clear message (with a position) for every format.
    index = text.find("\x00")
    if index != -1:
        line, column = _position(text, index)
        raise LoadError(
            "NUL character (U+0000) in the front matter; expected text without NUL bytes",
            line=line,
            column=column,
        )


def _position(text: str, index: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def _invalid_date(path: tuple[str | int, ...], text: str, line: int, column: int) -> Diagnostic:
    key = ".".join(map(str, path))
    return Diagnostic(
        code=INVALID_DATE,
        message=f"{key!r} is {text!r}, a date that does not exist; kept as text",
        key=key,
        line=line,
        column=column,
    )


def _load_yaml(
    text: str,
    *,
    duplicate_keys: _yaml.DuplicatePolicy,
    max_alias_expansion: int,
    max_depth: int,
    impossible_dates: list[_yaml.KeptTimestamp],
) -> tuple[Any, tuple[tuple[str, int, int], ...]]:
    # The loader's contract is to raise only newsmeta errors; this guard keeps a
    # file from crashing a batch if ruamel lets something else escape.
    try:
        return _yaml.load_yaml(
            text,
            duplicate_keys=duplicate_keys,
            max_alias_expansion=max_alias_expansion,
            max_depth=max_depth,
            impossible_dates=impossible_dates,
        )
    except NewsmetaError:
        raise
    except RecursionError as exc:
        raise _too_deep(text, None, "the YAML loader's recursion limit") from exc
    except MemoryError as exc:
        raise LimitError("YAML document too large to load") from exc
    except Exception as exc:
        raise LoadError(f"invalid YAML: {type(exc).__name__}: {exc}") from exc


def _load_toml(text: str) -> Any:
    # Imported here: most front matter is YAML, and tomllib costs ~2 ms to import.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised only on 3.10
        import tomli as tomllib

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = _TOML_POSITION.search(message)
        line = int(match.group(1)) if match else None
        column = int(match.group(2)) if match else None
        reason = _TOML_POSITION.sub("", message).strip()
        raise LoadError(f"invalid TOML: {reason}", line=line, column=column) from exc
    except RecursionError as exc:  # tomllib recurses into nested arrays and tables
        raise _too_deep(text, None, "the TOML parser's recursion limit") from exc
    except ValueError as exc:  # e.g. an integer longer than int() accepts
        # tomllib reads decimal integers with int(), which refuses more than 4,300
        # digits: say so as for every other integer, at the first such run of digits.
        limit = int_digits_limit()
        found = re.search(rf"[0-9][0-9_]{{{limit},}}", text) if limit else None
        if found is None:
            raise LoadError(f"invalid TOML: {exc}") from exc
        line, column = _position(text, found.start())
        raise LoadError(
            f"invalid TOML: {too_long_message(limit)}", line=line, column=column
        ) from exc


def _load_json(
    text: str, duplicate_keys: _yaml.DuplicatePolicy
) -> tuple[Any, tuple[tuple[str, int, int], ...]]:
    from ._json import load_json

    try:
        value, duplicates = load_json(text, duplicate_keys=duplicate_keys)
    except RecursionError as exc:
        raise _too_deep(text, None, "the JSON parser's recursion limit") from exc
    # json.loads joins an escaped surrogate pair but lets a lone one through.
    from ._surrogates import lone_escape_in_json, lone_surrogate_error

    lone = lone_escape_in_json(text)
    if lone is not None:
        raise lone_surrogate_error(text, *lone)
    return value, duplicates


def _check_depth(value: Any, text: str, max_depth: int) -> None:
    """Refuse values nested deeper than *max_depth* (the root mapping is level 1).

    JSON and TOML parsers have no depth limit of their own, and a YAML loader
    might not either; what they build must not blow the stack later, in
    conversion or ``to_dict``.  Iterative, and each container is walked once
    per depth it is reached at, so values shared through YAML aliases cost
    nothing extra.
    """
    if not isinstance(value, dict | list):
        return
    reached: dict[int, int] = {}
    pending: list[tuple[Any, int]] = [(value, 1)]
    while pending:
        node, depth = pending.pop()
        if depth > max_depth:
            raise _too_deep(text, max_depth, None)
        if reached.get(id(node), 0) >= depth:
            continue
        reached[id(node)] = depth
        children = node.values() if isinstance(node, dict) else node
        pending.extend((child, depth + 1) for child in children if isinstance(child, dict | list))


# A hex, octal or binary literal long enough to exceed the decimal digit limit.
_LONG_RADIX_LITERAL = lazy(r"0[xob][0-9A-Fa-f_]{1000,}")


def _check_integers(value: Any, text: str) -> None:
    """Refuse an integer too long to write in decimal (see ``newsmeta._numbers``).

    tomllib reads ``0xFFF...`` of any length, and str(), repr() and json.dumps of the
    value would fail later.  The text is searched first, so the values are only
    walked when such a literal is there at all (it might sit inside a string).
    """
    found = _LONG_RADIX_LITERAL.search(text)
    if found is None:
        return
    pending = [value]
    while pending:
        node = pending.pop()
        if isinstance(node, dict):
            pending.extend(node.values())
        elif isinstance(node, list):
            pending.extend(node)
        elif isinstance(node, int):
            problem = too_long_integer(node)
            if problem is not None:
                line, column = _position(text, found.start())
                raise LoadError(f"invalid TOML: {problem}", line=line, column=column)


_BRACKET_OR_STRING = lazy(r'"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*|[\[\]{}]')


def _too_deep(text: str, max_depth: int | None, because: str | None) -> LimitError:
    """A LimitError pointing at the first bracket nested deeper than allowed.

    Brackets are found by a scan that skips strings and comments (close enough
    for JSON and TOML; error path only).  Nesting built from TOML table headers
    has no bracket to point at, so the error then has no position.
    """
    limit = max_depth if max_depth is not None else 0
    depth = 0
    deepest = (0, -1)
    for match in _BRACKET_OR_STRING.finditer(text):
        token = match.group()
        if token == "[" or token == "{":
            depth += 1
            if max_depth is not None and depth > limit:
                deepest = (depth, match.start())
                break
            if depth > deepest[0]:
                deepest = (depth, match.start())
        elif token == "]" or token == "}":
            depth -= 1
    if max_depth is not None and deepest[0] <= limit:
        deepest = (0, -1)  # nested through TOML table headers: nothing to point at
    line, column = _position(text, deepest[1]) if deepest[1] >= 0 else (None, None)
    if max_depth is not None:
        reason = f"nesting deeper than {max_depth} levels (Parser(max_depth=...))"
    else:
        reason = f"nesting deeper than {because} allows"
    return LimitError(reason, line=line, column=column)


def locate_key(split: Split, path: tuple[str | int, ...]) -> tuple[int, int] | None:
    """File position (1-based line, column) of the key at *path*, if it can be found.

    Only called on the error path, so it may re-read the front matter slowly.
    """
    if not path:
        return None
    yaml = split.format == "yaml" or split.format == "hexo-yaml"
    if yaml and len(path) > 1:
        found = _yaml.locate(split.front_matter, path)
    else:
        # A top-level key sits at the start of a line in block YAML, TOML,
        # metadata headers and pretty JSON; a regex finds it without re-parsing.
        found = _search_key(split.front_matter, path)
        if found is None and yaml:
            found = _yaml.locate(split.front_matter, path)
    if found is None:
        return None
    return found[0] + split.line_offset, found[1]


def _search_key(text: str, path: tuple[str | int, ...]) -> tuple[int, int] | None:
    # TOML and JSON parsers keep no positions; the last named key on a line of
    # its own is a good enough pointer for a human.
    for part in reversed(path):
        if isinstance(part, str):
            return _key_position(text, part)
    return None


def _key_position(text: str, name: str) -> tuple[int, int] | None:
    match = _first_key_line(text, name)
    if match is None:
        return None
    line = text.count("\n", 0, match.start()) + 1
    return line, len(match.group(1)) + 1


def _first_key_line(text: str, name: str) -> re.Match[str] | None:
    """``_key_line(name).search(text)``, trying first the line where *name* first occurs.

    A match holds *name* after the blanks (and a quote) that start its line, so
    no line before that one can match.  The search tried every character of the
    front matter (~2 µs for a small one), for each diagnostic placed.
    """
    first = text.find(name)
    if first == -1:
        return None
    line_start = text.rfind("\n", 0, first) + 1
    pattern = _key_line(name)
    return pattern.match(text, line_start) or pattern.search(text, line_start + 1)


def _key_line(name: str) -> re.Pattern[str]:
    """The pattern of a line where key *name* starts (see ``_search_key``)."""
    # Diagnostics of small documents (a date without a time) are placed this way,
    # and building the pattern took two thirds of it: sources repeat their key
    # names, so short ones are remembered (a hostile file's long keys are not).
    return _remembered_key_line(name) if len(name) <= 100 else _compile_key_line(name)


def _compile_key_line(name: str) -> re.Pattern[str]:
    return re.compile(r"""^([ \t]*)["']?""" + re.escape(name) + r"""["']?[ \t]*[=:]""", re.M)


_remembered_key_line = functools.lru_cache(maxsize=512)(_compile_key_line)
