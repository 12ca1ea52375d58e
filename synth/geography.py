"""Provinces (real, before and after 1 July 2025) and their synthetic districts and communes.

Province lists come from the gazetteer in loaders/localities.py; district and commune names
are made of two syllables ("huyện Tân Lộc", "xã Yên Phong") and never name a province or a
provincial capital, so they cannot be mistaken for one.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from graph.keys import fold
from loaders.localities import provinces as gazetteer

DATA = Path(__file__).with_name("data") / "geography.yaml"
REFORM = dt.date(2025, 7, 1)
BEFORE, AFTER = dt.date(2025, 6, 30), dt.date(2025, 7, 1)


@dataclass(frozen=True)
class Province:
    name: str
    city: bool  # centrally run city: Thành ủy, "thành phố"
    capital: str  # the place in a document's date line

    @property
    def committee(self) -> str:
        return "Thành ủy" if self.city else "Tỉnh ủy"

    @property
    def unit(self) -> str:
        return "thành phố" if self.city else "tỉnh"

    @property
    def named(self) -> str:
        """How a text names it: "tỉnh Quảng Ninh", "thành phố Hải Phòng"."""
        return f"{self.unit} {self.name}"


@dataclass(frozen=True)
class Place:
    """A district (huyện/quận) or commune (xã/phường) with a synthetic name."""

    name: str
    kind: str  # huyện | quận | xã | phường

    @property
    def committee(self) -> str:
        return {"huyện": "Huyện ủy", "quận": "Quận ủy"}.get(self.kind, "Đảng ủy")

    @property
    def named(self) -> str:
        return f"{self.kind} {self.name}"


@cache
def _data() -> dict:
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))


@cache
def provinces(after_reform: bool) -> tuple[Province, ...]:
    """The 63 units in force before 1 July 2025, or the 34 from that day."""
    caps = _data()["capitals"]
    return tuple(Province(p.name, p.kind == "thanh_pho", caps.get(p.name, p.name))
                 for p in gazetteer(AFTER if after_reform else BEFORE))


@cache
def _banned() -> frozenset[str]:
    names = {p.name for era in (True, False) for p in provinces(era)}
    names |= set(_data()["capitals"].values())
    return frozenset(fold(n) for n in names)


@cache
def _names() -> tuple[str, ...]:
    d = _data()
    return tuple(f"{a} {b}" for a in d["first"] for b in d["second"]
                 if a != b and fold(f"{a} {b}") not in _banned())


def places(seed: str, count: int, kind: str) -> list[Place]:
    """`count` distinct synthetic places, deterministic from `seed`."""
    names = list(_names())
    random.Random(seed).shuffle(names)
    return [Place(n, kind) for n in names[:count]]


def districts(seed: int, province: Province, count: int) -> list[Place]:
    return places(f"{seed}/districts/{province.name}", count, "quận" if province.city else "huyện")


def communes(seed: int, parent: str, count: int, urban: bool) -> list[Place]:
    return places(f"{seed}/communes/{parent}", count, "phường" if urban else "xã")
