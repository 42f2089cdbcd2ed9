"""Issue 10 #10-#12: TOML keys, file reading and every entry point, under attack.

Each test reproduces a reported failure: a time or memory blow-up before any
limit applied, or a reader without the guards of ``parse_file``.  Time bounds are
generous guards against a hang, not speed tests.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest

import newsmeta
from newsmeta import LimitError, Parser

GENEROUS_SECONDS = 5.0


def _limit_error(text: str, parser: Parser | None = None) -> LimitError:
    start = time.monotonic()
    with pytest.raises(LimitError) as info:
        (parser or Parser()).parse(text)
    assert time.monotonic() - start < GENEROUS_SECONDS
    return info.value


# -- #10 TOML dotted keys ------------------------------------------------------------


def test_a_dotted_key_of_100k_parts_is_refused_before_tomllib() -> None:
    # 200 KB: tomllib alone ran out of memory after 30 s.
    text = "+++\ntitle = 'x'\n" + ".".join(["a"] * 100_000) + " = 1\n+++\n"
    error = _limit_error(text)
    assert str(error) == (
        "<string>:3:1: key nested 100000 levels deep (table header and dotted key parts); "
        "the limit is 200 (Parser(max_depth=...))"
    )


def test_table_header_parts_count_towards_a_key() -> None:
    text = (
        "+++\ntitle = 'x'\n[" + ".".join(["a"] * 150) + "]\n" + ".".join(["b"] * 60) + " = 1\n+++\n"
    )
    error = _limit_error(text)
    assert (error.line, error.column) == (4, 1)
    assert error.reason.startswith("key nested 210 levels deep")
    # The same key under a shallower header is fine, and so is the header alone.
    article = newsmeta.parse(text.replace("a." * 100, "", 1))
    assert "a" in article.extra


@pytest.mark.parametrize(
    "key",
    [
        ".".join(['"q"'] * 250),  # quoted parts
        ".".join(["'q'"] * 250),
        " . ".join(["k"] * 250),  # spaces around the dots
    ],
    ids=["basic", "literal", "spaced"],
)
def test_every_spelling_of_a_part_counts(key: str) -> None:
    error = _limit_error(f"+++\ntitle = 'x'\nv = {{{key} = 1}}\n+++\n")
    assert error.reason.startswith("key nested 250 levels deep")
    assert (error.line, error.column) == (3, 6)


def test_many_deep_keys_are_refused_by_their_total_cost() -> None:
    # 100-part keys under a 100-part header, 1 MB of them: each within max_depth,
    # together 8 s inside tomllib.
    lines = ["[" + ".".join(["a"] * 100) + "]"]
    lines += [".".join(["b"] * 99) + f".k{i} = 1" for i in range(5_000)]
    error = _limit_error("+++\ntitle = 'x'\n" + "\n".join(lines) + "\n+++\n")
    assert error.reason.startswith(
        "dotted keys nest too deeply for the size of the front matter (parts times depth, "
        "summed over keys, exceeds "
    )
    assert error.line is not None


def test_ordinary_dotted_keys_and_values_pass_the_scan() -> None:
    text = (
        "+++\ntitle = 'x'\nsite.name = 'A'\n[params.seo]\nog.image.url = 'https://a.test/x.png'\n"
        "ratio = 1.5\nversions = [1.5, 2.25]\ninline = {a.b.c = 1, d = 'e.f.g'}\n+++\n"
    )
    article = newsmeta.parse(text)
    assert article.extra["params"]["seo"]["og"]["image"]["url"] == "https://a.test/x.png"
    assert article.extra["params"]["seo"]["inline"] == {"a": {"b": {"c": 1}}, "d": "e.f.g"}


def test_max_depth_bounds_the_key_scan_too() -> None:
    text = "+++\ntitle = 'x'\na.b.c.d = 1\n+++\n"
    assert Parser(max_depth=5).parse(text).extra["a"] == {"b": {"c": {"d": 1}}}
    error = _limit_error(text, Parser(max_depth=3))
    assert error.reason == (
        "key nested 4 levels deep (table header and dotted key parts); "
        "the limit is 3 (Parser(max_depth=...))"
    )


# -- #11 parse_file reads what the file holds -------------------------------------------

GOOD = "---\ntitle: Fine\ndate: 2024-01-02T03:04:05Z\n---\nBody.\n"


def test_parse_file_allocates_what_the_file_holds(tmp_path: Path) -> None:
    # It asked for the limit plus one byte (~65 MiB) on every call.
    path = tmp_path / "small.md"
    path.write_text(GOOD)
    newsmeta.parse_file(path)  # warm up: converters and caches are built once
    tracemalloc.start()
    try:
        newsmeta.parse_file(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 2 * 1024 * 1024


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="needs Linux /proc")
def test_a_file_that_reports_size_zero_is_read_in_full() -> None:
    data = Parser().read_file("/proc/self/status")
    assert data.startswith(b"Name:") and len(data) > 100


def test_a_file_growing_past_the_limit_while_read_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parser = Parser(max_front_matter_bytes=100, max_body_bytes=100)  # limit 4296 bytes
    path = tmp_path / "growing.md"
    path.write_text(GOOD + "x" * 10_000)
    real_stat, real_fstat = os.stat, os.fstat

    def small(info: os.stat_result) -> os.stat_result:
        fields = list(info)
        fields[6] = 10  # st_size, as it was when it was checked
        return os.stat_result(fields)

    monkeypatch.setattr(os, "stat", lambda where: small(real_stat(where)))
    monkeypatch.setattr(os, "fstat", lambda descriptor: small(real_fstat(descriptor)))
    with pytest.raises(LimitError) as info:
        parser.parse_file(path)
    assert info.value.reason == (
        "input grew to more than 4296 bytes while it was read; the limit is 4296 "
        "(Parser(max_front_matter_bytes=...) + Parser(max_body_bytes=...) + 4096)"
    )


# -- #12 every entry point reads through the same guards -----------------------------------


def _newsmeta(*args: str) -> subprocess.CompletedProcess[str]:
    # A child process, so that a reader that hangs fails the test instead of hanging it.
    return subprocess.run(
        [sys.executable, "-m", "newsmeta", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs os.mkfifo and /dev/zero")
def test_detect_refuses_fifos_devices_and_huge_files(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.md"
    zero.symlink_to("/dev/zero")
    huge = tmp_path / "huge.md"
    with huge.open("wb") as handle:
        handle.write(b"---\ntitle: x\n---\n")
        handle.truncate(1536 * 1024 * 1024)  # sparse: 1.5 GB that cost no disk
    good = tmp_path / "good.md"
    good.write_text(GOOD)
    done = _newsmeta("detect", str(fifo), str(zero), str(huge), str(good))
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"{fifo}: is not a regular file; expected a file",
        f"{zero}: is not a regular file; expected a file",
        f"{huge}: input is 1610612736 bytes; the limit is 68161536 "
        "(Parser(max_front_matter_bytes=...) + Parser(max_body_bytes=...) + 4096)",
    ]
    assert done.stdout.startswith(f"{good}: ")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs os.mkfifo")
def test_a_mapping_file_is_read_through_the_same_guards(tmp_path: Path) -> None:
    fifo = tmp_path / "rules.yaml"
    os.mkfifo(fifo)
    with pytest.raises(newsmeta.AdapterFileError) as info:
        newsmeta.load_adapter(fifo)
    assert str(info.value) == (
        f"{fifo}: cannot read adapter file: is not a regular file; expected a file"
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs os.mkfifo")
def test_edit_and_set_read_through_the_same_guards(tmp_path: Path) -> None:
    from newsmeta.write import edit

    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    with pytest.raises(newsmeta.SourceError) as info:
        edit(fifo, title="New")
    assert str(info.value) == f"{fifo}: is not a regular file; expected a file"
    done = _newsmeta("set", str(fifo), "--title", "New")
    assert done.returncode == 1
    assert done.stderr.splitlines() == [f"{fifo}: is not a regular file; expected a file"]
