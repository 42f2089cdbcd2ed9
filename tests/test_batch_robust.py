"""Issue 10 #2-#5: one bad input fails one result, and walking finds each file once.

- a failure while rendering a result fails that result only (1 and 2 workers);
- a worker that dies fails exactly one result: the chunks of the broken pool are
  run again alone, halved until the one task that kills a worker is found;
- folders are walked iteratively (1,000 levels deep is fine);
- globs and folder walks never follow a symlinked folder and yield a file once.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

import newsmeta
from newsmeta import MappingAdapter, Normalized, Parser, Result, Rule, UnexpectedError, parse_many

GOOD = "---\ntitle: Fine\ndate: 2024-01-02T03:04:05Z\n---\nBody.\n"


class _DeepInExtra(MappingAdapter):
    """Puts plain data nested 5,000 levels deep in ``extra`` when asked to (a bug)."""

    def normalize(self, mapping: Mapping[str, Any]) -> Normalized:
        normalized = super().normalize(mapping)
        if "unrenderable" not in mapping:
            return normalized
        deep: dict[str, Any] = {}
        for _ in range(5_000):
            deep = {"k": deep}
        extra = {**normalized.extra, "unrenderable": deep}
        return Normalized(normalized.fields, normalized.provenance, extra)


class _ExitOn(MappingAdapter):
    """Kills its worker process on one title, as a segfault or the OOM killer would."""

    def normalize(self, mapping: Mapping[str, Any]) -> Normalized:
        if mapping.get("title") == "die":
            os._exit(1)
        return super().normalize(mapping)


class _LocalError(MappingAdapter):
    """Raises an error of a class made on the spot, which cannot be pickled back."""

    def normalize(self, mapping: Mapping[str, Any]) -> Normalized:
        if mapping.get("title") == "stuck":

            class Local(newsmeta.AdapterError):
                pass

            raise Local("made on the spot")
        return super().normalize(mapping)


def _exit_unless_in(parent: int) -> MappingAdapter:
    if os.getpid() != parent:
        os._exit(1)  # in every worker process, whatever it is given
    return MappingAdapter("custom", [Rule("title", ("title",))], signature={"title": 1.0})


class _DiesInWorkers(MappingAdapter):
    """Unpickles in this process only: every worker dies before its first file."""

    def __reduce__(self) -> Any:
        return (_exit_unless_in, (os.getpid(),))


def _parser(kind: type[MappingAdapter]) -> Parser:
    rules = [Rule("title", ("title",))]
    return Parser([kind("custom", rules, signature={"title": 1.0})], builtins=False)


# -- #2 rendering ---------------------------------------------------------------------


@pytest.mark.parametrize("workers", [1, 2])
def test_a_result_that_cannot_be_rendered_fails_alone(workers: int) -> None:
    sources = [
        ("a.md", GOOD),
        ("b.md", "---\ntitle: B\nunrenderable: 1\n---\n"),
        *((f"c{i}.md", GOOD) for i in range(5)),
    ]
    results = list(
        parse_many(sources, parser=_parser(_DeepInExtra), workers=workers, output="json")
    )
    assert [r.name for r in results] == [name for name, _ in sources]
    assert [r.ok for r in results] == [True, False, True, True, True, True, True]
    error = results[1].error
    assert isinstance(error, UnexpectedError)
    # CPython's own words after "exceeded" name where the stack ran out, which
    # depends on how to_dict recurses ("in comparison", "while calling ...").
    assert results[1].message.startswith(
        "b.md: unexpected RecursionError: cannot render the article as JSON: "
        "maximum recursion depth exceeded"
    )
    assert results[0].json is not None and results[0].json.startswith('{"title": "Fine"')


class _SurrogateInExtra(MappingAdapter):
    """Puts text that is not Unicode (a lone surrogate) in ``extra``."""

    def normalize(self, mapping: Mapping[str, Any]) -> Normalized:
        normalized = super().normalize(mapping)
        extra = {**normalized.extra, "x": "caf\udce9"}
        return Normalized(normalized.fields, normalized.provenance, extra)


def test_json_that_could_not_be_written_as_utf8_fails_its_result() -> None:
    # Caught where it is rendered, not later by the writer (a crash of the CLI).
    [result] = parse_many([("a.md", GOOD)], parser=_parser(_SurrogateInExtra), output="json")
    assert result.json is None
    assert result.message.startswith(
        "a.md: unexpected UnicodeEncodeError: cannot render the article as JSON: 'utf-8' codec "
        "can't encode character '\\udce9'"
    )


# -- #3 a dying worker ------------------------------------------------------------------


def test_a_dead_worker_fails_exactly_one_result() -> None:
    sources = [(f"ok{i:03}.md", GOOD) for i in range(300)]
    sources[137] = ("die.md", "---\ntitle: die\n---\n")
    results = list(parse_many(sources, parser=_parser(_ExitOn), workers=2))
    assert [r.name for r in results] == [name for name, _ in sources]
    failed = [r for r in results if not r.ok]
    assert [r.name for r in failed] == ["die.md"]
    assert failed[0].message.startswith(
        "die.md: unexpected BrokenProcessPool: worker process failed: "
    )


def test_two_dying_workers_in_one_chunk_fail_two_results_unordered() -> None:
    sources = [(f"ok{i:03}.md", GOOD) for i in range(100)]
    sources[3] = ("die-a.md", "---\ntitle: die\n---\n")
    sources[4] = ("die-b.md", "---\ntitle: die\n---\n")
    results = list(
        parse_many(sources, parser=_parser(_ExitOn), workers=2, ordered=False, chunksize=16)
    )
    assert sorted(r.name for r in results) == sorted(name for name, _ in sources)
    assert sorted(r.name for r in results if not r.ok) == ["die-a.md", "die-b.md"]


def test_a_result_that_cannot_be_sent_back_fails_alone() -> None:
    sources = [(f"ok{i}.md", GOOD) for i in range(40)]
    sources[7] = ("stuck.md", "---\ntitle: stuck\n---\n")
    results = list(parse_many(sources, parser=_parser(_LocalError), workers=2))
    assert [r.name for r in results if not r.ok] == ["stuck.md"]
    assert results[7].message == (
        "stuck.md: unexpected AttributeError: worker process could not send the result back: "
        "AttributeError: Can't pickle local object '_LocalError.normalize.<locals>.Local'"
    )


def test_workers_that_die_on_any_input_fail_every_result_without_bisecting(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # No file is to blame: a document known to be fine kills a worker too, so
    # chunks are not halved down to single files (63 pools per chunk of 32).
    import concurrent.futures

    pools = []

    class Counted(concurrent.futures.ProcessPoolExecutor):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            pools.append(self)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Counted)
    sources = [(f"ok{i:03}.md", GOOD) for i in range(100)]
    results = list(parse_many(sources, parser=_parser(_DiesInWorkers), workers=2))
    assert [r.name for r in results] == [name for name, _ in sources]
    assert all(
        r.message.startswith(f"{r.name}: unexpected BrokenProcessPool: worker process failed")
        for r in results
    )
    assert len(pools) < 12


# -- #4 deep folders ----------------------------------------------------------------------


def _deep_tree(root: Path, levels: int) -> Path:
    # Built with relative mkdir calls: an absolute path 1,000 levels deep is long.
    here = os.getcwd()
    os.chdir(root)
    try:
        for _ in range(levels):
            os.mkdir("d")
            os.chdir("d")
        Path("deep.md").write_text(GOOD)
    finally:
        os.chdir(here)
    return root.joinpath(*["d"] * levels, "deep.md")


def _remove_deep_tree(root: Path, levels: int) -> None:
    # shutil.rmtree (and so pytest's clean-up of old tmp_path folders) recurses
    # once per level and fails 1,000 levels down: remove it from the bottom up.
    here = os.getcwd()
    os.chdir(root.joinpath(*["d"] * levels))
    try:
        os.remove("deep.md")
        for _ in range(levels):
            os.chdir("..")
            os.rmdir("d")
    finally:
        os.chdir(here)


def test_a_folder_tree_1000_levels_deep_is_walked(tmp_path: Path) -> None:
    deepest = _deep_tree(tmp_path, 1000)
    try:
        (tmp_path / "top.md").write_text(GOOD)
        results = list(parse_many(tmp_path))
        assert [r.name for r in results] == [str(deepest), str(tmp_path / "top.md")]
        assert all(r.ok for r in results)
        globbed = list(parse_many(str(tmp_path / "**" / "*.md")))
        assert [r.name for r in globbed] == [str(deepest), str(tmp_path / "top.md")]
    finally:
        _remove_deep_tree(tmp_path, 1000)


# -- #5 symlinks and globs ---------------------------------------------------------------


@pytest.fixture
def looped(tmp_path: Path) -> Path:
    """Files under a tree with two symlink loops, a link to a sibling and a file link."""
    root = tmp_path / "root"
    (root / "a" / "b").mkdir(parents=True)
    (root / "a" / "one.md").write_text(GOOD)
    (root / "a" / "b" / "two.md").write_text(GOOD)
    (root / "a" / "b" / "up").symlink_to("..")  # loop one
    (root / "a" / "b" / "top").symlink_to(root)  # loop two
    (root / "a" / "sibling").symlink_to(root / "a" / "b")
    (root / "a" / "alias.md").symlink_to(root / "a" / "one.md")  # a file link is a file
    return root


def _names(results: list[Result], root: Path) -> list[str]:
    return [os.path.relpath(r.name, root) for r in results]


EXPECTED = ["a/alias.md", "a/b/two.md", "a/one.md"]


@pytest.mark.parametrize("pattern", ["**/*.md", "*/**/*.md", "**/**/*.md", "a/**/*.md"])
def test_globs_never_follow_a_symlinked_folder(looped: Path, pattern: str) -> None:
    results = list(parse_many(str(looped / pattern)))
    assert sorted(_names(results, looped)) == EXPECTED


def test_a_glob_through_two_loops_yields_each_file_once(looped: Path) -> None:
    # Python's glob: the same file thousands of times (96,129 results in 40 s).
    results = list(parse_many(str(looped / "**" / "*.md")))
    assert _names(results, looped) == EXPECTED


def test_folder_walk_and_glob_find_the_same_files_in_the_same_order(looped: Path) -> None:
    walked = [r.name for r in parse_many(looped)]
    globbed = [r.name for r in parse_many(str(looped / "**" / "*.md"))]
    assert walked == globbed
    assert _names(list(parse_many(looped)), looped) == EXPECTED


def test_a_named_symlinked_folder_is_read(looped: Path) -> None:
    # The user names the link: it is the base, and only links below it are skipped.
    assert _names(list(parse_many(looped / "a" / "sibling")), looped) == ["a/sibling/two.md"]
    globbed = list(parse_many(str(looped / "a" / "sibling" / "*.md")))
    assert _names(globbed, looped) == ["a/sibling/two.md"]


def test_hidden_entries_are_skipped_unless_the_glob_asks(tmp_path: Path) -> None:
    (tmp_path / ".drafts").mkdir()
    (tmp_path / ".drafts" / "d.md").write_text(GOOD)
    (tmp_path / ".h.md").write_text(GOOD)
    (tmp_path / "v.md").write_text(GOOD)
    assert _names(list(parse_many(tmp_path)), tmp_path) == ["v.md"]
    assert _names(list(parse_many(str(tmp_path / "**" / "*.md"))), tmp_path) == ["v.md"]
    assert _names(list(parse_many(str(tmp_path / ".*" / "*.md"))), tmp_path) == [".drafts/d.md"]
    assert _names(list(parse_many(str(tmp_path / ".*.md"))), tmp_path) == [".h.md"]


def test_a_folder_that_cannot_be_listed_is_an_error_in_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.md").write_text(GOOD)
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "never.md").write_text(GOOD)
    (tmp_path / "z.md").write_text(GOOD)
    scandir = os.scandir

    def refuse_locked(path: Any) -> Any:  # as chmod 0 would, even for root
        if os.path.basename(path) == "locked":
            raise PermissionError(13, "Permission denied", path)
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refuse_locked)
    for source in (tmp_path, str(tmp_path / "**" / "*.md")):
        results = list(parse_many(source))
        assert _names(results, tmp_path) == ["a.md", "locked", "z.md"]
        assert results[1].message == f"{tmp_path / 'locked'}: cannot list folder: Permission denied"
