"""Deterministic, readable identities of documents and organisations (DESIGN §4).

- central symbols: "doc:26-NQ/TW", "doc:132/NQ-CP";
- local symbols (…/TU, …-UBND …) carry their locality: "doc:123-KH/TU@hai-phong", or the
  source when the text never names the province: "doc:86-KH/TU@src:1a2b…" (never merged by
  symbol alone);
- symbols of bodies below the province (…/HU, …/QU, …/TX, …/ĐU, and -UBND of a district or
  commune) also carry the unit: "doc:45-KH/ĐU@quang-binh/xa-so-3", or the source when the text
  does not name the unit (commune and district committees all number from 01);
- unnumbered documents: "doc:KH:tinh-uy@long-an", "doc:DA:tap-trung-xay-dung-doi-ngu@src:…".
"""

from __future__ import annotations

import re

from graph.batch import organisation_uid
from graph.keys import slug
from loaders.references import type_code

__all__ = ["below_province", "numbered_uid", "organisation_uid", "unnumbered_uid"]

MAX_WORDS = 8
# issuer codes of district committees (Huyện ủy, Quận ủy, Thị ủy and their boards) and of
# Đảng ủy (commune, ward and grassroots committees): vn-conventions §1.4
_BELOW = re.compile(r"/(?:HU|QU|TX|[A-ZĐ]{2,6}HU|ĐU)$")


def _qualifier(locality: str | None, source_uid: str) -> str:
    return slug(locality) if locality else source_uid


def numbered_uid(symbol: str, local: bool, locality: str | None, source_uid: str,
                 unit: str | None = None, below: bool = False) -> str:
    """Identity of a numbered document.

    A body below the province numbers its documents from 01 like every other one of its kind
    in the province (`below`): its documents carry the unit the text names, or the source.

    >>> numbered_uid("26-NQ/TW", False, None, "src:0")
    'doc:26-NQ/TW'
    >>> numbered_uid("123-KH/TU", True, "Hải Phòng", "src:0")
    'doc:123-KH/TU@hai-phong'
    >>> numbered_uid("45-KH/ĐU", True, "Quảng Bình", "src:0", "xã Số 3", below=True)
    'doc:45-KH/ĐU@quang-binh/xa-so-3'
    >>> numbered_uid("45-KH/ĐU", True, "Quảng Bình", "src:0", None, below=True)
    'doc:45-KH/ĐU@src:0'
    """
    if not local:
        return f"doc:{symbol}"
    if below:
        return f"doc:{symbol}@{slug(locality)}/{slug(unit)}" if locality and unit else \
            f"doc:{symbol}@{source_uid}"
    return f"doc:{symbol}@{_qualifier(locality, source_uid)}"


def below_province(symbol: str, issuer_level: str | None) -> bool:
    """Is `symbol` in the series of a body below the province (a district or commune committee
    or People's Committee), so that the province alone does not tell it apart?

    >>> below_province("95-KH/HU", None), below_province("7/KH-UBND", "district")
    (True, True)
    >>> below_province("12-KH/TU", None), below_province("103/KH-UBND", None)
    (False, False)
    """
    if issuer_level in ("district", "commune"):
        return True
    return bool(_BELOW.search(symbol)) and issuer_level not in ("provincial", "central")


def unnumbered_uid(type_name: str | None, words: str, locality: str | None,
                   source_uid: str) -> str:
    """Identity of an unnumbered document from its type and issuer or subject words.

    >>> unnumbered_uid("Kế hoạch", "Tỉnh ủy", "Long An", "src:0")
    'doc:KH:tinh-uy@long-an'
    """
    words_slug = "-".join(slug(words).split("-")[:MAX_WORDS]) or "van-ban"
    code = slug(type_code(type_name)).upper()
    return f"doc:{code}:{words_slug}@{_qualifier(locality, source_uid)}"
