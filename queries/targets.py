"""Targets against results: what a central document and its implementing plans promised, next
to what localities reported, indicator by indicator.

Indicators come from the text of each target (queries/data/indicators.yaml: role / level /
condition, e.g. "bi-thu/cap-huyen/khong-la-nguoi-dia-phuong"), so a provincial promise, the
central objective and a reported figure about the same thing meet in one row.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from graph.keys import fold
from graph.store import Store
from queries.coverage import _jsonable
from queries.loader import cypher
from queries.trace import trace

INDICATORS_FILE = Path(__file__).with_name("data") / "indicators.yaml"
DIMENSIONS = ("role", "level", "condition")
NATIONAL = "(toàn quốc)"  # subject of a central document's own targets
_SEPARATOR = re.compile(r"[,;](?!\d)")  # list separators, not decimal commas
_FIGURE = re.compile(r"\d+(?:[.,]\d+)?\s*%|\d+\s*/\s*\d+|\d+(?:[.,]\d+)?")


def _fold_char(c: str) -> str:
    if c in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", c)[0].lower()
    return base if len(base) == 1 else c


def fold_keep(text: str) -> str:
    """Accent- and case-folded, one character for one: offsets stay valid."""
    return "".join(_fold_char(c) for c in text)


@cache
def _cues() -> dict[str, list[tuple[str, re.Pattern[str]]]]:
    data = yaml.safe_load(INDICATORS_FILE.read_text(encoding="utf-8"))
    out: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
    for dim in DIMENSIONS:
        out[dim] = []
        for value, phrases in data[dim].items():
            alts = "|".join(r"\s+".join(map(re.escape, fold(p).split()))
                            for p in sorted(phrases, key=len, reverse=True))
            out[dim].append((value, re.compile(rf"(?<!\w)(?:{alts})(?!\w)")))
    return out


def _hits(dim: str, folded: str) -> list[tuple[int, int, str]]:
    return sorted((m.start(), m.end(), value) for value, rx in _cues()[dim]
                  for m in rx.finditer(folded))


def _nearest(hits: list[tuple[int, int, str]], a: int, b: int) -> str | None:
    """The cue closest to the figure at [a, b), on either side."""
    def distance(h: tuple[int, int, str]) -> int:
        return a - h[1] if h[1] <= a else max(0, h[0] - b)
    return min(hits, key=lambda h: (distance(h), h[0]))[2] if hits else None


def classify(clause: str, sentence: str | None = None) -> str | None:
    """The indicator of a target from its clause (and the sentence it sits in).

    >>> classify("7/12 (58%) bí thư cấp huyện",
    ...          "tỉnh có 7/12 (58%) bí thư cấp huyện không là người địa phương")
    'bi-thu/cap-huyen/khong-la-nguoi-dia-phuong'
    """
    folded = fold_keep(clause)
    fig = _FIGURE.search(folded)
    a, b = (fig.start(), fig.end()) if fig else (0, 0)
    cuts = [m.start() for m in _SEPARATOR.finditer(folded)]
    segment = (max((c + 1 for c in cuts if c < a), default=0),
               min((c for c in cuts if c >= b), default=len(folded)))  # the item with the figure
    parts = []
    for dim in DIMENSIONS:
        hits = _hits(dim, folded)
        inside = [h for h in hits if h[0] >= segment[0] and h[1] <= segment[1]]
        value = _nearest(inside or hits, a, b)
        if value is None and dim == "condition" and sentence:
            s = fold_keep(sentence)
            anchor = fig.group() if fig else folded.strip()
            pos = s.find(anchor)
            later = [v for p, _, v in _hits(dim, s) if pos >= 0 and p >= pos + len(anchor)]
            value = later[0] if later else None
        parts.append(value)
    if parts[2] == "dong-thoi-chu-tich":  # "bí thư đồng thời là chủ tịch": about the secretary
        parts[0] = "bi-thu"
    if parts[0] is None and parts[2] is None:
        return None
    return "/".join(p or "-" for p in parts)


@dataclass
class TargetsReport:
    root: dict[str, Any]
    rows: list[dict[str, Any]]

    def as_json(self) -> dict[str, Any]:
        return _jsonable(self.__dict__)


def compare(targets: Sequence[dict[str, Any]], root_uid: str) -> list[dict[str, Any]]:
    """Rows per (locality, indicator): its targets, the central ones, its achievements.

    `targets` rows carry kind, subject, value, year, text, indicator (classified), document.
    """
    central: dict[str, list[dict[str, Any]]] = {}
    groups: dict[tuple[str, str], dict[str, list]] = {}
    for t in targets:
        if not t.get("indicator"):
            continue
        item = {k: t.get(k) for k in ("value", "low", "high", "unit", "year", "text",
                                      "document", "date", "uid")}
        if t.get("document") == root_uid and t["kind"] == "target":
            central.setdefault(t["indicator"], []).append(item)
            continue
        key = (t.get("subject") or NATIONAL, t["indicator"])
        g = groups.setdefault(key, {"target": [], "achievement": []})
        g[t["kind"]].append(item)
    rows = []
    for (subject, indicator), g in sorted(groups.items(), key=lambda kv: (fold(kv[0][0]),
                                                                        kv[0][1])):
        rows.append({"locality": subject, "indicator": indicator,
                     "targets": sorted(g["target"], key=lambda x: (x["year"] or 0)),
                     "central_targets": _central_for(indicator, central),
                     "achievements": g["achievement"],
                     "compared": bool(g["achievement"]) and bool(
                         g["target"] or _central_for(indicator, central))})
    return rows


def _central_for(indicator: str, central: dict[str, list[dict[str, Any]]]) -> list[dict]:
    """Central targets of the same indicator; a central target without a level fits all."""
    role, level, cond = indicator.split("/")
    out = []
    for ind, items in central.items():
        r, lv, c = ind.split("/")
        if r == role and c == cond and lv in (level, "-"):
            out.extend(items)
    return out


def targets_report(store: Store, uid: str) -> TargetsReport:
    """Targets of `uid` and of the documents implementing it, next to reported results."""
    t = trace(store, uid, links=False)  # the documents only
    uids = [uid, *(d["id"] for d in t.documents)]
    localities = sorted({d["locality"] for d in t.documents if d["locality"]})
    rows = store.query(cypher("targets_of_documents"), {"uids": uids, "localities": localities})
    sentences = {r["uid"]: r["sentence"] for r in
                 store.query(cypher("target_evidence"), {"uids": [r["uid"] for r in rows]})}
    for r in rows:
        r["indicator"] = classify(r["text"] or "", sentences.get(r["uid"]))
    return TargetsReport(t.root, compare(rows, uid))
