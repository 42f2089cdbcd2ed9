"""newsmeta's pytest plugin, registered through the ``pytest11`` entry point.

It does nothing unless used: it adds an option and an ini setting, and its
fixtures run only in tests that ask for them.  It imports neither Hypothesis
nor the rest of ``newsmeta.testing``, so it loads wherever pytest does.

* ``newsmeta_parser``: a strict ``Parser`` with the built-in dialects and the
  adapters named by the ini setting ``newsmeta_adapters`` (one per line: a
  mapping file, relative to the root directory; ``module:attribute`` naming an
  adapter, an adapter class or a mapping-file path; or an installed plugin's name).
* ``newsmeta_corpus``: a folder (under ``tmp_path``) of real-shaped files, one
  per built-in dialect and container: ``<dialect>-<format>.md``.
* ``--newsmeta-update``: ``assert_matches_golden`` rewrites golden files.
"""

from __future__ import annotations

import importlib
import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from . import _assertions
from ._assertions import assert_lossless, assert_matches_golden

if TYPE_CHECKING:
    from .adapter import Adapter
    from .parser import Parser

__all__ = [
    "CORPUS",
    "assert_lossless",
    "assert_matches_golden",
    "newsmeta_corpus",
    "newsmeta_parser",
]

#: The files ``newsmeta_corpus`` copies.
CORPUS = Path(__file__).with_name("testing") / "corpus"

_ADAPTERS_HELP = (
    "adapters for the newsmeta_parser fixture, one per line: a mapping file, "
    "module:attribute, or an installed plugin's name"
)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini("newsmeta_adapters", _ADAPTERS_HELP, type="linelist", default=[])
    parser.getgroup("newsmeta").addoption(
        "--newsmeta-update",
        action="store_true",
        default=False,
        help="rewrite the golden files of assert_matches_golden instead of comparing",
    )


_SAVED = pytest.StashKey[dict[str, Any]]()


def pytest_configure(config: pytest.Config) -> None:
    # Saved and restored: a session run inside another (pytester) leaves the
    # outer one's settings as they were.
    config.stash[_SAVED] = dict(_assertions.settings)
    _assertions.settings.update(
        update=bool(config.getoption("newsmeta_update")), root=config.rootpath
    )


def pytest_unconfigure(config: pytest.Config) -> None:
    _assertions.settings.update(config.stash.get(_SAVED, {"update": False, "root": None}))


_OBJECT = re.compile(r"[A-Za-z_][\w.]*:[A-Za-z_][\w]*\Z")


def _adapter(entry: str, root: Path) -> Adapter:
    from . import load_adapter
    from .errors import AdapterError
    from .plugins import installed, load_plugin

    if _OBJECT.match(entry):
        module_name, _, attribute = entry.partition(":")
        try:
            value: Any = getattr(importlib.import_module(module_name), attribute)
        except (ImportError, AttributeError) as exc:
            raise AdapterError(
                f"newsmeta_adapters: cannot import {entry!r} ({type(exc).__name__}: {exc}); "
                "expected module:attribute naming an adapter"
            ) from exc
        if isinstance(value, type):
            value = value()
        if isinstance(value, str | Path):
            return load_adapter(value)
        adapter: Adapter = value
        return adapter
    path = Path(entry) if Path(entry).is_absolute() else root / entry
    if path.exists() or entry not in installed():
        return load_adapter(path)
    return load_plugin(entry)


@pytest.fixture(scope="session")
def _newsmeta_adapters(pytestconfig: pytest.Config) -> tuple[Adapter, ...]:
    entries = pytestconfig.getini("newsmeta_adapters")
    return tuple(_adapter(entry, pytestconfig.rootpath) for entry in entries if entry.strip())


@pytest.fixture
def newsmeta_parser(_newsmeta_adapters: tuple[Adapter, ...]) -> Parser:
    """A strict ``Parser``: built-ins plus the ``newsmeta_adapters`` ini setting's adapters.

    A new parser for each test, so that ``register`` in one test stays there.
    """
    from .parser import Parser

    return Parser(adapters=_newsmeta_adapters, strict=True)


@pytest.fixture
def newsmeta_corpus(tmp_path: Path) -> Path:
    """A fresh folder of real-shaped files: every built-in dialect in YAML, TOML and
    JSON, plus Hexo's opener-less YAML and a MultiMarkdown header (``generic``).

    The fenced files parse cleanly with a strict parser; the two unfenced ones
    carry their ``unfenced-front-matter`` diagnostic.
    """
    folder = tmp_path / "newsmeta-corpus"
    shutil.copytree(CORPUS, folder)
    return folder
