"""Counts per node label and relationship type, from the ontology's names."""

from __future__ import annotations

from graph.store import Store


def stats(store: Store) -> dict[str, dict[str, int]]:
    from ontology import load_schema

    schema = load_schema()
    nodes = {n.label: store.query(f"MATCH (n:{n.label}) RETURN count(n) AS c")[0]["c"]
             for n in schema.nodes}
    rels = {r.type: store.query(f"MATCH ()-[r:{r.type}]->() RETURN count(r) AS c")[0]["c"]
            for r in schema.rels}
    return {"nodes": nodes, "relationships": rels}
