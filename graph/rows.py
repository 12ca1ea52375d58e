"""Batches flattened into per-table rows, ready for COPY (embedded) or UNWIND (Neo4j).

Both stores write the same rows, so they hold the same graph.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from graph.batch import Batch, Edge, Node, merge_nodes
from graph.model import Evidence
from ontology import Schema

EVIDENCE_KEYS = ("source", "sentence", "span_start", "span_end", "method", "confidence")


def evidence_props(ev: Evidence) -> dict[str, Any]:
    return {"source": ev.source, "sentence": ev.sentence, "span_start": ev.start,
            "span_end": ev.end, "method": ev.method, "confidence": ev.confidence}


@dataclass
class Rows:
    """Rows per node label and per (relationship type, from label, to label)."""

    nodes: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    rels: dict[tuple[str, str, str], list[dict[str, Any]]] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return sum(map(len, self.nodes.values())) + sum(map(len, self.rels.values()))


def to_rows(batches: Sequence[Batch], schema: Schema) -> Rows:
    """Merge nodes across batches by uid; one relationship per (type, ends, source)."""
    nodes: list[Node] = []
    edges: list[Edge] = []
    for b in batches:
        s = b.source
        nodes.append(Node("Source", s.uid, {"name": s.name, "path": s.path, "sha256": s.sha256,
                                            "chars": s.chars, "encoding": s.encoding,
                                            "complete": False}))
        nodes.extend(b.nodes)
        edges.extend(b.edges)
        edges.extend(Edge("MENTIONED_IN", n.label, n.uid, "Source", s.uid, n.evidence)
                     for n in b.nodes if n.evidence is not None)
    rows = Rows()
    for (label, uid), props in merge_nodes(nodes).items():
        table = schema.node(label)
        unknown = set(props) - {p.name for p in table.props}
        if unknown:
            raise ValueError(f"{label} has properties the ontology does not declare: {unknown}")
        row = {p.name: props.get(p.name) for p in table.props}
        row["uid"] = uid
        rows.nodes.setdefault(label, []).append(row)
    known = {(label, row["uid"]) for label, rs in rows.nodes.items() for row in rs}
    seen: set[tuple[str, str, str, str]] = set()
    for e in edges:
        for end in ((e.src_label, e.src), (e.dst_label, e.dst)):
            if end not in known:
                raise ValueError(f"{e.type} points to {end[0]} {end[1]!r}, which no batch asserts")
        key = (e.type, e.src, e.dst, e.evidence.source)
        if key in seen:
            continue
        seen.add(key)
        rel = schema.rel(e.type)
        if (e.src_label, e.dst_label) not in rel.pairs:
            raise ValueError(f"the ontology does not let {e.type} connect "
                             f"{e.src_label} to {e.dst_label}")
        row = {p.name: None for p in rel.props}
        row.update(evidence_props(e.evidence))
        row.update(e.props)
        if set(row) - {p.name for p in rel.props}:
            raise ValueError(f"{e.type} has properties the ontology does not declare: {set(row)}")
        rows.rels.setdefault((e.type, e.src_label, e.dst_label), []).append(
            {"from": e.src, "to": e.dst, **row})
    return rows
