"""Repair mode for YAML lines: what an author plainly meant, and plain words when refused.

Everything here runs only after the normal reading failed, so a file that parses
as it is is never touched and pays nothing.  Two entry points:

- ``explain(text, error, line_offset)``: a YAML ``LoadError`` whose line holds a
  known authoring mistake, reworded to say what is wrong and how to write it
  (``load`` calls it on its error path).
- ``repair_yaml(parts, error, load)``: with ``Parser(repair=True)``, rewrite the
  offending lines and load again; one ``repaired-yaml`` diagnostic per line.

A ``---`` block left open is the other repair (``newsmeta.unclosed``).

The mistakes recognised, on one line of block YAML (``key: value``, ``- value``
or ``- key: value`` at any indentation):

- a quote inside a quoted scalar: ``'AI's future'``, ``'AI\\'s future'`` (a
  backslash escapes nothing in single quotes), ``"say "hi""``;
- ``: `` (or a final ``:``) inside a plain scalar: ``title: Breaking: news``;
- a plain scalar that starts with a character YAML reserves: ``author: @jane``;
- a tab in the indentation (explained only: its width is anyone's guess).

Repair is conservative: a line is rewritten only when the value is quoted (or
plain) from its start to the end of the line, so that the intended text is
plainly everything in between; the rewritten line alone must load as that text,
and the whole front matter must load afterwards.  Otherwise the original error
stands.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final, NamedTuple

from .errors import LoadError, NewsmetaError
from .load import Loaded
from .model import Diagnostic
from .split import Split

__all__ = ["MAX_REPAIRS", "REPAIR_BUDGET", "explain", "repair_yaml"]

#: Lines repaired in one front matter at most; each repair costs one more load.
MAX_REPAIRS: Final = 20
#: Characters of front matter that repairs may load again per file: each repair is
#: followed by a load, and 20 loads of a 1 MiB block would take ten times one load.
#: Small front matter gets ``MAX_REPAIRS``; a 1 MiB block gets 4.
REPAIR_BUDGET: Final = 4 * 1024 * 1024

# Indentation and sequence dashes, then an optional plain key and its ': '.
_LEAD: Final = re.compile(r" *(?:- +)*")
# What may not start a plain key (a ':' inside one, as in 'og:title', belongs to it).
_NOT_KEY_START: Final = frozenset("#'\"[]{},&*!|>%@`?:- \t")
# Characters that may not start a plain scalar (a '-', '?' or ':' may, before a non-space).
_INDICATORS: Final = frozenset("#,[]{}&*!|>'\"%@`")
# Of those, the ones that mean nothing there but an error: the value is plainly text.
_RESERVED: Final = frozenset("@`%")


class _Mistake(NamedTuple):
    """One line's mistake: what, where (1-based, in the front matter), and its repair.

    ``end`` is the column of the quote that closes the scalar too early, or of
    the ':' read as a key.  ``scalar`` is the value rewritten as valid YAML, or
    ``None`` when the intended text is not plain enough to repair (it is checked
    by loading it only when repairing: explaining an error needs no load).
    """

    kind: str
    line: int
    start: int
    end: int
    key: str | None
    original: str
    scalar: str | None


# -- finding the mistake on a line ---------------------------------------------------


def _find(lines: list[str], number: int) -> _Mistake | None:
    """The mistake on line *number* (1-based) of *lines*, if it holds one we know."""
    if not 1 <= number <= len(lines):
        return None
    line = lines[number - 1]
    indent = len(line) - len(line.lstrip(" \t"))
    tab = line.find("\t", 0, indent)
    if tab != -1:  # no repair: how many spaces a tab stood for is anyone's guess
        return _Mistake("tab", number, tab + 1, tab + 1, None, line, None)
    lead = _LEAD.match(line)
    assert lead is not None  # the pattern matches the empty string
    at = lead.end()
    key = None
    colon = line.find(": ", at)  # str.find, not a regex: no backtracking on hostile lines
    name = line[at:colon].rstrip(" ") if colon > at else ""
    if name and name[0] not in _NOT_KEY_START and "\t" not in name:
        key = name
        at = len(line) - len(line[colon + 2 :].lstrip(" "))
    elif "-" not in lead.group():
        return None  # neither "key: value" nor "- value"
    value = line[at:].rstrip(" ")
    if not value:
        return None
    if value[0] in "'\"":
        return _quote_mistake(lines, number, at, key, value)
    return _plain_mistake(lines, number, at, key, value, lead.group())


def _quote_mistake(
    lines: list[str], number: int, at: int, key: str | None, value: str
) -> _Mistake | None:
    quote = value[0]
    close = _closing_quote(value)
    if close is None:
        return None  # continued on the next lines: not a one-line mistake
    after = value[close + 1 :]
    if not after or (after[0] == " " and after.lstrip(" ")[:1] == "#"):
        return None  # the scalar is fine; the error lies elsewhere
    if after.lstrip(" ")[:1] in (":", ","):
        return None  # a quoted key, or items without brackets: not a quote inside text
    backslash = value[close - 1] == "\\"  # 'AI\'s': a backslash escapes nothing there
    kind = "double" if quote == '"' else "backslash" if backslash else "single"
    return _Mistake(kind, number, at + 1, at + close + 1, key, lines[number - 1], _requoted(value))


_SEVERAL: Final = {"'": re.compile(r"' *[,:] *'"), '"': re.compile(r'" *[,:] *"')}
_SINGLE_QUOTE: Final = re.compile(r"\\'|''|'")
_DOUBLE_QUOTE: Final = re.compile(r'(\\.)|"')


def _requoted(value: str) -> str | None:
    """*value*, a quoted scalar with stray quotes inside, with those quotes escaped.

    ``None`` when what was meant is not plain: text after the last quote, or
    several quoted scalars (``'a', 'b'``, ``'a': 'b'``).
    """
    quote = value[0]
    if len(value) < 3 or value[-1] != quote:
        return None
    inner = value[1:-1]
    if _SEVERAL[quote].search(inner):
        return None
    if quote == "'":
        return "'" + _SINGLE_QUOTE.sub("''", inner) + "'"
    return '"' + _DOUBLE_QUOTE.sub(lambda m: m.group(1) or '\\"', inner) + '"'


def _closing_quote(value: str) -> int | None:
    """Index of the quote that ends the quoted scalar starting *value*, if on this line."""
    quote = value[0]
    index = 1
    while index < len(value):
        char = value[index]
        if quote == '"' and char == "\\":
            index += 2
            continue
        if char == quote:
            if quote == "'" and value[index + 1 : index + 2] == "'":
                index += 2  # '' is an escaped quote
                continue
            return index
        index += 1
    return None


def _plain_mistake(
    lines: list[str], number: int, at: int, key: str | None, value: str, lead: str
) -> _Mistake | None:
    """An unquoted value that starts with a reserved character, or holds ': '."""
    # str.find, not a regex: " +#" would backtrack quadratically over a run of spaces.
    comment = value.find(" #")
    plain = value if comment == -1 else value[:comment].rstrip(" ")
    if value[0] in _RESERVED:
        kind, end = "reserved", at + 1
    elif key is None or value[0] in _INDICATORS or (value[0] in "-?:" and value[1:2] in ("", " ")):
        return None
    else:
        colon = plain.find(": ")
        if colon == -1:
            colon = len(plain) - 1 if plain.endswith(":") else -1
        if colon == -1:
            return None
        kind, end = "colon", at + colon + 1
    scalar: str | None = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if comment != -1 or "\t" in value or _continues(lines, number, len(lead)):
        scalar = None  # a comment or more lines: the intended text is not plain
    elif "-" in lead and (kind == "colon" or ": " in plain or plain.endswith(":")):
        scalar = None  # "- a: b: c" may mean "- {a: 'b: c'}" or "- 'a: b: c'"
    return _Mistake(kind, number, at + 1, end, key, lines[number - 1], scalar)


def _continues(lines: list[str], number: int, indent: int) -> bool:
    """Whether the next non-blank line is more indented than the key: a multi-line value."""
    for line in lines[number:]:
        stripped = line.lstrip(" ")
        if stripped and not stripped.startswith("#"):
            return len(line) - len(stripped) > indent
    return False


def _repair(mistake: _Mistake) -> tuple[str, str] | None:
    """(the rewritten line, the text it reads as), if the rewritten value loads as text."""
    from . import _yaml

    if mistake.scalar is None:
        return None
    try:
        value, _ = _yaml.load_yaml(f"k: {mistake.scalar}\n")
    except NewsmetaError:
        return None
    intended = value.get("k") if isinstance(value, dict) else None
    if not isinstance(intended, str):
        return None
    prefix = mistake.original[: mistake.start - 1]
    return prefix + mistake.scalar, intended


# -- plain words ----------------------------------------------------------------------

_ADVICE: Final = {
    "single": "inside single quotes write an apostrophe as '', or use double quotes",
    "backslash": "a backslash escapes nothing in single quotes: write an apostrophe as '', "
    "or use double quotes",
    "double": 'inside double quotes write a quote as \\", or use single quotes',
    "colon": "put the whole value in quotes",
    "reserved": "put the whole value in quotes",
}


def _reason(mistake: _Mistake, offset: int) -> str:
    line = mistake.line + offset
    start = f"{line}:{mistake.start}"
    end = f"{line}:{mistake.end}"
    if mistake.kind == "tab":
        return (
            f"invalid YAML: line {line} is indented with a tab (at {end}); "
            "YAML indents with spaces only"
        )
    if mistake.kind == "reserved":
        first = mistake.original[mistake.start - 1]
        return (
            f"invalid YAML: the unquoted text that starts at {start} begins with {first!r}, "
            f"which YAML reserves; {_ADVICE['reserved']}"
        )
    if mistake.kind == "colon":
        at_end = len(mistake.original.rstrip(" ")) == mistake.end
        where = "ends with ':'" if at_end else "has ': '"
        return (
            f"invalid YAML: the unquoted text that starts at {start} {where} at {end}, "
            f"which YAML reads as a new key; {_ADVICE['colon']}"
        )
    kind = "double" if mistake.kind == "double" else "single"
    return (
        f"invalid YAML: the {kind}-quoted text that starts at {start} ends at {end}; "
        f"{_ADVICE[mistake.kind]}"
    )


def explain(text: str, error: LoadError, line_offset: int = 0) -> LoadError:
    """*error* in plain words when its line in *text* holds a known mistake, else *error*.

    *error* is front-matter relative; *line_offset* only turns the positions
    quoted in the message into file lines.  The result keeps the error's line
    and points at the quote or colon to fix.
    """
    if error.line is None:
        return error
    mistake = _find(text.split("\n"), error.line)
    if mistake is None:
        return error
    return LoadError(
        _reason(mistake, line_offset), path=error.path, line=mistake.line, column=mistake.end
    )


# -- repair ---------------------------------------------------------------------------


def repair_yaml(parts: Split, error: LoadError, load: Callable[[Split], Loaded]) -> Loaded:
    """What *load* gives once the mistaken lines of *parts* are rewritten; else *error*.

    Lines are repaired one error at a time (each repair is followed by a load),
    at most ``MAX_REPAIRS`` of them, and no more than ``REPAIR_BUDGET`` characters
    loaded again in all.  The result carries one ``repaired-yaml``
    diagnostic per rewritten line, front-matter relative like ``load``'s.
    """
    if parts.format not in ("yaml", "hexo-yaml"):
        raise error  # TOML, JSON and metadata headers have no such mistakes to read through
    lines = parts.front_matter.split("\n")
    repairs: list[Diagnostic] = []
    current: NewsmetaError = error
    allowed = min(MAX_REPAIRS, REPAIR_BUDGET // max(1, len(parts.front_matter)))
    while len(repairs) < allowed:
        line = current.line if isinstance(current, LoadError) else None
        mistake = None if line is None else _find(lines, line)
        repair = None if mistake is None else _repair(mistake)
        if mistake is None or repair is None:
            break
        lines[mistake.line - 1] = repair[0]
        repairs.append(_diagnostic(mistake, repair[1]))
        fixed = Split(parts.format, "\n".join(lines), parts.body, parts.line_offset)
        try:
            loaded = load(fixed)
        except NewsmetaError as again:
            current = again
            continue
        return Loaded(loaded.mapping, (*repairs, *loaded.diagnostics))
    raise error


def _diagnostic(mistake: _Mistake, intended: str) -> Diagnostic:
    import json  # only repaired files need it; the module costs ~1.5 ms to import

    original = mistake.original.strip()
    message = f"{original} read as {json.dumps(intended, ensure_ascii=False)}"
    if mistake.kind == "colon":
        message += " (a ': ' in unquoted text starts a new key: put the value in quotes)"
    elif mistake.kind == "reserved":
        first = mistake.original[mistake.start - 1]
        message += f" (YAML reserves {first!r} at the start of a value: put it in quotes)"
    else:
        message += f" ({_ADVICE[mistake.kind]})"
    indented = mistake.original[:1] == " " or mistake.original.lstrip(" ")[:1] == "-"
    return Diagnostic(
        code="repaired-yaml",
        message=message,
        key=None if indented else mistake.key,
        line=mistake.line,
        column=mistake.start,
    )
