"""The numbers an analyst tallies in one paragraph, before they are classified.

Percentages (decimal comma, ranges, "achieved/planned" pairs), per mille, fractions and
"N trong tổng số M", counts of people and units, amounts of money, and indicators whose value is
a plain number ("tuổi thọ bình quân đạt khoảng 75,5 tuổi"). Works on accent- and case-folded
text; wording lives in data/target_patterns.yaml.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

import yaml

from loaders.matching import alternation, finditer_at, fold_same_length

DATA = Path(__file__).with_name("data") / "target_patterns.yaml"

_INT = r"\d{1,3}(?:\.\d{3})+(?!\d)|\d+"
_NUM = rf"(?:{_INT})(?:,\d+)?"
_FRAC_PCT = re.compile(rf"(?<![\d/.])(?P<n>{_INT})\s*/\s*(?P<d>{_INT})\s*\(\s*(?:ty le\s*)?"
                       rf"(?P<p>{_NUM})\s*%\s*\)")
_PCT_PAIR = re.compile(rf"(?<![\d/.,])(?P<p>{_NUM})\s*%\s*/\s*(?P<q>{_NUM})\s*%")
_MONEY_PAIR = re.compile(rf"(?<![\d/.,])(?P<n>{_NUM})\s*/\s*(?P<d>{_NUM})\s*"
                         r"(?P<scale>ty|trieu|nghin|ngan)?\s+dong\b(?!\s+chi\b)")
_OF_TOTAL = re.compile(rf"(?<![\d/.,])(?P<n>{_INT})\s+trong\s+(?:tong\s+)?so\s+(?P<d>{_INT})\s+")
_RANGE_PCT = re.compile(rf"(?:\btu\s+)?(?<![\d/.,])(?P<lo>{_NUM})\s*%?\s*(?:den|-|–)\s*"
                        rf"(?P<hi>{_NUM})\s*%")
_PCT = re.compile(rf"(?<![\d/.,])(?P<p>{_NUM})\s*%")
_FRACTION = re.compile(rf"(?<![\d/.,-])(?P<n>{_INT})/(?P<d>{_INT})(?![\d/])\s+")
_COUNT_RANGE = re.compile(rf"\btu\s+(?P<lo>{_INT})\s*(?:den\s+|[-–]\s*)(?P<hi>{_INT})\s+")
_COUNT = re.compile(rf"(?<![\d/.,:-])(?P<n>{_INT})\s+")
_MONEY = re.compile(rf"(?<![\d/.,])(?P<n>{_NUM})\s*(?P<scale>ty|trieu|nghin|ngan)?\s+dong\b"
                    r"(?!\s+chi\b)")  # "đồng chí" is a comrade, not a currency
_BARE = re.compile(rf"(?<![\d/.,])(?P<n>{_NUM})(?![\d/.,]?\d)(?!\s*%)")
_DIGITS = re.compile(r"\d+")
# Where a percentage or an amount may be ("đồng" folds like "động", "đông": only after a number
# or a multiplier word is it money; checked behind the literal, which the scan jumps to).
_PERCENT = (re.compile("%"), re.compile("‰"))  # two literals scan faster than one class
_MONEY_HIT = re.compile(r"dong\b(?:(?<=\ddong)|(?<=\d dong)|(?<=ty dong)|(?<=trieu dong)"
                        r"|(?<=nghin dong)|(?<=ngan dong))")
_TU = re.compile("tu")
_CLAUSE_END = re.compile(r"[;.:]\s|[;.:]$")
_DATE_BEFORE = re.compile(r"(?:ngay|thang|quy|so|nam)\s*$")
_PLAIN_YEAR = re.compile(r"(?:19|20)\d\d")
_NUMBER_BEFORE = re.compile(r"(?<![\d.,/])(\d{1,2})\s+$")
_INDICATOR_REACH = 200  # characters from an indicator's noun to its value, at most
# A decimal that is no percentage (those are hits already); literal first, for a fast scan.
_DECIMAL = re.compile(r",(?<=\d,)\d+(?!\d)(?!\s*[%‰])")


@dataclass(frozen=True)
class Rules:
    """Compiled wording of data/target_patterns.yaml (on folded text)."""

    units: re.Pattern[str]
    not_units: frozenset[str]
    money_scale: dict[str, tuple[float, str]]
    rate: re.Pattern[str]
    per_mille: re.Pattern[str]
    qualifier: re.Pattern[str]
    indicator: re.Pattern[str]
    comparator_number: re.Pattern[str]
    coordinated: re.Pattern[str]
    years_before: re.Pattern[str]
    years_after: re.Pattern[str]
    reference: re.Pattern[str]
    conditional: dict[str, tuple[re.Pattern[str], bool]]  # unit -> (cue, cue only before)


def _c(source: str) -> re.Pattern[str]:
    return re.compile(fold_same_length(source))


def _words(items: list[str]) -> str:
    return "|".join(re.escape(fold_same_length(q)) for q in sorted(items, key=len, reverse=True))


@cache
def rules() -> Rules:
    d = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    comps = _words(d["comparators"])
    return Rules(
        alternation([*d["count_units"], *d["not_units"],
                     *(u for c in d["conditional_units"] for u in c["units"])]),
        frozenset(fold_same_length(u) for u in d["not_units"]),
        {fold_same_length(k): (float(f), u) for k, (f, u) in d["money_scale"].items()},
        _c(d["rate_per_time"]),
        re.compile(rf"\s*(?:{d['per_mille']})"),
        re.compile(rf"\b(?P<q>{_words(d['qualifiers'])})\s*$"),
        alternation(d["indicator_nouns"]),
        re.compile(rf"(?:{comps})\s+(?:(?:{comps})\s+)*(?P<n>{_NUM})(?![\d/.,]?\d)(?!\s*%)"),
        _c(d["coordinated"]), _c(d["years_run_before"]), _c(d["years_run_after"]),
        _c(d["reference_before"]),
        {fold_same_length(u): (_c(c["cue"]), bool(c["before"]))
         for c in d["conditional_units"] for u in c["units"]})


def parse_number(s: str) -> float:
    """Vietnamese number: "." groups thousands, "," marks decimals.

    >>> parse_number("90.253"), parse_number("51,6"), parse_number("1.234,5")
    (90253.0, 51.6, 1234.5)
    """
    return float(s.replace(".", "").replace(",", "."))


@dataclass(frozen=True)
class Value:
    """A number found in a paragraph, before it is classified."""

    start: int
    end: int
    value: float
    unit: str  # percent | permille | count | vnd | tỷ đồng | number
    low: float | None = None
    high: float | None = None
    qualifier: str | None = None
    noun: str | None = None  # what a count counts (folded), when printed
    planned: float | None = None  # the planned figure of an "achieved/planned" pair


def unit_after(folded: str, pos: int) -> str | None:
    """The counted unit right after `pos` (folded, spaces single), if it is one."""
    m = rules().units.match(folded, pos)
    if not m:
        return None
    unit = " ".join(m.group().split())
    return None if unit in rules().not_units else unit


def _year_like(s: str) -> bool:
    """A plain four-digit number of the years documents speak of (never a count here)."""
    return bool(_PLAIN_YEAR.fullmatch(s))


def _date_part(folded: str, at: int) -> bool:
    """Is the number at `at` part of a date ("30/6", "tháng 11 năm 2009")?"""
    return ((at > 0 and folded[at - 1] in "/.,")
            or bool(_DATE_BEFORE.search(folded, max(0, at - 8), at)))


def _date_like(d: str) -> bool:
    """The part after "/" of a date ("5/2019", "30/6") rather than of a share ("14/14 xã")."""
    return "." not in d and int(d) >= 1900


@cache
def _counted() -> re.Pattern[str]:
    """A number, spaces, then a unit: what every count (all but percentages and money) holds."""
    return re.compile(rf"\d\s+(?={rules().units.pattern})")


def may_hold_values(folded: str) -> bool:
    """False when no value pattern could match (most paragraphs): a cheap first test."""
    r = rules()
    return ("%" in folded or "‰" in folded or bool(_MONEY_HIT.search(folded))
            or bool(_counted().search(folded)) or bool(r.indicator.search(folded))
            or bool(r.years_before.search(folded)) or bool(r.years_after.search(folded)))


def value_hits(folded: str) -> list[int]:
    """Offsets in a whole folded text where a value may be: each line holding one is read."""
    hits = [m.start() for rx in _PERCENT for m in rx.finditer(folded)]
    hits += [m.start() for m in _MONEY_HIT.finditer(folded)]
    hits += [m.start() for m in _counted().finditer(folded)]
    r = rules()
    for m in _DECIMAL.finditer(folded):  # an indicator's plain value ("đạt khoảng 75,5 tuổi"):
        if r.indicator.search(folded, max(0, m.start() - _INDICATOR_REACH), m.start()):
            hits.append(m.start() - 1)  # a decimal after its noun (the paragraph is then read)
    hits += [m.start() for m in r.years_before.finditer(folded)]
    hits += [m.start() for m in r.years_after.finditer(folded)]
    return hits


class _Found:
    """Values accepted so far, without overlaps (taken spans kept sorted, checked by bisection:
    a paragraph may hold thousands of values)."""

    def __init__(self, folded: str) -> None:
        self.folded = folded
        self.out: list[Value] = []
        self.taken: list[tuple[int, int]] = []  # sorted, disjoint

    def free(self, a: int, b: int) -> bool:
        i = bisect.bisect_left(self.taken, (a, b))
        return ((i == 0 or self.taken[i - 1][1] <= a)
                and (i == len(self.taken) or self.taken[i][0] >= b))

    def add(self, v: Value) -> None:
        if not self.free(v.start, v.end):
            return
        f = self.folded
        q = rules().qualifier.search(f, max(0, v.start - 14), v.start)
        if q and v.qualifier is None:
            v = replace(v, qualifier=q["q"])
        if f.startswith("tro len", v.end) or f.startswith(" tro len", v.end):
            v = replace(v, qualifier="trở lên")
        self.out.append(v)
        bisect.insort(self.taken, (v.start, v.end))


def find_values(folded: str, hit: bool = False) -> list[Value]:
    """Indicator values in one folded paragraph, left to right, without overlaps (`hit`: the
    paragraph is known to hold a hit of `value_hits`, so the first test is skipped)."""
    if not hit and not may_hold_values(folded):
        return []
    numbers = [m.start() for m in _DIGITS.finditer(folded)]
    if not numbers:  # every value has a digit
        return []
    r = rules()
    found = _Found(folded)
    add = found.add

    def scan(rx: re.Pattern[str], needs: str, at: list[int]) -> Iterator[re.Match[str]]:
        """rx's matches, tried only at the offsets where they can start, and not looked for
        at all when a word each of them contains is absent."""
        return finditer_at(rx, folded, at) if needs in folded else iter(())

    # The patterns begin with a number (never right after a digit), so they match only where
    # a run of digits starts; ranges also where "tu" ("từ") is.
    tu = [m.start() for m in _TU.finditer(folded)]
    slash = "/" in folded
    for m in scan(_FRAC_PCT, "%", numbers if slash else []):
        add(Value(m.start(), m.end(), parse_number(m["p"]), "percent"))
    for m in scan(_PCT_PAIR, "%", numbers if slash else []):  # achieved/planned: first counts
        add(Value(m.start(), m.end(), parse_number(m["p"]), "percent",
                  planned=parse_number(m["q"])))
    for m in scan(_MONEY_PAIR, "dong", numbers if slash else []):
        factor, unit = r.money_scale.get(m["scale"] or "", (1.0, "vnd"))
        add(Value(m.start(), m.end(), parse_number(m["n"]) * factor, unit,
                  planned=parse_number(m["d"]) * factor))
    for m in scan(_OF_TOTAL, "trong", numbers):
        if unit_after(folded, m.end()):
            add(Value(m.start(), m.end(), parse_number(m["n"]), "count"))
    for m in scan(_RANGE_PCT, "%", sorted(tu + numbers)):
        lo, hi = parse_number(m["lo"]), parse_number(m["hi"])
        if lo < hi:
            add(Value(m.start(), m.end(), hi, "percent", lo, hi, "range"))
    for m in scan(_PCT, "%", numbers):
        pm = r.per_mille.match(folded, m.end() - 1)
        if pm and pm.end() > m.end() - 1:
            add(Value(m.start(), pm.end(), parse_number(m["p"]), "permille"))
        else:
            add(Value(m.start(), m.end(), parse_number(m["p"]), "percent"))
    for m in scan(_MONEY, "dong", numbers):
        if r.rate.match(folded, m.end()):
            continue
        factor, unit = r.money_scale.get(m["scale"] or "", (1.0, "vnd"))
        add(Value(m.start(), m.end(), parse_number(m["n"]) * factor, unit))
    for m in scan(_FRACTION, "/", numbers):
        if (not _date_like(m["d"]) and (noun := unit_after(folded, m.end()))
                and not _DATE_BEFORE.search(folded, max(0, m.start() - 8), m.start())):
            add(Value(m.start(), m.end(), parse_number(m["n"]), "count", noun=noun))
    for m in scan(_COUNT_RANGE, "tu", tu):
        if unit_after(folded, m.end()) and not _year_like(m["hi"]):
            lo, hi = parse_number(m["lo"]), parse_number(m["hi"])
            if lo < hi:
                add(Value(m.start(), m.end(), hi, "count", lo, hi, "range"))
    counts = []
    for m in scan(_COUNT, "", numbers):
        n = parse_number(m["n"])
        if n < 2 or _year_like(m["n"]) or r.reference.search(folded, max(0, m.start() - 12),
                                                              m.start()):
            continue
        if noun := unit_after(folded, m.end()):
            counts.append(Value(m.start(), m.end(), n, "count", noun=noun))
            add(counts[-1])
    _implicit_counts(folded, counts, found)
    _indicators(folded, found)
    return sorted(found.out, key=lambda v: v.start)


def _implicit_counts(folded: str, counts: list[Value], found: _Found) -> None:
    """Counts whose unit is implicit: the second of two coordinated counts ("5 tập thể và 8"),
    and runs of years ("liên tục 4 năm", "4 năm 2016, 2018, …", "3 năm liền")."""
    r = rules()
    for c in counts:
        unit = r.units.match(folded, c.end)
        joint = r.coordinated.match(folded, unit.end() if unit else c.end)
        m = _BARE.match(folded, joint.end()) if joint else None
        if m and not _year_like(m["n"]) and _stands_alone(folded, m.end()):
            found.add(Value(m.start(), m.end(), parse_number(m["n"]), "count",
                            noun=unit_after(folded, _after_space(folded, m.end())) or c.noun))
    if "nam" not in folded:
        return
    runs = [(m.start(1), m.end(1)) for m in r.years_before.finditer(folded)
            if not (m.start() and folded[m.start() - 1].isalnum())]
    for m in r.years_after.finditer(folded):
        n = _NUMBER_BEFORE.search(folded, max(0, m.start() - 6), m.start())
        if n:
            runs.append(n.span(1))
    for a, b in runs:
        if int(folded[a:b]) >= 2 and not _date_part(folded, a):
            found.add(Value(a, b, int(folded[a:b]), "count", noun="năm"))


def _after_space(folded: str, pos: int) -> int:
    while pos < len(folded) and folded[pos] == " ":
        pos += 1
    return pos


def _stands_alone(folded: str, pos: int) -> bool:
    """The number ends its phrase (paragraph or clause end) or a counted unit follows it."""
    at = _after_space(folded, pos)
    return at == len(folded) or folded[at] in ".;,)\n" or unit_after(folded, at) is not None


def _indicators(folded: str, found: _Found) -> None:
    """Plain-number values of indicators: in each stretch from an indicator noun to the next
    (or to the clause end), the last number right after a comparator, when the stretch holds
    no percentage of its own (then the percentage is the value and the rest describes)."""
    r = rules()
    nouns = list(r.indicator.finditer(folded))
    if not nouns:
        return
    percents = [v.start for v in found.out if v.unit in ("percent", "permille")]
    for i, noun in enumerate(nouns):
        stop = _CLAUSE_END.search(folded, noun.end())
        end = stop.start() if stop else len(folded)
        if i + 1 < len(nouns):
            end = min(end, nouns[i + 1].start())
        if any(noun.end() <= p < end for p in percents):
            continue
        last = None
        for m in r.comparator_number.finditer(folded, noun.end(), end):
            if not _year_like(m["n"]) and not folded[m.start() - 1].isalnum():
                last = m
        if last is not None:
            found.add(Value(last.start("n"), last.end("n"), parse_number(last["n"]), "number"))
