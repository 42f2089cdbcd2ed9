"""Optional dependencies, imported when first used and never by ``import newsmeta``."""

from __future__ import annotations

import importlib
from typing import Any

from .errors import MissingExtraError


def require(module: str, extra: str, purpose: str) -> Any:
    """Import *module*, or raise ``MissingExtraError`` naming the extra to install."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        package = module.partition(".")[0]
        raise MissingExtraError(
            f'{purpose} needs {package}, which is not installed: pip install "newsmeta[{extra}]"'
        ) from exc
