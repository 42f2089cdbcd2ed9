"""Benchmark the value readers: dates by form, and authors (plain names vs bylines).

Run:  PYTHONPATH=. python benchmarks/bench_values.py [--number 20000]
Prints microseconds per value (best of five runs) for each date form through the
``published`` hook (what conversion calls), and for author values.  The point to check:
ISO 8601 and YAML timestamps stay on the ``fromisoformat`` fast path, and a plain author
name costs one regex search more than before; only the forms that need them pay for the
numeric-date rules, dateutil or the byline reader.
"""

from __future__ import annotations

import argparse
import timeit
from datetime import date, datetime, timezone
from typing import Any

from newsmeta._coerce import NOTES, hooks_for_fields

DATES: dict[str, Any] = {
    "YAML timestamp (datetime)": datetime(2024, 3, 5, 18, 20, tzinfo=timezone.utc),
    "YAML date": date(2024, 3, 5),
    "ISO 8601 text, Z": "2024-03-05T18:20:00Z",
    "ISO 8601 text, space (WordPress)": "2016-09-21 12:22:29+00:00",
    "no seconds (Pelican)": "2014-06-20 12:12",
    "numeric, year last": "20/06/2014",
    "month name (April 8, 2022)": "April 8, 2022",
    "JavaScript Date.toString()": "Mon Nov 13 2017 00:00:00 GMT+0000 (Coordinated Universal Time)",
    "impossible (0000-00-00 text)": "0000-00-00",
}
AUTHORS: dict[str, Any] = {
    "plain name": "Sonalika Ghosh",
    "list of plain names": ["Jenny Bryan", "Mara Averick"],
    "byline: A, B, and C": "Laura Flores, Neha Ojha, and Vikhyat Umrao",
    "byline: link and affiliation": "[Tiffany Hrabusa](https://t.test/th) (Grafana Labs)",
}


def _per_value(hook: Any, value: Any, number: int) -> float:
    def run() -> None:
        token = NOTES.set([])
        try:
            hook(value, None)
        finally:
            NOTES.reset(token)

    run()  # warm-up: imports, regex compilation
    return min(timeit.repeat(run, number=number, repeat=5)) / number * 1e6


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--number", type=int, default=20_000, help="calls per run")
    number = options.parse_args().number
    hooks = hooks_for_fields()
    for title, table, hook in (
        ("dates (published hook)", DATES, hooks["published"]),
        ("authors (authors hook)", AUTHORS, hooks["authors"]),
    ):
        print(title)
        for name, value in table.items():
            print(f"  {name:36} {_per_value(hook, value, number):7.2f} µs")


if __name__ == "__main__":
    main()
