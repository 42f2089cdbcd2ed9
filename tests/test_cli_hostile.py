"""``newsmeta parse`` over a folder of every kind of hostile file, plus good files.

The command must exit 1, print one error line per bad file and the JSON line of
every good file, and stay under 200 MB of memory (peak RSS of the command, read
from ``getrusage(RUSAGE_CHILDREN)`` in a small parent process of its own, so no
other test's children count).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

resource = pytest.importorskip("resource")  # not on Windows

MAX_RSS_BYTES = 200 * 1024 * 1024
GOOD = "---\ntitle: Good {n}\ndate: 2024-01-02T03:04:05Z\n---\nBody {n}.\n"


def _billion_laughs() -> str:
    lines = ["---", "title: Bomb", "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]" for i in range(1, 9)]
    return "\n".join([*lines, "---", ""])


#: Each bad file's name and content: every family of hostile input from the tests.
HOSTILE: dict[str, str | bytes] = {
    "alias-nodes.md": _billion_laughs(),
    "alias-size.md": "---\ntitle: T\na: &a "
    + "x" * 100_000
    + "\nb: ["
    + ", ".join(["*a"] * 9_000)
    + "]\n---\n",
    "deep-yaml.md": "---\ntitle: x\nv: " + "[" * 10_000 + "]" * 10_000 + "\n---\n",
    "deep-json.md": '{"title": "x", "v": ' + "[" * 10_000 + "]" * 10_000 + "}\n",
    "deep-toml.md": "+++\ntitle = 'x'\nv = " + "[" * 10_000 + "]" * 10_000 + "\n+++\n",
    "toml-dotted.md": "+++\ntitle = 'x'\n" + ".".join(["a"] * 100_000) + " = 1\n+++\n",
    "toml-dotted-many.md": "+++\ntitle = 'x'\n["
    + ".".join(["a"] * 100)
    + "]\n"
    + "\n".join(".".join(["b"] * 99) + f".k{i} = 1" for i in range(5_000))
    + "\n+++\n",
    "big-front-matter.md": "---\ntitle: x\nv: " + "y" * (1024 * 1024 + 10) + "\n---\n",
    "hex-digits.md": "---\ntitle: 0x" + "F" * 4000 + "\n---\n",
    "huge-number-date.md": "---\ntitle: T\npublished: 1" + "0" * 400 + "\n---\n",
    "surrogate.md": '{"title": "T", "x": "\\ud800"}\n',
    "json-duplicate.md": '{"title": "T", "x": 1, "x": 2}\n',
    "binary.md": b"\xff\xfe\x00garbage\x00\xc3",
    "not-utf8.md": b"---\ntitle: caf\xe9\n---\n",
    "nul.md": "---\ntitle: a\x00b\n---\n",
    "empty.md": "",
    "unclosed.md": "---\ntitle: never closed\n",
    "python-tag.md": "---\ntitle: !!python/object/apply:os.system [ls]\n---\n",
    "duplicate.md": "---\ntitle: a\ntitle: b\n---\n",
    "not-a-mapping.md": "---\n- a\n- b\n---\n",
    "bad-date.md": "---\ntitle: T\ndate: yesterday\n---\n",
}


def _hostile_folder(root: Path) -> tuple[list[Path], list[Path]]:
    bad = []
    for name, content in HOSTILE.items():
        path = root / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", errors="surrogatepass")
        bad.append(path)
    huge = root / "sub" / "huge.md"
    huge.parent.mkdir()
    with huge.open("wb") as handle:
        handle.write(b"---\ntitle: x\n---\n")
        handle.truncate(200 * 1024 * 1024)  # sparse: no disk, no time
    bad.append(huge)
    if hasattr(os, "mkfifo"):
        os.mkfifo(root / "sub" / "fifo.md")
        os.mkfifo(root / "sub" / "fifo.html")  # sniffed for front matter first
        bad += [root / "sub" / "fifo.md", root / "sub" / "fifo.html"]
    if os.path.exists("/dev/zero"):
        (root / "zero.md").symlink_to("/dev/zero")
        bad.append(root / "zero.md")
    (root / "dangling.md").symlink_to(root / "gone.md")
    bad.append(root / "dangling.md")
    (root / "sub" / "loop").symlink_to("..")  # never followed: no result at all
    good = []
    for n, folder in enumerate(["", "sub", "sub/deeper", "z"] * 3):
        (root / folder).mkdir(parents=True, exist_ok=True)
        path = root / folder / f"good-{n:02}.md"
        path.write_text(GOOD.format(n=n))
        good.append(path)
    return sorted(bad), sorted(good)


_MEASURE = """
import resource, subprocess, sys
done = subprocess.run(sys.argv[1:], capture_output=True)
sys.stdout.buffer.write(done.stdout)
sys.stderr.buffer.write(done.stderr)
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
sys.stderr.write(f"\\nMAXRSS {rss * (1 if sys.platform == 'darwin' else 1024)}\\n")
sys.exit(done.returncode)
"""


@pytest.mark.parametrize("workers", ["1", "2"])
def test_parse_over_a_hostile_folder(tmp_path: Path, workers: str) -> None:
    bad, good = _hostile_folder(tmp_path)
    command = [sys.executable, "-m", "newsmeta", "parse", "--quiet", "--workers", workers]
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, *command, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    *errors, blank, rss_line = done.stderr.splitlines()
    assert done.returncode == 1, done.stderr
    assert blank == ""
    assert int(rss_line.removeprefix("MAXRSS ")) < MAX_RSS_BYTES
    # One line per bad file, each naming it; nothing else.
    named = sorted(line.split(": ", 1)[0].split(":", 1)[0] for line in errors)
    assert named == sorted(str(path) for path in bad), "\n".join(errors)
    articles = [json.loads(line) for line in done.stdout.splitlines()]
    assert sorted(a["title"] for a in articles) == sorted(
        f"Good {int(p.stem.split('-')[1])}" for p in good
    )
