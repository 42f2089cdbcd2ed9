"""Canonical URLs and the key that says two articles are the same story.

``Article.url`` stays exactly as the source gave it; these are derived from it.

- ``canonical_url(url)``: the same address in one spelling: lowercase scheme
  and host, no default port, no credentials, no fragment, no tracking
  parameters (``utm_*``, ``fbclid``, ``gclid``, ``mc_cid``, ``_ga``...), AMP
  variants folded (``/amp``, ``.amp.html``, ``?amp=1``, ``outputType=amp``,
  ``amp.`` hosts), query sorted.  ``None`` for anything that is not an
  absolute ``http``/``https`` URL (site-local paths, ``mailto:``...).
- ``url_key(url)``: looser, for matching: the canonical form without scheme,
  ``www.``/``m.`` subdomains, trailing ``/`` or ``index.html``
  (``example.com/news/story``).
- ``dedup_key(article)``: ``"url:" + url_key(article.url)``; an article with no
  usable URL falls back to ``"title:" +`` its title in lower case with
  punctuation and spacing folded.  Stable across runs, machines and versions of
  the same story's URL.

The rules come from ``ural`` (médialab Sciences Po: no dependencies, typed
stubs, maintained, and the only candidate that drops tracking parameters *and*
folds AMP variants; see CHANGELOG), an optional extra:
``pip install "newsmeta[urls]"``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ._extras import require

if TYPE_CHECKING:
    from .model import Article

__all__ = ["canonical_url", "dedup_key", "title_key", "url_key"]

_HTTP = re.compile(r"^https?://[^/?#\s]", re.IGNORECASE)
_NOT_WORD = re.compile(r"[\W_]+")


def _ural() -> Any:
    return require("ural", "urls", "canonical URLs")


def canonical_url(url: str | None) -> str | None:
    """*url* in canonical form, or ``None`` when it is not an absolute http(s) URL."""
    if url is None or not _HTTP.match(url.strip()):
        return None
    return _canonical(url.strip())


def url_key(url: str | None) -> str | None:
    """The matching key of *url* (``example.com/news/story``), or ``None``."""
    if url is None or not _HTTP.match(url.strip()):
        return None
    return _key(url.strip())


def title_key(title: str | None) -> str | None:
    """*title* folded for matching: NFKC, case-folded, runs of punctuation and
    spaces as one space; ``None`` when nothing is left."""
    if not title:
        return None
    folded = _NOT_WORD.sub(" ", unicodedata.normalize("NFKC", title).casefold()).strip()
    return folded or None


def dedup_key(article: Article) -> str | None:
    """``url:<url_key>`` of the article's URL, else ``title:<title_key>``."""
    key = url_key(article.url)
    if key is not None:
        return "url:" + key
    title = title_key(article.title)
    return None if title is None else "title:" + title


# ural's own work is pure and costs ~40 µs a URL; corpora repeat URLs
# (related items, re-curations), so a bounded cache pays.


@lru_cache(maxsize=4096)
def _canonical(url: str) -> str | None:
    ural = _ural()
    try:
        result: str = ural.normalize_url(
            url,
            strip_protocol=False,
            strip_irrelevant_subdomains=False,
            strip_trailing_slash=False,
            strip_index=False,
            strip_fragment=True,
        )
    except Exception:  # ural raises on some malformed hosts: such a URL has no canonical form
        return None
    scheme, sep, rest = result.partition("://")
    if not sep:
        return None
    # ural folds an `amp.` host only together with `www.`, which the canonical
    # form keeps (www.example.com and example.com may be different sites).
    if rest.startswith("amp.") and rest.split("/", 1)[0].count(".") >= 2:
        rest = rest[len("amp.") :]
    return scheme.lower() + sep + rest


@lru_cache(maxsize=4096)
def _key(url: str) -> str | None:
    ural = _ural()
    try:
        result: str = ural.normalize_url(url, strip_fragment=True)
    except Exception:  # see _canonical
        return None
    return result or None
