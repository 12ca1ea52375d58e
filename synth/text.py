"""A text under construction together with its gold annotation (../shared/gold/FORMAT.md).

Renderers write lines through `Text`; every document they cite, every implements link they
state, every task and target they print is recorded at the same moment, so the gold is the
truth about the text by construction.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from synth.plan import DocSpec

MARKER = ("[VĂN BẢN TỔNG HỢP — synthetic] Văn bản mô phỏng do bộ sinh dữ liệu kg synth tạo ra "
          "để đo đạc; không phải văn bản thật.")


def date_text(d: dt.date, style: str) -> str:
    """A date as Vietnamese texts print it: slash, dash, dot, padded or in words."""
    if style == "words":
        return f"{d.day} tháng {d.month} năm {d.year}"
    if style == "header":  # state headers pad days below 10 and the months 1 and 2
        day = f"{d.day:02d}"
        month = f"{d.month:02d}" if d.month < 3 else str(d.month)
        return f"{day} tháng {month} năm {d.year}"
    if style == "pad":
        return f"{d.day:02d}/{d.month:02d}/{d.year}"
    sep = {"slash": "/", "dash": "-", "dot": "."}[style]
    return f"{d.day}{sep}{d.month}{sep}{d.year}"


def percent(value: float) -> str:
    """60.0 -> "60", 51.6 -> "51,6" (decimal comma)."""
    return str(int(value)) if value == int(value) else f"{value:.1f}".replace(".", ",")


def cap(s: str) -> str:
    return s[:1].upper() + s[1:]


@dataclass
class Text:
    """Lines of one synthetic text and its gold record."""

    rng: random.Random
    this: DocSpec | None = None  # the document the text is (None for news)
    world: Callable[[DocSpec], list[DocSpec]] = lambda d: []  # what a document implements
    lines: list[str] = field(default_factory=lambda: [MARKER, ""])
    docs: dict[str, dict[str, Any]] = field(default_factory=dict)
    specs: dict[str, DocSpec] = field(default_factory=dict)
    edges: list[dict[str, str]] = field(default_factory=list)
    tasks: list[dict[str, Any]] = field(default_factory=list)
    targets: list[dict[str, Any]] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.this is not None:
            self.mention(self.this)

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    def mention(self, d: DocSpec) -> str:
        if d.key not in self.docs:
            self.specs[d.key] = d
            self.docs[d.key] = {"key": d.key, "symbol": d.symbol, "type": d.type,
                                "issuer": d.issuer, "level": d.level, "locality": d.locality,
                                "date": d.date}
        return d.key

    def implements(self, a: DocSpec, b: DocSpec, basis: str = "explicit") -> None:
        edge = {"from": self.mention(a), "to": self.mention(b), "basis": basis}
        if edge not in self.edges:
            self.edges.append(edge)

    def task(self, label: str, lead: str | None, support: list[str], deadline: str | None) -> None:
        assert self.this is not None
        self.tasks.append({"in": self.this.key, "label": label, "lead": lead,
                           "support": list(support), "deadline": deadline})

    def target(self, kind: str, subject: str | None, text: str, value: float,
               year: int | None) -> None:
        self.targets.append({"kind": kind, "subject": subject, "text": text, "value": value,
                             "year": year})

    def body(self) -> str:
        return "\n".join(self.lines).rstrip() + "\n"

    def implied(self) -> list[dict[str, str]]:
        """True links between documents the text cites together that it does not state: an
        analyst reads them from the shared subject (as the hand gold of seed 002 does)."""
        stated = {(e["from"], e["to"]) for e in self.edges}
        out = []
        for key, d in self.specs.items():
            for parent in self.world(d):
                if parent.key in self.specs and (key, parent.key) not in stated:
                    out.append({"from": key, "to": parent.key, "basis": "implied"})
        return out

    def gold(self, source: str) -> dict[str, Any]:
        return {"source": source, "documents": list(self.docs.values()),
                "implements": self.edges + self.implied(), "aliases": [], "tasks": self.tasks,
                "targets": self.targets}
