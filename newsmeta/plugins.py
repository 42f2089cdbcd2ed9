"""Adapters published by other packages under the entry-point group ``newsmeta.adapters``.

A package adds a source without forking newsmeta by declaring, in its
``pyproject.toml``::

    [project.entry-points."newsmeta.adapters"]
    acme = "acme_newsmeta:ADAPTER"

The entry point's name is the dialect name, and the object it points to is one of

* an ``Adapter`` instance (a ``MappingAdapter`` or your own class),
* an adapter class, instantiated without arguments,
* a ``pathlib.Path`` or ``str`` naming a mapping file for ``load_adapter``;
  a relative path is taken relative to the directory of the module that
  defines it, so a package can ship its YAML beside its code.

The adapter's ``name`` must equal the entry point's name.

Discovery is lazy: nothing here runs when ``newsmeta`` is imported.  The list
of entry points is read once, the first time a plugin is asked for, and each
plugin is imported once; ``refresh()`` forgets both (after installing a
package into a running program).  Installed plugins never take part in
auto-detection on their own: a parser finds them by name
(``parse(..., dialect="acme")``) and detects with them only when asked
(``Parser(plugins=["acme"])`` or ``Parser(plugins=True)``), so installing a
package never changes how existing files parse.
"""

from __future__ import annotations

import os
import sys
import threading
from typing import TYPE_CHECKING, Any

from .adapter import Adapter
from .errors import NewsmetaError, PluginError

if TYPE_CHECKING:  # importlib.metadata costs ~20 ms; it is imported on first discovery
    import importlib.metadata

__all__ = ["GROUP", "installed", "load_plugin", "refresh"]

#: The entry-point group newsmeta reads adapters from.
GROUP = "newsmeta.adapters"

_lock = threading.Lock()
_entry_points: dict[str, list[importlib.metadata.EntryPoint]] | None = None
_loaded: dict[str, Adapter] = {}


def refresh() -> None:
    """Forget the discovered entry points and the loaded plugins."""
    global _entry_points
    with _lock:
        _entry_points = None
        _loaded.clear()


def _discovered() -> dict[str, list[importlib.metadata.EntryPoint]]:
    global _entry_points
    with _lock:
        if _entry_points is None:
            _entry_points = {}
            import importlib.metadata

            for entry_point in importlib.metadata.entry_points(group=GROUP):
                _entry_points.setdefault(entry_point.name, []).append(entry_point)
        return _entry_points


def installed() -> tuple[str, ...]:
    """Names of the installed plugins (read from package metadata, nothing imported)."""
    return tuple(sorted(_discovered()))


def load_plugin(name: str) -> Adapter:
    """The adapter of the installed plugin *name*; ``PluginError`` if missing or broken."""
    with _lock:
        if name in _loaded:
            return _loaded[name]
    entry_points = _discovered().get(name, [])
    if not entry_points:
        known = ", ".join(installed()) or "none"
        raise PluginError(
            f"no plugin named {name!r} in entry-point group {GROUP!r}; installed: {known}",
            plugin=name,
        )
    packages = sorted({_package(entry_point) or "<unknown>" for entry_point in entry_points})
    if len(entry_points) > 1:
        # Which one wins would depend on sys.path order: refuse to guess.
        raise PluginError(
            f"plugin {name!r} is provided by several packages: {', '.join(packages)}; "
            "uninstall all but one",
            plugin=name,
            package=", ".join(packages),
        )
    adapter = _load(entry_points[0])
    with _lock:
        return _loaded.setdefault(name, adapter)


def _package(entry_point: importlib.metadata.EntryPoint) -> str:
    dist = getattr(entry_point, "dist", None)
    return str(dist.name) if dist is not None else ""


def _load(entry_point: importlib.metadata.EntryPoint) -> Adapter:
    name, package = entry_point.name, _package(entry_point)
    label = f"plugin {name!r} ({entry_point.value}) from package {package or '<unknown>'!r}"

    def fail(problem: str) -> PluginError:
        return PluginError(f"{label} {problem}", plugin=name, package=package)

    try:
        target = entry_point.load()
    except Exception as exc:  # any import-time failure of foreign code
        raise fail(f"failed to load: {type(exc).__name__}: {exc}") from exc
    try:
        adapter = _as_adapter(target, entry_point)
    except NewsmetaError as exc:
        raise fail(f"failed to load: {exc}") from exc
    except Exception as exc:
        raise fail(f"failed to create its adapter: {type(exc).__name__}: {exc}") from exc
    if not isinstance(adapter, Adapter):
        raise fail(
            f"points to {type(target).__name__}; expected an Adapter, an adapter class "
            "or the path of a mapping file"
        )
    if adapter.name != name:
        raise fail(f"gives an adapter named {adapter.name!r}; expected {name!r}")
    return adapter


def _as_adapter(target: Any, entry_point: importlib.metadata.EntryPoint) -> Any:
    if isinstance(target, type):
        return target()
    if isinstance(target, str | os.PathLike):
        from pathlib import Path  # only plugins that ship a mapping file

        path = Path(os.fspath(target))
        if not path.is_absolute():
            module = sys.modules.get(entry_point.module)
            where = getattr(module, "__file__", None)
            if where:
                path = Path(where).parent / path
        from .adapter_file import load_adapter  # only plugins that ship a mapping file

        return load_adapter(path)
    return target
