"""A source mapping and a body -> the text of a file, in YAML, TOML or JSON.

YAML is written with ruamel.yaml (already a dependency): keys in the order
given, block style, no line folding, and text that a YAML 1.1 reader (Jekyll,
PyYAML) would take for a boolean or a number (``no``, ``on``, ``0123``) quoted so
that every reader agrees.  TOML needs ``tomlkit`` (``newsmeta[toml]``).  What a
format cannot say (a null in TOML, a date in JSON) is reported as a
``LossWarning``, never dropped in silence.
"""

from __future__ import annotations

import functools
import io
import json
import re
import warnings
from collections.abc import Mapping
from datetime import date, time
from typing import Any, Literal

from .._extras import require
from ..errors import WriteError

__all__ = ["WRITABLE_FORMATS", "LossWarning", "WritableFormat", "render"]

WritableFormat = Literal["yaml", "toml", "json"]
WRITABLE_FORMATS: tuple[WritableFormat, ...] = ("yaml", "toml", "json")


class LossWarning(UserWarning):
    """Part of an article could not be written where it reads back the same."""


# Plain scalars YAML 1.1 reads as booleans, numbers or times but 1.2 as text.
_YAML11_WORDS = frozenset(("y", "n", "yes", "no", "on", "off", "true", "false", "null", "~", "<<"))
_YAML11_NUMBER = re.compile(r"[-+]?(0[0-7_]+|0b[01_]+|[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?)\Z")


@functools.cache
def _representer() -> type:
    from ruamel.yaml.representer import SafeRepresenter

    class _Representer(SafeRepresenter):
        def represent_str(self, data: str) -> Any:
            if data.lower() in _YAML11_WORDS or _YAML11_NUMBER.match(data):
                return self.represent_scalar("tag:yaml.org,2002:str", data, style="'")
            return super().represent_str(data)

    _Representer.add_representer(str, _Representer.represent_str)
    return _Representer


def _yaml() -> Any:
    from ruamel.yaml import YAML

    # A new instance per document: ruamel keeps per-document state in it.  The
    # emitter is libyaml's (ruamel.yaml.clib), which writes block lists at the
    # key's indentation (`tags:` / `- a`), as Hugo's own files do.
    yaml = YAML(typ="safe")
    yaml.Representer = _representer()
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.width = 1 << 30  # never fold a long title over lines
    yaml.sort_base_mapping_type_on_output = False  # type: ignore[assignment]
    return yaml


def _render_yaml(mapping: Mapping[str, Any]) -> str:
    stream = io.StringIO()
    try:
        _yaml().dump(dict(mapping), stream)
    except Exception as exc:  # a value YAML cannot represent
        raise WriteError(f"cannot write YAML: {exc}") from exc
    return f"---\n{stream.getvalue()}---\n"


def _without_nulls(value: Any, where: str, lost: list[str]) -> Any:
    if isinstance(value, Mapping):
        kept = {}
        for key, item in value.items():
            path = f"{where}.{key}" if where else str(key)
            if item is None:
                lost.append(path)
                continue
            kept[str(key)] = _without_nulls(item, path, lost)
        return kept
    if isinstance(value, list | tuple):
        if any(item is None for item in value):
            lost.append(where)
        return [_without_nulls(item, where, lost) for item in value if item is not None]
    return value


def _render_toml(mapping: Mapping[str, Any]) -> str:
    tomlkit = require("tomlkit", "toml", "TOML output")
    lost: list[str] = []
    data = _without_nulls(mapping, "", lost)
    if lost:
        warnings.warn(
            f"TOML has no null: left out {', '.join(map(repr, lost))}", LossWarning, stacklevel=4
        )
    try:
        text = str(tomlkit.dumps(data))
    except Exception as exc:  # tomlkit raises its own errors for values TOML cannot hold
        raise WriteError(f"cannot write TOML: {exc}") from exc
    return f"+++\n{text}+++\n"


def _render_json(mapping: Mapping[str, Any]) -> str:
    lost: list[str] = []

    def plain(value: Any) -> Any:
        if isinstance(value, date | time):
            lost.append(repr(value.isoformat()))
            return value.isoformat()
        if isinstance(value, bytes):
            raise WriteError("cannot write JSON: bytes have no JSON form")
        raise WriteError(f"cannot write JSON: {type(value).__name__} has no JSON form")

    text = json.dumps(dict(mapping), indent=2, ensure_ascii=False, default=plain)
    if lost:
        warnings.warn(
            f"JSON has no date type: {', '.join(lost)} written as text", LossWarning, stacklevel=4
        )
    return text + "\n"


def render(mapping: Mapping[str, Any], body: str, format: str) -> str:
    """The complete file: front matter in *format*, then *body*."""
    if format == "yaml":
        head = _render_yaml(mapping)
    elif format == "toml":
        head = _render_toml(mapping)
    elif format == "json":
        head = _render_json(mapping)
    else:
        raise WriteError(f"cannot write format {format!r}; expected one of: yaml, toml, json")
    return head + body
