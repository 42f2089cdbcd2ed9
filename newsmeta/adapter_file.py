r"""An adapter written as data in a YAML, TOML or JSON file: ``load_adapter(path)``.

The file says what a ``MappingAdapter`` needs, nothing more::

    name: acme                              # letters, digits, '-' or '_'
    description: Acme Wire export           # optional
    extends: generic                        # optional: fields not filled here come from it
    signature: {acmeId: 3, headline: 1}     # key path -> weight, for detection
    detect: true                            # false: no signature, used by dialect= only
    fallback: false                         # optional
    fields:                                 # canonical field -> where to find it
      title: [headline, title]              # key paths, first present wins
      url: permalink                        # one path may be written alone
      images: [media.pictures[].src]        # [] collects from every item of a list
      is_draft: {paths: [live], convert: not}
      published:                            # several rules, tried in order
        - {paths: [issued], convert: date}
        - {paths: [path], pattern: '(?P<year>\d{4})/(?P<month>\d\d)/(?P<day>\d\d)/'}

A file without a signature would never be chosen by detection, so it is an
error unless it says ``detect: false``.  ``extends`` names a built-in dialect,
an installed plugin or an adapter passed in *known*; see ``ExtendingAdapter``
for what is inherited (the fields, not the signature).

Every mistake is an ``AdapterFileError`` naming the file, the line and column
of the offending key where the format lets us find it, and what was expected.
"""

from __future__ import annotations

import difflib
import os
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, NoReturn

from . import _yaml
from ._arguments import file_path
from ._json import load_json
from ._paths import path_problem
from ._read import read_file
from ._words import kind_of
from .adapter import CANONICAL_FIELDS, Adapter, MappingAdapter, Rule
from .errors import AdapterError, AdapterFileError, NewsmetaError, SourceError
from .extending import ExtendingAdapter
from .load import locate_key
from .split import Format, Split

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised only on 3.10
    import tomli as tomllib

__all__ = ["MAX_ADAPTER_FILE_BYTES", "load_adapter"]

#: Largest mapping file read: real ones are a few KB.
MAX_ADAPTER_FILE_BYTES = 1024 * 1024

_FORMATS: Mapping[str, Format] = {".yaml": "yaml", ".yml": "yaml", ".toml": "toml", ".json": "json"}
_TOP_KEYS = ("name", "description", "extends", "signature", "detect", "fallback", "fields")
_RULE_KEYS = ("paths", "convert", "pattern")
_FIELD_SHAPE = "a key path, a list of key paths, or a mapping with 'paths'"

_KeyPath = tuple[str | int, ...]


def load_adapter(path: str | os.PathLike[str], *, known: Iterable[Adapter] = ()) -> MappingAdapter:
    """Read the mapping file at *path* (``.yaml``, ``.yml``, ``.toml`` or ``.json``).

    ``extends: NAME`` looks *NAME* up among *known* (e.g. a parser's adapters, or
    files loaded before), then the built-in dialects, then installed plugins.
    """
    where = file_path(path, AdapterFileError)
    fmt = _FORMATS.get(Path(where).suffix.lower())
    if fmt is None:
        raise AdapterFileError(
            f"unsupported adapter file type {Path(where).suffix or '(none)'!r}; "
            "expected .yaml, .yml, .toml or .json",
            path=where,
        )
    try:
        # The guarded reader: a FIFO or /dev/zero named as a mapping file must not hang.
        data = read_file(where, MAX_ADAPTER_FILE_BYTES, "the size of a mapping file")
        text = data.decode("utf-8-sig")
    except SourceError as exc:
        raise AdapterFileError(
            f"cannot read adapter file: {exc.reason.removeprefix('cannot read file: ')}",
            path=where,
        ) from exc
    except UnicodeDecodeError as exc:
        raise AdapterFileError("adapter file is not UTF-8 text", path=where) from exc
    return _Reader(where, fmt, text, known).adapter()


class _Reader:
    """Validates one loaded file; ``fail`` points at the key that is wrong."""

    def __init__(self, path: str, fmt: Format, text: str, known: Iterable[Adapter]) -> None:
        self.path = path
        self.format = fmt
        self.text = text
        self.known = {adapter.name: adapter for adapter in known}

    def fail(self, reason: str, at: _KeyPath = ()) -> NoReturn:
        found = locate_key(Split(self.format, self.text, "", 0), at) if at else None
        line, column = found if found is not None else (None, None)
        raise AdapterFileError(reason, path=self.path, line=line, column=column)

    def load(self) -> Any:
        try:
            if self.format == "yaml":
                return _yaml.load_yaml(self.text)[0]
            if self.format == "toml":
                return tomllib.loads(self.text)
            return load_json(self.text)[0]  # a repeated key is an error, as in YAML
        except SourceError as exc:
            raise AdapterFileError(
                exc.reason, path=self.path, line=exc.line, column=exc.column
            ) from exc
        except tomllib.TOMLDecodeError as exc:
            raise AdapterFileError(f"invalid TOML: {exc}", path=self.path) from exc

    def adapter(self) -> MappingAdapter:
        data = self.load()
        if not isinstance(data, Mapping):
            self.fail(
                f"the file holds {kind_of(data)}; expected a mapping with 'name' and 'fields'"
            )
        for key in data:
            if key not in _TOP_KEYS:
                self.fail(f"unknown key {key!r}{_hint(key, _TOP_KEYS)}; "
                          f"expected one of: {', '.join(_TOP_KEYS)}", (key,))  # fmt: skip
        name = self.name(data)
        description = data.get("description", "")
        if not isinstance(description, str):
            self.fail(f"'description' is {kind_of(description)}; expected text", ("description",))
        fallback = data.get("fallback", False)
        if not isinstance(fallback, bool):
            self.fail(f"'fallback' is {kind_of(fallback)}; expected true or false", ("fallback",))
        base = self.base(data["extends"]) if "extends" in data else None
        rules = self.rules(data, extends=base is not None)
        signature = self.signature(data)
        try:
            if base is not None:
                return ExtendingAdapter(
                    name,
                    rules,
                    base=base,
                    signature=signature,
                    fallback=fallback,
                    description=description,
                )
            return MappingAdapter(
                name, rules, signature=signature, fallback=fallback, description=description
            )
        except AdapterError as exc:  # pragma: no cover - every case is checked above
            self.fail(str(exc))

    def base(self, value: Any) -> Adapter:
        if not isinstance(value, str):
            self.fail(f"'extends' is {kind_of(value)}; expected an adapter's name", ("extends",))
        if value in self.known:
            return self.known[value]
        from . import plugins
        from .dialects import BUILTIN_ADAPTERS

        builtin = {adapter.name: adapter for adapter in BUILTIN_ADAPTERS}
        if value in builtin:
            return builtin[value]
        installed = plugins.installed()
        if value in installed:
            try:
                return plugins.load_plugin(value)
            except NewsmetaError as exc:
                self.fail(f"'extends' names plugin {value!r}, which fails: {exc}", ("extends",))
        names = [*self.known, *builtin, *installed]
        self.fail(
            f"'extends' names unknown adapter {value!r}{_hint(value, names)}; "
            f"expected one of: {', '.join(dict.fromkeys(names))}",
            ("extends",),
        )

    def name(self, data: Mapping[str, Any]) -> str:
        if "name" not in data:
            self.fail("missing 'name'; expected the adapter's name, e.g. 'name: acme'")
        name = data["name"]
        if not isinstance(name, str):
            self.fail(f"'name' is {kind_of(name)}; expected text", ("name",))
        if not name or not name.replace("-", "").replace("_", "").isalnum():
            self.fail(f"'name' {name!r} must be letters, digits, '-' or '_'", ("name",))
        return name

    def signature(self, data: Mapping[str, Any]) -> dict[str, float]:
        detect = data.get("detect", True)
        if not isinstance(detect, bool):
            self.fail(f"'detect' is {kind_of(detect)}; expected true or false", ("detect",))
        if not detect:
            if "signature" in data:
                self.fail(
                    "'signature' is given but 'detect' is false; remove 'detect: false' "
                    "to take part in detection, or the signature to use the adapter "
                    "with dialect= only",
                    ("signature",),
                )
            return {}
        if "signature" not in data:
            self.fail(
                "missing 'signature': without one the adapter is never chosen by "
                "detection; add keys that identify the source with weights "
                "(signature: {storyId: 3, headline: 1}), or 'detect: false' if it is "
                "meant for dialect= only",
                ("name",),
            )
        value = data["signature"]
        if not isinstance(value, Mapping):
            self.fail(
                f"'signature' is {kind_of(value)}; expected a mapping of key paths to weights",
                ("signature",),
            )
        if not value:
            self.fail(
                "'signature' is empty; expected key paths with weights "
                "(signature: {storyId: 3, headline: 1}), or 'detect: false' instead",
                ("signature",),
            )
        weights: dict[str, float] = {}
        for key, weight in value.items():
            at = ("signature", key)
            problem = path_problem(key)
            if problem:
                self.fail(f"'signature' key {key!r} is not a key path: {problem}", at)
            if isinstance(weight, bool) or not isinstance(weight, int | float) or weight <= 0:
                self.fail(f"'signature.{key}' is {weight!r}; expected a positive number", at)
            weights[key] = float(weight)
        return weights

    def rules(self, data: Mapping[str, Any], *, extends: bool) -> list[Rule]:
        if extends and data.get("fields") in (None, {}):
            return []  # only a signature of its own: every field comes from the base
        if "fields" not in data:
            self.fail(
                "missing 'fields'; expected a mapping of canonical fields to source key paths"
            )
        fields = data["fields"]
        if not isinstance(fields, Mapping):
            self.fail(
                f"'fields' is {kind_of(fields)}; expected a mapping of canonical fields "
                "to source key paths",
                ("fields",),
            )
        if not fields:
            self.fail("'fields' is empty; expected at least one canonical field", ("fields",))
        rules: list[Rule] = []
        for target, spec in fields.items():
            if target not in CANONICAL_FIELDS:
                self.fail(
                    f"unknown field {target!r}{_hint(target, CANONICAL_FIELDS)}; "
                    f"expected one of: {', '.join(CANONICAL_FIELDS)}",
                    ("fields", target),
                )
            at: _KeyPath = ("fields", target)
            if isinstance(spec, list) and spec and all(isinstance(s, Mapping) for s in spec):
                rules.extend(self.rule(target, item, (*at, i)) for i, item in enumerate(spec))
            else:
                rules.append(self.rule(target, spec, at))
        return rules

    def rule(self, target: str, spec: Any, at: _KeyPath) -> Rule:
        shown = "fields." + ".".join(str(part) for part in at[1:])
        convert = pattern = None
        if isinstance(spec, Mapping):
            for key in spec:
                if key not in _RULE_KEYS:
                    self.fail(
                        f"{shown!r} has unknown key {key!r}; "
                        "expected 'paths' and optionally 'convert' or 'pattern'",
                        (*at, key),
                    )
            if "paths" not in spec:
                self.fail(f"{shown!r} has no 'paths'; expected the source key paths", at)
            convert = spec.get("convert")
            if convert is not None and not isinstance(convert, str):
                self.fail(
                    f"'{shown}.convert' is {kind_of(convert)}; expected a converter name",
                    (*at, "convert"),
                )
            pattern = spec.get("pattern")
            if "pattern" in spec and not isinstance(pattern, str):
                self.fail(
                    f"'{shown}.pattern' is {kind_of(pattern)}; expected a regular expression",
                    (*at, "pattern"),
                )
            paths = self.paths(spec["paths"], f"{shown}.paths", (*at, "paths"))
        else:
            paths = self.paths(spec, shown, at)
        try:
            return Rule(target, paths, convert=convert, pattern=pattern)
        except AdapterError as exc:
            where = at
            if isinstance(spec, Mapping):
                where = (*at, "pattern" if "pattern" in spec else "convert")
            self.fail(str(exc), where)

    def paths(self, value: Any, shown: str, at: _KeyPath) -> tuple[str, ...]:
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list):
            self.fail(f"{shown!r} is {kind_of(value)}; expected {_FIELD_SHAPE}", at)
        if not items:
            self.fail(f"{shown!r} names no source keys; expected at least one key path", at)
        for index, item in enumerate(items):
            if not isinstance(item, str):
                self.fail(f"'{shown}[{index}]' is {kind_of(item)}; expected a key path", at)
            problem = path_problem(item)
            if problem:
                self.fail(f"{shown!r} key path {item!r} is invalid: {problem}", at)
        return tuple(items)


def _hint(word: object, choices: Any) -> str:
    close = difflib.get_close_matches(str(word), list(choices), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""
