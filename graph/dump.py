"""Read a whole graph back out of any store, table by table, in the ontology's names."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from graph.store import Store
from ontology import NodeTable, RelTable, Schema, load_schema


def node_rows(store: Store, table: NodeTable) -> list[dict[str, Any]]:
    cols = ", ".join(f"n.{p.name} AS {p.name}" for p in table.props)
    return store.query(f"MATCH (n:{table.label}) RETURN {cols} ORDER BY n.uid")


def rel_rows(store: Store, rel: RelTable, pair: tuple[str, str]) -> list[dict[str, Any]]:
    cols = ", ".join(f"r.{p.name} AS {p.name}" for p in rel.props)
    return store.query(f"MATCH (a:{pair[0]})-[r:{rel.type}]->(b:{pair[1]}) "
                       f"RETURN a.uid AS `from`, b.uid AS `to`, {cols} "
                       "ORDER BY `from`, `to`, r.source")


def dump(store: Store, schema: Schema | None = None
         ) -> Iterator[tuple[str, tuple[str, ...], list[dict[str, Any]]]]:
    """("node", (label,), rows) for every node table, then ("rel", (type, from, to), rows)."""
    schema = schema or load_schema()
    complete = {s.uid: s.complete for s in store.sources()}
    for table in schema.nodes:
        rows = node_rows(store, table)
        if table.label == "Source":  # as the store reports it (see LadybugStore.checkpoint)
            rows = [{**r, "complete": complete.get(r["uid"], r["complete"])} for r in rows]
        yield "node", (table.label,), rows
    for rel in schema.rels:
        for pair in rel.pairs:
            yield "rel", (rel.type, *pair), rel_rows(store, rel, pair)
