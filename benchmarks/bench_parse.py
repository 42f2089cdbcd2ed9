"""Speed of newsmeta against python-frontmatter on every shape of input, and each target.

Run by hand (not in CI):

    pip install -e ".[bench]"
    python benchmarks/bench_parse.py [--shared DIR] [--rounds 7] [--passes 10] [--wall]

Both libraries get the same decoded texts in alternating rounds, so that a busy
neighbour hurts both alike; every figure is the median of the rounds.  Times are
CPU time of this process (``time.process_time``) unless ``--wall`` is given:
on a shared machine CPU time moves far less with the load than wall time.
newsmeta does split + load + detect + map + build the Article;
``frontmatter.loads`` only splits and loads YAML (PyYAML's C loader).

Printed, each with its target from issue 14 and whether it is met:

1. the ratio (frontmatter's time / newsmeta's) per front-matter size bucket
   (<500 B, 0.5-2 kB, 2-10 kB, >10 kB; every YAML-fenced ``.md`` file under
   DIR, default ../shared, sorted by the UTF-8 size of its front matter), and
   overall on DIR/bulk;
2. what a refused file costs against a parsed one: each bulk file with one
   invalid YAML line (an apostrophe inside single quotes) put in the middle of
   its front matter, against the same file as it is;
3. ``newsmeta parse DIR/bulk --format jsonl`` (the whole process, start-up
   included, CPU time of the child) against reading and parsing the same files
   in this process;
6. ``import newsmeta`` against ``import attrs`` (fresh interpreters, bytecode
   cached, CPU time of the child), with newsmeta installed from a wheel of this
   tree into a temporary virtualenv: a regular install, as users have it (an
   editable install's import hook costs milliseconds of its own); also what the
   first parse then adds.  For the breakdown by module:
   ``python -X importtime -c "import newsmeta"`` in such an install;
7. peak traced memory over repeated passes (flat: no per-document state).

Targets 4 and 5 (workers, the parent's memory) are measured by bench_workers.py.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import resource
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import frontmatter

import newsmeta

_ROOT = Path(__file__).resolve().parents[1]
_SHARED = _ROOT.parent / "shared"
_BUCKETS: tuple[tuple[str, int, float], ...] = (
    ("< 500 B", 0, 500),
    ("0.5-2 kB", 500, 2000),
    ("2-10 kB", 2000, 10_000),
    ("> 10 kB", 10_000, float("inf")),
)
#: Each timed round of a bucket covers at least this many documents (small
#: buckets are repeated) so that one round is long enough to time.
_MIN_ROUND = 2000
_TARGET_BUCKET, _TARGET_BULK, _TARGET_REFUSED, _TARGET_CLI, _TARGET_IMPORT_MS = (
    1.2, 2.0, 1.5, 0.75, 10.0
)  # fmt: skip
_clock: Callable[[], float] = time.process_time


def _files(folder: Path) -> list[Path]:
    found = sorted(folder.rglob("*"))
    return [p for p in found if p.is_file() and p.suffix in (".md", ".markdown")]


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8", errors="replace")


def _yaml_front_matter_size(text: str) -> int | None:
    """UTF-8 size of a ``---`` fenced YAML block, else None (not comparable with the peer)."""
    try:
        parts = newsmeta.Parser().split(text)
    except newsmeta.NewsmetaError:
        return None
    if parts.format != "yaml":
        return None
    return len(parts.front_matter.encode("utf-8"))


def _newsmeta(texts: Sequence[str]) -> int:
    parser = newsmeta.Parser()
    parsed = 0
    for text in texts:
        try:
            parser.parse(text)
            parsed += 1
        except newsmeta.NewsmetaError:
            pass
    return parsed


def _frontmatter(texts: Sequence[str]) -> int:
    parsed = 0
    for text in texts:
        try:
            frontmatter.loads(text)
            parsed += 1
        except Exception:  # the peer raises PyYAML's errors; count them as failures
            pass
    return parsed


def _timed(run: Callable[[Sequence[str]], int], texts: Sequence[str]) -> float:
    gc.collect()
    start = _clock()
    run(texts)
    return _clock() - start


def _ratio(texts: Sequence[str], rounds: int) -> tuple[float, float, float]:
    """(median of frontmatter/newsmeta per round, newsmeta docs/s, frontmatter docs/s)."""
    times = max(1, -(-_MIN_ROUND // len(texts)))
    texts = list(texts) * times
    ours, theirs, ratios = [], [], []
    for _ in range(rounds):
        a = _timed(_newsmeta, texts)
        b = _timed(_frontmatter, texts)
        ours.append(a)
        theirs.append(b)
        ratios.append(b / a)
    n = len(texts)
    return statistics.median(ratios), n / statistics.median(ours), n / statistics.median(theirs)


def _verdict(met: bool) -> str:
    return "met" if met else "NOT met"


def _broken(text: str) -> str | None:
    """*text* with an invalid YAML line in the middle of its front matter."""
    lines = text.split("\n")
    try:
        close = lines.index("---", 1)
    except ValueError:
        return None
    middle = max(1, close // 2)
    # Inserted before a top-level key, so it cannot land inside a block.
    while middle < close and lines[middle][:1] in (" ", "-", ""):
        middle += 1
    if middle >= close:
        return None
    lines.insert(middle, "broken: 'the city's budget'")
    return "\n".join(lines)


def _refused_ratio(texts: Sequence[str], rounds: int) -> tuple[float, int]:
    parser = newsmeta.Parser()
    pairs = []
    for text in texts:
        broken = _broken(text)
        if broken is None:
            continue
        try:
            parser.parse(text)
        except newsmeta.NewsmetaError:
            continue
        try:
            parser.parse(broken)
        except newsmeta.LoadError:
            pairs.append((text, broken))
    good = [g for g, _ in pairs]
    bad = [b for _, b in pairs]
    ratios = []
    for _ in range(rounds):
        ratios.append(_timed(_newsmeta, bad) / _timed(_newsmeta, good))
    return statistics.median(ratios), len(pairs)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _cli_ratio(folder: Path, rounds: int) -> tuple[float, float, float]:
    """(in-process time / command time, command s, in-process s), medians of alternating runs."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    command = [sys.executable, "-m", "newsmeta", "parse", str(folder), "--format", "jsonl", "-q"]
    subprocess.run(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False
    )  # bytecode caches
    paths = _files(folder)
    parser = newsmeta.Parser()

    def in_process() -> float:
        gc.collect()
        start = _clock()
        for path in paths:
            with contextlib.suppress(newsmeta.NewsmetaError):
                parser.parse_file(path)
        return _clock() - start

    def whole_command() -> float:
        if _clock is time.process_time:
            before = _children_cpu()
            subprocess.run(
                command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False
            )
            return _children_cpu() - before
        start = time.perf_counter()
        subprocess.run(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False
        )
        return time.perf_counter() - start

    cli, ours = [], []
    for _ in range(rounds):
        cli.append(whole_command())
        ours.append(in_process())
    ratios = [o / c for o, c in zip(ours, cli, strict=True)]
    return statistics.median(ratios), statistics.median(cli), statistics.median(ours)


@contextlib.contextmanager
def _regular_install() -> Iterator[Path]:
    """A Python whose ``newsmeta`` is a wheel of this tree, installed into a temporary venv.

    The venv reaches this environment's packages (attrs, ruamel, frontmatter...) through a
    ``.pth`` line, which does not run the ``.pth`` files found there (the editable
    install's import hook).  Commands run outside the source tree (``-c`` puts the current
    folder first on ``sys.path``).
    """
    ignored = shutil.ignore_patterns(
        ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", ".hypothesis"
    )
    with tempfile.TemporaryDirectory(prefix="newsmeta-import-") as folder:
        tmp = Path(folder)
        shutil.copytree(_ROOT, tmp / "src", ignore=ignored)  # builds write into the tree
        pip = [sys.executable, "-m", "pip", "-q", "--disable-pip-version-check"]
        subprocess.run(
            [*pip, "wheel", "--no-deps", "-w", str(tmp / "dist"), str(tmp / "src")], check=True
        )
        subprocess.run(
            [sys.executable, "-m", "venv", "--without-pip", str(tmp / "venv")], check=True
        )
        python = tmp / "venv" / ("Scripts" if os.name == "nt" else "bin") / "python"
        site = subprocess.run(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True, text=True, check=True,
        ).stdout.strip()  # fmt: skip
        ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
        (Path(site) / "_bench_dependencies.pth").write_text("\n".join(sorted(ours)) + "\n")
        wheel = next((tmp / "dist").glob("newsmeta-*.whl"))
        subprocess.run(
            [*pip, "install", "--no-deps", "--no-index", "--target", site, str(wheel)], check=True
        )
        yield python


#: Timed after ``import newsmeta`` in the same child: what the first parse adds (the
#: converter's cattrs, patterns compiled on first use).  No plugin discovery: that
#: depends on what else is installed.
_FIRST_PARSE = (
    'newsmeta.Parser(plugins=False).parse(\'---\\ntitle: "Hello: world"\\n'
    "date: 2024-05-01T09:30:00Z\\ntags: [a, b]\\nurl: https://example.com/a\\n---\\nBody.\\n')"
)


def _import_ms(python: Path, runs: int = 15) -> dict[str, float]:
    """Median times of ``import attrs``, ``import frontmatter``, ``import newsmeta`` and
    newsmeta's first parse after it, in fresh interpreters taking turns (a busy
    neighbour hurts all alike), bytecode cached; CPU time of the child unless ``--wall``."""
    env = {
        k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPATH")
    }
    cwd = python.parents[2]  # the temporary folder, not the source tree
    clock = "perf_counter" if _clock is time.perf_counter else "process_time"

    def once(module: str) -> list[float]:
        code = f"import time; c = time.{clock}(); import {module}; d = time.{clock}()\n"
        if module == "newsmeta":
            code += f"{_FIRST_PARSE}; print(time.{clock}() - d)\n"
        code += "print(d - c)"
        result = subprocess.run(
            [str(python), "-c", code], capture_output=True, text=True, check=True, env=env, cwd=cwd
        )
        return [float(line) * 1000 for line in result.stdout.split()]

    modules = ("attrs", "frontmatter", "newsmeta")
    for module in modules:
        once(module)  # writes the bytecode caches
    samples: dict[str, list[float]] = {module: [] for module in (*modules, "first parse")}
    for _ in range(runs):
        for module in modules:
            *first_parse, imported = once(module)
            samples[module].append(imported)
            samples["first parse"].extend(first_parse)
    return {name: statistics.median(times) for name, times in samples.items()}


def _import_instructions(python: Path) -> dict[str, int]:
    """Instructions executed by ``import attrs`` and ``import newsmeta`` beyond an empty
    interpreter (valgrind's callgrind): a count the neighbours' load does not move."""
    env = {
        k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPATH")
    }
    cwd = python.parents[2]

    def count(code: str) -> int:
        with tempfile.TemporaryDirectory() as folder:
            tool = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={folder}/out"]
            result = subprocess.run(
                [*tool, str(python), "-c", code],
                capture_output=True, text=True, check=True, env=env, cwd=cwd,
            )  # fmt: skip
        return int(result.stderr.rsplit("Collected : ", 1)[1].split()[0])

    empty = count("pass")
    return {module: count(f"import {module}") - empty for module in ("attrs", "newsmeta")}


def _peak_per_pass(texts: Sequence[str], passes: int) -> list[float]:
    parser = newsmeta.Parser()
    peaks = []
    tracemalloc.start()
    for _ in range(passes):
        tracemalloc.reset_peak()
        for text in texts:
            with contextlib.suppress(newsmeta.NewsmetaError):
                parser.parse(text)
        peaks.append(tracemalloc.get_traced_memory()[1] / 2**20)
    tracemalloc.stop()
    return peaks


def _print_buckets(buckets: dict[str, list[str]], bulk: list[str], rounds: int) -> None:
    print(f"\n1. throughput (target >= {_TARGET_BUCKET}x per bucket, >= {_TARGET_BULK}x on bulk)")
    print(f"   {'input':<22}{'files':>6}{'newsmeta/s':>12}{'peer/s':>9}{'ratio':>8}")
    for name, texts in buckets.items():
        if not texts:
            print(f"   {name:<22}{0:>6}  (no files)")
            continue
        ratio, ours, theirs = _ratio(texts, rounds)
        print(
            f"   {name:<22}{len(texts):>6}{ours:>12.0f}{theirs:>9.0f}{ratio:>7.2f}x  "
            f"{_verdict(ratio >= _TARGET_BUCKET)}"
        )
    ratio, ours, theirs = _ratio(bulk, rounds)
    print(
        f"   {'bulk (overall)':<22}{len(bulk):>6}{ours:>12.0f}{theirs:>9.0f}{ratio:>7.2f}x  "
        f"{_verdict(ratio >= _TARGET_BULK)}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    global _clock
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--shared", type=Path, default=_SHARED, help="default ../shared")
    options.add_argument("--rounds", type=int, default=7, help="alternating rounds")
    options.add_argument("--passes", type=int, default=10, help="passes for the memory check")
    options.add_argument("--wall", action="store_true", help="wall time instead of CPU time")
    options.add_argument(
        "--instructions", action="store_true", help="also count import instructions (valgrind)"
    )
    options.add_argument(
        "--skip", nargs="*", default=[], choices=["buckets", "refused", "cli", "import", "memory"]
    )
    args = options.parse_args(argv)
    if args.wall:
        _clock = time.perf_counter
    bulk_folder = args.shared / "bulk"
    bulk = [_read(p) for p in _files(bulk_folder)]
    if not bulk:
        print(f"no .md files under {bulk_folder}", file=sys.stderr)
        return 2
    buckets: dict[str, list[str]] = {name: [] for name, _, _ in _BUCKETS}
    for path in _files(args.shared):
        text = _read(path)
        size = _yaml_front_matter_size(text)
        if size is None:
            continue
        for name, low, high in _BUCKETS:
            if low <= size < high:
                buckets[name].append(text)
    clock = "wall" if args.wall else "CPU"
    print(f"{clock} time, medians of {args.rounds} alternating rounds")
    print("ratio = frontmatter's time / newsmeta's (above 1: newsmeta is faster)")
    _newsmeta(bulk), _frontmatter(bulk)  # warm-up: caches, cattrs hooks, ruamel import
    if "buckets" not in args.skip:
        _print_buckets(buckets, bulk, args.rounds)
    if "refused" not in args.skip:
        refused, pairs = _refused_ratio(bulk, args.rounds)
        print(
            f"\n2. a refused file costs {refused:.2f}x a parsed one ({pairs} bulk files with an "
            f"invalid line; target <= {_TARGET_REFUSED}x)  {_verdict(refused <= _TARGET_REFUSED)}"
        )
    if "cli" not in args.skip:
        ratio, cli, ours = _cli_ratio(bulk_folder, max(3, args.rounds // 2))
        print(
            f"\n3. newsmeta parse --format jsonl: {len(bulk) / cli:.0f} files/s (whole process), "
            f"in process {len(bulk) / ours:.0f} files/s: {ratio:.2f}x "
            f"(target >= {_TARGET_CLI}x)  {_verdict(ratio >= _TARGET_CLI)}"
        )
    if "import" not in args.skip:
        with _regular_install() as python:
            times = _import_ms(python)
            counted = _import_instructions(python) if args.instructions else None
        ours_ms, attrs_ms, peer_ms = times["newsmeta"], times["attrs"], times["frontmatter"]
        print(
            f"\n6. import newsmeta {ours_ms:.1f} ms, attrs {attrs_ms:.1f} ms: attrs "
            f"+ {ours_ms - attrs_ms:.1f} ms (target <= + {_TARGET_IMPORT_MS:.0f} ms)  "
            f"{_verdict(ours_ms - attrs_ms <= _TARGET_IMPORT_MS)}; frontmatter {peer_ms:.1f} ms; "
            f"then the first parse {times['first parse']:.1f} ms"
        )
        if counted is not None:
            # The same comparison in instructions, converted at attrs' own ms/instruction.
            beyond = counted["newsmeta"] - counted["attrs"]
            beyond_ms = beyond * attrs_ms / counted["attrs"]
            # A busy machine slows attrs too: the extra stays within 10 ms as long as
            # attrs' own import takes at most `limit` ms.
            limit = _TARGET_IMPORT_MS * counted["attrs"] / beyond
            print(
                f"   in instructions: attrs {counted['attrs'] / 1e6:.1f} M, newsmeta + "
                f"{beyond / 1e6:.1f} M = + {beyond_ms:.1f} ms at attrs' pace here  "
                f"{_verdict(beyond_ms <= _TARGET_IMPORT_MS)}; within + 10 ms wherever attrs' "
                f"import takes <= {limit:.0f} ms"
            )
    if "memory" not in args.skip:
        peaks = _peak_per_pass(bulk, args.passes)
        print(
            f"\n7. peak traced memory per pass over bulk: first {peaks[0]:.2f} MiB, "
            f"last {peaks[-1]:.2f} MiB ({args.passes} passes in one process)"
        )
    print("\n4, 5: python benchmarks/bench_workers.py (workers, the parent's memory)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
