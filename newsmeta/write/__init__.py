"""Writing articles back: ``dump`` (any dialect), ``edit`` (smallest diff), ``export`` (feeds).

Reading runs split -> load -> detect -> adapt -> convert; writing runs the same
adapter rules backwards, so a dialect is described once.  Optional libraries
(tomlkit for TOML, feedgenerator for Atom/RSS) are imported only when used.
"""

from __future__ import annotations

from .dump import Denormalizer, dump, source_mapping
from .edit import EDITABLE_FIELDS, edit
from .export import EXPORT_FORMATS, export
from .render import LossWarning

__all__ = [
    "EDITABLE_FIELDS",
    "EXPORT_FORMATS",
    "Denormalizer",
    "LossWarning",
    "dump",
    "edit",
    "export",
    "source_mapping",
]
