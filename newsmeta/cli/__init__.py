"""The ``newsmeta`` command: parse, validate, detect, convert, schema.

Articles go to stdout, everything else (errors as ``file:line:col: message``,
progress, the summary) to stderr, so ``newsmeta parse corpus/ > out.jsonl``
keeps a clean data file.  Exit codes: 0 every file parsed, 1 some failed,
2 the command line was wrong.

This package is imported only by the command (never by ``import newsmeta``);
the progress bar uses ``tqdm`` when installed (``pip install newsmeta[progress]``)
and a one-line counter otherwise.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from ..errors import NewsmetaError
from ..parser import Parser
from ._commands import _argument_parser
from ._exit import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_USAGE
from ._options import _add_adapters

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command with *argv* (default ``sys.argv[1:]``); return the exit code."""
    if argv is None:
        argv = sys.argv[1:]
    arguments = _argument_parser(argv)
    try:
        options = arguments.parse_args(argv)
        command: argparse.ArgumentParser = options.command
        if getattr(options, "workers", 0) < 0:
            command.error(f"--workers must be 0 (every CPU) or more, not {options.workers}")
        try:
            parser = Parser(
                strict=getattr(options, "strict", False),
                repair=getattr(options, "repair", False),
                dayfirst=getattr(options, "dayfirst", False),
                default_timezone=getattr(options, "timezone", "UTC"),
            )
        except ValueError as error:  # an unknown --timezone
            command.error(str(error))
        _add_adapters(parser, options, command)
        for dialect in (getattr(options, "dialect", None), getattr(options, "to", None)):
            if dialect is None:
                continue
            try:
                parser.adapter(dialect)  # registered, or an installed plugin by name
            except NewsmetaError as error:  # unknown name, or a plugin that fails to load
                command.error(str(error))
    except SystemExit as exit:  # argparse reports usage errors (2) and --help (0) this way
        return exit.code if isinstance(exit.code, int) else EXIT_USAGE
    try:
        code: int = options.run(options, parser)
    except SystemExit as exit:  # a usage error found while starting the run (--errors FILE)
        return exit.code if isinstance(exit.code, int) else EXIT_USAGE
    except BrokenPipeError:
        # `newsmeta parse ... | head`: the reader left; stop quietly like other tools.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - stays open until exit
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    return code
