"""Entry-point plugins: lazy, cached, found by name, detected only when enabled."""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys
import textwrap
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import newsmeta
from newsmeta import DialectError, MappingAdapter, Parser, PluginError, Rule, plugins

ROOT = Path(__file__).resolve().parents[1]
ACME_TEXT = "---\nacmeId: 7\nheadline: Plugged in\n---\nBody\n"


def _acme(name: str = "acme") -> MappingAdapter:
    return MappingAdapter(name, (Rule("title", ("headline",)),), signature={"acmeId": 1.0})


class FakeDist:
    def __init__(self, name: str) -> None:
        self.name = name


class FakeEntryPoint:
    """What newsmeta uses of importlib.metadata.EntryPoint, with a distribution."""

    def __init__(self, name: str, target: Any, package: str = "acme-newsmeta") -> None:
        self.name = name
        self.value = f"acme_newsmeta:{name.upper()}"
        self.group = plugins.GROUP
        self.module = "acme_newsmeta"
        self.dist = FakeDist(package)
        self._target = target

    def load(self) -> Any:
        if isinstance(self._target, BaseException):
            raise self._target
        return self._target


@pytest.fixture(autouse=True)
def _fresh_discovery() -> Iterator[None]:
    plugins.refresh()
    yield
    plugins.refresh()


@pytest.fixture
def installed(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Pretend packages are installed; record how often entry points are read."""
    found: dict[str, Any] = {"calls": 0, "points": []}

    def entry_points(*, group: str) -> list[Any]:
        assert group == "newsmeta.adapters"
        found["calls"] += 1
        return list(found["points"])

    monkeypatch.setattr(importlib.metadata, "entry_points", entry_points)
    return found


def test_importing_and_parsing_never_reads_entry_points() -> None:
    code = textwrap.dedent(
        """
        import importlib.metadata as metadata
        calls = []
        real = metadata.entry_points
        metadata.entry_points = lambda *a, **k: calls.append(k) or real(*a, **k)
        import newsmeta
        newsmeta.parse("---\\ntitle: T\\n---\\n")
        newsmeta.Parser().parse("---\\ntitle: T\\n---\\n", dialect="hugo")
        print(len(calls))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout.strip() == "0"


def test_a_plugin_is_found_by_name_without_being_registered(installed: dict[str, Any]) -> None:
    installed["points"] = [FakeEntryPoint("acme", _acme())]
    assert Parser().parse(ACME_TEXT, dialect="acme").title == "Plugged in"
    assert newsmeta.parse(ACME_TEXT, dialect="acme").dialect == "acme"
    assert "acme" not in [adapter.name for adapter in Parser().adapters]


def test_detection_ignores_an_installed_plugin_until_enabled(installed: dict[str, Any]) -> None:
    installed["points"] = [FakeEntryPoint("acme", _acme())]
    # Without the plugin, the fallback reads the headline as a title by meaning.
    assert Parser().parse(ACME_TEXT).dialect == "generic"
    assert "acme" not in [c.name for c in newsmeta.detect(ACME_TEXT).candidates]
    assert Parser(plugins=["acme"]).parse(ACME_TEXT).dialect == "acme"
    assert Parser(plugins=True).parse(ACME_TEXT).dialect == "acme"


def test_discovery_and_loading_happen_once(installed: dict[str, Any]) -> None:
    made: list[object] = []

    class Counted(MappingAdapter):
        def __init__(self) -> None:
            made.append(self)
            super().__init__("acme", (Rule("title", ("headline",)),), signature={"acmeId": 1})

    installed["points"] = [FakeEntryPoint("acme", Counted)]
    first = plugins.load_plugin("acme")
    assert plugins.load_plugin("acme") is first
    Parser(plugins=["acme"]).parse(ACME_TEXT, dialect="acme")
    assert (len(made), installed["calls"]) == (1, 1)
    plugins.refresh()
    plugins.load_plugin("acme")
    assert (len(made), installed["calls"]) == (2, 2)


def test_an_entry_point_may_name_a_mapping_file_relative_to_its_module(
    installed: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "acme.yaml").write_text(
        "name: acme\nsignature: {acmeId: 1}\nfields: {title: [headline]}\n"
    )
    module = types.ModuleType("acme_newsmeta")
    module.__file__ = str(tmp_path / "__init__.py")
    monkeypatch.setitem(sys.modules, "acme_newsmeta", module)
    installed["points"] = [FakeEntryPoint("acme", "acme.yaml")]
    assert Parser(plugins=["acme"]).parse(ACME_TEXT).title == "Plugged in"
    plugins.refresh()
    installed["points"] = [FakeEntryPoint("acme", tmp_path / "acme.yaml")]
    assert plugins.load_plugin("acme").name == "acme"


@pytest.mark.parametrize(
    ("target", "problem"),
    [
        (
            ModuleNotFoundError("No module named 'acme_newsmeta'"),
            "failed to load: ModuleNotFoundError: No module named 'acme_newsmeta'",
        ),
        (42, "points to int; expected an Adapter, an adapter class or the path of a mapping file"),
        (_acme("other"), "gives an adapter named 'other'; expected 'acme'"),
        ("missing.yaml", "failed to load: missing.yaml: cannot read adapter file: "),
    ],
)
def test_a_broken_plugin_is_a_plugin_error_naming_plugin_and_package(
    installed: dict[str, Any], target: Any, problem: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    installed["points"] = [FakeEntryPoint("acme", target)]
    with pytest.raises(PluginError) as caught:
        Parser().parse(ACME_TEXT, dialect="acme")
    error = caught.value
    assert (error.plugin, error.package) == ("acme", "acme-newsmeta")
    prefix = "plugin 'acme' (acme_newsmeta:ACME) from package 'acme-newsmeta' "
    assert str(error).startswith(prefix + problem)
    assert isinstance(error, ImportError)


def test_asking_for_a_plugin_that_is_not_installed(installed: dict[str, Any]) -> None:
    installed["points"] = [FakeEntryPoint("acme", _acme())]
    with pytest.raises(PluginError) as caught:
        Parser(plugins=["acne"])
    assert str(caught.value) == (
        "no plugin named 'acne' in entry-point group 'newsmeta.adapters'; installed: acme"
    )
    with pytest.raises(DialectError) as unknown:
        Parser().parse(ACME_TEXT, dialect="acne")
    assert str(unknown.value) == (
        "unknown dialect 'acne'; registered: hugo, aggregator, generic; installed plugins: acme"
    )
    installed["points"] = []
    plugins.refresh()
    with pytest.raises(DialectError) as none_installed:
        Parser().parse(ACME_TEXT, dialect="acne", path="a.md")
    assert str(none_installed.value) == (
        "a.md: unknown dialect 'acne'; registered: hugo, aggregator, generic"
    )


def test_a_name_provided_by_two_packages_is_refused(installed: dict[str, Any]) -> None:
    installed["points"] = [
        FakeEntryPoint("acme", _acme(), package="acme-one"),
        FakeEntryPoint("acme", _acme(), package="acme-two"),
    ]
    with pytest.raises(PluginError) as caught:
        Parser().parse(ACME_TEXT, dialect="acme")
    assert str(caught.value) == (
        "plugin 'acme' is provided by several packages: acme-one, acme-two; uninstall all but one"
    )
    assert plugins.installed() == ("acme",)


def test_a_plugin_named_like_a_builtin_clashes_when_enabled(installed: dict[str, Any]) -> None:
    installed["points"] = [FakeEntryPoint("hugo", _acme("hugo"))]
    with pytest.raises(newsmeta.AdapterError, match="an adapter named 'hugo' is already"):
        Parser(plugins=True)
    # By name, the registered built-in always wins over a plugin.
    assert Parser().adapter("hugo") is not plugins.load_plugin("hugo")


# -- the example plugin package (examples/plugin), installed by .ci/run ----------------


def _example_plugin_installed() -> bool:
    plugins.refresh()
    return "quillwire" in plugins.installed()


def test_the_installed_example_plugin_is_found_by_name_and_not_detected_until_enabled() -> None:
    if not _example_plugin_installed():
        pytest.skip("example plugin not installed: python -m pip install -e examples/plugin")
    sample = ROOT / "examples" / "plugin" / "newsmeta_quillwire" / "quillwire-sample.md"
    article = newsmeta.parse_file(sample, dialect="quillwire")
    assert (article.dialect, article.title) == (
        "quillwire",
        "Tram line extension opens two stations early",
    )
    detection = newsmeta.detect(sample.read_bytes())
    assert detection.chosen is None
    assert "quillwire" not in [c.name for c in detection.candidates]
    enabled = Parser(plugins=["quillwire"])
    assert enabled.parse_file(sample).dialect == "quillwire"
    assert enabled.detect(sample.read_bytes()).candidates[0].voters == (
        "qw_story_id",
        "hed",
        "dek",
        "filed_at",
    )
