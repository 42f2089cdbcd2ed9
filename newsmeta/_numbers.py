"""Integers every later step can write: the 4,300-digit limit of ``int``/``str``.

Python refuses to convert an integer of more than ``sys.get_int_max_str_digits()``
decimal digits (4,300 by default) between text and ``int``.  A decimal literal that
long already fails to load; a hex, octal or binary one loads fine (powers of two are
exempt) and then breaks whatever writes it: ``str``, ``repr``, an error message,
``json.dumps``.  Loaders therefore refuse such a value as they meet it, the same
way for every literal, so nothing downstream needs to know about the limit.
"""

from __future__ import annotations

import sys

__all__ = ["int_digits_limit", "int_from_text", "too_long_integer", "too_long_message"]

# log10(2), a little high: bit_length * this never underestimates the digits.
_DIGITS_PER_BIT = 0.30103


def int_digits_limit() -> int:
    """Python's limit on decimal digits (0: none).  3.10 before 3.10.7 has none."""
    get_limit = getattr(sys, "get_int_max_str_digits", None)
    return int(get_limit()) if get_limit is not None else 0


def too_long_message(limit: int) -> str:
    """The one wording of "too long", for every base and format."""
    return (
        f"integer longer than {limit} decimal digits; expected at most {limit} "
        "(sys.set_int_max_str_digits)"
    )


def too_long_integer(value: int) -> str | None:
    """Why *value* cannot be written in decimal (a message fit for a user), or None."""
    limit = int_digits_limit()
    if not limit or value.bit_length() * _DIGITS_PER_BIT < limit - 1:
        return None  # the common case, without converting anything
    try:
        str(value)
    except ValueError:
        return too_long_message(limit)
    return None


def int_from_text(digits: str, base: int = 10) -> int:
    """``int(digits, base)``, refusing (``ValueError``, the same message for every
    base) a value too long to write in decimal."""
    try:
        value = int(digits, base)
    except ValueError:
        limit = int_digits_limit()
        if base == 10 and limit and len(digits) > limit:
            raise ValueError(too_long_message(limit)) from None
        raise
    # Up to 4 bits a digit: only a literal this long can exceed the limit.
    if base != 10 and len(digits) * 4 * _DIGITS_PER_BIT >= int_digits_limit() - 1 > 0:
        problem = too_long_integer(value)
        if problem is not None:
            raise ValueError(problem)
    return value
