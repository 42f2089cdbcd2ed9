"""The pytest plugin (fixtures, golden files, --newsmeta-update) and assert_lossless."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

import newsmeta
from newsmeta.testing import assert_lossless, assert_matches_golden

from .conftest import ROOT

pytest_plugins = ["pytester"]

SAMPLE = """---
title: Clinic opens
date: 2024-06-01T08:00:00Z
link:
  brand: city-news.test
  href: https://city-news.test/clinic
  herf: typo
mdName: clinic
featuredImage: {href: https://city-news.test/a.jpg, credit: Jo}
---
Body.
"""


def test_the_corpus_covers_every_builtin_dialect_and_container(newsmeta_corpus: Path) -> None:
    seen = set()
    for path in sorted(newsmeta_corpus.iterdir()):
        article = newsmeta.parse_file(path)
        dialect, _, form = path.stem.partition("-")
        assert (article.dialect, article.format) == (dialect, form), path.name
        assert_lossless(article, path)
        seen.add((dialect, form))
    for dialect in ("hugo", "aggregator", "generic"):
        assert {(dialect, form) for form in ("yaml", "toml", "json")} <= seen
    assert {("generic", "hexo-yaml"), ("generic", "multimarkdown")} <= seen


def test_the_fenced_corpus_files_pass_a_strict_parser(
    newsmeta_corpus: Path, newsmeta_parser: newsmeta.Parser
) -> None:
    assert newsmeta_parser.strict
    fenced = [p for p in newsmeta_corpus.iterdir() if p.stem.endswith(("yaml", "toml", "json"))]
    for path in fenced:
        if "hexo" not in path.name:
            newsmeta_parser.parse_file(path)
    assert len(fenced) == 10


def test_lossless_passes_when_every_key_is_kept() -> None:
    assert_lossless(newsmeta.parse(SAMPLE), SAMPLE)


def test_lossless_names_each_lost_key() -> None:
    article = newsmeta.parse(SAMPLE)
    broken = attrs.evolve(
        article,
        extra={"mdName": "other", "link": {}},
        provenance={k: v for k, v in article.provenance.items() if k != "images"},
    )
    with pytest.raises(AssertionError) as info:
        assert_lossless(broken, SAMPLE.encode())
    assert str(info.value) == (
        "source keys lost:\n"
        "  'link.herf' ('typo') is neither in provenance nor in extra\n"
        "  extra 'mdName' is 'other'; the source has 'clinic'\n"
        "  'featuredImage.href' ('https://city-news.test/a.jpg') is neither in provenance "
        "nor in extra\n"
        "  'featuredImage.credit' ('Jo') is neither in provenance nor in extra"
    )


def test_golden_files_diff_field_by_field(tmp_path: Path) -> None:
    article = newsmeta.parse(SAMPLE)
    golden = tmp_path / "golden" / "clinic.json"
    with pytest.raises(AssertionError, match="did not exist and was written"):
        assert_matches_golden(article, golden)
    assert json.loads(golden.read_text()) == newsmeta.to_dict(article)
    assert_matches_golden(article, golden)

    changed = attrs.evolve(
        article, title="Clinic closes", extra={**article.extra, "mdName": "x", "new": 1}
    )
    with pytest.raises(AssertionError) as info:
        assert_matches_golden(changed, golden)
    assert str(info.value) == (
        f"article differs from golden file {golden} (run pytest --newsmeta-update to accept):\n"
        "  title: golden 'Clinic opens', now 'Clinic closes'\n"
        "  extra.mdName: golden 'clinic', now 'x'\n"
        "  extra.new: not in golden, now 1"
    )
    assert_matches_golden(changed, golden, update=True)
    assert json.loads(golden.read_text())["title"] == "Clinic closes"


def test_the_plugin_in_a_users_project(pytester: pytest.Pytester) -> None:
    mapping = pytester.path / "adapters" / "wire.yaml"
    mapping.parent.mkdir()
    mapping.write_text(
        "name: wire\nsignature: {hed: 1}\nfields:\n  title: [hed]\n  published: [filed]\n"
    )
    pytester.makeini("[pytest]\nnewsmeta_adapters =\n    adapters/wire.yaml\n")
    pytester.makepyfile(
        """
        import newsmeta
        from newsmeta.testing import assert_matches_golden

        def test_user(newsmeta_parser):
            assert [a.name for a in newsmeta_parser.adapters][-1] == "wire"
            article = newsmeta_parser.parse("---\\nhed: Hi\\nfiled: 2024-01-01T00:00:00Z\\n---\\n")
            assert article.dialect == "wire"
            assert_matches_golden(article, "golden/hi.json")
        """
    )
    pytester.runpytest("-p", "no:cacheprovider").assert_outcomes(failed=1)  # written
    pytester.runpytest("-p", "no:cacheprovider").assert_outcomes(passed=1)
    golden = pytester.path / "golden" / "hi.json"
    golden.write_text(golden.read_text().replace('"Hi"', '"Old"'))
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*title: golden 'Old', now 'Hi'*"])
    pytester.runpytest("-p", "no:cacheprovider", "--newsmeta-update").assert_outcomes(passed=1)
    assert json.loads(golden.read_text())["title"] == "Hi"


def test_an_ini_entry_that_cannot_be_imported_is_named(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nnewsmeta_adapters = no_such_module:ADAPTER\n")
    pytester.makepyfile("def test_user(newsmeta_parser):\n    pass\n")
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(
        ["*newsmeta_adapters: cannot import 'no_such_module:ADAPTER' (ModuleNotFoundError*"]
    )


def test_the_plugin_loads_without_hypothesis() -> None:
    # pytest loads it in every project where newsmeta is installed, extra or not.
    code = (
        "import sys; sys.modules['hypothesis'] = None\n"
        "import newsmeta.pytest_plugin as plugin; print(plugin.CORPUS.is_dir())"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.stdout.strip() == "True", result.stderr


def test_the_example_plugin_is_tested_with_newsmeta_testing_only() -> None:
    if "quillwire" not in newsmeta.plugins.installed():
        pytest.skip("example plugin not installed: python -m pip install -e examples/plugin")
    folder = ROOT / "examples" / "plugin"
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(folder / "tests")],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:]
