"""Deadlines of plan tasks: "(hoàn thành trong quý IV năm 2018)", "trước ngày 30/6/2019" …

Kept as printed (without the parentheses) and normalised into a `Deadline` that can be
queried (kind, year, quarter, date, recurrence). Wording lives in data/deadline_patterns.yaml.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import yaml

from graph.model import Deadline
from loaders.matching import fold_same_length

DATA = Path(__file__).with_name("data") / "deadline_patterns.yaml"
_PAREN = re.compile(r"\(([^()]{3,400})\)")
_PART = re.compile(r"[^;]+")  # a parenthesis's parts: "(Sở Y tế chủ trì; năm 2026)"
_LONGEST = 120  # a deadline's words; a longer parenthesis part is prose
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


@dataclass(frozen=True)
class _Patterns:
    parenthesised: tuple[re.Pattern[str], ...]
    inline: re.Pattern[str]
    school_year: re.Pattern[str]
    date: re.Pattern[str]
    quarter: re.Pattern[str]
    month: re.Pattern[str]
    from_year: re.Pattern[str]
    recurring: tuple[tuple[str, re.Pattern[str]], ...]
    year: re.Pattern[str]
    label: re.Pattern[str]


def _c(source: str) -> re.Pattern[str]:
    return re.compile(fold_same_length(source))


@cache
def patterns() -> _Patterns:
    d = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    return _Patterns(
        tuple(_c(p) for p in d["parenthesised"]),
        _c("|".join(f"(?:{p})" for p in d["inline"])),
        _c(d["school_year"]), _c(d["date"]), _c(d["quarter"]), _c(d["month"]),
        _c(d["from_year"]), tuple((k, _c(v)) for k, v in d["recurring"].items()), _c(d["year"]),
        _c(d["label"]))


def parse_deadline(text: str) -> Deadline:
    """Normalise deadline wording.

    >>> parse_deadline("hoàn thành trong quý IV năm 2018")
    Deadline(text='hoàn thành trong quý IV năm 2018', kind='quarter', year=2018, quarter=4, \
date=None, recurrence=None)
    """
    p, f = patterns(), fold_same_length.__wrapped__(text)  # short: not kept in the cache
    year: int | None
    if m := p.school_year.search(f):
        return Deadline(text, "school_year", year=int(m[1]))
    if m := p.date.search(f):
        day, month, year = int(m[1]), int(m[2]), int(m[3])
        try:
            return Deadline(text, "date", year=year, date=dt.date(year, month, day))
        except ValueError:
            return Deadline(text, "unknown", year=year)
    if m := p.quarter.search(f):
        year = int(m[2]) if m[2] else None
        return Deadline(text, "quarter", year=year, quarter=_ROMAN.get(m[1]) or int(m[1]))
    if (m := p.month.search(f)) and 1 <= int(m[1]) <= 12:
        year, month = int(m[2]), int(m[1])
        last = dt.date(year, month, calendar.monthrange(year, month)[1])
        return Deadline(text, "date", year=year, date=last)
    if m := p.from_year.search(f):
        return Deadline(text, "from_year", year=int(m[1]))
    for recurrence, rx in p.recurring:
        if rx.search(f):
            return Deadline(text, "recurring", recurrence=recurrence)
    if m := p.year.search(f):
        return Deadline(text, "year", year=int(m[1]))
    return Deadline(text, "unknown")


@lru_cache(maxsize=1)
def _paren_deadlines(folded: str) -> tuple[list[int], list[int], list[tuple[int, int]]]:
    """The parenthesised deadlines of a whole folded text: where each "(" is, where each ")"
    ends, and the span inside. Found once per text, each item's search picks from them by
    bisection: a match of `_PAREN` holds no parenthesis, so its matches never overlap and a
    search of text[a:b] finds exactly the ones lying inside it. (The last text only: the
    items of one text are read one after another.)"""
    rxs = patterns().parenthesised
    starts, ends, inner = [], [], []
    for m in _PAREN.finditer(folded):
        # its last part that is a deadline: "(X chủ trì; hoàn thành trong quý II/2026)"
        span = None
        for part in _PART.finditer(folded, m.start(1), m.end(1)):
            if len(part[0]) <= _LONGEST and any(rx.search(part[0].strip()) for rx in rxs):
                span = part.span()
        if span is not None:
            starts.append(m.start())
            ends.append(m.end())
            inner.append(span)
    return starts, ends, inner


def find_deadline(text: str, start: int = 0, end: int | None = None
                  ) -> tuple[Deadline, int, int] | None:
    """The deadline stated in text[start:end] and its span: the last parenthesised deadline,
    else the last inline one ("định kỳ hàng năm hoặc đột xuất", "trước ngày 30/6/2019")."""
    end = len(text) if end is None else end
    p, folded = patterns(), fold_same_length(text)
    found = None
    starts, ends, inner = _paren_deadlines(folded)
    i = bisect.bisect_right(ends, end) - 1  # the last one ending by `end` …
    if i >= 0 and starts[i] >= start:  # … if it opens after `start`
        found = inner[i]
    if found is None:
        for m in p.inline.finditer(folded, start, end):
            found = (m.start(), m.end())
    if found is None:
        return None
    a, b = found
    if label := p.label.match(folded, a, b):  # "(Thời gian thực hiện: quý I/2026)"
        a = label.end()
    raw = text[a:b]
    a += len(raw) - len(raw.lstrip())
    b -= len(raw) - len(raw.rstrip())
    return parse_deadline(" ".join(text[a:b].split())), a, b
