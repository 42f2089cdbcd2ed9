"""The ``pattern`` converter: a regular expression picks a date or a piece of text.

Some sources keep a field only inside another value: Zola's ``path =
"2014/12/12/some-post"`` holds the date, a permalink holds the slug.  A rule
may name a regular expression instead of a converter:

* named groups ``year``, ``month`` and ``day`` give a date (midnight UTC, which
  the core reports as ``date-only``), for ``published`` and ``updated``;
* exactly one group (named or not) gives its text, for any other field too.

The expression is searched for (``re.search``) in text values; a value that is
not text, does not match, or names an impossible day does not match the rule,
so its next path is tried and the key stays in ``extra``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from .errors import AdapterError

__all__ = ["DATE_GROUPS", "DATE_TARGETS", "compile_pattern", "pattern_converter"]

#: The named groups that make a pattern give a date.
DATE_GROUPS = ("year", "month", "day")
#: The fields a date pattern fits.
DATE_TARGETS = ("published", "updated")


def compile_pattern(target: str, pattern: object) -> re.Pattern[str]:
    """The compiled *pattern* for a rule filling *target*, or an ``AdapterError``."""
    if not isinstance(pattern, str) or not pattern:
        raise AdapterError(f"pattern for {target!r} must be a non-empty regular expression")
    try:
        compiled = re.compile(pattern)
    except re.error as exc:
        raise AdapterError(
            f"pattern {pattern!r} for {target!r} is not a valid regular expression: "
            f"{exc.msg} at position {exc.pos}"
        ) from None
    if _gives_date(compiled):
        if target not in DATE_TARGETS:
            raise AdapterError(
                f"pattern {pattern!r} gives a date (groups year, month, day), which does "
                f"not fit {target!r}; it fits: {', '.join(DATE_TARGETS)}"
            )
    elif compiled.groups != 1:
        raise AdapterError(
            f"pattern {pattern!r} for {target!r} has {compiled.groups} groups; expected "
            "named groups year, month and day (a date) or exactly one group (text)"
        )
    return compiled


def _gives_date(compiled: re.Pattern[str]) -> bool:
    return all(name in compiled.groupindex for name in DATE_GROUPS)


def pattern_converter(compiled: re.Pattern[str], skip: object) -> Callable[[Any], Any]:
    """A rule converter: the date or text *compiled* finds in a value, else *skip*."""
    if _gives_date(compiled):

        def to_date(value: Any) -> Any:
            match = compiled.search(value) if isinstance(value, str) else None
            if match is None:
                return skip
            try:
                return date(*(int(match.group(name)) for name in DATE_GROUPS))
            except (TypeError, ValueError):  # a group that did not take part, or 2014-13-45
                return skip

        return to_date

    def to_text(value: Any) -> Any:
        match = compiled.search(value) if isinstance(value, str) else None
        found = match.group(1) if match is not None else None
        return found.strip() if found and found.strip() else skip

    return to_text
