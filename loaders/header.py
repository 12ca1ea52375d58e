"""The issuing block of a document header: who issued it, at which level, in which unit.

Party headers print the issuer top left, with its direct superior above it for a lower body
(36-HD/VPTW; vn-conventions §1.6): "TỈNH ỦY QUẢNG NINH" / "*"; "ĐẢNG BỘ TỈNH THÁI NGUYÊN" /
"HUYỆN ỦY ĐỊNH HÓA" / "*"; "ĐẢNG BỘ HUYỆN X" / "ĐẢNG ỦY XÃ Y" / "*". State headers (NĐ 30/2020;
§2.5) print the body, its unit often on a line of its own: "ỦY BAN NHÂN DÂN" / "TỈNH QUẢNG BÌNH".
The last body printed is the issuer; the lines above it place it (province, district).
Words are data (loaders/data/units.yaml).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from graph.keys import fold, modern_tones
from loaders.issuers import Org
from loaders.localities import province
from loaders.matching import line_start
from loaders.organisations import Mention, find_organisations

DATA = Path(__file__).with_name("data") / "units.yaml"
_MOTTOS = re.compile(r"ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM|CỘNG\s+HÒA\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA"
                     r"\s+VIỆT\s+NAM|ĐỘC\s+LẬP\s*[-–]\s*TỰ\s+DO\s*[-–]\s*HẠNH\s+PHÚC",
                     re.IGNORECASE)  # however the lines were wrapped and spaced
_NUMBER_LINE = re.compile(r"^[ \t]*Số\b", re.MULTILINE)
_LINE = re.compile(r"^[ \t]*([^\W_][^\n*]*?)[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class _Body:
    start: int
    end: int
    name: str  # canonical: "Huyện ủy Định Hóa", "Ủy ban nhân dân tỉnh Quảng Bình"
    family: str  # party | state
    level: str  # provincial | district | commune | unknown
    province: str | None  # when the body is a province's, or its name is one
    unit: str | None  # "huyện Định Hóa": the unit below the province it heads


@cache
def _data() -> dict:
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))


def _alt(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+")
                    for w in sorted(words, key=len, reverse=True))


@cache
def _pattern() -> re.Pattern[str]:
    d = _data()
    return re.compile(
        rf"^[ \t]*(?:(?P<committee>{_alt(d['committees'])})"
        rf"|(?P<body>{_alt(d['bodies'])})(?:\s+(?P<kind>{_alt(d['unit_kinds'])}))?)"
        r"[ \t]+(?P<name>[^\W_][^\n*:,;]*?)(?=[ \t]*$)", re.MULTILINE)


@cache
def _unit_head() -> re.Pattern[str]:
    return re.compile(rf"(?:{_alt(w.upper() for w in _data()['central_units'])})\s+\w")


def unit_name(unit: str) -> str:
    """The name of a unit without its kind: "thị xã Quảng Yên" -> "Quảng Yên"."""
    kinds = sorted({u["kind"] for u in _data()["unit_kinds"].values()}, key=len, reverse=True)
    return next((unit[len(k):].strip() for k in kinds if unit.startswith(k + " ")), unit)


def _title(name: str) -> str:
    return " ".join(w if w.isdigit() else w.capitalize() for w in name.split())


def _body(m: re.Match[str], offset: int) -> _Body:
    d = _data()
    raw = " ".join(m["name"].split())
    if m["committee"]:
        head = d["committees"][" ".join(m["committee"].split())]
        kind, family, words = head["kind"], "party", head["name"]
    else:
        body = d["bodies"][" ".join(m["body"].split())]
        family = body["family"]
        kind = d["unit_kinds"][" ".join(m["kind"].split())]["kind"] if m["kind"] else None
        words = body["name"] + (f" {kind}" if kind else "")
    p = province(raw) if kind in ("tỉnh", "thành phố") else None
    levels = {u["kind"]: u["level"] for u in d["unit_kinds"].values()}
    if p is not None:
        return _Body(offset + m.start(), offset + m.end(), f"{words} {p.name}", family,
                     "provincial", p.name, None)
    if kind is None:  # "ĐẢNG ỦY KHỐI …": a committee the header does not place
        return _Body(offset + m.start(), offset + m.end(), f"{words} {raw.lower()}", family,
                     "unknown", None, None)
    named = _title(raw)
    return _Body(offset + m.start(), offset + m.end(), f"{words} {named}", family,
                 levels[kind], None, f"{kind} {named}")


def read_header(text: str, end: int) -> Org | None:
    """The issuer printed in the header `text[:end]` (before the type line), placed by the
    lines above it: its province and, below the province, the unit it heads.

    >>> head = "ĐẢNG BỘ TỈNH THÁI NGUYÊN\\nHUYỆN ỦY ĐỊNH HÓA\\n*\\nSố 12-KH/HU\\n"
    >>> o = read_header(head, len(head))
    >>> (o.name, o.level, o.province, o.unit)
    ('Huyện ủy Định Hóa', 'district', 'Thái Nguyên', 'huyện Định Hóa')
    """
    number = line_start(_NUMBER_LINE).search(text, 0, end)
    stop = number.start() if number else end
    head = _MOTTOS.sub(lambda m: " " * len(m.group()), modern_tones(text[:stop]))
    bodies = [_body(m, 0) for m in _pattern().finditer(head) if m.group().isupper()]
    if not bodies:
        return _named_body(text, head)
    issuer = bodies[-1]
    above = next((b.province for b in reversed(bodies) if b.province), None)
    below = _LINE.search(head, issuer.end, stop)  # "UBND TỈNH X" / "SỞ NỘI VỤ": a body under it
    if below is not None and below.group(1).isupper():
        a, b = below.span(1)
        known = find_organisations(text, a, b)
        name = known[0].entry.name if known else below.group(1).capitalize()
        return Org(a, b, text[a:b], name, issuer.level, issuer.family,
                   issuer.province or above, issuer.unit)
    return Org(issuer.start, issuer.end, text[issuer.start:issuer.end], issuer.name,
               issuer.level, issuer.family, issuer.province or above, issuer.unit)


def _named_body(text: str, head: str) -> Org | None:
    """A body of no unit ("CHÍNH PHỦ", "BỘ NỘI VỤ"): the last header line that is the full name
    of a body of the agency gazetteer (not a short form such as "BAN TỔ CHỨC")."""
    for line in reversed(list(_LINE.finditer(head))):
        a, b = line.span(1)
        known = find_organisations(text, a, b) if line.group(1).isupper() else []
        if len(known) == 1 and fold(known[0].entry.name) == fold(line.group(1)):
            e = known[0].entry
            return Org(a, b, text[a:b], e.name, e.level, e.kind, None)
        unit = _unit_below(text, a, b, known)
        if unit is not None:
            return unit
    return None


def _unit_below(text: str, a: int, b: int, known: list[Mention]) -> Org | None:
    """"BỘ CÔNG THƯƠNG CỤC …" (the two header lines rejoined): a unit printed under a central
    body of the gazetteer is the issuer, at that body's level."""
    if not known or known[0].start != a or known[0].entry.level != "central":
        return None
    parent = known[0]
    if fold(parent.entry.name) != fold(text[parent.start:parent.end]):
        return None
    rest = text[parent.end:b].strip()
    if not _unit_head().match(rest):
        return None
    u = b - len(text[parent.end:b].lstrip())
    return Org(u, b, text[u:b], " ".join(rest.split()).capitalize(), parent.entry.level,
               parent.entry.kind, None)
