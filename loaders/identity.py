"""Deterministic, readable identities of documents and organisations (DESIGN §4).

- central symbols: "doc:26-NQ/TW", "doc:132/NQ-CP";
- local symbols (…/TU, …/HU, …-UBND …) carry their locality: "doc:123-KH/TU@hai-phong", or the
  source when the text never names the province: "doc:86-KH/TU@src:1a2b…" (never merged by
  symbol alone);
- unnumbered documents: "doc:KH:tinh-uy@long-an", "doc:DA:tap-trung-xay-dung-doi-ngu@src:…".
"""

from __future__ import annotations

from graph.keys import slug
from loaders.issuers import organisation_key
from loaders.references import type_code

MAX_WORDS = 8


def _qualifier(locality: str | None, source_uid: str) -> str:
    return slug(locality) if locality else source_uid


def numbered_uid(symbol: str, local: bool, locality: str | None, source_uid: str) -> str:
    """Identity of a numbered document.

    >>> numbered_uid("26-NQ/TW", False, None, "src:0")
    'doc:26-NQ/TW'
    >>> numbered_uid("123-KH/TU", True, "Hải Phòng", "src:0")
    'doc:123-KH/TU@hai-phong'
    """
    if not local:
        return f"doc:{symbol}"
    return f"doc:{symbol}@{_qualifier(locality, source_uid)}"


def unnumbered_uid(type_name: str | None, words: str, locality: str | None,
                   source_uid: str) -> str:
    """Identity of an unnumbered document from its type and issuer or subject words.

    >>> unnumbered_uid("Kế hoạch", "Tỉnh ủy", "Long An", "src:0")
    'doc:KH:tinh-uy@long-an'
    """
    words_slug = "-".join(slug(words).split("-")[:MAX_WORDS]) or "van-ban"
    code = slug(type_code(type_name)).upper()
    return f"doc:{code}:{words_slug}@{_qualifier(locality, source_uid)}"


def organisation_uid(name: str, locality: str | None = None) -> str:
    """Identity of an organisation: "org:ban-thuong-vu-tinh-uy@quang-ninh".

    >>> organisation_uid("Ban Thường vụ Thành ủy Hải Phòng", "Hải Phòng")
    'org:ban-thuong-vu-thanh-uy-hai-phong'
    """
    return "org:" + organisation_key(name, locality)
