"""Writing articles back: ``dump`` (any dialect), ``edit`` (smallest diff), ``export`` (feeds).

Reading runs split -> load -> detect -> adapt -> convert; writing runs the same
adapter rules backwards, so a dialect is described once.
"""

from __future__ import annotations

from .dump import Denormalizer, dump, source_mapping
from .render import LossWarning

__all__ = ["Denormalizer", "LossWarning", "dump", "source_mapping"]
