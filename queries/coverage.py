"""Which implementing plans take up which tasks of a central document, and who leads them.

Rows are the central document's tasks, columns the plans that implement it (directly or
through other documents) and have tasks in the corpus — or their localities (`by="locality"`).
A cell lists the local tasks linked to the central task (ALIGNS_WITH, see alignment.deriving)
with their lead agency, and a status:

- covered: at least one link scoring STRONG or more (or based on an explicit citation or
  copied wording, or accepted by an analyst: `kg align accept`, marked reviewed);
- partly: only weaker links;
- not covered: no link.

Implementing documents whose tasks are not in the corpus are listed apart (`without_tasks`):
nothing can be said about what they take up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from alignment.reviewed import read_reviews
from alignment.weights import model
from graph.store import Store
from queries.columns import record, records
from queries.loader import cypher
from queries.trace import trace

STRONG = model().covered  # probability from which a link alone makes a cell "covered"
STATUSES = ("covered", "partly", "not covered")
UNKNOWN_LOCALITY = "(province not named)"


@dataclass
class Coverage:
    root: dict[str, Any]
    by: str  # document | locality
    columns: list[dict[str, Any]]  # id, name, level, locality, date, plans, tasks
    rows: list[dict[str, Any]]  # label, text, cells {column id: cell}, covered/partly/...
    without_tasks: list[dict[str, Any]] = field(default_factory=list)
    plans: list[dict[str, Any]] = field(default_factory=list)  # implementing plans with tasks

    def as_json(self) -> dict[str, Any]:
        return _jsonable({"root": self.root, "by": self.by, "columns": self.columns,
                          "rows": self.rows, "without_tasks": self.without_tasks,
                          "totals": self.totals()})

    def totals(self) -> dict[str, Any]:
        """Per status: how many central tasks have at least one column in it; per column."""
        per_column = {c["id"]: {s: 0 for s in STATUSES} for c in self.columns}
        for r in self.rows:
            for cid, cell in r["cells"].items():
                per_column[cid][cell["status"]] += 1
        taken = sum(1 for r in self.rows if r["covered"] or r["partly"])
        return {"central_tasks": len(self.rows), "taken_up": taken,
                "not_taken_up": len(self.rows) - taken, "columns": per_column}


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def document_name(d: dict[str, Any]) -> str:
    """A short readable name: the symbol, or the type and issuer of an unnumbered document."""
    if d.get("symbol"):
        return d["symbol"]
    return " ".join(x for x in (d.get("type") or "Văn bản", d.get("issuer")) if x)


def _with_locality(d: dict[str, Any]) -> str:
    name, loc = document_name(d), d.get("locality")
    return name if not loc or loc in name else f"{name} {loc}"


def status(links: Sequence[dict[str, Any]], strong: float = STRONG) -> str:
    """The status of a cell from its links (each with score and basis)."""
    if not links:
        return "not covered"
    if any((x.get("score") or 0) >= strong or x.get("verdict") == "accept" or
           any(b in (x.get("basis") or "") for b in ("explicit", "wording")) for x in links):
        return "covered"
    return "partly"


def coverage_table(central_tasks: Sequence[dict[str, Any]], plans: Sequence[dict[str, Any]],
                   links: Sequence[dict[str, Any]], by: str = "document",
                   strong: float = STRONG) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Columns and rows from plain records (pure; `coverage` reads them from a store).

    `plans`: implementing documents with tasks (uid, symbol, type, issuer, level, locality,
    date, tasks); `links`: ALIGNS_WITH rows (central, task, label, lead, plan, basis, score,
    words, verdict, reviewer).
    """
    def column_of(p: dict[str, Any]) -> str:
        if by == "locality":
            return p.get("locality") or f"{UNKNOWN_LOCALITY} {document_name(p)}"
        return p["uid"]

    columns: dict[str, dict[str, Any]] = {}
    for p in sorted(plans, key=lambda p: (p.get("date") or dt.date.max, p["uid"])):
        cid = column_of(p)
        col = columns.setdefault(cid, {
            "id": cid, "name": cid if by == "locality" else _with_locality(p),
            "level": p.get("level"), "locality": p.get("locality"), "date": p.get("date"),
            "plans": [], "tasks": 0})
        col["plans"].append(p["uid"])
        col["tasks"] += p.get("tasks", 0)
    plan_column = {p["uid"]: column_of(p) for p in plans}
    by_cell = _links_by_cell(links, plan_column)
    rows = []
    for c in central_tasks:
        cells: dict[str, dict[str, Any]] = {}
        for cid in columns:
            mine = by_cell.get((c["uid"], cid), [])
            tasks = [{"task": x["task"], "label": x["label"], "lead": x.get("lead"),
                      "plan": x["plan"], "score": x.get("score"), "basis": x.get("basis"),
                      "words": list(x.get("words") or []),
                      "reviewed": x.get("verdict") == "accept",
                      "reviewer": x.get("reviewer")} for x in mine]
            cells[cid] = {"status": status(mine, strong), "tasks": tasks,
                          "leads": sorted({x["lead"] for x in mine if x.get("lead")})}
        counts = {s: sum(1 for cell in cells.values() if cell["status"] == s) for s in STATUSES}
        rows.append({"uid": c["uid"], "label": c["label"], "text": c["text"], "cells": cells,
                     "covered": counts["covered"], "partly": counts["partly"],
                     "not_covered": counts["not covered"]})
    return list(columns.values()), rows


def _links_by_cell(links: Sequence[dict[str, Any]], plan_column: dict[str, str]
                   ) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """Links grouped by (central task, column), in their order; links of other plans dropped."""
    cells: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for x in links:
        cid = plan_column.get(x["plan"])
        if cid is not None:
            cells.setdefault((x["central"], cid), []).append(x)
    return cells


def coverage(store: Store, uid: str, by: str = "document", strong: float = STRONG) -> Coverage:
    """Coverage of the tasks of document `uid` by the plans implementing it.

    Every read is fetched as columns (`Store.query_columns`): the links of a central
    document reach 10^5 rows at national scale, and only those of plans with tasks become
    records."""
    t = trace(store, uid, links=False)  # the documents only
    central = store.query_columns(cypher("coverage_central_tasks"), {"uid": uid})
    central_tasks = records(central)
    uids = [d["id"] for d in t.documents]
    counted = store.query_columns(cypher("task_counts"), {"uids": uids})
    counts = dict(zip(counted["uid"], counted["tasks"], strict=True))
    plans: list[dict[str, Any]] = []
    without: list[dict[str, Any]] = []
    for d in t.documents:
        row = {"uid": d["id"], "symbol": d["symbol"], "type": d["type"], "issuer": d["issuer"],
               "level": d["level"], "locality": d["locality"], "date": d["date"],
               "depth": d["depth"], "tasks": counts.get(d["id"], 0)}
        (plans if row["tasks"] else without).append(row)
    links = _links(store, uid, {p["uid"] for p in plans})
    columns, rows = coverage_table(central_tasks, plans, links, by, strong)
    return Coverage(t.root, by, columns, rows, without, plans)


def _links(store: Store, uid: str, with_tasks: set[str]) -> list[dict[str, Any]]:
    """The ALIGNS_WITH links taking up the tasks of `uid` from the plans `with_tasks`, in the
    query's order, each with its analyst's verdict: a record only for those kept."""
    cols = store.query_columns(cypher("coverage_links"), {"uid": uid})
    plan, task, central = cols["plan"], cols["task"], cols["central"]
    reviews = read_reviews(store)
    out = []
    for i, p in enumerate(plan):
        if p in with_tasks:
            r = reviews.get((task[i], central[i]))
            link = record(cols, i)
            link["verdict"], link["reviewer"] = (r.verdict, r.by) if r else (None, None)
            out.append(link)
    return out


def coverage_rows(c: Coverage) -> list[dict[str, Any]]:
    """One flat row per central task x column x local task (for CSV and scripts)."""
    out = []
    for r in c.rows:
        for col in c.columns:
            cell = r["cells"][col["id"]]
            for x in cell["tasks"] or [None]:
                out.append({"central_label": r["label"], "central_task": r["text"],
                            "column": col["name"], "status": cell["status"],
                            "task_label": x and x["label"], "lead": x and x["lead"],
                            "score": x and x["score"], "basis": x and x["basis"],
                            "words": x and x["words"], "task": x and x["task"],
                            "reviewed": x and x["reviewed"]})
    return out


def coverage_matrix(c: Coverage) -> tuple[list[tuple[str, str]], list[dict[str, Any]]]:
    """(columns, rows) of the matrix: central task x plan/locality, cells as text."""
    columns = [("central", "Nhiệm vụ trung ương / central task")]
    columns += [(col["id"], col["name"]) for col in c.columns]
    rows = []
    for r in c.rows:
        row: dict[str, Any] = {"central": f"{r['label']}. {r['text']}"}
        for col in c.columns:
            cell = r["cells"][col["id"]]
            tasks = [f"{x['label']}{'✓' if x['reviewed'] else ''} "
                     f"({x['lead'] or 'chưa rõ chủ trì'})" for x in cell["tasks"]]
            row[col["id"]] = [cell["status"], *tasks]
        rows.append(row)
    return columns, rows
