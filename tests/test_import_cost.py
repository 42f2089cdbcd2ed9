"""``import newsmeta`` loads only what parsing a clean YAML file needs (issue 14: import time).

cattrs is a dependency, but its converters are built on the first parse.
"""

from __future__ import annotations

import subprocess
import sys

from .conftest import ROOT

#: Modules that only an error path, another format or an output needs.
_LATER = (
    "traceback", "textwrap", "base64", "json", "tomllib", "ruamel", "dateutil",
    "newsmeta.repair", "newsmeta.unclosed", "newsmeta.serialize", "newsmeta.batch",
    "newsmeta._toml_keys",
)  # fmt: skip


def test_import_and_a_clean_parse_load_nothing_they_do_not_need() -> None:
    code = (
        "import sys, newsmeta\n"
        f"later = {_LATER!r}\n"
        "print(sorted(m for m in (*later, 'cattrs') if m in sys.modules))\n"
        "newsmeta.parse('---\\ntitle: Hi\\ndate: 2024-05-01T10:00:00Z\\ntags: [a, b]\\n---\\n')\n"
        "print(sorted(m for m in later if m in sys.modules))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert run.stdout == "[]\n[]\n"
