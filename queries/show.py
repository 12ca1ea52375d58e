"""Everything the graph says about one node, and the sentences that say it."""

from __future__ import annotations

from typing import Any

from graph.store import Store

_EVIDENCE = ("source", "sentence", "span_start", "span_end", "method", "confidence")
_KEYS = ("evidence",)  # what a relationship holds of its evidence besides _EVIDENCE


def find_node(store: Store, uid: str) -> tuple[str, dict[str, Any]] | None:
    """(label, properties) of the node with this uid, in whichever table holds it."""
    from ontology import load_schema

    for table in load_schema().nodes:
        cols = ", ".join(f"n.{p.name} AS {p.name}" for p in table.props)
        rows = store.query(f"MATCH (n:{table.label} {{uid: $uid}}) RETURN {cols}", {"uid": uid})
        if rows:
            return table.label, rows[0]
    return None


def show(store: Store, uid: str) -> dict[str, Any] | None:
    """Properties, evidence (per source) and relationships (each with evidence) of a node."""
    from ontology import load_schema

    found = find_node(store, uid)
    if found is None:
        return None
    label, props = found
    schema = load_schema()
    names = {s.uid: s.name for s in store.sources()}
    rels: list[dict[str, Any]] = []
    for rel in schema.stated:  # each source's statement, shown as the relation it states
        own = [p.name for p in rel.props if p.name not in (*_EVIDENCE, *_KEYS)]
        # the sentence from its Evidence node (stored once per source and sentence)
        cols = ", ".join([*(f"ev.{k} AS {k}" if k == "sentence" else f"r.{k} AS {k}"
                            for k in _EVIDENCE), *(f"r.{k} AS {k}" for k in own)])
        for direction, (this, other) in (("out", (0, 1)), ("in", (1, 0))):
            for pair in rel.pairs:
                if pair[this] != label:
                    continue
                pattern = (f"(n:{label} {{uid: $uid}})-[r:{rel.type}]->(m:{pair[other]})"
                           if direction == "out" else
                           f"(m:{pair[other]})-[r:{rel.type}]->(n:{label} {{uid: $uid}})")
                for row in store.query(f"MATCH {pattern} OPTIONAL MATCH (ev:Evidence "
                                       f"{{uid: r.evidence}}) RETURN m.uid AS other, {cols} "
                                       "ORDER BY other, source", {"uid": uid}):
                    row.update(type=schema.summary_of(rel.type), direction=direction,
                               other_label=pair[other],
                               source_name=names.get(row["source"]))
                    rels.append(row)
    evidence = [r for r in rels if r["type"] == "MENTIONED_IN"]
    return {"label": label, "properties": props, "evidence": evidence,
            "relationships": [r for r in rels if r["type"] != "MENTIONED_IN"]}
