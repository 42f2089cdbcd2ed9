"""Parse many files in a pipeline: one ``Result`` per input, never an exception.

``parse_many`` walks paths, folders and globs lazily and streams results, so
memory stays flat however many files there are.  With ``workers > 1`` files are
parsed in worker processes: the parent sends *paths* in small chunks (a
worker reads the file itself, so bodies cross a process boundary once, as part
of the parsed ``Article``), and at most a few chunks per worker are in flight.

Every failure of one input, expected (a ``SourceError``) or not (a bug in a
custom adapter), becomes ``Result.error``; a bug is wrapped in
``UnexpectedError`` so every error is a ``NewsmetaError`` naming the file.
"""

from __future__ import annotations

import os
import pickle
import traceback
from collections import Counter, deque
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Literal, TypeAlias, TypeGuard, cast

import attrs

from . import _pool
from ._article_json import article_json
from ._read import read_head
from ._walk import expand_glob, is_glob, walk_folder
from .errors import (
    AdapterError,
    DialectError,
    NewsmetaError,
    SourceError,
    UnexpectedError,
)
from .model import Article
from .parser import Parser
from .split import begins_with_front_matter

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

__all__ = ["DEFAULT_PATTERNS", "Output", "Result", "Summary", "parse_many"]

#: File names read when walking a folder (explicitly named files are always read):
#: Markdown, MDX (Astro, Docusaurus), Quarto, R Markdown (blogdown) and HTML pages,
#: of which a walk reads only those that begin with front matter (Jekyll's).
DEFAULT_PATTERNS: tuple[str, ...] = (
    "*.md",
    "*.markdown",
    "*.mdx",
    "*.qmd",
    "*.Rmd",
    "*.Rmarkdown",
    "*.html",
)
#: Found by a walk, such a file counts only if it begins with front matter; most
#: HTML files of a site are templates or generated pages, not articles.
_SNIFFED_SUFFIXES = (".html", ".htm")
#: Bytes read to sniff a file: a BOM, some blank lines and the opener fit easily.
_SNIFF_BYTES = 4096

#: Inputs per task sent to a worker when ``chunksize`` is not given.  Each chunk
#: costs the parent ~0.3 ms of CPU (a future, three threads handing it on, two
#: pipes) while a worker parses a file in ~0.35 ms: 64 files a chunk keep that
#: under 2% of the work, a share the parent takes from the workers' cores.
DEFAULT_CHUNKSIZE = 64
#: The automatic chunks at the end of the input are this many times smaller, so
#: that no worker is left with a long chunk while the others have nothing to do.
_TAIL_DIVISOR = 4

#: Chunks in flight per worker: enough to keep workers busy, few enough that
#: memory does not grow when the consumer is slower than the workers.
_WINDOW_PER_WORKER = 4

Source: TypeAlias = "str | os.PathLike[str] | tuple[str, str | bytes | bytearray | memoryview]"
#: What a parsed result carries: the ``Article``, or its JSON rendered in the worker.
Output: TypeAlias = Literal["article", "json"]
# A unit of work: a name and what to parse.  None means "read the file at
# name"; a SourceError is a failure already known while walking (a folder we
# may not list), kept in line so results stay in input order; _IF_FRONT_MATTER
# means "read it only if it begins with front matter, else skip it".
_Task: TypeAlias = "tuple[str, str | bytes | SourceError | _IfFrontMatter | None]"


class _IfFrontMatter:
    """Marks a walked file that is read only if it begins with front matter (HTML)."""

    def __reduce__(self) -> str:
        return "_IF_FRONT_MATTER"  # one instance, also in worker processes


_IF_FRONT_MATTER = _IfFrontMatter()


@attrs.frozen
class Result:
    """The outcome for one input: ``article`` (or ``json``) or ``error``, never both."""

    name: str
    article: Article | None = None
    error: NewsmetaError | None = attrs.field(default=None, eq=False)
    #: With ``output="json"``: the article as one JSON object (``to_dict``), its
    #: dialect and diagnostic codes, rendered where it was parsed.
    json: str | None = None
    dialect: str | None = None
    diagnostic_codes: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def message(self) -> str:
        """The error as ``file:line:col: message`` lines ("" when parsed)."""
        if self.error is None:
            return ""
        text = str(self.error)
        # Every newsmeta error we create here names its file; an error raised
        # by third-party code may not, and a reader needs to know which file.
        return text if text.startswith(f"{self.name}:") else f"{self.name}: {text}"


@attrs.define
class Summary:
    """Counts over results: ``parsed + failed == seen`` always holds.

    ``errors`` counts failures by error class name, ``dialects`` parsed
    articles by dialect and ``diagnostics`` their diagnostics by code.
    """

    seen: int = 0
    parsed: int = 0
    errors: Counter[str] = attrs.field(factory=Counter)
    dialects: Counter[str] = attrs.field(factory=Counter)
    diagnostics: Counter[str] = attrs.field(factory=Counter)

    @property
    def failed(self) -> int:
        return sum(self.errors.values())

    def add(self, result: Result) -> None:
        self.seen += 1
        if result.article is not None:
            self.parsed += 1
            self.dialects[result.article.dialect] += 1
            self.diagnostics.update(d.code for d in result.article.diagnostics)
        elif result.error is None and result.dialect is not None:  # output="json"
            self.parsed += 1
            self.dialects[result.dialect] += 1
            self.diagnostics.update(result.diagnostic_codes)
        else:
            self.errors[type(result.error).__name__] += 1

    def track(self, results: Iterable[Result]) -> Iterator[Result]:
        """Yield *results* unchanged, counting each: ``for r in summary.track(...)``."""
        for result in results:
            self.add(result)
            yield result

    def to_dict(self) -> dict[str, Any]:
        return {
            "seen": self.seen,
            "parsed": self.parsed,
            "failed": self.failed,
            "errors": dict(self.errors.most_common()),
            "dialects": dict(self.dialects.most_common()),
            "diagnostics": dict(self.diagnostics.most_common()),
        }

    def __str__(self) -> str:
        files = "file" if self.seen == 1 else "files"
        lines = [f"{self.seen} {files}: {self.parsed} parsed, {self.failed} failed"]
        for title, counts in (
            ("errors", self.errors),
            ("dialects", self.dialects),
            ("diagnostics", self.diagnostics),
        ):
            if counts:
                listing = ", ".join(f"{name} {count}" for name, count in counts.most_common())
                lines.append(f"  {title}: {listing}")
        return "\n".join(lines)


def parse_many(
    sources: Source | Iterable[Source],
    *,
    workers: int | None = None,
    ordered: bool = True,
    parser: Parser | None = None,
    dialect: str | None = None,
    patterns: Sequence[str] = DEFAULT_PATTERNS,
    chunksize: int | None = None,
    output: Output = "article",
) -> Iterator[Result]:
    """Parse every input in *sources*, yielding one ``Result`` per file.

    A source is a file path, a folder (walked recursively for *patterns*,
    skipping hidden entries and symlinked folders), a glob (``corpus/**/*.md``)
    or a ``(name, text)`` pair.  *workers* ``None``/``1`` parses in this
    process, ``0`` uses every CPU, ``N > 1`` uses *N* processes (the *parser*
    must then pickle: define custom adapters at module level).  Results come
    in input order unless *ordered* is false.  Workers get the inputs in
    chunks of *chunksize*; by default 64, smaller at the end of the input so
    that the workers finish together.

    With *output* ``"json"`` each parsed result carries ``json`` (the
    ``to_dict`` output as a JSON object string), ``dialect`` and
    ``diagnostic_codes`` instead of the ``Article``: the rendering happens in
    the worker, so with processes the parent only writes text, and a string
    crosses between processes far more cheaply than an object graph.

    Configuration mistakes (an unknown *dialect*, a parser that does not
    pickle) raise at once; a problem with one input never raises.
    """
    if output not in ("article", "json"):
        raise ValueError(f"output must be 'article' or 'json', not {output!r}")
    parser = parser if parser is not None else Parser()
    if dialect is not None:
        parser.adapter(dialect)  # an unknown name is a DialectError now, not per file
    if workers is not None and (not isinstance(workers, int) or workers < 0):
        raise ValueError(f"workers must be None or an int >= 0, not {workers!r}")
    if chunksize is not None and chunksize < 1:
        raise ValueError(f"chunksize must be None or >= 1, not {chunksize!r}")
    count = (os.cpu_count() or 1) if workers == 0 else (workers or 1)
    tasks = _tasks(sources, tuple(patterns))
    as_json = output == "json"
    if count == 1:
        results = (_parse_one(parser, dialect, task, as_json) for task in tasks)
        return (result for result in results if result is not None)
    try:
        blob = pickle.dumps(parser)
    except Exception as exc:
        raise AdapterError(
            f"workers={count} sends the Parser to worker processes but it does not pickle "
            f"({type(exc).__name__}: {exc}); define custom adapters at module level "
            "or use workers=1"
        ) from exc
    return _in_processes(tasks, blob, (dialect, as_json), count, ordered, chunksize)


# -- walking the inputs -----------------------------------------------------------


def _tasks(sources: Source | Iterable[Source], patterns: tuple[str, ...]) -> Iterator[_Task]:
    # One source is not an iterable of characters (nor a pair an iterable of two).
    single = isinstance(sources, str | os.PathLike) or _is_pair(sources)
    items = cast("Iterable[Source]", [sources] if single else sources)
    for source in items:
        if _is_pair(source):
            name, text = source
            # bytes-like text (bytearray, memoryview) as bytes: a memoryview cannot
            # be pickled to a worker process.
            yield str(name), text if isinstance(text, str | bytes) else bytes(text)
            continue
        path = os.fspath(cast("str | os.PathLike[str]", source))
        if os.path.isdir(path):
            for found, error in walk_folder(path, patterns):
                yield found, error or _walked_payload(os.path.basename(found))
        elif not os.path.lexists(path) and is_glob(path):
            yield from _globbed(path)
        else:
            yield path, None  # reading it reports a missing or unreadable file


def _is_pair(value: object) -> TypeGuard[tuple[str, str | bytes | bytearray | memoryview]]:
    return (
        isinstance(value, tuple)
        and len(value) == 2
        and isinstance(value[0], str)
        and isinstance(value[1], str | bytes | bytearray | memoryview)
    )


def _globbed(pattern: str) -> Iterator[_Task]:
    matched = False
    for path, error in expand_glob(pattern):
        matched = True
        if error is not None:
            yield path, error
        elif os.path.isdir(path):
            yield path, SourceError("is a folder; a glob must name files", path=path)
        else:
            yield path, None
    if not matched:
        yield pattern, SourceError("no file matches this pattern", path=pattern)


def _walked_payload(name: str) -> _IfFrontMatter | None:
    return _IF_FRONT_MATTER if name.lower().endswith(_SNIFFED_SUFFIXES) else None


# -- parsing one input ------------------------------------------------------------


def _lacks_front_matter(path: str) -> bool:
    """Whether the file at *path* does not begin with front matter (read: its first bytes).

    Done where the file is parsed (in the worker), so the walk itself reads no file.
    A file that cannot be read is not skipped: reading it again reports why.
    """
    try:  # the guarded reader: a FIFO named page.html must not block the run
        head = read_head(path, _SNIFF_BYTES)
    except SourceError:
        return False
    return not begins_with_front_matter(_sniff_text(head))


def _skipped(task: _Task) -> bool:
    """Whether *task* is a walked file to read only with front matter, and it has none."""
    return isinstance(task[1], _IfFrontMatter) and _lacks_front_matter(task[0])


def _sniff_text(head: bytes) -> str:
    for bom, encoding in (
        (b"\xff\xfe\x00\x00", "utf-32-le"),
        (b"\x00\x00\xfe\xff", "utf-32-be"),
        (b"\xef\xbb\xbf", "utf-8"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    ):
        if head.startswith(bom):
            return head[len(bom) :].decode(encoding, errors="ignore")
    return head.decode("utf-8", errors="ignore")


def _parse_one(
    parser: Parser, dialect: str | None, task: _Task, as_json: bool
) -> Result | None:
    """The result for *task*, or ``None`` for a sniffed file without front matter."""
    if _skipped(task):
        return None
    name, payload = task
    if isinstance(payload, _IfFrontMatter):
        payload = None
    try:
        if isinstance(payload, SourceError):
            raise payload
        if payload is None:
            article = parser.parse_file(name, dialect=dialect)
        else:
            article = parser.parse(payload, dialect=dialect, path=name)
    except NewsmetaError as exc:
        return Result(name, error=_located(exc, name))
    except Exception as exc:
        return Result(name, error=_unexpected(exc, name))
    if not as_json:
        return Result(name, article=article)
    # Rendering can fail too (a custom adapter's value that is not JSON, text that
    # is not Unicode): that fails this result, never the batch.
    try:
        return Result(
            name,
            json=_render(article),
            dialect=article.dialect,
            diagnostic_codes=tuple(d.code for d in article.diagnostics),
        )
    except Exception as exc:
        return Result(name, error=_unexpected(exc, name, "cannot render the article as JSON: "))


def _render(article: Article) -> str:
    text = article_json(article)
    if not text.isascii():  # what a writer will do: a lone surrogate fails here, not there
        text.encode("utf-8")
    return text


def _unexpected(exc: Exception, name: str, context: str = "") -> UnexpectedError:
    return UnexpectedError(
        context + str(exc), path=name, kind=type(exc).__name__, details=traceback.format_exc()
    )


def _located(error: NewsmetaError, name: str) -> NewsmetaError:
    if isinstance(error, SourceError) and error.path is None:
        return error.located(name)
    if isinstance(error, DialectError) and error.path is None:
        return DialectError(error.message, candidates=error.candidates, path=name)
    return error


# -- worker processes -------------------------------------------------------------

_worker_state: tuple[Parser, str | None, bool] | None = None


def _init_worker(blob: bytes, options: tuple[str | None, bool]) -> None:
    global _worker_state
    _worker_state = (pickle.loads(blob), *options)


#: A document every parser reads: parsed to warm up, and to tell a worker that
#: dies on any input from one killed by a particular file.
_CANARY: _Task = ("warm-up.md", "---\ntitle: warm-up\n---\n")


def _warm_up(blob: bytes, options: tuple[str | None, bool]) -> None:
    # Build the lazily made converters once here: forked workers inherit them
    # instead of each paying ~25 ms for them before its first result.
    parser = pickle.loads(blob)
    _parse_one(parser, options[0], _CANARY, options[1])


# Results cross from workers as plain tuples: an attrs instance pickles through
# its generated __getstate__, several times slower than a tuple of its fields.
_Wire: TypeAlias = (
    "tuple[str, Article | None, NewsmetaError | None, str | None, str | None, tuple[str, ...]]"
)


def _parse_chunk(chunk: list[_Task]) -> list[_Wire]:
    assert _worker_state is not None, "worker used before _init_worker"
    parser, dialect, as_json = _worker_state
    wire = []
    for task in chunk:
        r = _parse_one(parser, dialect, task, as_json)
        if r is None:
            continue  # skipped: a sniffed file without front matter
        wire.append((r.name, r.article, r.error, r.json, r.dialect, r.diagnostic_codes))
    return wire


def _from_wire(wire: list[_Wire]) -> list[Result]:
    return [
        Result(
            name, article=article, error=error, json=text, dialect=dialect, diagnostic_codes=codes
        )
        for name, article, error, text, dialect, codes in wire
    ]


def _chunks(tasks: Iterator[_Task], size: int, tail: int = 0) -> Iterator[list[_Task]]:
    """Lists of *size* tasks; the last *tail* tasks or fewer in lists of ``size // 4``.

    To know where the input ends, *tail* tasks are read ahead of the chunk handed out.
    """
    buffer: list[_Task] = []
    for task in tasks:
        buffer.append(task)
        if len(buffer) == size + tail:
            yield buffer[:size]
            del buffer[:size]
    step = max(1, size // _TAIL_DIVISOR) if tail else size
    for start in range(0, len(buffer), step):
        yield buffer[start : start + step]


def _failed_task(task: _Task, exc: BaseException) -> Result:
    # Reached only for the one task that, run alone, killed its worker or gave a
    # result that could not be sent back.
    from concurrent.futures.process import BrokenProcessPool

    name = task[0]
    if isinstance(exc, BrokenProcessPool):
        message = f"worker process failed: {exc}"
    else:
        message = f"worker process could not send the result back: {type(exc).__name__}: {exc}"
    return Result(name, error=UnexpectedError(message, path=name, kind=type(exc).__name__))


def _in_processes(
    tasks: Iterator[_Task],
    blob: bytes,
    options: tuple[str | None, bool],
    workers: int,
    ordered: bool,
    chunksize: int | None,
) -> Iterator[Result]:
    from concurrent.futures import FIRST_COMPLETED, wait
    from concurrent.futures.process import BrokenProcessPool

    _warm_up(blob, options)

    def new_pool(size: int = workers) -> ProcessPoolExecutor:
        return _pool.new_pool(size, _init_worker, (blob, options))

    pool = new_pool()
    # A dead worker breaks its whole pool and fails every chunk in flight, most of
    # them innocent.  Each failed chunk is run again alone in a one-process pool,
    # halved on each failure, so that only the task that fails by itself fails.
    isolation: ProcessPoolExecutor | None = None
    # Whether a worker survives a document known to be fine: when it does not (a
    # plugin that fails to import there, a memory limit), no input is to blame,
    # and halving every chunk down to single files would only cost time.
    workers_healthy: bool | None = None

    def run(part: list[_Task]) -> list[Result] | BaseException:
        nonlocal isolation
        if isolation is None:
            isolation = new_pool(1)
        try:
            return _from_wire(isolation.submit(_parse_chunk, part).result())
        except BrokenProcessPool as exc:
            isolation.shutdown(wait=False, cancel_futures=True)
            isolation = None
            return exc
        except Exception as exc:  # a result that did not pickle: the pool is fine
            return exc

    def run_alone(chunk: list[_Task]) -> list[Result]:
        nonlocal workers_healthy
        results: list[Result] = []
        todo = deque([chunk])
        while todo:
            part = todo.popleft()
            outcome = run(part)
            if not isinstance(outcome, BaseException):
                results.extend(outcome)
                continue
            if workers_healthy is None and isinstance(outcome, BrokenProcessPool):
                workers_healthy = not isinstance(run([_CANARY]), BaseException)
            if len(part) == 1 or workers_healthy is False:
                results.extend(_failed_task(task, outcome) for task in part)
            else:  # in input order: the first half first
                half = len(part) // 2
                todo.extendleft((part[half:], part[:half]))
        return results

    # (chunk, its future, the pool running it)
    pending: deque[tuple[list[_Task], Future[list[_Wire]], ProcessPoolExecutor]] = deque()

    def next_done() -> list[Result]:
        nonlocal pool
        if ordered:
            chunk, future, owner = pending.popleft()
        else:
            done, _ = wait([f for _, f, _ in pending], return_when=FIRST_COMPLETED)
            index = next(i for i, (_, f, _) in enumerate(pending) if f in done)
            chunk, future, owner = pending[index]
            del pending[index]
        try:
            return _from_wire(future.result())
        except BrokenProcessPool:
            # The chunks the broken pool still held are run alone; later chunks
            # go to a fresh pool.
            if owner is pool:
                pool.shutdown(wait=False, cancel_futures=True)
                pool = new_pool()
            return run_alone(chunk)
        except Exception:
            return run_alone(chunk)

    try:
        # Automatic chunks end smaller: a worker's last chunk at the default size
        # is ~20 ms during which the other workers would be idle.
        chunks = (
            _chunks(tasks, DEFAULT_CHUNKSIZE, workers * DEFAULT_CHUNKSIZE)
            if chunksize is None
            else _chunks(tasks, chunksize)
        )
        for chunk in chunks:
            try:
                future = pool.submit(_parse_chunk, chunk)
            except BrokenProcessPool:
                pool.shutdown(wait=False, cancel_futures=True)
                pool = new_pool()
                future = pool.submit(_parse_chunk, chunk)
            pending.append((chunk, future, pool))
            while len(pending) >= workers * _WINDOW_PER_WORKER:
                yield from next_done()
        while pending:
            yield from next_done()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        if isolation is not None:
            isolation.shutdown(wait=True, cancel_futures=True)
