"""An ``Article`` as one JSON object: ``json.dumps(to_dict(article), ensure_ascii=False)``,
byte for byte, at less cost.  It is what ``newsmeta parse --format jsonl`` prints per file.

Where the time went (``../shared/bulk``, ~3 kB of JSON and ~130 tokens an
article): cattrs' generated ``unstructure`` calls a hook per field, and
``json.dumps(..., ensure_ascii=False)`` builds a new encoder per call.  Here
each model class gets a small *plan*, built once from its attrs fields: one
generated function reads every field into a dict and calls a change only
for the fields whose JSON form differs from the value (datetimes, nested
model objects, ``extra``).  One call of a C encoder made once, with
the settings ``json.dumps`` uses, then writes the whole tree.  ``extra`` goes
through ``to_dict``'s own ``_encode``, so its tags cannot differ.

Writing JSON text field by field from Python (no dict at all) was tried and
measured: no faster than ``to_dict`` + ``json.dumps``, because the C encoder
spends less per token than a Python call per field does.

A plan accepts only the exact classes the parser builds.  Anything else (an
``Article`` made by hand with a list where a tuple belongs, a subclass, a
type added to the model later) raises inside the plan, and the article is
rendered the general way instead, which also words any error exactly as
``to_dict`` and ``json.dumps`` do.  tests/test_article_json.py compares the
two over ``../shared`` and Hypothesis Articles.
"""

from __future__ import annotations

import types
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any, Literal, Union, get_args, get_origin

import attrs

from .model import Article, ReadOnlyDict
from .serialize import _encode, to_dict

__all__ = ["article_json"]

#: Turns a field's value into its JSON-ready form.
_Plain = Callable[[Any], Any]


class _Unusual(Exception):
    """A value no plan covers; the article takes the general path."""


def _refuse(value: object) -> Any:
    raise _Unusual  # a value the encoder cannot write: let json.dumps say why


def _make_dump() -> Callable[[Any], str]:
    """``json.dumps(value, ensure_ascii=False)`` without building an encoder per call."""
    import json  # here, not at import: `import newsmeta` does not need it

    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:  # no C accelerator (e.g. PyPy): the public, slower way
        return json.JSONEncoder(ensure_ascii=False).encode
    # json.dumps's own arguments, but for the circular-reference markers: a
    # failure re-renders through json.dumps, which reports a cycle as ever.
    text = json.encoder.encode_basestring
    encode = make(None, _refuse, text, None, ": ", ", ", False, False, True)
    return lambda value: "".join(encode(value, 0))


def _moment(value: Any) -> Any:
    if value is None:
        return None
    if value.__class__ is not datetime:
        raise _Unusual
    return value.isoformat()


def _tuple(value: Any) -> Any:
    # cattrs copies a tuple[str, ...] item by item; a tuple is written the same.
    if value.__class__ is not tuple:
        raise _Unusual
    return value


def _extra(value: Any) -> Any:
    if value.__class__ is not ReadOnlyDict:
        raise _Unusual
    return _encode(value) if value else value


def _mapping(value: Any) -> Any:
    # cattrs copies provenance with dict(); the encoder reads the same items.
    if value.__class__ is not ReadOnlyDict:
        raise _Unusual
    return value


def _object_plan(cls: type) -> _Plain:
    """The JSON-ready dict of an instance of the attrs class *cls*, fields in order.

    Written as the source of one function (as attrs and cattrs do) that reads
    every field in a single dict display and calls a change only where the
    value is not JSON-ready as it is: a loop over fields in Python costs
    several times more per field.
    """
    namespace: dict[str, Any] = {"cls": cls, "_Unusual": _Unusual}
    items = []
    for field in attrs.fields(cls):  # attrs field names are identifiers
        value = f"o.{field.name}"
        change = _change(field.type)
        if change is not None:
            namespace[f"change_{field.name}"] = change
            value = f"change_{field.name}({value})"
        items.append(f"{field.name!r}: {value}")
    source = (
        "def plain(o):\n"
        "    if o.__class__ is not cls:\n"
        "        raise _Unusual\n"
        f"    return {{{', '.join(items)}}}\n"
    )
    exec(compile(source, f"<newsmeta._article_json plan of {cls.__name__}>", "exec"), namespace)
    plain: _Plain = namespace["plain"]
    return plain


def _objects_plan(cls: type) -> _Plain:
    plain_one = _object_plan(cls)

    def plain(value: Any) -> Any:
        if value.__class__ is not tuple:
            raise _Unusual
        return [plain_one(item) for item in value] if value else value

    return plain


def _optional_object_plan(cls: type) -> _Plain:
    plain_one = _object_plan(cls)

    def plain(value: Any) -> Any:
        return None if value is None else plain_one(value)

    return plain


def _unknown(value: Any) -> Any:
    raise _Unusual


def _change(annotation: Any) -> _Plain | None:
    """What a field declared as *annotation* needs done; None: its value is JSON-ready.

    None is only for the types whose values cattrs passes through unchanged,
    so that any value in them (even a wrong one) is written as ``to_dict`` would.
    """
    origin, arguments = get_origin(annotation), get_args(annotation)
    if annotation in (str, int, bool) or origin is Literal:
        return None
    if origin in (Union, types.UnionType) and type(None) in arguments:
        inner = [argument for argument in arguments if argument is not type(None)]
        if len(inner) == 1:
            if inner[0] in (str, int, bool):
                return None
            if inner[0] is datetime:
                return _moment
            if attrs.has(inner[0]):
                return _optional_object_plan(inner[0])
    if origin is tuple and len(arguments) == 2 and arguments[1] is Ellipsis:
        if arguments[0] is str:
            return _tuple
        if attrs.has(arguments[0]):
            return _objects_plan(arguments[0])
    if annotation == Mapping[str, Any]:
        return _extra
    if annotation == Mapping[str, str]:
        return _mapping
    # A field type added to the model later: still right (the general path),
    # only slower; tests/test_article_json.py fails until it is handled here.
    return _unknown


_PLAN: list[tuple[_Plain, Callable[[Any], str]]] = []


def _plan() -> tuple[_Plain, Callable[[Any], str]]:
    # Built on first use: `import newsmeta` does not pay for it.
    if not _PLAN:
        _PLAN.append((_object_plan(Article), _make_dump()))
    return _PLAN[0]


def article_json(article: Article) -> str:
    """``json.dumps(to_dict(article), ensure_ascii=False)``, from a faster path."""
    plain, dump = _plan()
    try:
        return dump(plain(article))
    except Exception:
        # Something no plan covers, or a value JSON cannot hold: the general
        # path renders it, or raises the error it has always raised.
        import json

        return json.dumps(to_dict(article), ensure_ascii=False)
