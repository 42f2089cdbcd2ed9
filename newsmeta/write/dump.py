"""``dump``: an ``Article`` written as a complete file in any dialect.

Article -> canonical raw values (``_values``) -> the dialect's source mapping
(a ``MappingAdapter``'s rules run backwards, or a class adapter's own
``denormalize``) -> YAML, TOML or JSON text (``render``) + the body.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from ..adapter import Adapter, MappingAdapter, Normalized
from ..errors import AdapterError, WriteError
from ..model import Article
from ._rules import place, place_item
from ._values import article_fields
from .render import WRITABLE_FORMATS, LossWarning, WritableFormat, render

if TYPE_CHECKING:
    from ..parser import Parser

__all__ = ["Denormalizer", "dump", "source_mapping"]


@runtime_checkable
class Denormalizer(Protocol):
    """What a class adapter offers to be written to: ``normalize`` backwards.

    ``denormalize`` takes a ``Normalized`` (canonical field -> plain value, as
    ``normalize`` would return it, and ``extra``) and returns the source mapping.
    """

    def denormalize(self, normalized: Normalized) -> Mapping[str, Any]: ...


def _adapter(dialect: str | Adapter, parser: Parser | None) -> Adapter:
    if not isinstance(dialect, str):
        return dialect
    if parser is None:
        from .. import _parser

        parser = _parser()
    return parser.adapter(dialect)


def _homeless_keys(homeless: Mapping[str, Any]) -> dict[str, Any]:
    """Fields the dialect has no rule for, under their canonical names."""
    keys: dict[str, Any] = {}
    for name, value in homeless.items():
        outer, _, part = name.partition(".")
        if part:
            keys.setdefault(outer, {})[part] = value
        else:
            keys[name] = value
    return keys


def source_mapping(article: Article, adapter: Adapter) -> dict[str, Any]:
    """The front-matter mapping *adapter*'s dialect would hold for *article*.

    A field the dialect has no place for is written under its canonical name
    (``updated``), where it reads back in ``extra``, with a ``LossWarning``.
    """
    normalized = article_fields(article)
    if isinstance(adapter, MappingAdapter):
        placement = place(adapter, normalized)
        mapping = placement.mapping
        homeless = _homeless_keys(placement.homeless)
        if homeless:
            taken = [key for key in homeless if key in mapping]
            written = [key for key in homeless if key not in mapping]
            for key in written:
                value = homeless[key]
                if key == "related":
                    value = [place_item(adapter, item) for item in value]
                mapping[key] = value
            where = f"written as keys {', '.join(map(repr, written))} that read back in extra"
            if taken:
                where += f"; lost: {', '.join(map(repr, taken))} (the key is taken)"
            warnings.warn(
                f"dialect {adapter.name!r} has no place for "
                f"{', '.join(map(repr, placement.homeless))}; {where}",
                LossWarning,
                stacklevel=4,
            )
        if placement.unread:
            where = ", ".join(f"{name!r} at {path!r}" for name, path in placement.unread.items())
            warnings.warn(
                f"dialect {adapter.name!r} does not read back what was written for {where}",
                LossWarning,
                stacklevel=4,
            )
        return mapping
    if isinstance(adapter, Denormalizer):
        try:
            result = adapter.denormalize(normalized)
        except Exception as exc:
            raise AdapterError(f"adapter {adapter.name!r} failed to denormalize: {exc}") from exc
        return dict(result)
    raise AdapterError(
        f"adapter {adapter.name!r} cannot write: it is a class adapter without "
        "denormalize(normalized) -> mapping; add that method or describe the dialect "
        "with MappingAdapter rules"
    )


def dump(
    article: Article,
    dialect: str | Adapter = "hugo",
    format: WritableFormat | None = None,
    *,
    parser: Parser | None = None,
) -> str:
    """*article* as the complete text of a file in *dialect*: front matter + body.

    *dialect* is a name (built-in, registered with *parser*, or an installed
    plugin) or an adapter; *format* is ``yaml``, ``toml`` or ``json`` (default:
    the article's own container when it is one of these, else YAML).
    """
    chosen: str = format or (article.format if article.format in WRITABLE_FORMATS else "yaml")
    if chosen not in WRITABLE_FORMATS:
        raise WriteError(f"cannot write format {chosen!r}; expected one of: yaml, toml, json")
    mapping = source_mapping(article, _adapter(dialect, parser))
    return render(mapping, article.body, chosen)
