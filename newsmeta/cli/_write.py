"""The writing commands: ``convert`` (another dialect) and ``set`` (edit in place)."""

from __future__ import annotations

import argparse
import sys

from ..batch import Summary
from ..errors import NewsmetaError
from ..parser import Parser
from ._exit import EXIT_FAILED, EXIT_OK
from ._progress import _report
from ._read import _finish


def _add_convert(convert: argparse.ArgumentParser) -> None:
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
    from ..write.convert import convert_files

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


def _add_set(edit: argparse.ArgumentParser) -> None:
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

    from ..write.edit import edit

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
