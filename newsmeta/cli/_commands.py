"""The argument parser: every command, its options and the function that runs it."""

from __future__ import annotations

import argparse

from .. import __version__
from ..batch import DEFAULT_PATTERNS
from ._options import _add_adapter_option, _add_batch_options, _add_field_options, _dialect_name
from ._read import (
    _FEEDS,
    _run_dedup,
    _run_detect,
    _run_infer,
    _run_parse,
    _run_schema,
    _run_validate,
)
from ._write import _add_convert, _add_set


def _argument_parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="newsmeta",
        description="Read news articles with front matter into one typed shape.",
        epilog="exit status: 0 every file parsed, 1 some file failed, 2 usage error",
    )
    top.add_argument("--version", action="version", version=f"newsmeta {__version__}")
    commands = top.add_subparsers(title="commands", metavar="COMMAND", required=True)

    parse = commands.add_parser("parse", help="parse files and print one JSON object per article")
    _add_batch_options(parse)
    parse.add_argument(
        "--format",
        choices=("jsonl", "json", "parquet", *_FEEDS),
        default="jsonl",
        help="jsonl: one object per line (default); json: one array; "
        'parquet: a Parquet file (needs -o and pip install "newsmeta[arrow]"); '
        "jsonfeed, atom, rss: one feed; jsonld: schema.org NewsArticle objects",
    )
    parse.add_argument("--feed-title", default="newsmeta export", help="the feed's title")
    parse.add_argument("--feed-link", metavar="URL", help="the feed's site link")
    parse.add_argument(
        "-o", "--output", metavar="FILE", help="write the records to FILE instead of stdout"
    )
    _add_field_options(parse)
    parse.set_defaults(run=_run_parse, command=parse)

    validate = commands.add_parser("validate", help="check files without printing articles")
    _add_batch_options(validate)
    validate.set_defaults(run=_run_validate, command=validate)

    dedup = commands.add_parser(
        "dedup", help="print groups of files that tell the same story, one JSON object each"
    )
    _add_batch_options(dedup)
    dedup.add_argument(
        "--by-title",
        action="store_true",
        help="also group the same title (3+ words) published within 2 days",
    )
    dedup.add_argument(
        "--no-related",
        action="store_true",
        help="do not treat an item's related entries as the same story",
    )
    dedup.set_defaults(run=_run_dedup, command=dedup)

    detect = commands.add_parser("detect", help="show which dialect each file is read as")
    detect.add_argument("paths", nargs="+", metavar="FILE", help="files, folders or globs")
    _add_adapter_option(detect)
    detect.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="every candidate's score and the keys that voted",
    )
    detect.set_defaults(run=_run_detect, command=detect)

    _add_convert(commands)
    _add_set(commands)
    infer = commands.add_parser(
        "infer", help="draft a mapping file (YAML, commented) from a sample of a source"
    )
    infer.add_argument("paths", nargs="+", metavar="PATH", help="files, folders or globs")
    infer.add_argument(
        "--name", type=_dialect_name, help="the dialect name (default: from the folder's name)"
    )
    infer.add_argument(
        "--pattern",
        action="append",
        metavar="GLOB",
        help=f"file names read in folders (repeatable; default {' '.join(DEFAULT_PATTERNS)})",
    )
    infer.add_argument("--limit", type=int, metavar="N", help="read at most N files")
    infer.add_argument(
        "--repair", action="store_true", help="read files with common YAML mistakes (see parse)"
    )
    infer.set_defaults(run=_run_infer, command=infer)

    schema = commands.add_parser("schema", help="print the JSON Schema of the parse output")
    schema.add_argument(
        "--of",
        choices=("record", "errors", "article"),
        default="record",
        help="record: a line of `parse` (default, honours the field options); "
        "errors: a line of --errors FILE; article: to_dict's output",
    )
    _add_field_options(schema)
    schema.set_defaults(run=_run_schema, command=schema)
    return top
