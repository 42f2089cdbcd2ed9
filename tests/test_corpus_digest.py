"""Every ../shared file gives exactly the stored output: a digest per file of its result.

The result of a file is its ``to_dict`` JSON (body included, keys in field order)
or its error class and message.  ``tests/data/corpus_digest.tsv`` holds one line
per file, ``path<TAB>digest``, so a failure names each file whose output moved.

A change of output on purpose (a field now filled, a new diagnostic) is
recorded by regenerating the stored digests, one command, then reviewing the
diff of the .tsv with the corpus snapshot tool:

    NEWSMETA_REGENERATE_DIGEST=1 python -m pytest tests/test_corpus_digest.py

Optimisations must leave the file unchanged (byte-identical results).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

import newsmeta

from .conftest import DATA, SHARED

_STORED = DATA / "corpus_digest.tsv"
_FAMILIES = ("seeds", "corpus", "bulk", "corpus-wild")
_REGENERATE = "NEWSMETA_REGENERATE_DIGEST"


def _files() -> Iterator[tuple[str, Path]]:
    """(path relative to ../shared, path) of every content file, in a stable order."""
    for family in _FAMILIES:
        base = SHARED / family
        for root, folders, names in os.walk(base):
            folders.sort()
            for name in sorted(names):
                if name.endswith(".tsv") or (name == "README.md" and Path(root) == base):
                    continue  # the corpora's own indexes and notes
                path = Path(root) / name
                yield path.relative_to(SHARED).as_posix(), path


def _result(relative: str, path: Path) -> str:
    try:
        article = newsmeta.parse_file(path)
    except newsmeta.NewsmetaError as error:
        # Messages name the file: relative, so the digest is the same in any checkout.
        return f"{type(error).__name__}: {str(error).replace(str(path), relative)}"
    return json.dumps(newsmeta.to_dict(article), ensure_ascii=False)


def _digests() -> dict[str, str]:
    return {
        relative: hashlib.sha256(_result(relative, path).encode()).hexdigest()[:20]
        for relative, path in _files()
    }


def _stored() -> dict[str, str]:
    lines = _STORED.read_text(encoding="utf-8").splitlines()
    return dict(line.split("\t") for line in lines if line and not line.startswith("#"))


def test_every_shared_file_gives_the_stored_output() -> None:
    if not (SHARED / "bulk").exists():
        pytest.skip(f"{SHARED} is absent (the real corpora live in ../shared beside the checkout)")
    digests = _digests()
    if os.environ.get(_REGENERATE):
        header = f"# regenerate: {_REGENERATE}=1 python -m pytest tests/test_corpus_digest.py\n"
        body = "".join(f"{name}\t{digest}\n" for name, digest in digests.items())
        _STORED.write_text(header + body, encoding="utf-8")
        pytest.skip(f"regenerated {_STORED.name} ({len(digests)} files); review its diff")
    stored = _stored()
    changed = sorted(
        name for name in digests.keys() & stored.keys() if digests[name] != stored[name]
    )
    added = sorted(digests.keys() - stored.keys())
    gone = sorted(stored.keys() - digests.keys())
    assert (changed[:20], added[:20], gone[:20]) == ([], [], []), (
        f"{len(changed)} changed, {len(added)} new, {len(gone)} gone; if on purpose, "
        f"regenerate with {_REGENERATE}=1 python -m pytest tests/test_corpus_digest.py"
    )
