"""Author text as people write it -> the people it names.

An author value is often a byline, not a name: ``"Jenny Bryan and Mara Averick"``,
``"Laura Flores, Neha Ojha, and Vikhyat Umrao"``, ``"Patrick Lucas (Data Artisans)
and Ismaël Mejía (Talend)"``, ``"[Victor Gomes](https://…), the Glühwein expert"``,
``"Josh Aas, ISRG Executive Director"``, ``"By Jane Doe"``.  ``split_byline`` reads
such text into ``Author`` values:

- people are separated by ``and``, ``&``, ``;`` and commas (with or without the
  Oxford comma); separators inside brackets do not count;
- a Markdown link ``[Name](url)`` gives the name and ``url``; ``Name <a@b.org>``
  and ``Name (a@b.org)`` give the ``email``;
- a parenthesised note goes to that person's ``extra``: ``affiliation``
  (``(Talend)``) or ``handle`` (``(pmunch)``, ``(@jane)``);
- a part that is a role, title or epithet (``ISRG Executive Director``,
  ``Editor-in-Chief``, ``the Glühwein expert``) is that person's ``role``; an
  organisation after a name or role (``Associated Press``, ``Acme Inc.``) is
  their ``affiliation``; ``Jr.``, ``PhD`` and the like stay in the name;
- a leading ``By`` is dropped, and a credit (``Reporting by A; Editing by B``)
  becomes each person's ``role``.

It is deliberately conservative: it returns ``None`` (keep the text as one
name, as before) for text without separators, for a team (``The Nim Team``,
``Research and Development Team``), for one name written surname first
(``Smith, John``), and for anything whose parts do not look like names.
"""

from __future__ import annotations

import re
from typing import Any, Final

from .model import Author

__all__ = ["may_be_byline", "split_byline"]


def _word_set(text: str) -> frozenset[str]:
    """The words of *text*: long word lists read better as prose than as literals."""
    return frozenset(text.split())


# Text without any of these is one name: the common case leaves after one search.
_MAYBE: Final = re.compile(r"[,&;\n(\[<]|\b(?i:and|in)\b|^(?i:by)\s")
_BY: Final = re.compile(r"(?i:by)\s+")
_SEPARATOR: Final = re.compile(r"\s*[;\n]\s*|\s*,\s*(?:(?:(?i:and)|&)\s+)?|\s+(?i:and)\s+|\s*&\s*")
# The separators that cannot be part of a name written surname first ("Doe, Jane").
_AND_ONLY: Final = re.compile(r"\s+(?i:and)\s+|\s*[&;\n]\s*")
# "Julian Borger in Washington" (the Guardian's style): where the writer was.
_LOCATION: Final = re.compile(r"\s+in\s+((?:[A-Z][\w'.-]*)(?:\s+[A-Z][\w'.-]*){0,3})\Z")
_LINK: Final = re.compile(r"\[([^\[\]]+)\]\(\s*<?([^()\s<>]+)>?\s*\)")
_PAREN: Final = re.compile(r"\(([^()]*)\)")
_ANGLE: Final = re.compile(r"<([^<>]*)>")
_EMAIL: Final = re.compile(r"(?:mailto:)?([^@\s<>()]+@[^@\s<>()]+\.[^@\s<>()]+)\Z")
_URL: Final = re.compile(r"https?://\S+\Z")
_HANDLE: Final = re.compile(r"@[\w.-]+\Z|[a-z0-9][a-z0-9_.-]*\Z")
_PRONOUNS: Final = re.compile(r"(?i:she|he|they|ze|xe)(?:/[a-z]+)+\Z")
# Lower-case words that belong inside a name: "Ludwig van Beethoven", "Charles de Gaulle".
_PARTICLES: Final = _word_set(
    "van von de da del della der den di du la le ter ten dos das bin ibn al el y e"
)
_CREDIT: Final = re.compile(r"([A-Za-z]+(?: [a-z]+){0,2}) by\s+(.+)\Z", re.DOTALL)
_SUFFIX: Final = re.compile(r"(?i:jr|sr|ii|iii|iv|phd|ph\.d|md|m\.d|esq|mba)\.?\Z")
_INITIALS: Final = re.compile(r"[A-Z][\w'-]*\.?(?: [A-Z]\.)*\Z")
_WORD: Final = re.compile(r"[^\W\d_][\w'.-]*|\d+")
_WORD_BREAK: Final = re.compile(r"[\s-]+")
# Characters no name holds (one search, not a loop per character).
_NOT_IN_A_NAME: Final = re.compile(r'[\[\]()<>{}|\\"]')

# Words that make a part a role or title rather than a name.
_ROLE_WORDS: Final = _word_set(
    """editor editors director engineer writer reporter correspondent manager chief officer
    president vice ceo cto cfo coo cio vp founder cofounder co-founder lead head maintainer
    developer designer researcher professor student intern columnist producer analyst
    scientist architect consultant advocate evangelist chair chairman chairwoman chairperson
    staff contributor photographer specialist coordinator strategist partner owner host
    senior principal associate assistant deputy executive fellow lecturer librarian
    secretary treasurer administrator moderator organizer organiser volunteer ambassador
    expert blogger journalist anchor commentator critic contributing guest bureau member
    programmer hacker creator author"""
)
# Words that make a part an organisation (an affiliation) rather than a person.
_ORG_WORDS: Final = _word_set(
    """inc inc. ltd ltd. llc gmbh ag corp corp. corporation company co. university
    institute foundation labs lab press agency news times post journal herald tribune
    magazine gazette reuters afp bloomberg bbc cnn npr"""
)
# A last word that makes the whole text a team: "The Nim Team", "R&D Team".
_TEAM_WORDS: Final = _word_set(
    """team staff desk editors board committee community group contributors maintainers
    authors developers"""
)
_CREDITS: Final = _word_set(
    """reporting writing written editing edited photos photographs photography
    illustration illustrations graphics video compiled produced translated translation
    research interview text words story additional"""
)
_MAX_NAME_WORDS: Final = 6
# Longer text is not a byline (and the separator search must stay linear in practice).
_MAX_BYLINE: Final = 1000


def may_be_byline(text: str) -> bool:
    """False for text that is surely one plain name (the common case, one regex search)."""
    return _MAYBE.search(text) is not None


def split_byline(text: str) -> tuple[Author, ...] | None:
    """The people *text* names, or ``None`` when it is best kept as one name."""
    original = text.strip()
    if len(original) > _MAX_BYLINE or _MAYBE.search(original) is None:
        return None
    body = _drop_by(original)
    if not body or _is_team(body):
        return None
    if _is_surname_first(body):
        return None if body == original else (Author(name=body),)
    listed = _AND_ONLY.split(body)
    if len(listed) > 1 and all(_is_surname_first(part) for part in listed):
        return tuple(Author(name=part) for part in listed)  # "Doe, Jane and Roe, John"
    segments = _segments(body)
    if segments is None:
        return None
    people = _assemble(segments)
    if people is None:
        return None
    if len(people) == 1 and people[0] == Author(name=original):
        return None
    return people


def _drop_by(text: str) -> str:
    found = _BY.match(text)
    return text[found.end() :].strip() if found is not None else text


def _is_team(text: str) -> bool:
    if "," in text:
        return False
    words = _WORD.findall(text)
    return bool(words) and words[-1].lower() in _TEAM_WORDS


def _is_surname_first(text: str) -> bool:
    # "Smith, John" / "Smith, John A.": one person, surname first; left as written.
    separators = _SEPARATOR.findall(text)
    if len(separators) != 1 or separators[0].strip() != ",":
        return False
    surname, _, given = (part.strip() for part in text.partition(","))
    return (
        " " not in surname
        and surname[:1].isupper()
        and _INITIALS.match(given) is not None
        and _kind(surname) == "name"
        and _kind(given) == "name"
    )


def _segments(text: str) -> list[tuple[str, int]] | None:
    """Top-level parts of *text* with the ';'-group each is in; None if brackets are unbalanced."""
    masked = _mask_brackets(text)
    if masked is None:
        return None
    segments: list[tuple[str, int]] = []
    group = 0
    start = 0
    for found in _SEPARATOR.finditer(masked):
        segments.append((text[start : found.start()].strip(), group))
        if ";" in found.group():
            group += 1
        start = found.end()
    segments.append((text[start:].strip(), group))
    if any(not part for part, _ in segments):
        return None  # "A,, B" or a separator at an end: not a byline we understand
    return segments


_CLOSING: Final = {"(": ")", "[": "]", "<": ">"}
_BRACKET: Final = re.compile(r"[()\[\]<>]")


def _mask_brackets(text: str) -> str | None:
    """*text* with everything inside (), [] and <> blanked, so separators there don't count;
    None if the brackets are unbalanced."""
    # Only the brackets are visited (a loop over every character cost ~10 µs a byline).
    kept: list[str] = []
    expected: list[str] = []
    start = opened = 0  # where the text outside brackets resumes; the outermost opening
    for found in _BRACKET.finditer(text):
        char, at = found.group(), found.start()
        if char in _CLOSING:
            if not expected:
                kept.append(text[start:at])
                opened = at
            expected.append(_CLOSING[char])
            continue
        if not expected or expected.pop() != char:
            return None
        if not expected:
            kept.append("\x00" * (at + 1 - opened))
            start = at + 1
    if expected:
        return None
    if start == 0:
        return text  # the usual byline: nothing to blank
    kept.append(text[start:])
    return "".join(kept)


class _Piece:
    """One part of a byline: its words, and what brackets around it said."""

    __slots__ = ("core", "email", "extra", "group", "kind", "role", "url")

    def __init__(self, text: str) -> None:
        self.group = 0
        self.url: str | None = None
        self.email: str | None = None
        self.extra: dict[str, str] = {}
        self.role: str | None = None
        # Each search only where its bracket (or word) is: most parts are a bare name.
        link = _LINK.search(text) if "[" in text else None
        if link is not None:
            self.url = link[2]
            text = text[: link.start()] + link[1] + text[link.end() :]
        if "<" in text:
            text = _ANGLE.sub(lambda found: self._note(found[1]), text)
        if "(" in text:
            text = _PAREN.sub(lambda found: self._note(found[1]), text)
        self.core = " ".join(text.split())
        place = _LOCATION.search(self.core) if " in" in self.core else None
        if place is not None and " " in self.core[: place.start()]:  # not "Made in Germany"
            self.extra["location"] = place[1]
            self.core = self.core[: place.start()]
        self.kind = _kind(self.core)

    def _note(self, inner: str) -> str:
        inner = inner.strip()
        email = _EMAIL.match(inner)
        if email is not None and self.email is None:
            self.email = email[1]
        elif _URL.match(inner) is not None and self.url is None:
            self.url = inner
        elif _PRONOUNS.match(inner) is not None:
            _add(self.extra, "pronouns", inner)
        elif _HANDLE.match(inner) is not None:
            _add(self.extra, "handle", inner)
        elif inner:
            _add(self.extra, "affiliation", inner)
        return " "


def _kind(core: str) -> str:
    """'empty', 'suffix', 'role', 'org' or 'name'."""
    if not core:
        return "empty"
    if _SUFFIX.match(core) is not None:
        return "suffix"
    words = [word.lower() for word in _WORD_BREAK.split(core) if word]
    if not words:
        return "name"  # only dashes: no name either, which the final check refuses
    if not _ROLE_WORDS.isdisjoint([word.strip(".,") for word in words]):
        return "role"
    if words[0] in ("the", "a", "an", "our") and core[0].islower():
        return "role"  # an epithet: "the Glühwein expert"
    if len(words) > 1 and core[0].islower() and not any(c.isupper() for c in core):
        return "role"  # "staff writer" (a lower-case single word is a handle: a name)
    if not _ORG_WORDS.isdisjoint(words) or words[0] == "the":
        return "org"
    if " " not in core and core.isupper() and len(core) > 1:
        return "org"  # "AP", "IBM": an acronym, not a person
    return "name"


def _assemble(segments: list[tuple[str, int]]) -> tuple[Author, ...] | None:
    people: list[_Piece] = []
    credits: dict[int, str] = {}
    after_role = after_org = False
    for index, (text, group) in enumerate(segments):
        last = index == len(segments) - 1
        credit = _CREDIT.match(text) if group not in credits else None
        if credit is not None and credit[1].lower().split()[0] in _CREDITS:
            credits[group] = credit[1].lower()
            text = credit[2].strip()
        piece = _Piece(text)
        if piece.kind == "org" and not people and len(segments) > 1:
            return None  # an organisation first: not a list of people
        # After a role or an organisation, one capitalised word is not a new person:
        # "Senior Engineer, Acme" (an affiliation), "BBC News, Washington" (a place).
        continues = after_role or after_org
        starts_person = piece.kind == "name" and not (
            continues and " " not in piece.core and piece.url is None
        )
        if starts_person:
            piece.role = credits.get(group)
            piece.group = group
            people.append(piece)
            after_role = after_org = False
            if "location" in piece.extra and last:
                # "Jane Doe and John Roe in Washington": both were there.
                _share(people, group, "location", piece.extra["location"])
            continue
        if not people:
            return None  # a role with nobody before it
        person = people[-1]
        if piece.kind == "suffix":
            person.core = f"{person.core}, {piece.core}"
        elif piece.kind == "role":
            person.role = f"{person.role}, {piece.core}" if person.role else piece.core
            after_role = True
        elif piece.kind == "name" and after_org and not after_role:
            _add(person.extra, "location", piece.core)
        elif piece.kind in ("org", "name"):
            if piece.kind == "org" and last:
                # "Jane Doe and John Roe, Associated Press": the last word is everyone's.
                _share(people, group, "affiliation", piece.core)
            else:
                _add(person.extra, "affiliation", piece.core)
            after_org = True
        person.url = person.url or piece.url
        person.email = person.email or piece.email
        for key, value in piece.extra.items():
            _add(person.extra, key, value)
    if not people or not all(_looks_like_a_name(person.core) for person in people):
        return None
    return tuple(_author(person) for person in people)


def _share(people: list[_Piece], group: int, key: str, value: str) -> None:
    for person in people:
        if person.group == group and key not in person.extra:
            person.extra[key] = value


def _add(extra: dict[str, str], key: str, value: str) -> None:
    extra[key] = f"{extra[key]}, {value}" if key in extra else value


def _looks_like_a_name(core: str) -> bool:
    words = core.split()
    if len(words) > 1 and any(word[:1].islower() and word not in _PARTICLES for word in words):
        return False  # "Roll Hall of Fame": words, not a name
    return (
        0 < len(words) <= _MAX_NAME_WORDS
        and any(char.isalpha() for char in core)
        and "://" not in core
        and _NOT_IN_A_NAME.search(core) is None
    )


def _author(piece: _Piece) -> Author:
    extra: dict[str, Any] = dict(piece.extra)
    if piece.role is not None:
        extra["role"] = piece.role
    return Author(name=piece.core, url=piece.url, email=piece.email, extra=extra)
