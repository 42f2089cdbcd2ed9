"""Quillwire (a made-up news wire) for newsmeta, published as an entry-point plugin.

The entry point ``quillwire`` in group ``newsmeta.adapters`` points to
``MAPPING_FILE``; newsmeta reads it with ``newsmeta.load_adapter`` the first
time a parser asks for the dialect ``quillwire``.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["MAPPING_FILE", "SAMPLE_FILE"]

MAPPING_FILE = Path(__file__).with_name("quillwire.yaml")
SAMPLE_FILE = Path(__file__).with_name("quillwire-sample.md")
