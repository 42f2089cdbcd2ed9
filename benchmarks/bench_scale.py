"""Throughput and memory at scale: parse_many with 1 and 2 workers, Dask, JSONL vs Parquet.

Builds a folder of N files (cycling through a source folder's Markdown files),
then runs each setting in a fresh process and prints docs/s, the peak RSS of
the largest process of each run, and the ratio of each to ``workers=1``:

- ``parse_many(workers=1)`` and ``parse_many(workers=2)``, each article rendered
  to its JSON line (``output="json"``) and handed to the parent;
- Dask: ``newsmeta.dask.read_articles`` on a ``LocalCluster`` of 2 worker
  processes, each article rendered to its JSON line on the workers (timed
  without and with the cluster's start-up);
- the command: ``newsmeta parse DIR --format jsonl`` and ``--format parquet``;
- memory flatness: the JSONL command on N/10 files against N files.

    python benchmarks/bench_scale.py                             # smoke size: 2,000 files
    python benchmarks/bench_scale.py --files 50000 --repeat 3    # the real run (long)

The source defaults to ../shared/bulk beside the checkout (examples/news when
absent).  Dask needs ``pip install "newsmeta[dask]" distributed``.  Not a unit test.
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

from _copies import copy_round_robin

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = ROOT.parent / "shared" / "bulk"
SETTINGS = ("workers1", "workers2", "dask", "jsonl", "parquet")
_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--files", type=int, default=2000, help="files to parse (2000)")
    arguments.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    arguments.add_argument("--repeat", type=int, default=1, help="runs per setting (median)")
    arguments.add_argument("--run", choices=SETTINGS, help=argparse.SUPPRESS)
    arguments.add_argument("--dir", type=Path, help=argparse.SUPPRESS)
    options = arguments.parse_args()
    if options.run:  # one measurement, in this fresh process
        print(json.dumps(_measure(options.run, options.dir)))
        return
    source = options.source if options.source.is_dir() else ROOT / "examples" / "news"
    work = Path(tempfile.mkdtemp(prefix="newsmeta-scale-"))
    try:
        big = copy_round_robin(work / "big", source, options.files)
        small = copy_round_robin(work / "small", source, max(options.files // 10, 1))
        _report(big, small, options.files, options.repeat, source)
    finally:
        shutil.rmtree(work, ignore_errors=True)



def _report(big: Path, small: Path, files: int, repeat: int, source: Path) -> None:
    print(f"{files:,} files copied from {source}, {os.cpu_count()} CPUs, median of {repeat}")
    # Rounds alternate the settings so that a busy neighbour slows them alike.
    runs: dict[str, list[dict[str, float]]] = {setting: [] for setting in SETTINGS}
    for _ in range(repeat):
        for setting in SETTINGS:
            result = _child(setting, big)
            if result is not None:
                runs[setting].append(result)
    rows = {}
    for setting, done in runs.items():
        if not done:
            print(f"  {setting}: skipped (its extra is not installed)")
            continue
        rows[setting] = {
            "seconds": statistics.median(r["seconds"] for r in done),
            "startup": statistics.median(r.get("startup", 0.0) for r in done),
            "docs": done[0]["docs"],
            "rss": max(r["rss_mib"] for r in done),
            "cpu": statistics.median(r["cpu"] for r in done),
        }
    base = rows["workers1"]["seconds"]
    print(f"{'setting':<28}{'docs/s':>10}{'ratio':>8}{'peak RSS MiB':>14}{'CPU s':>8}")
    for setting, row in rows.items():
        rate = row["docs"] / row["seconds"]
        print(
            f"{setting:<28}{rate:>10,.0f}{base / row['seconds']:>7.2f}x"
            f"{row['rss']:>14.1f}{row['cpu']:>8.1f}"
        )
        if row["startup"]:
            total = row["seconds"] + row["startup"]
            label = f"{setting} + start-up"
            print(f"{label:<28}{row['docs'] / total:>10,.0f}{base / total:>7.2f}x")
    if "workers2" in rows:
        print(f"workers=2 speed-up: {base / rows['workers2']['seconds']:.2f}x (target >= 1.7x)")
    if "dask" in rows and "workers2" in rows:
        overhead = rows["dask"]["seconds"] / rows["workers2"]["seconds"] - 1
        print(
            f"Dask speed-up: {base / rows['dask']['seconds']:.2f}x (target >= 1.5x); "
            f"overhead against parse_many(workers=2): {overhead:+.0%} (target <= 15%)"
        )
    if "parquet" in rows:
        slower = rows["parquet"]["seconds"] / rows["jsonl"]["seconds"] - 1
        cpu = rows["parquet"]["cpu"] / rows["jsonl"]["cpu"] - 1
        print(f"parquet against jsonl: {slower:+.0%} wall, {cpu:+.0%} CPU (target <= +10%)")
    flat = _child("jsonl", small)
    if flat is not None:
        growth = rows["jsonl"]["rss"] / flat["rss_mib"] - 1
        print(
            f"peak RSS, jsonl command: {flat['rss_mib']:.1f} MiB for {flat['docs']:,} files, "
            f"{rows['jsonl']['rss']:.1f} MiB for {files:,} ({growth:+.0%}; target within 20%)"
        )


def _child(setting: str, folder: Path) -> dict[str, float] | None:
    command = [sys.executable, __file__, "--run", setting, "--dir", str(folder)]
    run = subprocess.run(command, capture_output=True, text=True, env=_ENV, check=False)
    if run.returncode != 0:
        if "ModuleNotFoundError" in run.stderr or "MissingExtraError" in run.stderr:
            return None
        raise SystemExit(f"{setting} failed:\n{run.stderr}")
    result: dict[str, float] = json.loads(run.stdout.splitlines()[-1])
    return result


# -- one measurement, in a fresh process -------------------------------------------


def _measure(setting: str, folder: Path) -> dict[str, float]:
    startup = 0.0
    if setting in ("jsonl", "parquet"):
        seconds, docs = _command(setting, folder)
    elif setting == "dask":
        seconds, docs, startup = _dask(folder)
    else:
        seconds, docs = _parse_many(folder, 1 if setting == "workers1" else 2)
    own, children = (
        resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    peak = max(own.ru_maxrss, children.ru_maxrss)
    # CPU time of the whole process tree: steadier than wall time on a busy machine.
    cpu = own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
    return {
        "seconds": seconds,
        "docs": docs,
        "startup": startup,
        "rss_mib": peak / 1024,
        "cpu": cpu,
    }


def _parse_many(folder: Path, workers: int) -> tuple[float, int]:
    import newsmeta

    start = time.perf_counter()
    docs = 0
    with open(os.devnull, "w", encoding="utf-8") as sink:
        for result in newsmeta.parse_many(folder, workers=workers, output="json"):
            docs += 1  # every file counts, parsed or not, as in the other settings
            if result.json is not None:
                sink.write(result.json + "\n")
    return time.perf_counter() - start, docs


def _render(result: object) -> int:
    """Render the article's JSON line on the worker, as parse_many(output="json") does."""
    import newsmeta

    article = getattr(result, "article", None)
    if article is not None:
        json.dumps(newsmeta.to_dict(article), ensure_ascii=False)
    return 1  # every file counts, parsed or not


def _dask(folder: Path) -> tuple[float, int, float]:
    from distributed import Client, LocalCluster

    import newsmeta.dask

    begin = time.perf_counter()
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster),
    ):
        start = time.perf_counter()
        docs = newsmeta.dask.read_articles(str(folder)).map(_render).sum().compute()
        seconds = time.perf_counter() - start
    return seconds, int(docs), start - begin


def _command(setting: str, folder: Path) -> tuple[float, int]:
    out = os.devnull if setting == "jsonl" else str(folder.parent / "out.parquet")
    command = [
        sys.executable, "-m", "newsmeta", "parse", str(folder), "--format", setting,
        "-o", out, "--quiet",
    ]  # fmt: skip
    start = time.perf_counter()
    subprocess.run(command, env=_ENV, check=False)
    seconds = time.perf_counter() - start
    docs = sum(1 for _ in folder.rglob("*.md"))
    return seconds, docs


if __name__ == "__main__":
    main()
