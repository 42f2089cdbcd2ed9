"""Repair mode: the front matter an author plainly meant, and plain words when it is refused.

Everything here runs only after the normal reading failed, so a file that parses
as it is is never touched and pays nothing.  Three entry points:

- ``explain(text, error, line_offset)``: a YAML ``LoadError`` whose line holds a
  known authoring mistake, reworded to say what is wrong and how to write it
  (``load`` calls it on its error path).
- ``repair_yaml(parts, error, load)``: with ``Parser(repair=True)``, rewrite the
  offending lines and load again; one ``repaired-yaml`` diagnostic per line.
- ``close_front_matter(text, error, repair=...)``: a ``---`` block never closed,
  whose ``key: value`` lines end at a blank line, read as ending there (with an
  ``unclosed-front-matter`` diagnostic), or a hint that repair mode would.

The mistakes recognised, on one line of block YAML (``key: value``, ``- value``
or ``- key: value`` at any indentation):

- a quote inside a quoted scalar: ``'AI's future'``, ``'AI\\'s future'`` (a
  backslash escapes nothing in single quotes), ``"say "hi""``;
- ``: `` (or a final ``:``) inside a plain scalar: ``title: Breaking: news``;
- a plain scalar that starts with a character YAML reserves: ``author: @jane``.

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

from .errors import FrontMatterError, LoadError, NewsmetaError
from .load import Loaded
from .model import Diagnostic
from .split import Split, decode

__all__ = ["MAX_REPAIRS", "close_front_matter", "explain", "repair_yaml"]

#: Lines repaired in one front matter at most; each repair costs one more load.
MAX_REPAIRS: Final = 20

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
    at most ``MAX_REPAIRS`` of them.  The result carries one ``repaired-yaml``
    diagnostic per rewritten line, front-matter relative like ``load``'s.
    """
    if parts.format not in ("yaml", "hexo-yaml"):
        raise error  # TOML, JSON and metadata headers have no such mistakes to read through
    lines = parts.front_matter.split("\n")
    repairs: list[Diagnostic] = []
    current: NewsmetaError = error
    while len(repairs) < MAX_REPAIRS:
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


# -- an unclosed fence ----------------------------------------------------------------

_YAML_OPENER: Final = re.compile(r"---[ \t]*(?:[Yy][Aa]?[Mm][Ll])?[ \t]*\Z")
_CLOSER: Final = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
_FIRST_KEY: Final = re.compile(r"""[^\s#'"\[\]{},&*!|>%@`?:-][^\n]*?:(?: |$)""")


def close_front_matter(
    text: str, error: FrontMatterError, *, repair: bool, load: Callable[[Split], Loaded]
) -> Split:
    """A YAML block never closed, read as ending at its first blank line; else *error*.

    Only when the lines between the ``---`` opener and the first blank line
    load as a mapping, the first of them a ``key: value`` at the left margin,
    and no closing line follows anywhere.  With *repair* false, *error* comes
    back with a hint when repair mode would read the file.
    """
    lines = _lines(text)
    opener = _opener(lines)
    if opener is None or any(_CLOSER.match(line) for line in lines[opener + 1 :]):
        raise error  # a closing line exists: whatever failed, it was not this
    found = _split_at_blank_line(lines, opener, len(lines) - 1, load)
    if found is None:
        raise error
    split, blank = found
    if not repair:
        raise FrontMatterError(
            f"{error.reason} (repair mode, Parser(repair=True) or --repair, would end it "
            f"at the blank line {blank})",
            path=error.path,
            line=error.line,
            column=error.column,
        )
    return _with_diagnostic(split, f"is never closed; read it as ending at the blank line {blank}")


def reopen_front_matter(
    text: str | bytes,
    parts: Split,
    error: LoadError,
    *,
    repair: bool,
    load: Callable[[Split], Loaded],
) -> Split:
    """A YAML block "closed" by a ``---`` rule in the body, read as ending at its blank line.

    The author forgot the closing line, and a ``---`` further down (a Markdown
    rule) closed the block instead, so its YAML fails to load after a blank line.
    Read as ending there only when the first line after the blank (comments
    aside, a Markdown heading reads as one) is not YAML-like (``key:``,
    ``- item``, indented) and *error* (in file lines) lies at or after it;
    otherwise *error*.  *text* is the whole document, decoded only when needed.
    """
    if parts.format != "yaml" or error.line is None:
        raise error
    inside = parts.front_matter.split("\n")  # the lines after the opener, up to the closer
    blank = _first_blank(inside, -1, len(inside))
    after = next((i for i in range(blank + 1, len(inside)) if inside[i].strip()[:1] not in "#"), -1)
    offset = parts.line_offset + 1  # file line of inside[0]
    if after == -1 or error.line < after + offset or not _reads_as_text(inside[after]):
        raise error
    lines = _lines(text if isinstance(text, str) else decode(text))
    opener = parts.line_offset - 1
    closer = opener + len(inside)  # (inside ends with what follows its last line break)
    if _opener(lines) != opener:
        raise error
    found = _split_at_blank_line(lines, opener, closer, load)
    if found is None:
        raise error
    split, blank_line = found
    why = (
        f"is not closed before the body (the '---' at line {closer + 1} closed it, and line "
        f"{after + offset} is not YAML)"
    )
    if not repair:
        raise LoadError(
            f"front matter opened with '---' {why}; add a line '---' at the blank line "
            f"{blank_line}, or read it in repair mode (Parser(repair=True), --repair)",
            path=error.path,
            line=after + offset,
            column=1,
        )
    return _with_diagnostic(split, f"{why}; read it as ending at the blank line {blank_line}")


def _lines(text: str) -> list[str]:
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _opener(lines: list[str]) -> int | None:
    """Index of the ``---`` opener line (after leading blank lines), if the file has one."""
    opener = next((i for i, line in enumerate(lines) if line.strip()), None)
    if opener is None or _YAML_OPENER.match(lines[opener]) is None:
        return None
    return opener


def _first_blank(lines: list[str], opener: int, stop: int) -> int:
    """Index of the first blank line after *opener* and before *stop*, else *stop*."""
    return next((i for i in range(opener + 1, stop) if not lines[i].strip(" \t")), stop)


def _reads_as_text(line: str) -> bool:
    """Whether *line* is body text rather than more YAML (a key, an item, indented)."""
    return not (line[:1] in (" ", "-") or _FIRST_KEY.match(line) is not None)


def _split_at_blank_line(
    lines: list[str], opener: int, stop: int, load: Callable[[Split], Loaded]
) -> tuple[Split, int] | None:
    """(the split ending at the first blank line before *stop*, that line's number) or None.

    The lines before it must start with a ``key:`` at the left margin and load
    as a non-empty mapping.
    """
    # (The last item of *lines* is what follows the final line break, not a line.)
    blank = _first_blank(lines, opener, min(stop, len(lines) - 1))
    block = lines[opener + 1 : blank]
    if blank >= min(stop, len(lines) - 1) or not block or _FIRST_KEY.match(block[0]) is None:
        return None
    front = "".join(line + "\n" for line in block)
    split = Split("yaml", front, "\n".join(lines[blank + 1 :]), opener + 1)
    try:
        if not load(split).mapping:
            return None
    except NewsmetaError:
        return None
    return split, blank + 1


def _with_diagnostic(split: Split, what: str) -> Split:
    diagnostic = Diagnostic(
        code="unclosed-front-matter",
        message=f"front matter opened with '---' {what} (add a line '---' there)",
        line=split.line_offset,
        column=1,
    )
    return Split("yaml", split.front_matter, split.body, split.line_offset, (diagnostic,))
