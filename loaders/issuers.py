"""Issuing bodies: find them in text, name them canonically, tell their level.

Patterns are data (loaders/data/issuers.yaml). A provincial body named without its province
("Ban Thường vụ Tỉnh ủy") is completed with the locality the text is about, when known.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import yaml

from graph.keys import modern_tones
from loaders.localities import Mention, find_provinces, province_regex
from loaders.matching import Spans, first_chars

DATA = Path(__file__).with_name("data") / "issuers.yaml"


@dataclass(frozen=True)
class Org:
    """An organisation named in the text."""

    start: int
    end: int
    surface: str  # as printed
    name: str  # canonical, abbreviations expanded; the province only if printed
    level: str
    kind: str
    province: str | None  # the province printed inside the name, if any
    unit: str | None = None  # below the province, the unit it heads: "huyện Cô Tô"


@cache
def _data() -> dict:
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))


_UPPER = "A-ZĐÂĂÊÔƠƯÀÁẢÃẠẦẤẨẪẬẰẮẲẴẶÈÉẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴ"
_NAME = rf"(?:\d{{1,2}}(?![\w])|[{_UPPER}][\w']*(?: [{_UPPER}][\w']*)?)"


def _source(entry: dict) -> str:
    return entry["pattern"].replace("{province}", f"(?:{province_regex()})").replace(
        "{name}", _NAME)


def _unit(m: re.Match[str]) -> str | None:
    """The unit below the province a body heads ("huyện Cô Tô"), from its pattern's groups."""
    g = m.groupdict()
    if not g.get("uname"):
        return None
    kind = g.get("ukind") or _data()["committee_units"][g["ucommittee"]]
    return f"{kind} {g['uname']}"


@cache
def _patterns() -> tuple[tuple[re.Pattern[str], dict], ...]:
    return tuple((re.compile(rf"(?<![\w]){_source(e)}(?![\w])"), e)
                 for e in _data()["organisations"])


def _unnamed(source: str) -> str:
    """A pattern's source with its named groups unnamed, to be combined with others."""
    return re.sub(r"\(\?P<\w+>", "(?:", source)


@cache
def _anywhere() -> re.Pattern[str]:
    """Empty matches where any pattern matches: one pass finds where each is worth trying."""
    sources = (rf"(?:{_unnamed(_source(e))})(?![\w])" for e in _data()["organisations"])
    # every body's name starts with a capital: tried first, it spares the alternatives at most
    # offsets (the patterns are data; a test keeps them capitalised)
    return re.compile(rf"(?<![\w])(?=[{_UPPER}])(?={'|'.join(sources)})")


# A capital after no word character: the only offsets `_anywhere` can match at (kept for the
# test that holds the data to it)
_CAPITAL = re.compile(rf"[{_UPPER}](?<![\w].)")


@cache
def _by_initial() -> tuple[re.Pattern[str], dict[str, tuple[int, ...]]]:
    """A scan for the offsets where `_anywhere` matches, led by the letters a body's name can
    start with (matching.first_chars of each pattern; a pattern that opens with a look-behind
    would be tried at every character), and for each such letter the indexes of the patterns
    that can match at it, in their order."""
    pats = _patterns()
    firsts = [first_chars(p) for p, _ in pats]
    anyhow = tuple(i for i, f in enumerate(firsts) if f is None)
    letters = sorted(set().union(*(f for f in firsts if f is not None)))
    lead = _UPPER if anyhow else "".join(re.escape(c) for c in letters)
    scan = re.compile(rf"[{lead}](?<=(?:{_anywhere().pattern}).)")
    table = {c: tuple(sorted({*anyhow, *(i for i, f in enumerate(firsts) if f and c in f)}))
             for c in letters}
    table[""] = anyhow
    return scan, table


def _matches(norm: str) -> list[tuple[int, int, re.Match[str], dict]]:
    """(start, -length, match, entry) of every pattern's matches, each pattern's own as its
    finditer gives them (no overlaps among them); in text order, at one offset in the
    patterns' order."""
    pats = _patterns()
    scan, table = _by_initial()
    anyhow = table[""]
    ends = [0] * len(pats)
    out = []
    for c in scan.finditer(norm):
        at = c.start()
        for i in table.get(c.group(), anyhow):
            if at >= ends[i]:
                pat, entry = pats[i]
                m = pat.match(norm, at)
                if m is not None:
                    ends[i] = m.end()
                    out.append((at, at - m.end(), m, entry))
    return out


@cache
def _expansions() -> tuple[tuple[re.Pattern[str], str], ...]:
    """(abbreviation as a whole word, its expansion), longest abbreviation first."""
    pairs = sorted(_data()["expansions"].items(), key=lambda kv: -len(kv[0]))
    return tuple((re.compile(rf"(?<![\w]){re.escape(short)}(?![\w])"), full)
                 for short, full in pairs)


@lru_cache(maxsize=4096)
def _expand(surface: str) -> str:
    """The canonical name of a body as printed (a pure function: cached, names repeat)."""
    s = re.sub(r"\s*\((?:BTV|BCH|UBND)\)", "", surface)
    for short, full in _expansions():
        s = short.sub(full, s)
    s = re.sub(r"\s+", " ", s).strip()
    if s.isupper():
        provs = find_provinces(s)
        head = s[:provs[0].start].strip() if provs else s
        head = head.lower()
        head = head[:1].upper() + head[1:]
        head = re.sub(r"(?<![\w])(tỉnh ủy|thành ủy|trung ương|chính phủ|quốc hội)(?![\w])",
                      lambda m: m.group(1).capitalize(), head)
        head = re.sub(r"thường vụ|chấp hành|tổ chức|chính trị", lambda m: m.group().capitalize()
                      if m.start() and head[m.start() - 1] == " " and head[:m.start()].strip()
                      in ("Ban", "Bộ") else m.group(), head)
        s = f"{head} {provs[0].province}" if provs else head
    return s


def _canonical(m: re.Match[str], entry: dict) -> str:
    template = entry.get("canonical")
    if template is None:
        return _expand(m.group())
    term = m.groupdict().get("term")
    return template.replace("{term}", f" khóa {term}" if term else "")


class Orgs(list):
    """Organisations in text order without overlaps (so their ends ascend too), as
    `find_organisations` gives them, looked up by bisection: lookups that scanned the whole
    list for every match made long texts quadratic. Not to be changed once built."""

    def __init__(self, orgs: Iterable[Org] = ()) -> None:
        super().__init__(orgs)
        self.starts = [o.start for o in self]
        self.ends = [o.end for o in self]

    def starting_at(self, pos: int) -> Org | None:
        i = bisect.bisect_left(self.starts, pos)
        return self[i] if i < len(self) and self.starts[i] == pos else None

    def ending_at(self, pos: int, lo: int = 0) -> Org | None:
        """The body ending at `pos`, if it starts at `lo` or after."""
        i = bisect.bisect_left(self.ends, pos)
        return self[i] if i < len(self) and self.ends[i] == pos and self.starts[i] >= lo \
            else None

    def within(self, lo: int, hi: int) -> list[Org]:
        """The bodies inside [lo, hi), in text order."""
        return self[bisect.bisect_left(self.starts, lo):bisect.bisect_right(self.ends, hi)]


def as_orgs(orgs: Iterable[Org]) -> Orgs:
    """`orgs` (in text order, without overlaps) indexed for lookups."""
    return orgs if isinstance(orgs, Orgs) else Orgs(orgs)


def find_organisations(text: str) -> Orgs:
    """Issuing bodies named in `text`, longest match first, no overlaps, in text order."""
    norm = modern_tones(text)
    found: list[Org] = []
    taken = Spans()
    for start, _neg, m, entry in sorted(_matches(norm), key=lambda c: (c[1], c[0])):
        end = m.end()
        if taken.overlaps(start, end):
            continue
        taken.add(start, end)
        provs = _provinces_in(text[start:end])
        found.append(Org(start, end, text[start:end], _canonical(m, entry), entry["level"],
                         entry["kind"], provs[-1].province if provs else None, _unit(m)))
    return Orgs(sorted(found, key=lambda o: o.start))


@lru_cache(maxsize=4096)
def _provinces_in(name: str) -> tuple[Mention, ...]:
    """The provinces printed in a body's name (cached: a text names the same bodies often)."""
    return tuple(find_provinces(name))


_CUA = re.compile(r"\s*,?\s*(?:của|do)\s+")


def issuer_after(orgs: list[Org], text: str, pos: int) -> Org | None:
    """The body named in "… của <body>" right after `pos`."""
    m = _CUA.match(text, pos)
    if not m:
        return None
    return as_orgs(orgs).starting_at(m.end())


def qualified(org: Org, locality: str | None) -> str:
    """The canonical name completed with its province when the text left it implicit.

    >>> o = Org(0, 0, "", "Đại hội Đảng bộ tỉnh lần thứ XVII", "provincial", "party", None)
    >>> qualified(o, "Hải Dương")
    'Đại hội Đảng bộ tỉnh Hải Dương lần thứ XVII'
    """
    if org.province or not locality or org.level != "provincial":
        return org.name
    heads = list(re.finditer(r"Tỉnh ủy|Thành ủy|tỉnh|thành phố", org.name))
    if not heads:
        return f"{org.name} {locality}"
    h = heads[-1]
    return f"{org.name[:h.end()]} {locality}{org.name[h.end():]}"
