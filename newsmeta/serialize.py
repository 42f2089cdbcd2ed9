"""``Article`` <-> JSON-ready dicts, losslessly.

Typed fields use their natural JSON form (datetimes as ISO 8601 strings).
``extra`` holds source values untouched, which may include dates, times,
bytes or mappings with non-string keys that JSON cannot say; those are written
as one-key tagged objects (``{"$date": "2017-01-24"}``) so ``from_dict`` can
restore them exactly.  NaN and the infinities, which are not JSON, are tagged
too (``{"$float": "nan"}``, ``"inf"``, ``"-inf"``): ``json.dumps`` of the result
never writes a bare ``NaN``, and works with ``allow_nan=False``.  A source
mapping that happens to look like a tag is itself wrapped in
``{"$map": [[key, value], ...]}``.
"""

from __future__ import annotations

import base64
import math
from collections.abc import Mapping
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from .errors import StructureError
from .model import Article, ReadOnlyDict

if TYPE_CHECKING:  # cattrs is imported when the converter is first built
    import cattrs

__all__ = ["from_dict", "to_dict"]

_TAGS = frozenset({"$date", "$datetime", "$time", "$bytes", "$map", "$float"})
# Passed through as they are (a float may be NaN or infinite: _encode_any tags those).
_SCALARS = frozenset({str, int, bool, type(None)})
# Dicts whose items are all there is to them (``extra`` itself is a ReadOnlyDict).
_DICTS = frozenset({dict, ReadOnlyDict})


def _encode(value: Any) -> Any:
    # The values YAML, TOML and JSON loaders build, by exact class first: this
    # runs for every value of every ``extra`` (most of ``to_dict``'s time), and a
    # class check is several times cheaper than the isinstance chain below.
    # Scalars inside a container are passed through without a call.
    cls = value.__class__
    if cls in _SCALARS:
        return value
    if cls in _DICTS:
        for key in value:
            if key.__class__ is not str:
                break
        else:
            if len(value) != 1 or next(iter(value)) not in _TAGS:
                return {k: v if v.__class__ in _SCALARS else _encode(v) for k, v in value.items()}
    elif cls is list:
        return [item if item.__class__ in _SCALARS else _encode(item) for item in value]
    return _encode_any(value)


def _encode_any(value: Any) -> Any:
    if value is None or isinstance(value, str | bool | int):
        return value
    if isinstance(value, float):
        # NaN and the infinities are not JSON: strict readers refuse json.dumps's
        # bare NaN/Infinity.  Tagged as text ("nan", "inf", "-inf"), they survive.
        return value if math.isfinite(value) else {"$float": repr(value)}
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, time):
        return {"$time": value.isoformat()}
    if isinstance(value, bytes):
        return {"$bytes": base64.b64encode(value).decode("ascii")}
    if isinstance(value, Mapping):
        plain = all(isinstance(k, str) for k in value)
        if plain and not (len(value) == 1 and next(iter(value)) in _TAGS):
            return {k: _encode(v) for k, v in value.items()}
        return {"$map": [[_encode(k), _encode(v)] for k, v in value.items()]}
    if isinstance(value, list | tuple):
        return [_encode(item) for item in value]
    raise TypeError(f"cannot represent {type(value).__name__} in JSON")


_NON_FINITE = frozenset({"nan", "inf", "-inf"})


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        return [_decode(item) for item in value]
    if not isinstance(value, dict):
        return value
    if len(value) == 1:
        tag, inner = next(iter(value.items()))
        if tag == "$datetime":
            return datetime.fromisoformat(inner)
        if tag == "$date":
            return date.fromisoformat(inner)
        if tag == "$time":
            return time.fromisoformat(inner)
        if tag == "$bytes":
            return base64.b64decode(inner)
        if tag == "$float" and inner in _NON_FINITE:
            return float(inner)
        if tag == "$map":
            return {_hashable(_decode(k)): _decode(v) for k, v in inner}
    return {k: _decode(v) for k, v in value.items()}


def _hashable(key: Any) -> Any:
    # YAML allows a list as a key; Python needs it as a tuple to be a dict key.
    if isinstance(key, list):
        return tuple(_hashable(k) for k in key)
    return key


def _decode_mapping(value: Any, _: Any) -> Mapping[str, Any]:
    decoded = _decode(value)
    if not isinstance(decoded, dict):
        raise ValueError("expected a mapping")
    return decoded


def _make_converter() -> cattrs.Converter:
    import cattrs

    converter = cattrs.Converter()
    converter.register_unstructure_hook(datetime, datetime.isoformat)
    converter.register_structure_hook(datetime, lambda v, _: datetime.fromisoformat(v))
    # Generic aliases are not classes, so they are matched by equality.
    raw, names = Mapping[str, Any], Mapping[str, str]
    converter.register_unstructure_hook_func(lambda t: t == raw, _encode)
    converter.register_structure_hook_func(lambda t: t == raw, _decode_mapping)
    converter.register_unstructure_hook_func(lambda t: t == names, dict)
    converter.register_structure_hook_func(lambda t: t == names, lambda v, _: dict(v))
    return converter


_HOOKS: list[Any] = []


def _article_hooks() -> tuple[Any, Any]:
    # cattrs generates specialised code for the whole model; done on first use so
    # that `import newsmeta` does not pay for it.
    if not _HOOKS:
        converter = _make_converter()
        _HOOKS.extend(
            (converter.get_unstructure_hook(Article), converter.get_structure_hook(Article))
        )
    return _HOOKS[0], _HOOKS[1]


def to_dict(article: Article) -> dict[str, Any]:
    """A JSON-ready dict of *article*; keys in field order, datetimes as ISO 8601."""
    result: dict[str, Any] = _article_hooks()[0](article)
    return result


def from_dict(data: Mapping[str, Any]) -> Article:
    """Rebuild the ``Article`` that ``to_dict`` produced; ``from_dict(to_dict(a)) == a``."""
    structure = _article_hooks()[1]
    from cattrs import BaseValidationError

    try:
        article: Article = structure(data, Article)
    except (BaseValidationError, ValueError, TypeError, KeyError, AttributeError) as exc:
        raise StructureError(
            f"not an Article dict ({type(exc).__name__}: {exc}); expected the output of to_dict"
        ) from exc
    return article
