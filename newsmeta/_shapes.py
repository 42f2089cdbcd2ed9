"""Shapes of front-matter values, as ``newsmeta infer`` judges and names them.

A value is a ``date`` when the ``date`` converter itself accepts it, a ``URL``
when it is absolute http(s), an ``image mapping`` when it names an image file
(or an absolute URL with image details such as ``alt`` or ``width``) ...  The
names are what the drafted mapping file's comments say.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from typing import Any

from .adapter import converter_accepts

__all__ = ["IMAGE_FILE", "KeyStats", "count", "plural", "shape_of"]

IMAGE_FILE = re.compile(r"\.(jpe?g|png|gif|webp|avif|svg|bmp|tiff?)(\?.*)?$", re.IGNORECASE)
PATH_DATE = re.compile(r"(?<!\d)(\d{4})[/-](\d{1,2})[/-](\d{1,2})(?!\d)")
# An audio, video or document file (a podcast's `url:`) is no article's address;
# generic passes such a URL over too.
_MEDIA_FILE = re.compile(
    r"\.(?:mp3|m4a|aac|ogg|oga|opus|wav|flac|mp4|m4v|mov|webm|mkv|avi|pdf|zip)(?:[?#]|\Z)",
    re.IGNORECASE,
)
_IMAGE_DETAILS = ("alt", "width", "height", "caption", "credit", "size", "mime_type")


def plural(shape: str) -> str:
    """``date`` -> ``dates``, ``person`` -> ``people``, ``short text`` stays."""
    if shape.startswith("list of "):
        return "lists of " + shape.removeprefix("list of ")
    if shape.endswith("text"):
        return shape
    if shape == "person":
        return "people"
    if shape.startswith("path with"):
        return "paths with" + shape.removeprefix("path with")
    return shape + "s"


class KeyStats:
    """How often a key path is present in the sample, and the shapes of its values."""

    def __init__(self) -> None:
        self.files = 0
        self.shapes: Counter[str] = Counter()
        self.values: list[Any] = []


def count(mappings: list[dict[str, Any]]) -> dict[str, KeyStats]:
    """Each key path (and one level of nested keys) -> how many files hold it, and how."""
    stats: dict[str, KeyStats] = {}

    def add(path: str, value: Any) -> None:
        if value is None or value == "" or value == [] or value == {}:
            return
        entry = stats.setdefault(path, KeyStats())
        entry.files += 1
        entry.shapes[shape_of(value)] += 1
        entry.values.append(value)

    for mapping in mappings:
        for key, value in mapping.items():
            if not isinstance(key, str):
                continue
            add(key, value)
            if isinstance(value, Mapping) and not _is_image_mapping(value):
                for inner, item in value.items():
                    if isinstance(inner, str) and "." not in inner:
                        add(f"{key}.{inner}", item)
    return stats


def shape_of(value: Any) -> str:
    """A short description of a value's shape, as the draft's comments say it."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, str):
        text = value.strip()
        if len(text) <= 40 and converter_accepts("date", text):  # the converter's own judgement
            return "date"
        if _absolute_url(text):
            if IMAGE_FILE.search(text):
                return "image URL"
            return "media URL" if _MEDIA_FILE.search(text) else "URL"
        if IMAGE_FILE.search(text) and " " not in text:
            return "image path"
        if PATH_DATE.search(text) and " " not in text:
            return "path with a date"
        if "\n" in text.strip() or len(text) > 200:
            return "long text"
        return "short text"
    if isinstance(value, int | float):
        return "date" if converter_accepts("date", value) else "number"
    if hasattr(value, "isoformat"):
        return "date"
    if isinstance(value, Mapping):
        if _is_image_mapping(value):
            return "image mapping"
        if isinstance(value.get("name"), str):
            return "person"
        return "mapping"
    if isinstance(value, list):
        shapes = {shape_of(item) for item in value if item is not None}
        if shapes <= {"short text"}:
            return "list of short text"
        if len(shapes) == 1:
            only = next(iter(shapes))
            return "list of lists" if only.startswith("list") else f"list of {plural(only)}"
        return "mixed list"
    return type(value).__name__


def _absolute_url(text: str) -> bool:
    return text.startswith(("http://", "https://")) and " " not in text and len(text) > 10


def _is_image_mapping(value: Mapping[Any, Any]) -> bool:
    described = any(key in value for key in _IMAGE_DETAILS)
    for key in ("url", "src", "href", "path", "image"):
        found = value.get(key)
        if isinstance(found, str) and (
            IMAGE_FILE.search(found) or (described and _absolute_url(found))
        ):
            return True
    return False
