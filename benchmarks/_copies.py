"""Large test folders made from a small corpus, for the benchmarks that need thousands of files."""

from __future__ import annotations

from pathlib import Path

__all__ = ["copy_round_robin"]


def copy_round_robin(folder: Path, source: Path, count: int) -> Path:
    """*count* files copied round-robin from *source*'s ``.md`` files, 500 to a sub-folder
    (a flat folder of 50,000 files would measure the file system, not newsmeta)."""
    contents = [p.read_bytes() for p in sorted(source.rglob("*.md")) if p.is_file()]
    for index in range(count):
        sub = folder / f"{index // 500:04d}"
        if index % 500 == 0:
            sub.mkdir(parents=True)
        (sub / f"{index:06d}.md").write_bytes(contents[index % len(contents)])
    return folder
