"""The reading commands: parse, validate, dedup, detect, infer, schema."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Iterator
from json.encoder import encode_basestring
from typing import IO, Any

from .._extras import require
from ..batch import DEFAULT_PATTERNS, Output, Result, Summary, _skipped, _tasks, parse_many
from ..errors import MissingExtraError, NewsmetaError
from ..parser import Parser
from ..records import article_record, error_record, path_text
from ._exit import EXIT_FAILED, EXIT_OK
from ._options import _fields
from ._progress import _progress, _report

_FEEDS = ("jsonfeed", "atom", "rss", "jsonld")


def _run_feed(options: argparse.Namespace, parser: Parser) -> int:
    from ..write.export import export

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
    from ..arrow import write_parquet

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


#: Characters of output gathered before one write: a write per 3 kB line to a
#: pipe cost ~2.5 µs more a line than this (a system call every ~3 lines).
_WRITE_SIZE = 1 << 16


def _write_json(
    options: argparse.Namespace,
    results: Iterator[Result],
    fields: tuple[str, ...] | None,
    out: IO[str],
) -> None:
    as_array = options.format == "json"
    # On a terminal each record shows as soon as it is parsed.
    limit = 0 if out.isatty() else _WRITE_SIZE
    pending: list[str] = ["["] if as_array else []
    size = 0
    separator = "\n"
    for result in results:
        if result.json is not None:
            line = _with_path(result.name, result.json)
        elif result.article is not None:
            record = article_record(result.article, result.name, fields)
            line = json.dumps(record, ensure_ascii=False)
        else:
            continue
        if as_array:
            pending.append(separator)
            separator = ",\n"
            pending.append(line)
        else:
            pending.append(line + "\n")
        size += len(line)
        if size >= limit:
            out.write("".join(pending))
            pending.clear()
            size = 0
    if as_array:
        pending.append("]\n" if separator == "\n" else "\n]\n")
    out.write("".join(pending))
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
    from ..dedup import KEEP_RULE, find_duplicates

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
    # to_dict's JSON object with "path" as its first key, without parsing it again;
    # the name as json.dumps(..., ensure_ascii=False) writes it, without building
    # an encoder per line.
    return '{"path": ' + encode_basestring(path_text(name)) + ", " + article_json[1:]


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
    from .. import plugins
    from ..detect import rank

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


def _run_infer(options: argparse.Namespace, parser: Parser) -> int:
    from ..infer import infer_adapter

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
    from ..schema import json_schema

    fields = _fields(options) if options.of == "record" else None
    schema = json_schema(options.of, fields=fields)
    print(json.dumps(schema, indent=2, ensure_ascii=False))
    return EXIT_OK
