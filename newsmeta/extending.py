"""An adapter that builds on another: its own rules first, the base's for the rest.

``extends: generic`` in a mapping file (or ``ExtendingAdapter(..., base=GENERIC)``)
says "read this source like generic, except where I say otherwise":

* **fields** — the extending adapter's rules run first; every field they leave
  empty is filled by the base.  A field it names whose paths hold nothing in a
  file is still filled by the base, so a field is empty only where the base
  leaves it empty too.
* **detection** is the extending adapter's own: its ``signature`` and
  ``fallback``; the base's are not inherited (``generic`` votes for any
  ``title``, which would make every extension claim every file).
* **keys** — the base reads the whole mapping, as if its rules followed the
  extension's in one adapter, so a key may serve both; what neither uses stays
  in ``extra``, including a key the base read for a field the extension had
  already filled.

The base may be any ``Adapter``: a built-in dialect, a mapping file, a plugin
or your own class; it is asked through ``normalize`` only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ._paths import MISSING, KeyPath, residual, resolve
from .adapter import Adapter, MappingAdapter, Normalized, Rule

__all__ = ["ExtendingAdapter"]


class ExtendingAdapter(MappingAdapter):
    """A ``MappingAdapter`` whose empty fields are filled by *base*."""

    def __init__(
        self,
        name: str,
        rules: Sequence[Rule],
        *,
        base: Adapter,
        signature: Mapping[str, float],
        fallback: bool = False,
        description: str = "",
    ) -> None:
        super().__init__(
            name, rules, signature=signature, fallback=fallback, description=description
        )
        self._base = base

    @property
    def base(self) -> Adapter:
        """The adapter this one builds on."""
        return self._base

    def __repr__(self) -> str:
        return f"ExtendingAdapter({self.name!r}, {len(self.rules)} rules, base={self._base.name!r})"

    def normalize(self, mapping: Mapping[str, Any]) -> Normalized:
        own = super().normalize(mapping)
        # The base reads the whole mapping, as if its rules followed ours in one
        # adapter: a key may serve both (``summary: [headline]`` over a base that
        # takes its title from ``headline``).
        rest = self._base.normalize(mapping)
        fields = dict(own.fields)
        provenance = dict(own.provenance)
        taken: set[KeyPath] = set()
        dropped: set[str] = set()
        for name, value in rest.fields.items():
            path = rest.provenance.get(name)
            if name in fields:
                if path is not None:
                    dropped.add(path)
                continue
            fields[name] = value
            if path is not None:
                provenance[name] = path
                taken.update(resolve(mapping, path)[1])
        extra: dict[str, Any] = {}
        for key, value in own.extra.items():
            left = residual(value, taken, (key,))
            if left is not MISSING:
                extra[key] = left
        diagnostics = own.diagnostics + tuple(
            d for d in rest.diagnostics if d.key is None or d.key not in dropped
        )
        return Normalized(fields, provenance, extra, diagnostics)
