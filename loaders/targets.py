"""Numeric targets ("Đến năm 2025: … từ 15% trở lên") and achievements ("9/15 (60%) …").

Finds the values an analyst tallies — percentages (decimal comma), fractions, "N trong tổng số
M", counts of people and units ("luân chuyển 22 đồng chí", "90.253 lượt"), amounts of money —
and decides whether each is promised or reported, who it is about and for which year. Wording
lives in data/target_patterns.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

import yaml

from graph.model import Document, Target
from loaders.context import TextContext
from loaders.localities import find_provinces
from loaders.matching import alternation, finditer_at, fold_same_length

DATA = Path(__file__).with_name("data") / "target_patterns.yaml"
PLAN_TYPES = ("Kế hoạch", "Chương trình", "Đề án")

_INT = r"\d{1,3}(?:\.\d{3})+(?!\d)|\d+"
_NUM = rf"(?:{_INT})(?:,\d+)?"
_FRAC_PCT = re.compile(rf"(?<![\d/.])(?P<n>{_INT})\s*/\s*(?P<d>{_INT})\s*\(\s*(?:ty le\s*)?"
                       rf"(?P<p>{_NUM})\s*%\s*\)")
_OF_TOTAL = re.compile(rf"(?<![\d/.,])(?P<n>{_INT})\s+trong\s+(?:tong\s+)?so\s+(?P<d>{_INT})\s+")
_RANGE_PCT = re.compile(rf"(?:\btu\s+)?(?<![\d/.,])(?P<lo>{_NUM})\s*%?\s*(?:den|-|–)\s*"
                        rf"(?P<hi>{_NUM})\s*%")
_PCT = re.compile(rf"(?<![\d/.,])(?P<p>{_NUM})\s*%")
_FRACTION = re.compile(rf"(?<![\d/.,-])(?P<n>{_INT})/(?P<d>{_INT})(?![\d/])\s+")
_COUNT_RANGE = re.compile(rf"\btu\s+(?P<lo>{_INT})\s+(?:den|-|–)\s+(?P<hi>{_INT})\s+")
_COUNT = re.compile(rf"(?<![\d/.,:-])(?P<n>{_INT})\s+")
_MONEY = re.compile(rf"(?<![\d/.,])(?P<n>{_NUM})\s*(?P<scale>ty|trieu|nghin|ngan)?\s+dong\b"
                    r"(?!\s+chi\b)")  # "đồng chí" is a comrade, not a currency
_YEAR = re.compile(r"(?<!tu )\b(?:nam|thang \d{1,2}[-/])\s*(20\d\d|19\d\d)\b")
_CLAUSE_END = re.compile(r"[;.:]\s|[;.:]$|\n")
_CLAUSE_START = re.compile(r"[;:.(]\s")
_DATE_BEFORE = re.compile(r"(?:ngay|thang|quy|so|nam)\s*$")
_DIGITS = re.compile(r"\d+")
_TU = re.compile("tu")
_PERCENT_OR_MONEY = re.compile("%|dong")


@dataclass(frozen=True)
class _Rules:
    units: re.Pattern[str]
    not_units: frozenset[str]
    money_scale: dict[str, int]
    rate: re.Pattern[str]
    target: re.Pattern[str]
    achievement: re.Pattern[str]
    local_target: re.Pattern[str]
    local_achievement: re.Pattern[str]
    breakdown: re.Pattern[str]
    criterion_after: re.Pattern[str]
    criterion_before: re.Pattern[str]
    completion_after: re.Pattern[str]
    completion_before: re.Pattern[str]
    qualifier: re.Pattern[str]


def _c(source: str) -> re.Pattern[str]:
    return re.compile(fold_same_length(source))


def _any(sources: list[str]) -> re.Pattern[str]:
    return _c("|".join(f"(?:{p})" for p in sources))


@cache
def rules() -> _Rules:
    d = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    quals = "|".join(re.escape(fold_same_length(q)) for q in d["qualifiers"])
    return _Rules(
        alternation([*d["count_units"], *d["not_units"]]),
        frozenset(fold_same_length(u) for u in d["not_units"]),
        {fold_same_length(k): v for k, v in d["money_scale"].items()},
        _c(d["rate_per_time"]),
        _any(d["target_cues"]), _any(d["achievement_cues"]),
        _any(d["target_cues"] + d["local_target_cues"]),
        _any(d["achievement_cues"] + d["local_achievement_cues"]),
        _c(d["breakdown"]), _c(d["criterion_after"]), _c(d["criterion_before"]),
        _c(d["completion_after"]), _c(d["completion_before"]),
        re.compile(rf"\b(?P<q>{quals})\s*$"))


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
    unit: str  # percent | count | vnd
    low: float | None = None
    high: float | None = None
    qualifier: str | None = None


def _unit_after(folded: str, pos: int) -> bool:
    m = rules().units.match(folded, pos)
    return bool(m) and " ".join(m.group().split()) not in rules().not_units


@cache
def _counted() -> re.Pattern[str]:
    """A number, spaces, then a unit: what every count (all but percentages and money) holds."""
    return re.compile(rf"\d\s+(?={rules().units.pattern})")


def find_values(folded: str) -> list[Value]:
    """Indicator values in one folded paragraph, left to right, without overlaps."""
    r = rules()
    out: list[Value] = []
    if "%" not in folded and "dong" not in folded and not _counted().search(folded):
        return out  # most paragraphs: nothing any value pattern could accept
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in taken)

    def add(v: Value) -> None:
        if free(v.start, v.end):
            q = r.qualifier.search(folded, max(0, v.start - 14), v.start)
            if q and v.qualifier is None:
                v = replace(v, qualifier=q["q"])
            if folded.startswith("tro len", v.end) or folded.startswith(" tro len", v.end):
                v = replace(v, qualifier="trở lên")
            out.append(v)
            taken.append((v.start, v.end))

    numbers = [m.start() for m in _DIGITS.finditer(folded)]
    if not numbers:  # every value has a digit
        return out

    def scan(rx: re.Pattern[str], needs: str, at: list[int]) -> Iterator[re.Match[str]]:
        """rx's matches, tried only at the offsets where they can start, and not looked for
        at all when a word each of them contains is absent."""
        return finditer_at(rx, folded, at) if needs in folded else iter(())

    # The patterns begin with a number (never right after a digit), so they match only where
    # a run of digits starts; ranges also where "tu" ("từ") is.
    tu = [m.start() for m in _TU.finditer(folded)]
    for m in scan(_FRAC_PCT, "%", numbers):
        add(Value(m.start(), m.end(), parse_number(m["p"]), "percent"))
    for m in scan(_OF_TOTAL, "trong", numbers):
        if _unit_after(folded, m.end()):
            add(Value(m.start(), m.end(), parse_number(m["n"]), "count"))
    for m in scan(_RANGE_PCT, "%", sorted(tu + numbers)):
        lo, hi = parse_number(m["lo"]), parse_number(m["hi"])
        if lo < hi:
            add(Value(m.start(), m.end(), hi, "percent", lo, hi, "range"))
    for m in scan(_PCT, "%", numbers):
        add(Value(m.start(), m.end(), parse_number(m["p"]), "percent"))
    for m in scan(_MONEY, "dong", numbers):
        if r.rate.match(folded, m.end()):
            continue
        scale = r.money_scale.get(m["scale"] or "", 1)
        add(Value(m.start(), m.end(), parse_number(m["n"]) * scale, "vnd"))
    for m in scan(_FRACTION, "/", numbers):
        if (int(m["d"].replace(".", "")) < 1900 and _unit_after(folded, m.end())
                and not _DATE_BEFORE.search(folded, max(0, m.start() - 8), m.start())):
            add(Value(m.start(), m.end(), parse_number(m["n"]), "count"))
    for m in scan(_COUNT_RANGE, "tu", tu):
        if _unit_after(folded, m.end()):
            lo, hi = parse_number(m["lo"]), parse_number(m["hi"])
            add(Value(m.start(), m.end(), hi, "count", lo, hi, "range"))
    for m in scan(_COUNT, "", numbers):
        n = parse_number(m["n"])
        if n >= 2 and _unit_after(folded, m.end()):
            add(Value(m.start(), m.end(), n, "count"))
    return sorted(out, key=lambda v: v.start)


def _drop_qualified(folded: str, values: list[Value]) -> list[Value]:
    """Remove breakdowns, criteria, and counts measured by a following completion rate."""
    r = rules()
    keep = []
    for i, v in enumerate(values):
        if r.breakdown.search(folded, _sentence_start(folded, v.start), v.start):
            continue
        if v.unit == "percent" and (r.criterion_after.match(folded, v.end)
                                    or r.criterion_before.search(folded, 0, v.start)):
            continue
        nxt = values[i + 1] if i + 1 < len(values) else None
        if (v.unit == "count" and nxt is not None and nxt.unit == "percent"
                and not _CLAUSE_END.search(folded, v.end, nxt.start)
                and r.completion_after.match(folded, nxt.end)
                and r.completion_before.search(folded, v.end, nxt.start)):
            continue
        keep.append(v)
    return keep


def _sentence_start(folded: str, pos: int) -> int:
    return max(folded.rfind(". ", 0, pos) + 2, 0) if ". " in folded[:pos] else 0


def _nearest(cues: list[tuple[re.Pattern[str], str]], folded: str, a: int, b: int) -> str | None:
    found = [(m.start(), kind) for rx, kind in cues for m in rx.finditer(folded, a, b)]
    return max(found)[1] if found else None


def _kind(folded: str, v: Value, default: str) -> str:
    """target | achievement: the nearest cue before the value in its sentence, else in the
    rest of its sentence, else the nearest paragraph-wide cue before, else the default."""
    r = rules()
    local = [(r.local_target, "target"), (r.local_achievement, "achievement")]
    wide = [(r.target, "target"), (r.achievement, "achievement")]
    s = _sentence_start(folded, v.start)
    stop = _CLAUSE_END.search(folded, v.end)
    end = stop.start() if stop else len(folded)
    return (_nearest(local, folded, s, v.start) or _nearest(local, folded, v.end, end)
            or _nearest(wide, folded, 0, s) or default)


def _year(folded: str, v: Value, kind: str) -> int | None:
    if kind == "target":
        years = [int(y) for y in re.findall(r"\bden (?:het )?(?:nam )?(20\d\d)\b",
                                            folded[:v.start])]
        return years[-1] if years else None
    sent_start = max(folded.rfind(". ", 0, v.start), 0)
    stop = _CLAUSE_END.search(folded, v.end)
    found = _YEAR.findall(folded, sent_start, stop.start() if stop else len(folded))
    return int(found[0]) if found else None


def _clause(text: str, folded: str, v: Value, prev_end: int, next_start: int) -> str:
    bounds = [m.end() for m in _CLAUSE_START.finditer(folded, 0, v.start)]
    a = max([prev_end, *bounds])
    stop = _CLAUSE_END.search(folded, v.end)
    b = min(stop.start() if stop else len(text), next_start)
    return " ".join(text[a:b].strip(" ,;").split())


def _subject(ctx: TextContext, para: str, offset: int, v: Value) -> str | None:
    before = find_provinces(para[:v.start])
    if before:
        return before[-1].province
    return ctx.locality_at(offset + v.start)


def _document(ctx: TextContext, at: int, subject: str | None) -> str | None:
    """The plan of the subject's province mentioned last before `at` (the one reporting)."""
    subject_doc = next((d for d in ctx.documents if d.is_subject), None)
    if subject_doc is not None:
        return subject_doc.uid
    cands: list[Document] = [d for d in ctx.documents if d.type in PLAN_TYPES
                             and d.evidence.start < at and subject and d.locality == subject]
    return max(cands, key=lambda d: d.evidence.start).uid if cands else None


def _lines_with_values(folded: str) -> list[tuple[int, int]]:
    """Spans of the lines (paragraphs) that can hold a value, in order: those with a "%", a
    "đồng" or a number before a unit (`find_values` finds nothing in any other line)."""
    hits = [m.start() for m in _PERCENT_OR_MONEY.finditer(folded)]
    hits += [m.start() for m in _counted().finditer(folded)]
    lines = set()
    for at in hits:
        end = folded.find("\n", at)
        lines.add((folded.rfind("\n", 0, at) + 1, len(folded) if end < 0 else end))
    return sorted(lines)


def find_targets(ctx: TextContext) -> list[Target]:
    """Targets and achievements of a text, each with evidence on its value."""
    default = "target" if any(d.is_subject for d in ctx.documents) else "achievement"
    out: list[Target] = []
    folded_text = fold_same_length(ctx.text)  # one character for one: slices fold alike
    for offset, end in _lines_with_values(folded_text):
        para, folded = ctx.text[offset:end], folded_text[offset:end]
        values = _drop_qualified(folded, find_values(folded))
        for i, v in enumerate(values):
            kind = _kind(folded, v, default)
            subject = _subject(ctx, para, offset, v)
            prev_end = values[i - 1].end if i else 0
            next_start = values[i + 1].start if i + 1 < len(values) else len(para)
            text = _clause(para, folded, v, prev_end, next_start)
            start, end = offset + v.start, offset + v.end
            out.append(Target(
                uid=f"target:{ctx.source.uid}:{start}", kind=kind, subject=subject, text=text,
                value=v.value, evidence=ctx.evidence(start, end, "explicit", 0.8),
                document=_document(ctx, start, subject), low=v.low, high=v.high, unit=v.unit,
                qualifier=v.qualifier, year=_year(folded, v, kind), indicator=text))
    return out
