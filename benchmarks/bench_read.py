"""What reading one small file costs: the guarded reader against ``read(limit + 1)``.

    python benchmarks/bench_read.py [FILE]

``parse_file`` used to ask for the whole input limit plus one byte (~65 MiB) on
every call, whatever the file held; ``Parser.read_file`` asks for the size that
``fstat`` reports plus one byte.  Prints the median time per read of each, over
alternating rounds, and the peak memory traced during one read.
"""

from __future__ import annotations

import statistics
import sys
import time
import tracemalloc
from pathlib import Path

from newsmeta import Parser

ROUNDS = 7
READS = 2_000


def _old_read(path: str, limit: int) -> bytes:
    with Path(path).open("rb") as handle:
        return handle.read(limit + 1)


def main() -> None:
    root = Path(__file__).resolve().parent.parent
    path = sys.argv[1] if len(sys.argv) > 1 else str(root / "examples/news/hugo-city-council.md")
    parser = Parser()
    limit = parser.max_input_size
    readers = {
        "read(limit + 1)": lambda: _old_read(path, limit),
        "Parser.read_file": lambda: parser.read_file(path),
    }
    timings: dict[str, list[float]] = {name: [] for name in readers}
    for _ in range(ROUNDS):
        for name, read in readers.items():
            start = time.perf_counter()
            for _ in range(READS):
                read()
            timings[name].append((time.perf_counter() - start) / READS)
    print(f"{Path(path).stat().st_size}-byte file, median of {ROUNDS} rounds of {READS} reads")
    for name, read in readers.items():
        tracemalloc.start()
        read()
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        median = statistics.median(timings[name]) * 1e6
        print(f"  {name:<17} {median:6.1f} µs per read, peak {peak / 1024:10.1f} KiB")


if __name__ == "__main__":
    main()
