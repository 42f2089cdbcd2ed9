"""The argument parser: every command, its options and the function that runs it."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence

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


def _argument_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser of every command; with *argv*, only the command it names gets its
    options (the others stay listed in --help).

    Building every command's options took ~8 ms of each run's start-up (argparse
    looks up translations and the terminal size per option), ~20% of what
    parsing 100 small files costs.
    """
    top = argparse.ArgumentParser(
        prog="newsmeta",
        description="Read news articles with front matter into one typed shape.",
        epilog="exit status: 0 every file parsed, 1 some file failed, 2 usage error",
    )
    top.add_argument("--version", action="version", version=f"newsmeta {__version__}")
    commands = top.add_subparsers(title="commands", metavar="COMMAND", required=True)
    named = argv[0] if argv else None
    chosen = named if any(named == name for name, _, _ in _COMMANDS) else None
    for name, help_text, add_options in _COMMANDS:
        command = commands.add_parser(name, help=help_text)
        if chosen is None or chosen == name:
            add_options(command)
    return top


def _add_parse(parse: argparse.ArgumentParser) -> None:
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


def _add_validate(validate: argparse.ArgumentParser) -> None:
    _add_batch_options(validate)
    validate.set_defaults(run=_run_validate, command=validate)


def _add_dedup(dedup: argparse.ArgumentParser) -> None:
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


def _add_detect(detect: argparse.ArgumentParser) -> None:
    detect.add_argument("paths", nargs="+", metavar="FILE", help="files, folders or globs")
    _add_adapter_option(detect)
    detect.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="every candidate's score and the keys that voted",
    )
    detect.set_defaults(run=_run_detect, command=detect)


def _add_infer(infer: argparse.ArgumentParser) -> None:
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


def _add_schema(schema: argparse.ArgumentParser) -> None:
    schema.add_argument(
        "--of",
        choices=("record", "errors", "article"),
        default="record",
        help="record: a line of `parse` (default, honours the field options); "
        "errors: a line of --errors FILE; article: to_dict's output",
    )
    _add_field_options(schema)
    schema.set_defaults(run=_run_schema, command=schema)


# (name, help in the command list, adds its options), in the order --help lists them.
_COMMANDS: tuple[tuple[str, str, Callable[[argparse.ArgumentParser], None]], ...] = (
    ("parse", "parse files and print one JSON object per article", _add_parse),
    ("validate", "check files without printing articles", _add_validate),
    (
        "dedup",
        "print groups of files that tell the same story, one JSON object each",
        _add_dedup,
    ),
    ("detect", "show which dialect each file is read as", _add_detect),
    ("convert", "rewrite files in another dialect (and format) into a folder", _add_convert),
    ("set", "change fields of files in place, rewriting only their lines", _add_set),
    ("infer", "draft a mapping file (YAML, commented) from a sample of a source", _add_infer),
    ("schema", "print the JSON Schema of the parse output", _add_schema),
)
