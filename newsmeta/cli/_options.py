"""Options shared by several commands: batch reading, record fields, adapters."""

from __future__ import annotations

import argparse
import os

from ..adapter import Adapter
from ..batch import DEFAULT_PATTERNS
from ..errors import NewsmetaError
from ..parser import Parser
from ..records import select_fields


def _add_batch_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "paths", nargs="+", metavar="PATH", help="files, folders or globs; - reads stdin"
    )
    command.add_argument(
        "--stdin-name",
        default="<stdin>",
        metavar="NAME",
        help="the name of the document read from - (its path in output and errors)",
    )
    command.add_argument(
        "--errors",
        metavar="FILE",
        help="also write one JSON object per failed input to FILE "
        "(path, error, code, line, column, message)",
    )
    command.add_argument(
        "--dialect",
        metavar="NAME|FILE",
        help="read every file in this dialect (no detection); a mapping file's name "
        "(with --adapter) or an installed plugin's name works too",
    )
    _add_adapter_option(command)
    command.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help="parse in N processes (0: one per CPU; default 1)",
    )
    command.add_argument(
        "--pattern",
        action="append",
        metavar="GLOB",
        help=f"file names read in folders (repeatable; default {' '.join(DEFAULT_PATTERNS)})",
    )
    command.add_argument("--strict", action="store_true", help="treat diagnostics as errors")
    command.add_argument(
        "--repair",
        action="store_true",
        help="read common front-matter mistakes as plainly meant, with a diagnostic each",
    )
    command.add_argument(
        "--dayfirst", action="store_true", help="read 01/02/2025 as 1 February (default: 2 January)"
    )
    command.add_argument(
        "--timezone",
        default="UTC",
        metavar="ZONE",
        help="zone of dates and times that name none, e.g. Europe/Berlin (default UTC)",
    )
    command.add_argument("--quiet", "-q", action="store_true", help="no progress, no summary")


def _add_field_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--fields",
        type=_names,
        metavar="A,B",
        help="write only these fields (path is always written)",
    )
    command.add_argument(
        "--exclude", type=_names, default=(), metavar="A,B", help="leave these fields out"
    )
    command.add_argument(
        "--dedup-key",
        action="store_true",
        help="add canonical_url and dedup_key to every record",
    )


def _names(text: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in text.split(",") if name.strip())


def _fields(options: argparse.Namespace) -> tuple[str, ...] | None:
    """The record fields the options ask for; None: every article field, as rendered."""
    if options.fields is None and not options.exclude and not options.dedup_key:
        return None
    try:
        return select_fields(options.fields, options.exclude, derived=options.dedup_key)
    except ValueError as error:
        options.command.error(str(error))
        raise  # not reached: error() exits


def _add_adapter_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--adapter",
        action="append",
        default=[],
        metavar="FILE|NAME",
        help="a mapping file (.yaml, .yml, .toml, .json) or an installed plugin's name "
        "that joins detection like a built-in dialect (repeatable; a file may extend "
        "one given before it)",
    )


_MAPPING_FILE_SUFFIXES = (".yaml", ".yml", ".toml", ".json")


def _add_adapters(
    parser: Parser, options: argparse.Namespace, command: argparse.ArgumentParser
) -> None:
    """Register every --adapter in order; a mistake is a usage error (exit 2).

    ``--dialect FILE`` is taken as ``--adapter FILE --dialect <its name>``.
    """
    given = list(getattr(options, "adapter", []))
    dialect = getattr(options, "dialect", None)
    if dialect is not None and _is_mapping_file(dialect) and dialect not in given:
        given.append(dialect)
    if not given:
        return  # without importing the mapping-file reader (and tomllib): ~4 ms of start-up
    from .. import plugins
    from ..adapter_file import load_adapter

    for value in given:
        adapter: Adapter
        try:
            if _is_mapping_file(value):
                adapter = load_adapter(value, known=parser.adapters)
            elif value in plugins.installed():
                adapter = plugins.load_plugin(value)
            else:
                known = ", ".join(plugins.installed()) or "none"
                command.error(
                    f"--adapter {value!r} is neither a mapping file (.yaml, .yml, .toml, "
                    f".json) nor an installed plugin; installed plugins: {known}"
                )
            parser.register(adapter)
        except NewsmetaError as error:
            command.error(str(error))
        if value == dialect:
            options.dialect = adapter.name


def _is_mapping_file(value: str) -> bool:
    return value.lower().endswith(_MAPPING_FILE_SUFFIXES) or os.sep in value


def _dialect_name(value: str) -> str:
    if not value.replace("-", "").replace("_", "").isalnum():
        raise argparse.ArgumentTypeError(f"{value!r} must be letters, digits, '-' or '_'")
    return value
