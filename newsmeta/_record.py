"""A minimal immutable record for the pipeline's internal hand-offs.

The public model (``Article`` and friends) uses attrs.  The small records that
pass between steps (``Split``, ``Normalized``, ``Candidate`` ...) are made
per document and per import, where attrs' generated classes cost about a
millisecond each to create; these records compare, hash and print by their
``__slots__`` with no code generation at all.
"""

from __future__ import annotations

from typing import Any

__all__ = ["Record"]


class Record:
    """Equality, hashing and repr from ``__slots__``; attributes are read-only.

    Subclasses declare ``__slots__`` and an ``__init__`` that assigns through
    ``_init`` (plain ``self.x = ...`` is refused to keep instances immutable).
    """

    __slots__ = ()

    def _init(self, **values: Any) -> None:
        for name, value in values.items():
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable; cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable; cannot delete {name!r}")

    def _names(self) -> tuple[str, ...]:
        names: tuple[str, ...] = self.__slots__
        return names

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self._names())

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Record)
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash((self.__class__, self._values()))

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._names())
        return f"{type(self).__name__}({fields})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), dict(zip(self._names(), self._values(), strict=True))))


def _rebuild(cls: type[Record], values: dict[str, Any]) -> Record:
    record = object.__new__(cls)
    record._init(**values)
    return record
