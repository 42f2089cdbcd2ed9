"""Optional dependencies of the writers, imported on first use with a clear error."""

from __future__ import annotations

import importlib
from types import ModuleType

from ..errors import MissingExtraError

__all__ = ["require"]


def require(module: str, extra: str) -> ModuleType:
    """Import *module*, or say which ``newsmeta[extra]`` to install."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingExtraError(
            f'{module} is needed for this; install it with: pip install "newsmeta[{extra}]"',
            name=module,
        ) from exc
