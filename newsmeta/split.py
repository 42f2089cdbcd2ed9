"""Step 1: find the front matter in a document and separate it from the body.

Newlines are normalised first (CRLF and lone CR become LF, like Python's text
mode), so line numbers count the same way editors do whatever the file used.
"""

from __future__ import annotations

import codecs

from ._lazy_re import lazy
from ._record import Record
from .errors import EncodingError, FrontMatterError, LimitError
from .model import Diagnostic, Format

__all__ = ["Format", "Split", "begins_with_front_matter", "decode", "split"]

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# An opener may carry a language tag (`---yaml`, `---js`); Hugo and Jekyll allow
# trailing blanks after the dashes.
_YAML_OPEN = lazy(r"---[ \t]*([A-Za-z][\w-]*)?[ \t]*\Z")
_YAML_CLOSERS = ("---", "...")
_TOML_FENCE = lazy(r"\+\+\+[ \t]*\Z")
_SUPPORTED_YAML_TAGS = {"yaml", "yml"}


class Split(Record):
    """Raw pieces of a document.

    ``line_offset`` is how many lines precede the front-matter text, so a
    1-based line inside ``front_matter`` plus ``line_offset`` is the file line.
    ``diagnostics`` are what a lenient reading noticed (file lines), e.g. a
    fence that repair mode closed.
    """

    __slots__ = ("format", "front_matter", "body", "line_offset", "diagnostics")
    format: Format
    front_matter: str
    body: str
    line_offset: int
    diagnostics: tuple[Diagnostic, ...]

    def __init__(
        self,
        format: Format,
        front_matter: str,
        body: str,
        line_offset: int,
        diagnostics: tuple[Diagnostic, ...] = (),
    ) -> None:
        set_ = object.__setattr__
        set_(self, "format", format)
        set_(self, "front_matter", front_matter)
        set_(self, "body", body)
        set_(self, "line_offset", line_offset)
        set_(self, "diagnostics", diagnostics)


def decode(data: bytes, *, path: str | None = None) -> str:
    """Bytes -> text: honour a BOM (UTF-8/16/32), else require UTF-8."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise _decode_error(data, exc, encoding, path, len(bom)) from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _decode_error(data, exc, "utf-8", path, 0) from exc


_LINE_BREAK = lazy(r"\r\n|\r|\n")


def _decode_error(
    data: bytes, exc: UnicodeDecodeError, encoding: str, path: str | None, skip: int
) -> EncodingError:
    # Everything before the bad byte decoded fine; count lines and columns in
    # characters of that text, with line breaks counted as split() counts them.
    before = data[skip : skip + exc.start].decode(encoding, errors="replace")
    lines = _LINE_BREAK.split(before)
    line, column = len(lines), len(lines[-1]) + 1
    return EncodingError(
        f"invalid {encoding.upper()} byte 0x{exc.object[exc.start]:02x}; expected {encoding} text",
        path=path,
        line=line,
        column=column,
    )


def _normalise(text: str) -> str:
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def split(text: str, *, path: str | None = None, max_front_matter: int | None = None) -> Split:
    """Separate front matter from body; raise ``FrontMatterError`` if there is none.

    The three fenced forms are recognised by their first line; only a file
    that starts with none of them is tried, in this order, as Hexo's YAML
    without an opening ``---`` and as a MultiMarkdown/Pelican ``Key: value``
    header (see ``_unfenced``).

    With *max_front_matter*, the search for the end of the front matter stops
    (``LimitError``) once it is longer than that many characters, so a huge
    file is refused without being scanned to the end.
    """
    text = _normalise(text)
    start = 0
    skipped = 0
    # Leading blank lines are tolerated (many generators emit one).  Found with
    # C-speed scans (a Python loop took 13 s over 60 million blank lines): the
    # first line holding a non-blank character starts after the last newline
    # before that character.
    if text[:1].isspace():
        first_content = len(text) - len(text.lstrip())
        start = text.rfind("\n", 0, first_content) + 1
        skipped = text.count("\n", 0, start)
    first_end = text.find("\n", start)
    first = text[start:] if first_end == -1 else text[start:first_end]
    opener_line = skipped + 1
    rest_start = len(text) if first_end == -1 else first_end + 1

    if first == "---":  # nearly every file: the opener without a tag, no pattern needed
        return _fenced(
            text, rest_start, opener_line, "yaml", _YAML_CLOSERS, "---", path, max_front_matter
        )
    yaml_open = _YAML_OPEN.match(first)
    if yaml_open:
        language = yaml_open.group(1)
        if language is not None and language.lower() not in _SUPPORTED_YAML_TAGS:
            raise FrontMatterError(
                f"unsupported front-matter language {language!r}; expected YAML, TOML or JSON",
                path=path,
                line=opener_line,
                column=4,
            )
        return _fenced(
            text, rest_start, opener_line, "yaml", _YAML_CLOSERS, "---", path, max_front_matter
        )
    if _TOML_FENCE.match(first):
        return _fenced(
            text, rest_start, opener_line, "toml", ("+++",), "+++", path, max_front_matter
        )
    if first.startswith("{"):
        return _json_block(text, start, opener_line, path, max_front_matter)
    found = _unfenced_split(text, start, skipped, max_front_matter)
    if found is not None:
        return found
    raise FrontMatterError(
        "no front matter; expected '---' (YAML), '+++' (TOML) or '{' (JSON) on the first line",
        path=path,
        line=opener_line,
        column=1,
    )


def begins_with_front_matter(head: str) -> bool:
    """Whether *head* (the start of a file) opens a fenced front-matter block.

    For sniffing files that usually hold none (``.html`` pages): only the
    fenced forms count, and a ``{`` only when a JSON key or ``}`` follows, so
    that template code (``{% raw %}``, ``{{ x }}``) is not taken for JSON.
    """
    head = _normalise(head).lstrip()
    end = head.find("\n")
    first = head if end == -1 else head[:end]
    if _YAML_OPEN.match(first) or _TOML_FENCE.match(first):
        return True
    return _JSON_OPEN.match(head) is not None


_JSON_OPEN = lazy(r'\{\s*["}]')


def _unfenced_split(
    text: str, start: int, skipped: int, max_front_matter: int | None
) -> Split | None:
    """Hexo's opener-less YAML, else a MultiMarkdown header, else ``None``.

    The front matter starts on the first line, so ``skipped`` (the blank lines
    before it) is the line offset.  Beyond *max_front_matter* neither is looked
    for: a file that long without a fence is not front matter we can vouch for.
    """
    from . import _unfenced  # only files without a fence need it (import cost)

    bound = len(text) if max_front_matter is None else min(len(text), start + max_front_matter)
    found = _unfenced.hexo_yaml(text, start, bound)
    if found is not None:
        return Split("hexo-yaml", text[start : found[0]], text[found[1] :], skipped)
    found = _unfenced.multimarkdown(text, start, bound)
    if found is not None:
        return Split("multimarkdown", text[start : found[0]], text[found[1] :], skipped)
    return None


def _fenced(
    text: str,
    pos: int,
    opener_line: int,
    fmt: Format,
    closers: tuple[str, ...],
    fence: str,
    path: str | None,
    max_front_matter: int | None,
) -> Split:
    # Bounded, so a huge unclosed block costs little.
    bound = len(text) if max_front_matter is None else min(len(text), pos + max_front_matter + 8)
    found = _find_closer(text, pos, bound, closers)
    if found is None:
        if bound < len(text):
            raise _too_long(max_front_matter, opener_line, path)
        raise FrontMatterError(
            f"front matter opened with '{fence}' is never closed; expected a line '{fence}'",
            path=path,
            line=opener_line,
            column=1,
        )
    start, line_end = found
    body_start = line_end + 1 if line_end < len(text) else line_end
    return Split(fmt, text[pos:start], text[body_start:], opener_line)


def _find_closer(
    text: str, pos: int, bound: int, closers: tuple[str, ...]
) -> tuple[int, int] | None:
    """Start and line end of the first closing line at or after *pos* (a line start).

    ``str.find`` for "\n---" is several times faster than a multi-line regex
    scan, and front matter is scanned for every document.
    """
    best: tuple[int, int] | None = None
    for closer in closers:
        needle = "\n" + closer
        # A later closer kind need only be looked for before the best one so far.
        index = text.find(needle, pos - 1, bound if best is None else best[0])
        while index != -1 and (best is None or index + 1 < best[0]):
            start = index + 1
            newline = text.find("\n", start + len(closer))
            line_end = len(text) if newline == -1 else newline
            if line_end <= bound and not text[start + len(closer) : line_end].strip(" \t"):
                best = (start, line_end)
                break
            index = text.find(needle, index + 1, bound)
    return best


def _too_long(limit: int | None, opener_line: int, path: str | None) -> LimitError:
    return LimitError(
        f"front matter is more than {limit} characters; "
        f"the limit is {limit} (Parser(max_front_matter_bytes=...))",
        path=path,
        line=opener_line,
        column=1,
    )


def _json_block(
    text: str, start: int, opener_line: int, path: str | None, max_front_matter: int | None
) -> Split:
    """Find the end of a JSON object by brace matching outside strings."""
    depth = 0
    in_string = False
    escaped = False
    end = len(text) if max_front_matter is None else min(len(text), start + max_front_matter)
    for index in range(start, end):
        char = text[index]
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                body = text[index + 1 :]
                if body.startswith("\n"):
                    body = body[1:]
                return Split("json", text[start : index + 1], body, opener_line - 1)
    if end < len(text):
        raise _too_long(max_front_matter, opener_line, path)
    raise FrontMatterError(
        "JSON front matter opened with '{' is never closed; expected a matching '}'",
        path=path,
        line=opener_line,
        column=1,
    )
