"""Write seed inputs for the atheris fuzzer from the hostile-input generators.

    python fuzz/hostile_seeds.py DIR [PER_GENERATOR]

Draws examples from the Hypothesis strategies of ``tests/test_properties_hostile.py``
(aliases of large scalars, long TOML dotted keys, and the other structured
generators), keeps those that fit the fuzzer's ``-max_len`` (4096 bytes), and adds
a few hand-made inputs that sit right at a limit.  Each seed is named after its
content's hash, so running it twice adds nothing.  Needs the ``test`` extra
(Hypothesis).
"""

from __future__ import annotations

import hashlib
import sys
import warnings
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import NonInteractiveExampleWarning

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests import test_properties_hostile as hostile

MAX_LEN = 4096

#: Inputs at the edges of the limits, small enough for the fuzzer.
EDGES: tuple[str, ...] = (
    # 64 KiB of alias expansion is allowed in any document: just under and just over.
    "---\ntitle: A\na: &a " + "x" * 2000 + "\nb: [" + ", ".join(["*a"] * 32) + "]\n---\n",
    "---\ntitle: A\na: &a " + "x" * 2000 + "\nb: [" + ", ".join(["*a"] * 33) + "]\n---\n",
    "---\ntitle: A\na: &a {k: " + "y" * 1000 + "}\nb: &b [*a, *a, *a, *a]\nc: [*b, *b, *b]\n---\n",
    # Dotted keys at max_depth (200) and one part over, and under a header.
    "+++\ntitle = 'T'\n" + ".".join(["a"] * 199) + " = 1\n+++\n",
    "+++\ntitle = 'T'\n" + ".".join(["a"] * 201) + " = 1\n+++\n",
    "+++\ntitle = 'T'\n[" + ".".join(["h"] * 120) + "]\n" + ".".join(["k"] * 81) + " = 1\n+++\n",
    "+++\ntitle = 'T'\nv = {" + ".".join(['"q"'] * 210) + " = 1}\n+++\n",
    # Other hostile families of issue 10 that parse or fail cleanly today.
    '{"title": "T", "x": 1, "x": 2}\n',
    '{"title": "T", "x": "\\ud800"}\n',
    "---\ntitle: a\u2028date: 2024-01-01\n---\n",
    "---\ntitle: T\npublished: 1" + "0" * 400 + "\n---\n",
)


def _draw(strategy: st.SearchStrategy[str], count: int) -> list[str]:
    drawn: list[str] = []

    @settings(
        max_examples=count * 20,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def collect(text: str) -> None:
        if len(drawn) < count and len(text.encode("utf-8", "surrogatepass")) <= MAX_LEN:
            drawn.append(text)

    collect()
    return drawn


def main(argv: list[str]) -> int:
    if not 1 <= len(argv) <= 2:
        print(__doc__, file=sys.stderr)
        return 2
    folder = Path(argv[0])
    folder.mkdir(parents=True, exist_ok=True)
    per_generator = int(argv[1]) if len(argv) > 1 else 40
    generators: dict[str, Callable[[], st.SearchStrategy[str]]] = {
        "alias": hostile.alias_documents,
        "toml-dotted": hostile.toml_dotted_documents,
        "yaml": hostile.yaml_documents,
        "toml": hostile.toml_documents,
        "json": hostile.json_documents,
        "json-duplicates": lambda: hostile.json_objects().map(lambda found: found[0]),
        "huge-number": lambda: hostile._HUGE_NUMBERS.map(
            lambda number: f"---\ntitle: T\nn: {number}\n---\n"
        ),
    }
    written = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NonInteractiveExampleWarning)
        for name, make in generators.items():
            for text in _draw(make(), per_generator):
                written += _write(folder, name, text)
    for text in EDGES:
        written += _write(folder, "edge", text)
    print(f"{written} new seeds in {folder}")
    return 0


def _write(folder: Path, name: str, text: str) -> int:
    data = text.encode("utf-8", "surrogatepass")
    path = folder / f"seed-{name}-{hashlib.sha1(data).hexdigest()[:12]}"
    if path.exists():
        return 0
    path.write_bytes(data)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
