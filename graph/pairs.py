"""One relationship per pair for analysts, kept from the per-source statements (issue 22.1).

A source stating "A implements B" is written as an `IMPLEMENTS_EVIDENCE` relationship, one per
source, with that source's evidence: retracting a source deletes its own, reloading writes
the same again. Every store keeps, from those, one `IMPLEMENTS` per pair (the ontology's
`kg:summarises`), so `MATCH (a)-[:IMPLEMENTS]->(b)` gives each link once. The pair carries the
sources stating it, how many statements, the evidence of the strongest one, and `lag_days`.

The stores keep pairs in step with `sync` below: the same two questions on both engines
(pairs stated but missing; pairs whose statements or dates changed), answered in the same
Cypher, and the pair built from its statements by one Python function (`pair_row`), so both
hold the same pairs whatever the order files were loaded in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from graph.rows import EVIDENCE_KEYS

if TYPE_CHECKING:  # the stores import this module to read: no ontology parser for that
    from ontology import Schema

PAIR = "IMPLEMENTS"
STATED = "IMPLEMENTS_EVIDENCE"
PAIR_KEYS = (*EVIDENCE_KEYS, "basis", "evidence_count", "lag_days", "sources")

_STATEMENT = ", ".join(f"e.{k} AS {k}" for k in (*EVIDENCE_KEYS, "basis"))
_ENDS = "a.uid AS `from`, b.uid AS `to`, a.issued AS child_issued, b.issued AS parent_issued"

# Statements of pairs that have no IMPLEMENTS yet.
MISSING = (f"MATCH (a:Document)-[e:{STATED}]->(b:Document) "
           f"WHERE NOT EXISTS {{ MATCH (a)-[:{PAIR}]->(b) }} RETURN {_ENDS}, {_STATEMENT}")
# Pairs whose statements changed (a source retracted or added) or whose lag a date now gives.
STALE = (f"MATCH (a:Document)-[r:{PAIR}]->(b:Document) "
         f"OPTIONAL MATCH (a)-[e:{STATED}]->(b) "
         "WITH a, b, r, count(e) AS n "
         "WHERE r.evidence_count IS NULL OR n <> r.evidence_count "
         "OR (r.lag_days IS NULL AND a.issued IS NOT NULL AND b.issued IS NOT NULL) "
         "RETURN a.uid AS `from`, b.uid AS `to`")


def kept_in(schema: Schema) -> bool:
    """Whether `schema` keeps IMPLEMENTS one per pair (a kg before it did not)."""
    return any(r.type == PAIR and r.summarises == STATED for r in schema.rels)

# The pairs `$sources` state (retracting them changes those).
STATED_BY = (f"MATCH (a:Document)-[e:{STATED}]->(b:Document) WHERE e.source IN $sources "
             "RETURN DISTINCT a.uid AS `from`, b.uid AS `to`")
# The pairs of the documents `$uids` whose lag a date of theirs may now give. (The Neo4j store
# keeps pairs write by write with these and STATED_BY; the embedded one with MISSING and STALE
# at its next read or checkpoint, which suits its copies.)
UNDATED_OF = (f"UNWIND $uids AS u MATCH (d:Document {{uid: u}})-[r:{PAIR}]-(:Document) "
              "WHERE r.lag_days IS NULL "
              "RETURN startNode(r).uid AS `from`, endNode(r).uid AS `to`")


def _strength(s: Mapping[str, Any]) -> tuple:
    """Order of statements, strongest first: confidence, explicit before implied, then a
    fixed order (source, span) so that every store picks the same."""
    return (-(s.get("confidence") or 0.0), s.get("basis") != "explicit", s.get("source") or "",
            s.get("span_start") or 0, s.get("span_end") or 0)


def lag_days(child: Any, parent: Any) -> int | None:
    """Days from the parent's date to the child's; None when either is unknown."""
    child, parent = _date(child), _date(parent)
    return (child - parent).days if child and parent else None


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str):
        return dt.date.fromisoformat(value)
    return value


def pair_row(statements: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The IMPLEMENTS row of one pair from its statements (rows of `MISSING`'s columns)."""
    best = min(statements, key=_strength)
    row = {k: best.get(k) for k in ("from", "to", *EVIDENCE_KEYS)}
    row["basis"] = ("explicit" if any(s.get("basis") == "explicit" for s in statements)
                    else best.get("basis"))
    row["sources"] = sorted({s["source"] for s in statements})
    row["evidence_count"] = len(statements)
    row["lag_days"] = lag_days(best.get("child_issued"), best.get("parent_issued"))
    return row


def pair_rows(statements: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """One IMPLEMENTS row per (from, to) of `statements`, in a fixed order."""
    groups: dict[tuple[str, str], list[Mapping[str, Any]]] = {}
    for s in statements:
        groups.setdefault((s["from"], s["to"]), []).append(s)
    return [pair_row(groups[k]) for k in sorted(groups)]


def statements_of(pairs: Sequence[tuple[str, str]]) -> tuple[str, dict[str, Any]]:
    """Cypher and parameters: the statements of `pairs` (for rebuilding them)."""
    return (f"UNWIND $pairs AS p MATCH (a:Document {{uid: p.child}})-[e:{STATED}]->"
            f"(b:Document {{uid: p.parent}}) RETURN {_ENDS}, {_STATEMENT}",
            {"pairs": [{"child": a, "parent": b} for a, b in pairs]})


def delete_pairs(pairs: Sequence[tuple[str, str]]) -> tuple[str, dict[str, Any]]:
    """Cypher and parameters: delete the IMPLEMENTS of `pairs`."""
    return (f"UNWIND $pairs AS p MATCH (a:Document {{uid: p.child}})-[r:{PAIR}]->"
            "(b:Document {uid: p.parent}) DELETE r",
            {"pairs": [{"child": a, "parent": b} for a, b in pairs]})
