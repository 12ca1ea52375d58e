"""What is missing under a central document: untaken tasks, provinces without a plan, and
documents known only because others cite them.

Provinces are those of the gazetteer in force on the document's date (63 before 1 July 2025,
34 from then on; Locality nodes with their era, loaded by `kg load` from the reference data).
A province counts as having a plan when any document implementing the central one (at any
level) belongs to it. Each province is also shown with the post-2025 unit it became part of,
and the post-2025 units are listed as covered when any of their former provinces has a plan.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from graph.keys import fold
from graph.store import Store
from queries.columns import records
from queries.coverage import Coverage, _jsonable, coverage, document_name
from queries.loader import cypher

REFORM_DATE = dt.date(2025, 7, 1)  # Nghị quyết 202/2025/QH15: 34 provincial units from this day


def eras_on(date: dt.date | None) -> list[str]:
    """The Locality eras in force on a date (today when unknown)."""
    date = date or dt.date.today()
    return ["before2025", "both"] if date < REFORM_DATE else ["after2025", "both"]


@dataclass
class Gaps:
    root: dict[str, Any]
    as_of: dt.date
    untaken_tasks: list[dict[str, Any]]  # no implementing plan takes them up
    missing_in_plans: list[dict[str, Any]]  # per central task, the plans that do not
    localities_without_plan: list[dict[str, Any]]
    localities_with_plan: list[dict[str, Any]]
    successors: list[dict[str, Any]]  # post-2025 units: covered through a former province?
    plans_without_locality: list[dict[str, Any]]
    cited_only: list[dict[str, Any]]

    def as_json(self) -> dict[str, Any]:
        return _jsonable(self.__dict__)


def locality_gaps(units: list[dict[str, Any]], mergers: dict[str, str],
                  plan_localities: dict[str, list[str]]) -> tuple[list, list, list]:
    """(without plan, with plan, post-2025 units) from the gazetteer rows and the plans.

    >>> units = [{"name": "Hải Dương"}, {"name": "Hải Phòng"}, {"name": "Long An"}]
    >>> without, with_, new = locality_gaps(units, {"Hải Dương": "Hải Phòng"},
    ...                                     {"Hải Phòng": ["123-KH/TU"]})
    >>> [u["name"] for u in without], [(u["name"], u["status"]) for u in new]
    (['Hải Dương', 'Long An'], [('Hải Phòng', 'partly'), ('Long An', 'not covered')])
    """
    have = {fold(k): v for k, v in plan_localities.items()}
    without: list[dict[str, Any]] = []
    with_: list[dict[str, Any]] = []
    for u in units:
        row = {"name": u["name"], "kind": u.get("kind"),
               "now_part_of": mergers.get(u["name"], u["name"])}
        plans = have.get(fold(u["name"]))
        (with_ if plans else without).append({**row, "plans": plans} if plans else row)
    new_units: dict[str, dict[str, Any]] = {}
    for u in units:
        new = mergers.get(u["name"], u["name"])
        entry = new_units.setdefault(new, {"name": new, "former": [], "with_plan": []})
        entry["former"].append(u["name"])
        if fold(u["name"]) in have:
            entry["with_plan"].append(u["name"])
    for e in new_units.values():
        e["status"] = ("covered" if len(e["with_plan"]) == len(e["former"]) else
                       "partly" if e["with_plan"] else "not covered")
    return without, with_, sorted(new_units.values(), key=lambda e: fold(e["name"]))


def gaps(store: Store, uid: str, cov: Coverage | None = None,
         as_of: dt.date | None = None) -> Gaps:
    """The gaps under document `uid` (its coverage is computed unless given)."""
    cov = cov or coverage(store, uid)
    as_of = as_of or cov.root.get("date") or dt.date.today()
    untaken = [{"label": r["label"], "text": r["text"]} for r in cov.rows
               if not r["covered"] and not r["partly"]]
    names = {c["id"]: c["name"] for c in cov.columns}
    missing = [{"label": r["label"], "text": r["text"],
                "not_taken_up_by": [names[cid] for cid, cell in r["cells"].items()
                                    if cell["status"] == "not covered"]} for r in cov.rows]
    missing = [m for m in missing if m["not_taken_up_by"]]
    plan_localities: dict[str, list[str]] = {}
    no_locality = []
    for d in [*cov.plans, *cov.without_tasks]:
        if d["locality"]:
            plan_localities.setdefault(d["locality"], []).append(document_name(d))
        elif d["level"] != "central":
            no_locality.append({"id": d["uid"], "name": document_name(d), "level": d["level"]})
    units = records(store.query_columns(cypher("gaps_localities"), {"eras": eras_on(as_of)}))
    mergers: dict[str, str] = {}
    if as_of < REFORM_DATE:
        merged = store.query_columns(cypher("gaps_mergers"))
        mergers = dict(zip(merged["old"], merged["new"], strict=True))
    without, with_, successors = locality_gaps(units, mergers, plan_localities)
    return Gaps(cov.root, as_of, untaken, missing, without, with_, successors if mergers else [],
                no_locality, _cited_only(store, cov))


def _cited_only(store: Store, cov: Coverage) -> list[dict[str, Any]]:
    """Implementing documents whose tasks are not in the corpus, and who cites them."""
    citing = [cov.root["id"], *(d["uid"] for d in (*cov.plans, *cov.without_tasks))]
    cites: dict[str, list[str]] = {}  # document -> documents citing it as their basis
    cited = store.query_columns(cypher("gaps_cited"), {"uids": citing})
    for u, by in zip(cited["uid"], cited["cited_by"], strict=True):
        cites.setdefault(u, []).append(by)
    return [{"id": d["uid"], "name": document_name(d), "level": d["level"],
             "locality": d["locality"], "date": d["date"],
             "cited_by": sorted(cites.get(d["uid"], []))} for d in cov.without_tasks]
