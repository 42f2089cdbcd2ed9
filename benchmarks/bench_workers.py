"""`newsmeta parse --workers 2` against `--workers 1`, and peak memory against input size.

Runs the real command end to end (start-up, walking, parsing, JSON to /dev/null)
several times, alternating the two settings so a busy neighbour hurts both alike,
and prints the median times and their ratio.  Then runs it on the folder once
and on the folder given five times and prints the peak RSS of the largest
process of each run: streaming means the second is not five times the first.

    python benchmarks/bench_workers.py [FOLDER] [--repeat N]

FOLDER defaults to ../shared/bulk beside the checkout.  Not a unit test.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

DEFAULT_FOLDER = Path(__file__).resolve().parents[2] / "shared" / "bulk"

# Runs the command as a child and reports the peak RSS of its largest
# descendant (the parent or one worker): RUSAGE_CHILDREN covers waited-for
# grandchildren too.  A fresh wrapper per run keeps runs from mixing.
_PEAK_RSS = (
    "import resource, subprocess, sys\n"
    "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=False)\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def _command(inputs: list[str], workers: int) -> list[str]:
    return [
        sys.executable, "-m", "newsmeta", "parse", *inputs,
        "--format", "jsonl", "--workers", str(workers), "--quiet",
    ]  # fmt: skip


# An installed package has its bytecode cached; with PYTHONDONTWRITEBYTECODE an
# editable checkout would recompile every module in every run and worker.
_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(inputs: list[str], workers: int) -> tuple[float, float]:
    """Wall time and CPU time (the command and its workers) of one run."""
    cpu, start = _cpu_seconds(), time.perf_counter()
    run = subprocess.run(
        _command(inputs, workers),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        check=False,
        env=_ENV,
    )
    elapsed = time.perf_counter() - start
    if run.returncode not in (0, 1) or b"Traceback" in run.stderr:
        raise SystemExit(f"newsmeta failed ({run.returncode}):\n{run.stderr.decode()}")
    return elapsed, _cpu_seconds() - cpu


def _peak_rss_mib(inputs: list[str], workers: int) -> float:
    run = subprocess.run(
        [sys.executable, "-c", _PEAK_RSS, *_command(inputs, workers)],
        capture_output=True,
        text=True,
        check=True,
        env=_ENV,
    )
    return int(run.stdout) / 1024  # ru_maxrss is in KiB on Linux


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER)
    options.add_argument("--repeat", type=int, default=5)
    options.add_argument(
        "--times",
        type=int,
        default=1,
        help="pass the folder this many times (more work per start-up; default 1)",
    )
    args = options.parse_args()
    if not args.folder.is_dir():
        print(f"no folder {args.folder}", file=sys.stderr)
        return 2
    folder = str(args.folder)
    files = sum(1 for p in args.folder.rglob("*.md") if p.is_file())
    print(
        f"{folder}: {files} files (x{args.times}); {os.cpu_count()} CPUs; "
        f"load {os.getloadavg()[0]:.2f}"
    )

    _timed([folder], 1)  # writes the bytecode caches; not counted
    inputs = [folder] * args.times
    times: dict[int, list[float]] = {1: [], 2: []}
    cpu: dict[int, list[float]] = {1: [], 2: []}
    for _ in range(args.repeat):
        for workers in (1, 2):
            wall, used = _timed(inputs, workers)
            times[workers].append(wall)
            cpu[workers].append(used)
    one, two = statistics.median(times[1]), statistics.median(times[2])
    for workers, runs in times.items():
        listing = ", ".join(f"{t:.2f}" for t in runs)
        print(
            f"--workers {workers}: median {statistics.median(runs):.2f} s wall ({listing}), "
            f"{statistics.median(cpu[workers]):.2f} s CPU"
        )
    print(f"speed-up --workers 2 vs 1: {one / two:.2f}x (medians)")
    # The fastest run is the one least disturbed by other processes (as timeit uses).
    print(f"speed-up of the fastest runs: {min(times[1]) / min(times[2]):.2f}x")
    # On two idle cores --workers 1 takes its CPU time and --workers 2 at best half
    # of its own; a measured ratio far below this bound means a busy machine.
    bound = statistics.median(cpu[1]) / (statistics.median(cpu[2]) / 2)
    print(f"(the CPU times allow up to {bound:.2f}x on two idle cores)")

    for workers in (1, 2):
        once = _peak_rss_mib([folder], workers)
        five = _peak_rss_mib([folder] * 5, workers)
        print(
            f"--workers {workers} peak RSS: {files} files {once:.1f} MiB, "
            f"{5 * files} files {five:.1f} MiB ({five / once:.2f}x)"
        )
    print(f"load {os.getloadavg()[0]:.2f} at the end (other processes skew the timings)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
