"""The shape of a synthetic national corpus: campaigns, and the documents of each, in order.

A campaign is one central document carried down the system: the central text, the Politburo
plan, the Government programme, ministry plans, then in every province the party plan
(KH/TU), the People's Committee plan (KH-UBND) and a news report, then district plans
(KH/HU) and commune plans (KH/ĐU). Campaign 0 is always Nghị quyết 26-NQ/TW and its real
chain (10-KH/TW, 132/NQ-CP); later ones are synthetic central documents, every third one
issued after the 1 July 2025 reform (34 provinces, no district level).

Everything here is a pure function of (seed, number of documents): `documents()` yields
`DocSpec`s one at a time and never holds the corpus.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TypeVar

import yaml

from synth.geography import Place, Province, communes, districts, provinces

PHRASES = Path(__file__).with_name("data") / "phrases.yaml"
D_MAX, C_MAX, C_MAX_AFTER, MINISTRIES = 11, 14, 97, 8
TERMS = ((dt.date(2021, 1, 31), "XII"), (dt.date(2026, 1, 23), "XIII"), (dt.date.max, "XIV"))


@cache
def phrases() -> dict:
    return yaml.safe_load(PHRASES.read_text(encoding="utf-8"))


def rng(*parts: object) -> random.Random:
    """A generator seeded by a readable key, stable across runs and Python processes."""
    return random.Random("/".join(map(str, parts)))


def term(date: dt.date) -> str:
    return next(t for end, t in TERMS if date < end)


T = TypeVar("T")


def given(value: T | None, what: str) -> T:
    """A field of a DocSpec its genre always has (a provincial plan's province, a central
    text's type ...); a spec without it is the generator's own error."""
    if value is None:
        raise ValueError(f"synth: a document spec without its {what}")
    return value


@dataclass(frozen=True)
class DocSpec:
    """One document of the corpus: its identity (as the gold records it) and its place."""

    # central | politburo | government | ministry | tu | ubnd | district | commune | news
    genre: str
    symbol: str | None
    type: str | None
    issuer: str | None
    level: str
    locality: str | None  # province as of the document's date
    date: dt.date
    campaign: int
    province: Province | None = None
    district: Place | None = None
    commune: Place | None = None
    code: str | None = None  # ministry code in the symbol

    @property
    def key(self) -> str:
        return f"{self.symbol}@{self.locality}" if self.locality else str(self.symbol)


@dataclass(frozen=True)
class Campaign:
    index: int
    subject: str
    after_reform: bool
    central: DocSpec
    politburo: DocSpec
    government: DocSpec
    ministries: tuple[DocSpec, ...]
    provinces: tuple[Province, ...]
    districts: int  # per province (0 after the reform)
    communes: int  # per district, or per province after the reform
    budget: int
    extra: dict = field(default_factory=dict)

    @property
    def title(self) -> str:
        return phrases()["subjects"][self.subject]["title"]


def full_size(after_reform: bool) -> int:
    if after_reform:
        return 3 + MINISTRIES + 34 * (3 + C_MAX_AFTER)
    return 3 + MINISTRIES + 63 * (3 + D_MAX * (1 + C_MAX))


def _shape(budget: int, after_reform: bool) -> tuple[int, int, int, int]:
    """(ministries, provinces, districts per province, communes per district/province)."""
    n_prov = len(provinces(after_reform))
    mins = min(MINISTRIES, max(0, (budget - 3) // 120))
    rest = max(0, budget - 3 - mins)
    p = min(n_prov, max(1, rest // 5))
    per = max(0, -(-rest // p) - 3)  # rounded up: the campaign is cut at its budget
    if after_reform:
        return mins, p, 0, min(C_MAX_AFTER, per)
    d = min(D_MAX, max(1 if per else 0, math.isqrt(per)))
    c = min(C_MAX, max(0, -(-per // d) - 1)) if d else 0
    return mins, p, d, c


def _central(index: int, after: bool) -> tuple[DocSpec, DocSpec, DocSpec]:
    if index == 0:
        return (DocSpec("central", "26-NQ/TW", "Nghị quyết",
                        "Ban Chấp hành Trung ương Đảng khóa XII", "central", None,
                        dt.date(2018, 5, 19), 0),
                DocSpec("politburo", "10-KH/TW", "Kế hoạch", "Bộ Chính trị", "central", None,
                        dt.date(2018, 6, 6), 0),
                DocSpec("government", "132/NQ-CP", "Nghị quyết", "Chính phủ", "central", None,
                        dt.date(2018, 10, 24), 0))
    r = rng("central", index)
    if after:
        date = dt.date(2025, 7, 8) + dt.timedelta(days=(index * 29) % 290 + r.randint(0, 6))
    else:
        date = dt.date(2016, 3, 1) + dt.timedelta(days=(index * 97) % 3200 + r.randint(0, 20))
    kind = index % 3
    t = term(date)
    num = 41 + index  # unique per type: central identity is the symbol alone
    if kind == 0:
        central = DocSpec("central", f"{num}-NQ/TW", "Nghị quyết",
                          f"Ban Chấp hành Trung ương Đảng khóa {t}", "central", None, date, index)
    elif kind == 1:
        central = DocSpec("central", f"{num}-KL/TW", "Kết luận", "Bộ Chính trị", "central", None,
                          date, index)
    else:
        central = DocSpec("central", f"{num}-CT/TW", "Chỉ thị", "Ban Bí thư", "central", None,
                          date, index)
    pb = DocSpec("politburo", f"{11 + index}-KH/TW", "Kế hoạch", "Bộ Chính trị", "central", None,
                 date + dt.timedelta(days=r.randint(12, 30)), index)
    gov = DocSpec("government", f"{140 + 3 * index + r.randint(0, 2)}/NQ-CP", "Nghị quyết",
                  "Chính phủ", "central", None, date + dt.timedelta(days=r.randint(90, 160)), index)
    return central, pb, gov


def campaigns(n_docs: int, seed: int) -> list[Campaign]:
    """The campaigns of an `n_docs` corpus: each as full as the remaining budget allows."""
    out, left, index = [], n_docs, 0
    subjects = [s for s in phrases()["subjects"] if s != "can_bo"]
    while left > 0:
        after = index % 3 == 1
        budget = min(left, full_size(after))
        mins, p, d, c = _shape(budget, after)
        central, pb, gov = _central(index, after)
        subject = "can_bo" if index == 0 else subjects[(index - 1) % len(subjects)]
        r = rng(seed, "campaign", index)
        order = list(provinces(after))
        r.shuffle(order)
        min_specs = []
        for i, (name, code) in enumerate(phrases()["ministries"][:mins]):
            date = gov.date + dt.timedelta(days=r.randint(15, 90))
            min_specs.append(DocSpec("ministry", f"{1000 + 17 * index + i}/KH-{code}", "Kế hoạch",
                                     name, "central", None, date, index, code=code))
        out.append(Campaign(index, subject, after, central, pb, gov, tuple(min_specs),
                            tuple(order[:p]), d, c, budget))
        left -= budget
        index += 1
    return out


# --------------------------------------------------------------------------- local documents
def tu_plan(seed: int, c: Campaign, p: Province) -> DocSpec:
    r = rng(seed, "tu", c.index, p.name)
    num = f"{60 + 7 * c.index + r.randint(0, 6)}" + ("a" if r.random() < 0.04 else "")
    date = c.central.date + dt.timedelta(days=r.randint(40, 130))
    return DocSpec("tu", f"{num}-KH/TU", "Kế hoạch", f"Ban Thường vụ {p.committee} {p.name}",
                   "provincial", p.name, date, c.index, province=p)


def ubnd_plan(seed: int, c: Campaign, p: Province) -> DocSpec:
    r = rng(seed, "ubnd", c.index, p.name)
    tu = tu_plan(seed, c, p)
    date = max(tu.date, c.government.date) + dt.timedelta(days=r.randint(15, 90))
    return DocSpec("ubnd", f"{100 + 9 * c.index + r.randint(0, 8)}/KH-UBND", "Kế hoạch",
                   f"Ủy ban nhân dân {p.named}", "provincial", p.name, date, c.index, province=p)


def news(seed: int, c: Campaign, p: Province) -> DocSpec:
    r = rng(seed, "news", c.index, p.name)
    date = ubnd_plan(seed, c, p).date + dt.timedelta(days=r.randint(200, 500))
    return DocSpec("news", None, None, None, "provincial", p.name, date, c.index, province=p)


def district_plan(seed: int, c: Campaign, p: Province, d: Place) -> DocSpec:
    start = rng(seed, "hu-start", p.name, d.name).randint(20, 120)
    r = rng(seed, "hu", c.index, p.name, d.name)
    code = "QU" if d.kind == "quận" else "HU"
    date = tu_plan(seed, c, p).date + dt.timedelta(days=r.randint(15, 80))
    return DocSpec("district", f"{start + 5 * c.index + r.randint(0, 4)}-KH/{code}", "Kế hoạch",
                   f"Ban Thường vụ {d.committee} {d.name}", "district", p.name, date, c.index,
                   province=p, district=d)


def commune_plan(seed: int, c: Campaign, p: Province, d: Place | None, m: Place) -> DocSpec:
    start = rng(seed, "du-start", p.name, d.name if d else "", m.name).randint(5, 60)
    r = rng(seed, "du", c.index, p.name, d.name if d else "", m.name)
    parent = district_plan(seed, c, p, d) if d else tu_plan(seed, c, p)
    date = parent.date + dt.timedelta(days=r.randint(10, 60))
    return DocSpec("commune", f"{start + 4 * c.index + r.randint(0, 3)}-KH/ĐU", "Kế hoạch",
                   f"Ban Chấp hành Đảng bộ {m.named}",
                   "commune", p.name, date, c.index, province=p, district=d, commune=m)


def cites_politburo(seed: int, c: Campaign, p: Province) -> bool:
    """Whether a provincial party plan cites the Politburo plan besides the central text."""
    return rng(seed, "tu-cites", c.index, p.name).random() < 0.8


def parents(seed: int, c: Campaign, d: DocSpec) -> list[DocSpec]:
    """What `d` implements in the generator's world: exactly what its own text says it does."""
    if d.genre in ("politburo", "government"):
        return [c.central]
    if d.genre == "ministry":
        return [c.central, c.government]
    if d.genre not in ("tu", "ubnd", "district", "commune"):
        return []
    p = given(d.province, "province")
    if d.genre == "tu":
        return [c.central] + ([c.politburo] if cites_politburo(seed, c, p) else [])
    if d.genre == "ubnd":
        return [c.central, c.government, tu_plan(seed, c, p)]
    if d.genre == "district":
        return [c.central, tu_plan(seed, c, p)]
    tu = tu_plan(seed, c, p)  # a commune's
    if d.district:
        return [c.central, tu, district_plan(seed, c, p, d.district)]
    return [c.central, tu]


def campaign_documents(seed: int, c: Campaign) -> Iterator[DocSpec]:
    """The documents of one campaign, parents before children, cut at its budget."""
    def all_docs() -> Iterator[DocSpec]:
        yield c.central
        yield c.politburo
        yield c.government
        yield from c.ministries
        for p in c.provinces:
            yield tu_plan(seed, c, p)
            yield ubnd_plan(seed, c, p)
            yield news(seed, c, p)
        for p in c.provinces:
            if c.after_reform:
                for m in communes(seed, p.name, c.communes, p.city):
                    yield commune_plan(seed, c, p, None, m)
                continue
            for d in districts(seed, p, c.districts):
                yield district_plan(seed, c, p, d)
                for m in communes(seed, f"{p.name}/{d.name}", c.communes, d.kind == "quận"):
                    yield commune_plan(seed, c, p, d, m)

    for i, doc in enumerate(all_docs()):
        if i >= c.budget:
            return
        yield doc


def documents(n_docs: int, seed: int) -> Iterator[tuple[Campaign, DocSpec]]:
    """Every document of the corpus, in order: exactly `n_docs` of them."""
    for c in campaigns(n_docs, seed):
        for doc in campaign_documents(seed, c):
            yield c, doc

