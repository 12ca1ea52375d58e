"""How long each implementing document took: days from the central document's issue.

Per level (central, provincial, district, commune): how many dated documents, the minimum,
median and maximum lag, and the slowest document. Documents without a date are listed apart.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import Any

from graph.store import Store
from ontology.terms import levels
from queries.coverage import _jsonable, document_name
from queries.trace import trace


@dataclass
class Lag:
    root: dict[str, Any]
    documents: list[dict[str, Any]]  # dated implementing documents, fastest first
    levels: list[dict[str, Any]]  # level, n, min, median, max, slowest
    undated: list[dict[str, Any]]

    def as_json(self) -> dict[str, Any]:
        return _jsonable(self.__dict__)


def lag_by_level(documents: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Summary per level of rows with `level`, `lag_days` and `name`.

    >>> rows = [{"level": "provincial", "lag_days": d, "name": n}
    ...         for d, n in ((68, "a"), (72, "b"), (102, "c"))]
    >>> lag_by_level(rows)[0] | {}
    {'level': 'provincial', 'documents': 3, 'min': 68, 'median': 72, 'max': 102, 'slowest': 'c'}
    """
    out = []
    for level in levels():
        mine = sorted((d for d in documents if d["level"] == level),
                      key=lambda d: d["lag_days"])
        if not mine:
            continue
        days = [d["lag_days"] for d in mine]
        out.append({"level": level, "documents": len(mine), "min": days[0],
                    "median": statistics.median(days), "max": days[-1],
                    "slowest": mine[-1]["name"]})
    return out


def lag(store: Store, uid: str) -> Lag:
    """The lag of every document implementing `uid`, directly or through others."""
    t = trace(store, uid, links=False)  # the documents only
    dated: list[dict[str, Any]] = []
    undated: list[dict[str, Any]] = []
    for d in t.documents:
        row = {"id": d["id"], "name": document_name(d), "level": d["level"] or "unknown",
               "locality": d["locality"], "date": d["date"], "depth": d["depth"],
               "lag_days": d["lag_days"]}
        (dated if d["lag_days"] is not None else undated).append(row)
    dated.sort(key=lambda d: (d["lag_days"], d["id"]))
    return Lag(t.root, dated, lag_by_level(dated), undated)
