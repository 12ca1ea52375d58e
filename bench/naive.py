"""Naive baselines the benchmarks compare kg against (never used by kg itself).

- `merge_rows`: the loader everyone writes first: one parameterised MERGE query per node row
  and per relationship row, on exactly the rows kg's loader writes (graph.rows.to_rows).
- `trace_networkx`: load every document and implements link into networkx, then walk it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import Any

import networkx as nx

from graph.rows import Rows

Run = Callable[[str, dict[str, Any]], Any]  # (cypher, params) -> anything


def _sets(var: str, row: dict[str, Any], skip: Iterable[str]) -> tuple[str, dict[str, Any]]:
    params = {k: v for k, v in row.items() if v is not None and v != [] and k not in skip}
    return ", ".join(f"{var}.{k} = ${k}" for k in params), params


def merge_rows(run: Run, rows: Rows, deadline: float | None = None) -> int:
    """Write `rows` one MERGE per row; stop at `deadline` (perf_counter) if given.

    Returns the number of rows written. Labels and types come from the ontology-derived rows,
    never from users; values are parameters.
    """
    done = 0
    for label, items in rows.nodes.items():
        for row in items:
            sets, params = _sets("n", row, ("uid",))
            run(f"MERGE (n:{label} {{uid: $uid}})" + (f" SET {sets}" if sets else ""),
                {"uid": row["uid"], **params})
            done += 1
            if deadline is not None and time.perf_counter() > deadline:
                return done
    for (type_, a, b), items in rows.rels.items():
        for row in items:
            sets, params = _sets("r", row, ("from", "to", "source"))
            merge = f"MERGE (a)-[r:{type_} {{source: $source}}]->(b)"
            run(f"MATCH (a:{a} {{uid: $from}}), (b:{b} {{uid: $to}}) "
                + merge + (f" SET {sets}" if sets else ""),
                {"from": row["from"], "to": row["to"], "source": row["source"], **params})
            done += 1
            if deadline is not None and time.perf_counter() > deadline:
                return done
    return done


def implements_graph(run: Callable[[str], list[dict[str, Any]]]) -> nx.DiGraph:
    """Every Document and IMPLEMENTS link of the store, as a networkx graph (child -> parent)."""
    g = nx.DiGraph()
    for r in run("MATCH (d:Document) RETURN d.uid AS uid, d.symbol AS symbol, d.type AS type, "
                 "d.level AS level, d.locality AS locality, d.issued AS issued"):
        g.add_node(r["uid"], **r)
    for r in run("MATCH (a:Document)-[:IMPLEMENTS]->(b:Document) RETURN a.uid AS a, b.uid AS b"):
        g.add_edge(r["a"], r["b"])
    return g


def trace_networkx(run: Callable[[str], list[dict[str, Any]]], uid: str) -> dict[str, int]:
    """Documents implementing `uid`, with their depth: everything loaded first, then a BFS."""
    g = implements_graph(run)
    if uid not in g:
        return {}
    depths = nx.single_source_shortest_path_length(g.reverse(copy=False), uid)
    return {u: d for u, d in depths.items() if u != uid}
