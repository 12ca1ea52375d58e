"""Nicknames of central documents, resolved through the registry (data/central_documents.yaml).

"Nghị quyết Trung ương 7 (khóa XII)" names the resolutions of a plenum; "NQTW4 khóa XII" and
"Nghị quyết Hội nghị lần thứ bảy BCH Trung ương Đảng khóa XII" likewise; "Nghị quyết 26"
and "Chỉ thị 05" are short citations of one document. Like short-form legal citations, they are
resolved against the documents the text itself names first, then against the registry.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import yaml

from graph.keys import fold, modern_tones, symbol_key
from loaders.matching import finditer_at

_key = lru_cache(maxsize=4096)(symbol_key)  # (pure; the registry is asked about every symbol)

DATA = Path(__file__).with_name("data") / "central_documents.yaml"

ORDINALS = {"nhất": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7,
            "tám": 8, "chín": 9, "mười": 10}

_TERM = r"[Kk]hóa\s+([IVXLC]+(?:\s*(?:,|và)\s*[IVXLC]+)*)"
# in every nickname, after "các" or at its start; titles print nicknames in capitals too
_RESOLUTION = re.compile("Nghị quyết|NQ", re.IGNORECASE)
_TERM_WORD = re.compile(r"kh(?:óa|oá)\s+[IVXLC]", re.IGNORECASE)  # _TERM, old or modern tones
_PLENUM = [
    re.compile(rf"(?<![\w])(các\s+)?(?:Nghị quyết|NQ)\s+(?:Hội nghị\s+)?(?:Trung ương|TW|TƯ|T\.Ư)"
               rf"\s*(\d{{1,2}})(?:\s*,\s*|\s*\(\s*|\s*[-–]\s*|\s+){_TERM}(\s*\))?",
               re.IGNORECASE),
    re.compile(rf"(?<![\w])(các\s+)?NQTW\s*(\d{{1,2}})(?:\s*,\s*|\s*\(\s*|\s+){_TERM}(\s*\))?",
               re.IGNORECASE),
    re.compile(rf"(?<![\w])(các\s+)?(?:Nghị quyết|NQ)\s+Hội nghị\s+lần\s+thứ\s+(\w+)\s*,?\s*"
               rf"(?:của\s+)?Ban Chấp hành Trung ương(?:\s+Đảng)?\s*,?\s*\(?{_TERM}(\s*\))?",
               re.IGNORECASE),
]


@dataclass(frozen=True)
class CentralDoc:
    symbol: str
    type: str
    issuer: str
    date: dt.date | None
    subject: str
    plenum: tuple[str, int] | None
    nicknames: tuple[str, ...]
    implements: tuple[str, ...]


@dataclass(frozen=True)
class PlenumMention:
    """A nickname naming the resolutions of a plenum."""

    start: int
    end: int
    text: str  # as printed
    members: tuple[str, ...]  # registry symbols of the plenum's resolutions
    plural: bool  # "các Nghị quyết …": all of them


@cache
def registry() -> dict[str, CentralDoc]:
    """Central documents by symbol key."""
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    out = {}
    for d in data["documents"]:
        p = d.get("plenum")
        out[symbol_key(d["symbol"])] = CentralDoc(
            d["symbol"], d["type"], d["issuer"], d["date"], " ".join(d["subject"].split()),
            (p["term"], p["number"]) if p else None, tuple(d.get("nicknames") or ()),
            tuple(d.get("implements") or ()))
    return out


def central(symbol: str | None) -> CentralDoc | None:
    return registry().get(_key(symbol)) if symbol else None


def plenum_members(term: str, number: int) -> tuple[str, ...]:
    return tuple(d.symbol for d in registry().values() if d.plenum == (term, number))


def by_number(type_name: str | None, number: str) -> CentralDoc | None:
    """The registry document a short citation ("Nghị quyết 26") stands for, if exactly one."""
    hits = [d for d in registry().values() if d.type == type_name
            and _same_number(re.split(r"[-/]", d.symbol)[0], number)]
    return hits[0] if len(hits) == 1 else None


def _same_number(a: str, b: str) -> bool:
    da, db = re.match(r"(\d+)(\D*)", a), re.match(r"(\d+)(\D*)", b)
    if da is None or db is None:
        return False
    return int(da[1]) == int(db[1]) and fold(da[2]) == fold(db[2])


def same_number(a: str, b: str) -> bool:
    """Numbers equal up to leading zeros: "05" == "5", "103a" != "103"."""
    return _same_number(a, b)


def _starts(norm: str) -> list[int]:
    """Where a nickname can start: at "Nghị quyết" or "NQ", or at a "các" spaced before one."""
    out = []
    for m in _RESOLUTION.finditer(norm):
        j = m.start()
        while j > 0 and norm[j - 1].isspace():
            j -= 1
        if j < m.start() and j >= 3 and norm[j - 3:j] == "các":
            out.append(j - 3)
        out.append(m.start())
    return out


def find_plenum_mentions(text: str) -> list[PlenumMention]:
    """Plenum nicknames, longest first, without overlaps."""
    out: list[PlenumMention] = []
    if not _TERM_WORD.search(text):  # every nickname names its term; most texts none
        return out
    norm = modern_tones(text)
    starts = _starts(norm)
    for pat in _PLENUM:
        for m in finditer_at(pat, norm, starts):
            if any(o.start < m.end() and m.start() < o.end for o in out):
                continue
            raw_n = m.group(2)
            number = int(raw_n) if raw_n.isdigit() else ORDINALS.get(raw_n.lower())
            if number is None:
                continue
            terms = re.findall(r"[IVXLC]+", m.group(3))
            members = tuple(s for t in terms for s in plenum_members(t, number))
            if not members:
                continue
            start = m.end(1) if m.group(1) else m.start()
            end = m.end()
            surface = text[start:end]
            if surface.endswith(")") and "(" not in surface:
                end -= 1
            out.append(PlenumMention(start, end, text[start:end].strip(), members,
                                     bool(m.group(1))))
    return sorted(out, key=lambda o: o.start)
