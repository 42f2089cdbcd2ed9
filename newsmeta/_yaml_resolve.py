"""Scalar resolution for ``newsmeta._yaml``: YAML 1.2 core schema exactly as ruamel applies it.

The rules (regexes, first characters, conversions) are copied from ruamel.yaml 0.19
``resolver.implicit_resolvers`` (1.2 entries) and ``constructor.SafeConstructor`` so that
``load_yaml`` returns what ``YAML(typ="safe").load`` returns.  ruamel's C-backed loader
always applies the 1.2 rules, even under a ``%YAML 1.1`` directive, and so do we.

Everything here is on the hot path: plain scalars are dispatched on their first character
and most of them (titles, URLs, names) leave after one set lookup.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from typing import Any, Final

from ._lazy_re import lazy
from ._numbers import int_from_text

__all__ = [
    "MERGE",
    "NUMBER_START",
    "VALUE",
    "WORDS",
    "WORD_START",
    "ImpossibleTimestamp",
    "KeptTimestamp",
    "UnsupportedTag",
    "construct_tagged",
    "resolve_number",
    "resolve_plain",
]

TAG_PREFIX: Final = "tag:yaml.org,2002:"


class _Marker:
    """A plain scalar that resolves to a tag with no constructor (``<<`` or ``=``)."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return f"<{self.name}>"


# ``<<`` is a merge key only in key position, ``=`` becomes the string "=" only in key
# position; anywhere else ruamel raises "could not determine a constructor".
MERGE: Final = _Marker("tag:yaml.org,2002:merge")
VALUE: Final = _Marker("tag:yaml.org,2002:value")


class UnsupportedTag(ValueError):
    """An explicit tag that we refuse to construct (unknown, or not a plain type)."""


#: A timestamp that names no real day, kept as text: (key path, text, line, column).
KeptTimestamp = tuple[tuple[str | int, ...], str, int, int]


class ImpossibleTimestamp(ValueError):
    """A scalar written as a timestamp that names no real day or time (``2023-02-30``).

    ruamel raises a bare ``ValueError``; our loaders keep the text instead (and
    report it), since placeholders like ``0000-00-00`` are common in front matter.
    """


# Plain scalars whose whole text decides the type; only reached when the first character
# is one of WORD_START, so long titles starting with other letters never hash here.
WORDS: Final[dict[str, Any]] = {
    "true": True, "True": True, "TRUE": True,
    "false": False, "False": False, "FALSE": False,
    "null": None, "Null": None, "NULL": None, "~": None, "": None,
    "<<": MERGE, "=": VALUE,
}  # fmt: skip
WORD_START: Final = frozenset("tTfFnN~<=") | {""}
NUMBER_START: Final = frozenset("-+0123456789.")

# ruamel resolver.py, YAML 1.2 float / int / timestamp resolvers (same order: float first).
_FLOAT_RE: Final = lazy(
    r"""^(?:
     [-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
    |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
    |[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN))$""",
    re.X,
)
_INT_RE: Final = lazy(
    r"""^(?:[-+]?0b[0-1_]+
    |[-+]?0o?[0-7_]+
    |[-+]?[0-9_]+
    |[-+]?0x[0-9a-fA-F_]+)$""",
    re.X,
)
_TIMESTAMP_RESOLVE_RE: Final = lazy(
    r"""^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
    |[0-9][0-9][0-9][0-9] -[0-9][0-9]? -[0-9][0-9]?
    (?:[Tt]|[ \t]+)[0-9][0-9]?
    :[0-9][0-9] :[0-9][0-9] (?:\.[0-9]*)?
    (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$""",
    re.X,
)
# ruamel util.timestamp_regexp: used to build the value (and for explicit !!timestamp).
_TIMESTAMP_RE: Final = lazy(
    r"""^(?P<year>[0-9][0-9][0-9][0-9])
       -(?P<month>[0-9][0-9]?)
       -(?P<day>[0-9][0-9]?)
       (?:(?:[Tt]|[ \t]+)
       (?P<hour>[0-9][0-9]?)
       :(?P<minute>[0-9][0-9])
       :(?P<second>[0-9][0-9])
       (?:\.(?P<fraction>[0-9]*))?
        (?:[ \t]*(?P<tz>Z|(?P<tz_sign>[-+])(?P<tz_hour>[0-9][0-9]?)
       (?::(?P<tz_minute>[0-9][0-9]))?))?)?$""",
    re.X,
)
# The shapes on which datetime.fromisoformat agrees with ruamel (at most 6 fraction digits:
# fromisoformat truncates longer fractions where ruamel rounds).
_ISO_FAST_RE: Final = lazy(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{1,6})?"
    r"(?:Z|[-+][0-9]{2}(?::[0-9]{2})?)?"
)

_INF: Final = float("inf")
_NAN: Final = float("nan")
_UTC: Final = timezone.utc


def resolve_plain(value: str) -> Any:
    """Type an untagged plain scalar by the YAML 1.2 core schema (ruamel's variant)."""
    first = value[:1]
    if first in WORD_START:
        return WORDS.get(value, value)
    if first in NUMBER_START:
        # Fast path for the commonest number: ASCII digits only (ids, years, sizes).
        if value.isdigit() and value.isascii():
            return int(value)
        return resolve_number(value)
    return value


def resolve_number(value: str) -> Any:
    if _FLOAT_RE.match(value):
        return _construct_float(value)
    if _INT_RE.match(value):
        return _construct_int(value)
    if _TIMESTAMP_RESOLVE_RE.match(value):
        return _construct_timestamp(value)
    return value


def _construct_int(text: str) -> int:
    # SafeConstructor.construct_yaml_int for YAML 1.2 (raises ValueError like ruamel does).
    digits = text.replace("_", "")
    sign = -1 if digits[0] == "-" else 1
    if digits[0] in "+-":
        digits = digits[1:]
    if digits == "0":
        return 0
    # int_from_text: a hex or octal literal may load where a decimal one of the same
    # size does not, and would then break str(), repr() and json.dumps downstream.
    if digits.startswith("0b"):
        return sign * int_from_text(digits[2:], 2)
    if digits.startswith("0x"):
        return sign * int_from_text(digits[2:], 16)
    if digits.startswith("0o"):
        return sign * int_from_text(digits[2:], 8)
    return sign * int_from_text(digits)


def _construct_float(text: str) -> float:
    # SafeConstructor.construct_yaml_float for YAML 1.2.
    digits = text.replace("_", "").lower()
    sign = -1 if digits[0] == "-" else 1
    if digits[0] in "+-":
        digits = digits[1:]
    if digits == ".inf":
        return sign * _INF
    if digits == ".nan":
        return _NAN
    return sign * float(digits)


def _construct_timestamp(text: str) -> date | datetime:
    try:
        return _construct_timestamp_fast(text)
    except ValueError as exc:  # the shape matched (the resolver said so): values are out of range
        raise ImpossibleTimestamp(str(exc)) from None


def _construct_timestamp_fast(text: str) -> date | datetime:
    if len(text) == 10:
        # YYYY-MM-DD is the only 10-character shape both regexes accept for a date.
        return date.fromisoformat(text)
    if _ISO_FAST_RE.fullmatch(text):
        try:
            return datetime.fromisoformat(text)
        except ValueError:
            pass  # Python 3.10 rejects "Z" and short fractions; the slow path handles them.
    return _construct_timestamp_slow(text)


def _construct_timestamp_slow(text: str) -> date | datetime:
    # ruamel util.create_timestamp, except that zero offsets become timezone.utc and
    # other offsets an unnamed timezone (ruamel names them after the source text).
    match = _TIMESTAMP_RE.match(text)
    if match is None:
        raise ValueError(f"failed to construct timestamp from {text!r}")
    year, month, day = int(match["year"]), int(match["month"]), int(match["day"])
    if match["hour"] is None:
        return date(year, month, day)
    fraction = match["fraction"]
    micro = 0
    carry = False
    if fraction:
        micro = int(fraction[:6].ljust(6, "0"))
        # Round half up on the 7th digit, carrying into the seconds like ruamel.
        if len(fraction) > 6 and int(fraction[6]) > 4:
            micro += 1
            if micro > 999_999:
                micro = 0
                carry = True
    tzinfo: timezone | None = None
    if match["tz_sign"]:
        offset = timedelta(
            hours=int(match["tz_hour"]),
            minutes=int(match["tz_minute"]) if match["tz_minute"] else 0,
        )
        if match["tz_sign"] == "-":
            offset = -offset
        tzinfo = _UTC if not offset else timezone(offset)
    elif match["tz"] == "Z":
        tzinfo = _UTC
    result = datetime(
        year,
        month,
        day,
        int(match["hour"]),
        int(match["minute"]),
        int(match["second"]),
        micro,
        tzinfo,
    )
    return result + timedelta(seconds=1) if carry else result


_BOOL_VALUES: Final = {
    "yes": True, "no": False, "y": True, "n": False,
    "true": True, "false": False, "on": True, "off": False,
}  # fmt: skip


def construct_tagged(tag: str, value: str) -> Any:
    """Build a scalar carrying an explicit, already expanded tag (``!!int`` -> full URI).

    Raises ``UnsupportedTag`` for tags we never construct and ``ValueError``/``KeyError``/
    ``IndexError`` where ruamel's SafeConstructor fails on the value.
    """
    if not tag.startswith(TAG_PREFIX):
        raise UnsupportedTag(f"could not determine a constructor for the tag {tag!r}")
    name = tag[len(TAG_PREFIX) :]
    if name == "str":
        return value
    if name == "int":
        return _construct_int(value)
    if name == "float":
        return _construct_float(value)
    if name == "bool":
        return _BOOL_VALUES[value.lower()]
    if name == "null":
        return None
    if name == "timestamp":
        if _TIMESTAMP_RE.match(value) is None:
            raise ValueError(f"failed to construct timestamp from {value!r}")
        try:
            return _construct_timestamp_slow(value)
        except ValueError as exc:
            raise ImpossibleTimestamp(str(exc)) from None
    if name == "binary":
        # ruamel returns bytes; newsmeta values are text-like, so we refuse instead.
        from base64 import decodebytes  # rare: not worth its import time at start-up
        from binascii import Error as BinasciiError

        try:
            decodebytes(value.encode("ascii"))
        except (UnicodeEncodeError, BinasciiError) as exc:
            raise ValueError(f"failed to decode base64 data: {exc}") from exc
        raise UnsupportedTag("the tag '!!binary' (bytes) is not supported")
    raise UnsupportedTag(f"could not determine a constructor for the tag {tag!r}")
