"""The README's examples run as doctests, and the example script works on examples/."""

from __future__ import annotations

import doctest
import os

from .conftest import ROOT


def test_readme_examples_run() -> None:
    cwd = os.getcwd()
    os.chdir(ROOT)  # README paths are relative to the project root
    try:
        result = doctest.testfile(
            str(ROOT / "README.md"), module_relative=False, optionflags=doctest.ELLIPSIS
        )
    finally:
        os.chdir(cwd)
    assert result.attempted > 0
    assert result.failed == 0


def test_package_docstring_example_runs() -> None:
    import newsmeta

    assert doctest.testmod(newsmeta).failed == 0
