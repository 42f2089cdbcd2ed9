"""The ``newsmeta`` command: parse, validate, detect, convert, schema.

Articles go to stdout, everything else (errors as ``file:line:col: message``,
progress, the summary) to stderr, so ``newsmeta parse corpus/ > out.jsonl``
keeps a clean data file.  Exit codes: 0 every file parsed, 1 some failed,
2 the command line was wrong.

This module is imported only by the command (never by ``import newsmeta``);
the progress bar uses ``tqdm`` when installed (``pip install newsmeta[progress]``)
and a one-line counter otherwise.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import time
from collections.abc import Iterator, Sequence
from typing import IO, Any

from . import __version__
from ._extras import require
from .adapter import Adapter
from .batch import DEFAULT_PATTERNS, Output, Result, Summary, _skipped, _tasks, parse_many
from .errors import MissingExtraError, NewsmetaError
from .parser import Parser
from .records import article_record, error_record, path_text, select_fields
from .schema import json_schema

__all__ = ["main"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 130  # what shells report for Ctrl-C


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command with *argv* (default ``sys.argv[1:]``); return the exit code."""
    arguments = _argument_parser()
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


# -- command line -----------------------------------------------------------------


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


def _add_convert(commands: Any) -> None:
    convert = commands.add_parser(
        "convert", help="rewrite files in another dialect (and format) into a folder"
    )
    convert.add_argument("paths", nargs="+", metavar="PATH", help="files, folders or globs")
    convert.add_argument("--to", required=True, metavar="DIALECT", help="the dialect to write")
    convert.add_argument(
        "--format", choices=("yaml", "toml", "json"), help="front-matter format (default: kept)"
    )
    convert.add_argument("--out", required=True, metavar="DIR", help="where to write the files")
    convert.add_argument("--force", action="store_true", help="overwrite existing files")
    convert.add_argument(
        "--dialect", metavar="NAME", help="read every file in this dialect (no detection)"
    )
    convert.add_argument("--quiet", "-q", action="store_true", help="no summary")
    convert.set_defaults(run=_run_convert, command=convert)


def _run_convert(options: argparse.Namespace, parser: Parser) -> int:
    from .write.convert import convert_files

    summary = Summary()
    for converted in convert_files(
        options.paths,
        to=options.to,
        out=options.out,
        format=options.format,
        force=options.force,
        parser=parser,
        dialect=options.dialect,
    ):
        result = summary.track([converted.result])
        for done in result:
            if done.error is not None:
                _report(done.message, None)
                continue
            print(f"{done.name} -> {converted.target}")
            for warning in converted.warnings:
                print(f"{done.name}: warning: {warning}", file=sys.stderr)
    return _finish(options, summary)


_SET_TEXTS = ("title", "summary", "url", "slug", "kind", "language", "published", "updated")
_SET_LISTS = {"tag": "tags", "category": "categories", "author": "authors",
              "alias": "aliases", "link": "links", "image": "images"}  # fmt: skip


def _add_set(commands: Any) -> None:
    edit = commands.add_parser(
        "set", help="change fields of files in place, rewriting only their lines"
    )
    edit.add_argument("paths", nargs="+", metavar="FILE", help="files to change")
    for name in _SET_TEXTS:
        edit.add_argument(f"--{name}", metavar="TEXT" if name[-2:] != "ed" else "DATE")
    for flag, name in _SET_LISTS.items():
        edit.add_argument(
            f"--{flag}", dest=name, action="append", metavar="VALUE",
            help=f"repeatable; the {name} become exactly these",
        )  # fmt: skip
    edit.add_argument(
        "--draft", dest="is_draft", action=argparse.BooleanOptionalAction, help="mark as draft"
    )
    edit.add_argument(
        "--unset",
        action="append",
        default=[],
        metavar="FIELD",
        choices=(*_SET_TEXTS, *_SET_LISTS.values(), "is_draft"),
        help="remove a field (every key of it)",
    )
    edit.add_argument(
        "--key", action="append", default=[], metavar="KEY=TEXT",
        help="set a raw (dotted) key to a text value",
    )  # fmt: skip
    edit.add_argument(
        "--dialect", metavar="NAME", help="read the files in this dialect (no detection)"
    )
    edit.add_argument("--dry-run", action="store_true", help="print the diff, write nothing")
    edit.set_defaults(run=_run_set, command=edit)


def _run_set(options: argparse.Namespace, parser: Parser) -> int:
    import difflib
    from pathlib import Path

    from .write.edit import edit

    changes = {name: getattr(options, name) for name in _SET_TEXTS}
    changes.update({name: getattr(options, name) for name in _SET_LISTS.values()})
    changes["is_draft"] = options.is_draft
    changes = {name: value for name, value in changes.items() if value is not None}
    changes.update({name: None for name in options.unset})
    keys = {}
    for item in options.key:
        key, sep, value = item.partition("=")
        if not sep:
            options.command.error(f"--key takes KEY=TEXT, not {item!r}")
        keys[key] = value
    if not changes and not keys:
        options.command.error("nothing to change; give a field option, --unset or --key")
    failed = False
    for name in options.paths:
        try:
            old = parser.read_file(name).decode("utf-8-sig")  # the guarded reader
            source: str | Path = old if options.dry_run else Path(name)
            new = edit(source, keys=keys, dialect=options.dialect, parser=parser, **changes)
        except (NewsmetaError, OSError) as error:
            failed = True
            message = str(error)
            _report(message if message.startswith(f"{name}:") else f"{name}: {message}", None)
            continue
        if options.dry_run:
            sys.stdout.writelines(
                difflib.unified_diff(
                    old.splitlines(keepends=True), new.splitlines(keepends=True), name, name
                )
            )
        else:
            print(f"{name}: {'updated' if new != old else 'unchanged'}", file=sys.stderr)
    return EXIT_FAILED if failed else EXIT_OK


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
    from . import plugins
    from .adapter_file import load_adapter

    given = list(getattr(options, "adapter", []))
    dialect = getattr(options, "dialect", None)
    if dialect is not None and _is_mapping_file(dialect) and dialect not in given:
        given.append(dialect)
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


# -- commands ---------------------------------------------------------------------


_FEEDS = ("jsonfeed", "atom", "rss", "jsonld")


def _run_feed(options: argparse.Namespace, parser: Parser) -> int:
    from .write.export import export

    sources = _sources(options, parser)
    with _error_file(options) as errors, _output(options) as out:
        summary = Summary()
        results = _batch(options, sources, parser, summary, errors, "article")
        articles = [result.article for result in results if result.article is not None]
        try:
            text = export(
                articles, options.format, title=options.feed_title, link=options.feed_link
            )
        except NewsmetaError as error:
            print(f"newsmeta: {error}", file=sys.stderr)
            return EXIT_FAILED
        out.write(text)
    return _finish(options, summary)


def _run_parse(options: argparse.Namespace, parser: Parser) -> int:
    fields = _fields(options)
    if options.format in _FEEDS:
        if fields is not None:
            options.command.error(f"--format {options.format} takes whole articles; drop --fields")
        return _run_feed(options, parser)
    write_parquet = _parquet_writer(options) if options.format == "parquet" else None
    sources = _sources(options, parser)
    with _error_file(options) as errors, _output(options) as out:
        summary = Summary()
        # Whole JSON records are rendered where each file is parsed (in the
        # workers, with --workers); trimmed records and tables are built here.
        rendered = fields is None and (write_parquet is None or options.workers != 1)
        output: Output = "json" if rendered else "article"
        results = _batch(options, sources, parser, summary, errors, output)
        if write_parquet is not None:
            # Rows are written in row groups as results arrive: memory stays flat.
            write_parquet(results, out, fields=fields)
        else:
            _write_json(options, results, fields, out)
    return _finish(options, summary)


def _parquet_writer(options: argparse.Namespace) -> Any:
    to_terminal = options.output == "-" and sys.stdout.isatty()
    if options.output is None or to_terminal:
        options.command.error("--format parquet writes a file: give it with -o FILE")
    try:  # fail now, not after parsing every file
        require("pyarrow.parquet", "arrow", "--format parquet")
    except MissingExtraError as error:
        options.command.error(str(error))
    from .arrow import write_parquet

    return write_parquet


def _output(options: argparse.Namespace) -> contextlib.AbstractContextManager[IO[Any]]:
    if options.output is None or options.output == "-":
        stream: IO[Any] = sys.stdout.buffer if options.format == "parquet" else sys.stdout
        return contextlib.nullcontext(stream)
    mode = "wb" if options.format == "parquet" else "w"
    try:
        return open(options.output, mode, encoding=None if "b" in mode else "utf-8")
    except OSError as exc:
        options.command.error(f"-o: cannot write {options.output}: {exc.strerror or exc}")
        raise  # not reached: error() exits


def _write_json(
    options: argparse.Namespace,
    results: Iterator[Result],
    fields: tuple[str, ...] | None,
    out: IO[str],
) -> None:
    as_array = options.format == "json"
    first = True
    if as_array:
        out.write("[")
    for result in results:
        if result.json is not None:
            line = _with_path(result.name, result.json)
        elif result.article is not None:
            record = article_record(result.article, result.name, fields)
            line = json.dumps(record, ensure_ascii=False)
        else:
            continue
        if as_array:
            out.write("\n" if first else ",\n")
            first = False
        out.write(line if as_array else line + "\n")
    if as_array:
        out.write("]\n" if first else "\n]\n")
    out.flush()


def _run_validate(options: argparse.Namespace, parser: Parser) -> int:
    sources = _sources(options, parser)
    with _error_file(options) as errors:
        summary = Summary()
        for _ in _batch(options, sources, parser, summary, errors, "article"):
            pass
    return _finish(options, summary)


def _run_dedup(options: argparse.Namespace, parser: Parser) -> int:
    try:
        require("ural", "urls", "newsmeta dedup")
    except MissingExtraError as error:
        options.command.error(str(error))
    from .dedup import KEEP_RULE, find_duplicates

    sources = _sources(options, parser)
    with _error_file(options) as errors:
        summary = Summary()
        results = _batch(options, sources, parser, summary, errors, "article")
        groups = find_duplicates(
            results, related=not options.no_related, by_title=options.by_title
        )
    for group in groups:
        sys.stdout.write(json.dumps(group.to_dict(), ensure_ascii=False) + "\n")
    sys.stdout.flush()
    if not options.quiet:
        duplicates = sum(len(group.duplicates) for group in groups)
        print(
            f"{len(groups)} groups of the same story, {duplicates} duplicates ({KEEP_RULE})",
            file=sys.stderr,
        )
    return _finish(options, summary)


def _with_path(name: str, article_json: str) -> str:
    # to_dict's JSON object with "path" as its first key, without parsing it again.
    return '{"path": ' + json.dumps(path_text(name), ensure_ascii=False) + ", " + article_json[1:]


def _sources(options: argparse.Namespace, parser: Parser) -> list[str | tuple[str, bytes]]:
    """The PATH arguments, with ``-`` replaced by the document on stdin."""
    if options.paths.count("-") > 1:
        options.command.error("- (stdin) may be given once")
    # Never more than the parser accepts (it refuses the rest with a LimitError).
    limit = parser.max_input_size + 1
    return [
        (options.stdin_name, sys.stdin.buffer.read(limit)) if path == "-" else path
        for path in options.paths
    ]


def _error_file(options: argparse.Namespace) -> IO[str]:
    if options.errors is None:
        return open(os.devnull, "w", encoding="utf-8")
    try:
        return open(options.errors, "w", encoding="utf-8")
    except OSError as exc:
        options.command.error(f"--errors: cannot write {options.errors}: {exc.strerror or exc}")
        raise  # not reached: error() exits


def _batch(
    options: argparse.Namespace,
    sources: list[str | tuple[str, bytes]],
    parser: Parser,
    summary: Summary,
    errors: IO[str],
    output: Output,
) -> Iterator[Result]:
    """The run's results, counted in *summary*; errors and progress go to stderr,
    and one JSON object per failure to *errors* (--errors FILE)."""
    results = parse_many(
        sources,
        workers=options.workers,
        parser=parser,
        dialect=options.dialect,
        patterns=options.pattern or DEFAULT_PATTERNS,
        output=output,
    )
    progress = _progress(sys.stderr) if not options.quiet and sys.stderr.isatty() else None
    try:
        for result in summary.track(results):
            if result.error is not None:
                _report(result.message, progress)
                record = error_record(result.name, result.error)
                errors.write(json.dumps(record, ensure_ascii=False) + "\n")
            if progress is not None:
                progress.update(summary)
            yield result
    finally:
        if progress is not None:
            progress.close()


def _finish(options: argparse.Namespace, summary: Summary) -> int:
    if not options.quiet:
        print(summary, file=sys.stderr)
    return EXIT_OK if summary.failed == 0 else EXIT_FAILED


def _run_detect(options: argparse.Namespace, parser: Parser) -> int:
    failed = False
    for name, payload in _tasks(options.paths, DEFAULT_PATTERNS):
        if _skipped((name, payload)):
            continue  # an HTML page without front matter, found by walking a folder
        try:
            if isinstance(payload, NewsmetaError):
                raise payload
            # Through parse_file's guarded reader: a FIFO, a device or a huge file
            # is an error for that name, never a hang or a MemoryError.
            text = payload if isinstance(payload, str | bytes) else parser.read_file(name)
            parts = parser.split(text, path=name)
            mapping, _ = parser.load(parts, path=name)
            detection = parser.detect(mapping)
        except NewsmetaError as error:
            failed = True
            _report(Result(name, error=error).message, None)
            continue
        print(f"{name}: {detection.chosen or 'none'} ({detection.reason})")
        if options.verbose:
            for candidate in detection.candidates:
                voters = ", ".join(candidate.voters) or "-"
                kind = " (fallback)" if candidate.fallback else ""
                print(f"  {candidate.name}{kind} {candidate.score:.2f}: {voters}")
            _print_plugin_candidates(parser, mapping)
        if detection.chosen is None:
            failed = True
    return EXIT_FAILED if failed else EXIT_OK


def _print_plugin_candidates(parser: Parser, mapping: dict[str, object]) -> None:
    """Installed plugins not in detection, scored as if they were: what --adapter NAME would do."""
    from . import plugins
    from .detect import rank

    registered = {adapter.name for adapter in parser.adapters}
    for name in plugins.installed():
        if name in registered:
            continue
        note = f"(plugin, not in detection; --adapter {name} adds it)"
        try:
            candidate = rank([plugins.load_plugin(name)], mapping).candidates[0]
        except NewsmetaError as error:
            print(f"  {name} {note}: fails to load: {error}")
            continue
        voters = ", ".join(candidate.voters) or "-"
        print(f"  {name} {note} {candidate.score:.2f}: {voters}")


def _dialect_name(value: str) -> str:
    if not value.replace("-", "").replace("_", "").isalnum():
        raise argparse.ArgumentTypeError(f"{value!r} must be letters, digits, '-' or '_'")
    return value


def _run_infer(options: argparse.Namespace, parser: Parser) -> int:
    from .infer import infer_adapter

    draft = infer_adapter(
        options.paths,
        name=options.name,
        patterns=tuple(options.pattern) if options.pattern else None,
        limit=options.limit,
        repair=options.repair,
    )
    for message in draft.unreadable:
        print(message, file=sys.stderr)
    if not draft.files:
        print("no front matter could be read; no draft written", file=sys.stderr)
        return EXIT_FAILED
    sys.stdout.write(draft.text)
    print(
        f"{draft.files} files read, {len(draft.unreadable)} unreadable; "
        f"draft for {draft.name!r} written",
        file=sys.stderr,
    )
    return EXIT_OK


def _run_schema(options: argparse.Namespace, parser: Parser) -> int:
    fields = _fields(options) if options.of == "record" else None
    schema = json_schema(options.of, fields=fields)
    print(json.dumps(schema, indent=2, ensure_ascii=False))
    return EXIT_OK


# -- progress on a terminal -------------------------------------------------------


class _Counter:
    """A one-line counter, redrawn at most ten times a second (no tqdm installed)."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream
        self._last = 0.0
        self._text = ""

    def update(self, summary: Summary) -> None:
        now = time.monotonic()
        if now - self._last < 0.1:
            return
        self._last = now
        files = "file" if summary.seen == 1 else "files"
        self._text = f"{summary.seen} {files}, {summary.failed} failed"
        self._stream.write("\r" + self._text)
        self._stream.flush()

    def write(self, text: str) -> None:
        self._stream.write("\r" + " " * len(self._text) + "\r" + text + "\n")
        self._stream.write("\r" + self._text)

    def close(self) -> None:
        self._stream.write("\r" + " " * len(self._text) + "\r")
        self._stream.flush()


class _Bar:
    """tqdm's bar; the total is unknown because folders are walked lazily."""

    def __init__(self, stream: IO[str]) -> None:
        from tqdm import tqdm

        self._bar = tqdm(file=stream, unit=" files", leave=False, dynamic_ncols=True)
        self._write = tqdm.write
        self._stream = stream

    def update(self, summary: Summary) -> None:
        self._bar.set_postfix_str(f"{summary.failed} failed", refresh=False)
        self._bar.update(1)

    def write(self, text: str) -> None:
        self._write(text, file=self._stream)

    def close(self) -> None:
        self._bar.close()


def _progress(stream: IO[str]) -> _Counter | _Bar:
    try:
        return _Bar(stream)
    except ImportError:
        return _Counter(stream)


def _report(message: str, progress: _Counter | _Bar | None) -> None:
    if progress is None:
        print(message, file=sys.stderr)
    else:
        progress.write(message)
