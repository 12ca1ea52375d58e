"""Numeric targets ("Đến năm 2025: … từ 15% trở lên") and achievements ("9/15 (60%) …").

The values come from loaders.target_values; here each is decided promised or reported, placed
(who it is about, which document sets or reports it) and dated. Text is read by paragraphs as a
reader sees them (hard-wrapped lines rejoined, see loaders.target_layout). Wording lives in
data/target_patterns.yaml.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, partial

import yaml

from graph.ids import text_target_uid
from graph.model import Document, Evidence, Target
from loaders.context import TextContext
from loaders.localities import find_provinces
from loaders.matching import alternation, fold_same_length
from loaders.table_targets import table_targets
from loaders.target_layout import Layout
from loaders.target_values import DATA, Value, find_values, parse_number, value_hits
from loaders.target_values import rules as value_rules

__all__ = ["find_targets", "find_values", "parse_number"]

PLAN_TYPES = ("Kế hoạch", "Chương trình", "Đề án")

_YEAR = re.compile(r"(?<!tu )\b(?:nam|thang \d{1,2}[-/])\s*(20\d\d|19\d\d)\b")
_TARGET_YEAR = re.compile(r"\b(?:den (?:het )?(?:nam )?|phan dau (?:(?:trong|den) )?nam )"
                          r"(20\d\d)\b")
_YEAR_AFTER = re.compile(r"[^.;:]{0,30}?\b(?:trong|den|vao) (?:het )?nam (20\d\d)\b")
_PERIOD_END = re.compile(r"\bgiai doan\s+(?:tu\s+)?(?:nam\s+)?(?:19|20)\d\d\s*(?:-|–|den)\s*"
                         r"(?:nam\s+)?((?:19|20)\d\d)\b")
_CLAUSE_END = re.compile(r"[;.:]\s|[;.:]$")
_CLAUSE_START = re.compile(r"[;:.(]\s")
_SENTENCE = re.compile(r"\. ")
_EVIDENCE_MAX = 600  # characters of evidence around a value in a run-on sentence


@dataclass(frozen=True)
class _Rules:
    target: re.Pattern[str]
    achievement: re.Pattern[str]
    local_target: re.Pattern[str]
    local_achievement: re.Pattern[str]
    breakdown: re.Pattern[str]
    breakdown_words: frozenset[str]
    minimum: re.Pattern[str]
    criterion_after: re.Pattern[str]
    criterion_before: re.Pattern[str]
    completion_after: re.Pattern[str]
    completion_before: re.Pattern[str]
    continuation: re.Pattern[str]
    not_result_before: re.Pattern[str]
    not_result_after: re.Pattern[str]
    cap: re.Pattern[str]
    delegation: re.Pattern[str]
    delegation_words: frozenset[str]
    weak_achievement: re.Pattern[str]
    people: frozenset[str]
    national: re.Pattern[str]
    local: re.Pattern[str]
    local_words: frozenset[str]
    report_types: frozenset[str]
    norm_types: frozenset[str]


def _c(source: str) -> re.Pattern[str]:
    return re.compile(fold_same_length(source))


def _any(sources: list[str]) -> re.Pattern[str]:
    return _c("|".join(f"(?:{p})" for p in sources))


def _words(items: list[str]) -> str:
    return "|".join(re.escape(fold_same_length(q)) for q in sorted(items, key=len, reverse=True))


@cache
def rules() -> _Rules:
    d = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    return _Rules(
        _any(d["target_cues"]), _any(d["achievement_cues"]),
        _any(d["target_cues"] + d["local_target_cues"]),
        _any(d["achievement_cues"] + d["local_achievement_cues"]),
        alternation(d["breakdown"]), frozenset(d["breakdown"]),
        re.compile(rf"\b(?:{_words(d['minimum_qualifiers'])})\b"),
        _c(d["criterion_after"]), _c(d["criterion_before"]),
        _c(d["completion_after"]), _c(d["completion_before"]),
        _c(d["continuation"]), _any(d["not_result_before"]), _c(d["not_result_after"]),
        re.compile(rf"\b(?:{_words(d['cap_qualifiers'])})\s*$"),
        alternation(d["delegations"]), frozenset(d["delegations"]),
        _any(d["weak_achievement_cues"]),
        frozenset(fold_same_length(u) for u in d["people_units"]),
        _any(d["national_subjects"]), alternation(d["local_subjects"]),
        frozenset(d["local_subjects"]), frozenset(d["report_types"]),
        frozenset(d["norm_types"]))


class _Para:
    """One paragraph's folded text with its cue and boundary positions found once, so that
    each value looks them up by bisection instead of re-scanning from the paragraph start."""

    def __init__(self, folded: str, raw: str = "") -> None:
        self.folded, self.raw = folded, raw
        self.sentences = [m.end() for m in _SENTENCE.finditer(folded)]
        self.clause_ends = [m.start() for m in _CLAUSE_END.finditer(folded)]
        self.clause_starts = [m.end() for m in _CLAUSE_START.finditer(folded)]
        self._cues: dict[bool, list[tuple[int, str]]] = {}
        self.target_years = [(m.start(), int(m[1])) for m in _TARGET_YEAR.finditer(folded)]
        self._marks: dict[re.Pattern[str], list[tuple[int, int]]] = {}
        self._provinces: list[tuple[int, str]] | None = None

    def sentence_start(self, pos: int) -> int:
        i = bisect.bisect_right(self.sentences, pos) - 1
        return self.sentences[i] if i >= 0 else 0

    def sentence_end(self, pos: int) -> int:
        i = bisect.bisect_left(self.sentences, pos)
        return self.sentences[i] if i < len(self.sentences) else len(self.folded)

    def clause_end(self, pos: int) -> int:
        i = bisect.bisect_left(self.clause_ends, pos)
        return self.clause_ends[i] if i < len(self.clause_ends) else len(self.folded)

    def clause_start(self, pos: int) -> int:
        i = bisect.bisect_right(self.clause_starts, pos) - 1
        return self.clause_starts[i] if i >= 0 else 0

    def cue(self, wide: bool, a: int, b: int) -> str | None:
        """The kind of the last cue starting in [a, b)."""
        cues = self._cues.get(wide)
        if cues is None:
            r = rules()
            cues = self._cues[wide] = (_outside_parens(self.folded, _cues(
                self.folded, r.target, r.achievement)) if wide else
                _cues(self.folded, r.local_target, r.local_achievement))
        i = bisect.bisect_left(cues, (b, "")) - 1
        return cues[i][1] if i >= 0 and cues[i][0] >= a else None

    def mark(self, rx: re.Pattern[str], a: int, b: int) -> tuple[int, int] | None:
        """The last match of `rx` (found once per paragraph) lying within [a, b)."""
        marks = self._marks.get(rx)
        if marks is None:
            marks = self._marks[rx] = self._find(rx)
        i = bisect.bisect_left(marks, (b, 0)) - 1
        while i >= 0 and marks[i][0] >= a:
            if marks[i][1] <= b:
                return marks[i]
            i -= 1
        return None

    def _find(self, rx: re.Pattern[str]) -> list[tuple[int, int]]:
        found = [m.span() for m in rx.finditer(self.folded)]
        r = rules()
        words = {r.breakdown: r.breakdown_words, r.delegation: r.delegation_words,
                 r.local: r.local_words}.get(rx)
        if words is not None:  # read with tone marks: "trong đó", not "trong độ"
            found = [(a, b) for a, b in found if " ".join(self.raw[a:b].lower().split()) in words]
        return found

    def first(self, rx: re.Pattern[str], a: int, b: int) -> tuple[int, int] | None:
        """The first match of `rx` (found once per paragraph) lying within [a, b)."""
        marks = self._marks.get(rx)
        if marks is None:
            marks = self._marks[rx] = self._find(rx)
        i = bisect.bisect_left(marks, (a, 0))
        return marks[i] if i < len(marks) and marks[i][1] <= b else None

    def province_before(self, raw: str, pos: int) -> str | None:
        """The province named last before `pos` in the paragraph (found once)."""
        if self._provinces is None:
            self._provinces = [(m.start, m.province) for m in find_provinces(raw)]
        i = bisect.bisect_left(self._provinces, (pos, "")) - 1
        return self._provinces[i][1] if i >= 0 else None

    def target_year(self, pos: int) -> int | None:
        i = bisect.bisect_left(self.target_years, (pos, 0)) - 1
        return self.target_years[i][1] if i >= 0 else None


_PARENS = re.compile(r"\([^()\n]*\)")


def _outside_parens(folded: str, cues: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The cues not inside a parenthesis: "đạt 12,5% (chỉ tiêu 10%)" sets the kind of its own
    figure only, never of the sentences after it."""
    if "(" not in folded:
        return cues
    spans = [m.span() for m in _PARENS.finditer(folded)]
    starts = [a for a, _ in spans]
    out = []
    for at, kind in cues:
        i = bisect.bisect_right(starts, at) - 1
        if i < 0 or at >= spans[i][1]:
            out.append((at, kind))
    return out


def _cues(folded: str, target: re.Pattern[str], achievement: re.Pattern[str]
          ) -> list[tuple[int, str]]:
    found = [(m.start(), "target") for m in target.finditer(folded)]
    found += [(m.start(), "achievement") for m in achievement.finditer(folded)]
    return sorted(found)


def _drop_qualified(p: _Para, values: list[Value]) -> list[Value]:
    """Remove breakdowns, criteria, descriptions, caps on people, and counts measured by a
    following completion rate."""
    r, folded = rules(), p.folded
    conditional = value_rules().conditional
    keep = []
    for i, v in enumerate(values):
        s = p.sentence_start(v.start)
        b = p.mark(r.breakdown, s, v.start)
        if b and not (p.mark(r.minimum, b[1], v.start) or p.mark(r.target, b[1], v.start)
                      or p.mark(value_rules().indicator, b[1], v.start)):
            continue  # a share of a total already counted ("trong đó có 3 xã")
        if v.noun in conditional:
            cue, before = conditional[v.noun]
            if not p.mark(cue, s, v.start if before else p.sentence_end(v.end)):
                continue
        if p.mark(r.not_result_before, p.clause_start(v.start), v.start):
            continue
        if v.unit in ("percent", "permille", "vnd", "tỷ đồng") and r.not_result_after.match(
                folded, v.end):
            continue
        if v.unit == "count" and v.noun in r.people and (
                r.cap.search(folded, max(0, v.start - 14), v.start)
                or p.mark(r.delegation, p.clause_start(v.start), v.start)):
            continue
        if v.unit == "percent" and (r.criterion_after.match(folded, v.end)
                                    or r.criterion_before.search(folded, max(0, v.start - 20),
                                                                 v.start)):
            continue
        nxt = values[i + 1] if i + 1 < len(values) else None
        if (v.unit == "count" and nxt is not None and nxt.unit == "percent"
                and p.clause_end(v.end) >= nxt.start
                and r.completion_after.match(folded, nxt.end)
                and r.completion_before.search(folded, v.end, nxt.start)):
            continue
        keep.append(v)
    return keep


def _kind(p: _Para, v: Value, inherited: Callable[[], str | None], default: str) -> str:
    """target | achievement: the nearest cue before the value in its sentence, else in the
    rest of its clause, else the nearest paragraph-wide cue before, else what the paragraph
    inherits (a heading above it, or the paragraph it continues), else a verb of change or
    attainment before it in its sentence (a result), else the default."""
    if v.planned is not None:
        return "achievement"  # "đạt 12.345/10.000 tỷ đồng": achieved against planned
    s = p.sentence_start(v.start)
    after = p.clause_end(v.end)
    remark = p.folded.find(" (", v.end, after)  # "đạt 98,5% (chỉ tiêu 95%)": a remark of its own
    return (p.cue(False, s, v.start) or p.cue(False, v.end, after if remark < 0 else remark)
            or p.cue(True, 0, s) or inherited()
            or ("achievement" if p.mark(rules().weak_achievement, s, v.start) else default))


def _year(p: _Para, v: Value, kind: str, inherited: Callable[[], int | None]) -> int | None:
    if kind == "target":  # "… đạt 80% trong năm 2026" names its year after the value
        after = _YEAR_AFTER.match(p.folded, v.end, p.clause_end(v.end))
        return int(after[1]) if after else p.target_year(v.start) or inherited()
    a, b = p.sentence_start(v.start), p.clause_end(v.end)
    first = p.first(_YEAR, a, b) or p.first(_PERIOD_END, a, b)  # a period reports its end
    return int(p.folded[first[1] - 4:first[1]]) if first else None


def _clause(text: str, p: _Para, v: Value, prev_end: int, next_start: int) -> str:
    """The value's wording: its clause, and where a neighbouring value shares the clause,
    the part between the commas that separate them ("…, giảm 50% số cặp tảo hôn, giảm …")."""
    a = p.clause_start(v.start)
    if prev_end > a:
        comma = text.find(",", prev_end, v.start)
        a = comma + 1 if comma >= 0 else prev_end
    b = p.clause_end(v.end)
    if next_start < b:
        comma = text.rfind(",", v.end, next_start)
        b = comma if comma >= 0 else next_start
    return " ".join(text[a:b].strip(" ,;").split())


def _evidence(ctx: TextContext, a: int, b: int) -> Evidence:
    """The value's sentence; a run-on "sentence" (a flattened table, a list without stops) is
    cut to the stretch around the value, so that evidence stays readable and each value does
    not copy the whole run."""
    s, e = ctx.sentence_span(a)
    if e - s <= _EVIDENCE_MAX:
        return ctx.evidence(a, b, "explicit", 0.8)
    s, e = max(s, a - _EVIDENCE_MAX // 2), min(e, b + _EVIDENCE_MAX // 2)
    return Evidence(ctx.source.uid, ctx.text[s:e].strip(), a, b, "explicit", 0.8)


def _own(ctx: TextContext) -> Document | None:
    return next((d for d in ctx.documents if d.is_subject), None)


def _subject(ctx: TextContext, para: str, p: _Para, offset: int, v: Value,
             own: Document | None) -> str | None:
    """Who a value is about: a province named before it in its paragraph, else the section's
    province, else the text's own document's (none for a central one), else — unless the
    sentence speaks of the nation — the province of the text or of its source."""
    named = p.province_before(para, v.start)
    if named:
        return named
    if ctx.localities and ctx.localities[0][0] <= offset + v.start:
        return ctx.locality_at(offset + v.start)
    if own is not None and (own.locality or own.level == "central"):
        return own.locality
    r, clause = rules(), p.clause_start(v.start)
    nation = p.mark(r.national, clause, v.start)
    if nation and not p.mark(r.local, nation[1], v.start):
        return None
    return ctx.default_locality


class _Plans:
    """The plan of a province mentioned last before an offset (the one reporting): the plans
    filed by province and by where they are mentioned (the first of the text's order where
    two share a place), found by bisection rather than a pass over every document."""

    def __init__(self, docs: list[Document]) -> None:
        first: dict[str, dict[int, Document]] = {}
        for d in docs:
            if d.type in PLAN_TYPES and d.locality:
                first.setdefault(d.locality, {}).setdefault(d.evidence.start, d)
        self.by_place = {place: (sorted(at), [at[k] for k in sorted(at)])
                         for place, at in first.items()}

    def __call__(self, at: int, subject: str | None) -> str | None:
        starts, plans = self.by_place.get(subject, ((), ())) if subject else ((), ())
        i = bisect.bisect_left(starts, at) - 1
        return plans[i].uid if i >= 0 else None


def _heading_kind(folded: str) -> str | None:
    """The tense a heading sets: its last cue, wide or local ("Mục tiêu …", "Kết quả …")."""
    r = rules()
    found = [(m.start(), kind) for rx, kind in ((r.local_target, "target"),
                                                (r.local_achievement, "achievement"))
             for m in rx.finditer(folded)]
    return max(found)[1] if found else None


class _Scope:
    """What a paragraph without cues of its own inherits: the tense and year of the paragraph
    it continues ("Cùng với đó, …"), else of the nearest headings above it that set them."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.read: dict[int, tuple[str | None, int | None]] = {}  # heading start -> kind, year
        self.at: dict[int, tuple[str | None, int | None]] = {}  # paragraph start -> inherited
        self.last_kind: str | None = None
        self.last_year: int | None = None

    def kind(self, at: int, continues: bool) -> str | None:
        if continues and self.last_kind:
            return self.last_kind
        return self._governing(at)[0]

    def year(self, at: int, continues: bool) -> int | None:
        if continues and self.last_year:
            return self.last_year
        return self._governing(at)[1]

    def _governing(self, at: int) -> tuple[str | None, int | None]:
        if at not in self.at:
            kind = year = None
            for h in self.layout.above(at):
                if h.start not in self.read:
                    folded = self.layout.folded[h.start:h.end]
                    years = _TARGET_YEAR.findall(folded) or _PERIOD_END.findall(folded)
                    self.read[h.start] = (_heading_kind(folded),
                                          int(years[-1]) if years else None)
                h_kind, h_year = self.read[h.start]
                kind, year = kind or h_kind, year or h_year
                if kind and year:
                    break
            self.at[at] = (kind, year)
        return self.at[at]


def find_targets(ctx: TextContext) -> list[Target]:
    """Targets and achievements of a text, each with evidence on its value."""
    own = _own(ctx)
    if own is not None and own.type in rules().norm_types:
        return []  # a legal norm's numbers are thresholds and penalties, not promises
    promises = own is not None and own.type not in rules().report_types
    default = "target" if promises else "achievement"
    out: list[Target] = []
    folded_text = fold_same_length(ctx.text)  # one character for one: slices fold alike
    layout = Layout(ctx.text, folded_text, value_hits(folded_text))
    scope = _Scope(layout)
    plans = _Plans(ctx.documents) if own is None else None
    r = rules()
    in_tables, tables = table_targets(
        ctx.text, ctx.source.uid,
        own.locality if own is not None and (own.locality or own.level == "central")
        else ctx.default_locality, own.uid if own is not None else None)
    for start, end in layout.paragraphs():
        folded, text, offset = folded_text[start:end], ctx.text[start:end], start
        p = _Para(folded, text)
        values = _drop_qualified(p, find_values(folded, hit=True))
        if tables:  # an indicator table's figures are read by its columns
            values = [v for v in values if not _within(tables, offset + v.start)]
        if not values:
            continue
        continues = bool(r.continuation.match(folded.lstrip("-+*• ")))
        inherited = partial(scope.kind, start, continues)
        inherited_year = partial(scope.year, start, continues)
        for i, v in enumerate(values):
            kind = _kind(p, v, inherited, default)
            year = _year(p, v, kind, inherited_year)
            subject = _subject(ctx, text, p, offset, v, own)
            prev_end = values[i - 1].end if i else 0
            next_start = values[i + 1].start if i + 1 < len(values) else len(text)
            clause = _clause(text, p, v, prev_end, next_start)
            a, b = offset + v.start, offset + v.end
            out.append(Target(
                uid=text_target_uid(ctx.source.uid, a), kind=kind, subject=subject, text=clause,
                value=v.value, evidence=_evidence(ctx, a, b),
                document=own.uid if own is not None else plans(a, subject) if plans else None,
                low=v.low,
                high=v.high, unit=v.unit, qualifier=v.qualifier, year=year, indicator=clause))
        scope.last_kind, scope.last_year = out[-1].kind, out[-1].year
    if in_tables:
        out = sorted(out + in_tables, key=lambda t: t.evidence.start)
    return out


def _within(spans: list[tuple[int, int]], pos: int) -> bool:
    return any(a <= pos < b for a, b in spans)  # (a text holds few tables)

