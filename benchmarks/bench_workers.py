"""Two workers against one, and the parent's memory over many inputs: issue 14, targets 4 and 5.

    python benchmarks/bench_workers.py [--files 5000] [--repeat 5] [--inputs 150000]
                                       [--source DIR] [--skip speed command memory]

Builds a folder of ``--files`` files copied round-robin from ``--source``
(../shared/bulk beside the checkout; examples/news when absent), then prints,
each with its target and whether it is met:

4. ``parse_many(folder, workers=2, output="json")`` against ``workers=1``: each
   run in a fresh process, from the call to the last result (the pool's start-up
   included, the interpreter's not), the JSON lines written to /dev/null.
   Settings alternate round by round so that a busy neighbour hurts both alike;
   the ratio of the medians is the target, the ratio of the fastest runs (the
   least disturbed), the bound the CPU times allow on two idle cores and an
   estimate (the parent's start-up alone, then the rest of the CPU time on two
   cores) are printed beside it.  Then the same for the command, ``newsmeta parse FOLDER
   --format jsonl --workers N``, start-up included (information, no target).
5. the parent's resident memory (VmRSS) while ``parse_many`` with two workers
   reads ``--inputs`` files (a folder of 10,000 passed as often as needed),
   sampled every 10,000 results: the largest sample against the first.

Wall-time ratios need idle cores: the load average is printed before and after
each section; on a busy machine trust the CPU bound and the memory figures.
Not a unit test.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _copies import copy_round_robin

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = ROOT.parent / "shared" / "bulk"
_TARGET_SPEEDUP = 1.6
_TARGET_MEMORY = 1.10
#: Results between two memory samples, and the size of the folder read again and again.
_SAMPLE_EVERY = 10_000

# An installed package has its bytecode cached; with PYTHONDONTWRITEBYTECODE an
# editable checkout would recompile every module in every run and worker.
_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--files", type=int, default=5000, help="files per speed run (5000)")
    options.add_argument("--repeat", type=int, default=5, help="rounds per setting (5)")
    options.add_argument("--inputs", type=int, default=150_000, help="inputs of the memory run")
    options.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    options.add_argument("--skip", nargs="*", default=[], choices=("speed", "command", "memory"))
    options.add_argument("--run", nargs=3, help=argparse.SUPPRESS)  # one measurement (a child)
    args = options.parse_args()
    if args.run:
        print(json.dumps(_RUNS[args.run[0]](Path(args.run[1]), int(args.run[2]))))
        return 0
    source = args.source if args.source.is_dir() else ROOT / "examples" / "news"
    work = Path(tempfile.mkdtemp(prefix="newsmeta-workers-"))
    try:
        print(f"source {source}; {os.cpu_count()} CPUs; Python {sys.version.split()[0]}")
        if "speed" not in args.skip or "command" not in args.skip:
            folder = copy_round_robin(work / "speed", source, args.files)
            if "speed" not in args.skip:
                _speed(folder, args.files, args.repeat, "parse_many", "parse_many")
            if "command" not in args.skip:
                _speed(folder, args.files, args.repeat, "command", "newsmeta parse --format jsonl")
        if "memory" not in args.skip:
            _memory(copy_round_robin(work / "memory", source, _SAMPLE_EVERY), args.inputs)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0



def _load() -> str:
    return f"load average {os.getloadavg()[0]:.2f}"


def _verdict(met: bool) -> str:
    return "met" if met else "NOT met"


# -- target 4: two workers against one ------------------------------------------------


def _speed(folder: Path, files: int, repeat: int, kind: str, label: str) -> None:
    print(f"\n4. {label}, {files:,} files, workers 2 against 1 ({_load()})")
    _child(kind, folder, 1)  # writes the bytecode caches; not counted
    runs: dict[int, list[dict[str, float]]] = {1: [], 2: []}
    for _ in range(repeat):
        for workers in (1, 2):
            runs[workers].append(_child(kind, folder, workers))
    wall = {w: [r["wall"] for r in rs] for w, rs in runs.items()}
    cpu = {w: statistics.median(r["cpu"] for r in rs) for w, rs in runs.items()}
    for workers in (1, 2):
        listing = ", ".join(f"{t:.2f}" for t in wall[workers])
        print(
            f"   workers={workers}: median {statistics.median(wall[workers]):.2f} s wall "
            f"({listing}); {cpu[workers]:.2f} s CPU (parent and workers)"
        )
    ratio = statistics.median(wall[1]) / statistics.median(wall[2])
    # On two idle cores workers=1 takes its CPU time and workers=2 at best half of
    # its own: a measured ratio far below this bound means a busy machine.
    bound = cpu[1] / (cpu[2] / 2)
    if kind == "parse_many":
        # A closer estimate: the parent's start-up runs alone, the rest on two cores.
        serial = statistics.median(r["serial"] for r in runs[2])
        estimate = cpu[1] / (serial + (cpu[2] - serial) / 2)
        parent = statistics.median(r["parent"] for r in runs[2])
        print(
            f"   workers=2: the parent's CPU {parent:.2f} s, {serial * 1000:.0f} ms of it before "
            f"the first result (start-up); estimate on two idle cores {estimate:.2f}x"
        )
    if kind == "parse_many":
        print(
            f"   speed-up {ratio:.2f}x (medians; target >= {_TARGET_SPEEDUP}x)  "
            f"{_verdict(ratio >= _TARGET_SPEEDUP)}"
        )
    else:
        print(f"   speed-up {ratio:.2f}x (medians)")
    print(
        f"   fastest runs {min(wall[1]) / min(wall[2]):.2f}x; the CPU times allow "
        f"{bound:.2f}x on two idle cores ({_load()})"
    )


def _child(kind: str, folder: Path, number: int) -> dict[str, Any]:
    command = [sys.executable, __file__, "--run", kind, str(folder), str(number)]
    run = subprocess.run(command, capture_output=True, text=True, env=_ENV, check=False)
    if run.returncode != 0:
        raise SystemExit(f"{kind} failed:\n{run.stderr}")
    result: dict[str, Any] = json.loads(run.stdout.splitlines()[-1])
    return result


def _cpu_seconds() -> float:
    """CPU time of this process and its waited-for children (the workers)."""
    own, children = (
        resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _run_parse_many(folder: Path, workers: int) -> dict[str, float]:
    import newsmeta

    cpu, start, own = _cpu_seconds(), time.perf_counter(), time.process_time()
    serial = 0.0
    with open(os.devnull, "w", encoding="utf-8") as sink:
        for result in newsmeta.parse_many(folder, workers=workers, output="json"):
            if not serial:
                # Until the first result no worker runs beside the parent (pool
                # start-up, warm-up, the first walk), so its CPU time is serial.
                serial = time.process_time() - own
            if result.json is not None:
                sink.write(result.json + "\n")
    return {
        "wall": time.perf_counter() - start,
        "cpu": _cpu_seconds() - cpu,
        "parent": time.process_time() - own,
        "serial": serial,
    }


def _run_command(folder: Path, workers: int) -> dict[str, float]:
    command = [
        sys.executable, "-m", "newsmeta", "parse", str(folder),
        "--format", "jsonl", "--workers", str(workers), "--quiet",
    ]  # fmt: skip
    cpu, start = _cpu_seconds(), time.perf_counter()
    run = subprocess.run(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=_ENV, check=False
    )
    if run.returncode not in (0, 1) or b"Traceback" in run.stderr:
        raise SystemExit(f"newsmeta failed ({run.returncode}):\n{run.stderr.decode()}")
    return {"wall": time.perf_counter() - start, "cpu": _cpu_seconds() - cpu}


# -- target 5: the parent's memory over many inputs ---------------------------------------


def _memory(folder: Path, inputs: int) -> None:
    times = max(1, -(-inputs // _SAMPLE_EVERY))
    print(f"\n5. parent's memory, parse_many(workers=2) over {times * _SAMPLE_EVERY:,} inputs")
    print(f"   ({_load()}; a few minutes)")
    samples = _child("memory", folder, times)["samples"]
    assert isinstance(samples, list)
    first, largest = samples[0], max(samples)
    listing = " ".join(f"{s:.1f}" for s in samples)
    print(f"   VmRSS MiB every {_SAMPLE_EVERY:,} results: {listing}")
    print(
        f"   largest {largest:.1f} MiB against {first:.1f} MiB after the first "
        f"{_SAMPLE_EVERY:,}: {largest / first:.2f}x (target <= {_TARGET_MEMORY:.2f}x)  "
        f"{_verdict(largest <= _TARGET_MEMORY * first)}"
    )


def _resident_mib() -> float:
    """This process's resident memory now (Linux), else its peak so far."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 / (1024 if sys.platform == "darwin" else 1)


def _run_memory(folder: Path, times: int) -> dict[str, object]:
    import newsmeta

    samples = []
    with open(os.devnull, "w", encoding="utf-8") as sink:
        results = newsmeta.parse_many([folder] * times, workers=2, output="json")
        for count, result in enumerate(results, 1):
            if result.json is not None:
                sink.write(result.json + "\n")
            if count % _SAMPLE_EVERY == 0:
                samples.append(_resident_mib())
    return {"samples": samples}


_RUNS = {"parse_many": _run_parse_many, "command": _run_command, "memory": _run_memory}


if __name__ == "__main__":
    sys.exit(main())
