"""What implements a document, level by level — and what it implements (`up`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from graph.store import Store
from queries.loader import cypher

if TYPE_CHECKING:
    import networkx as nx


@dataclass
class Trace:
    root: dict[str, Any]
    # the public JSON contract of `kg trace --format json`; each one's `parents` are the
    # traced documents one implements link nearer the root (the root itself at depth 1)
    documents: list[dict[str, Any]]
    edges: list[dict[str, Any]]  # child -> parent implements links (with evidence, if asked)

    def as_json(self) -> dict[str, Any]:
        return {"root": _jsonable(self.root), "documents": [_jsonable(d) for d in self.documents]}


def _jsonable(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in row.items()}


def _document_row(d: dict[str, Any]) -> dict[str, Any]:
    return {"id": d["uid"], "symbol": d["symbol"], "type": d["type"], "issuer": d["issuer"],
            "level": d["level"], "locality": d["locality"], "date": d["date"],
            "title": d.get("title")}


_DOCUMENT = ("uid", "symbol", "type", "issuer", "level", "locality", "date", "title")


def trace(store: Store, uid: str, up: bool = False, depth: int | None = None,
          evidence: bool = True) -> Trace:
    """Documents implementing `uid` (or implemented by it, with `up`), with depth and lag.

    Both queries walk from the root (shortest paths, then one hop), so the cost follows the
    size of the tree, not of the graph; their results are read as columns (a tree of 10^4
    documents has ~3×10^4 links, whose rows cost more to build than the walk). The links are
    whatever the links query returns per (child, parent): how their evidence is stored is
    its business. `evidence=False` leaves out each link's sentence (the documents are the
    same), which saves fetching the text of every link.
    """
    direction = "up" if up else "down"
    dialect = store.dialect
    found = store.query(cypher("document", dialect), {"uid": uid})
    if not found:
        raise KeyError(f"no document {uid!r} in the store")
    root = _document_row(found[0])
    reached = store.query_columns(cypher(f"trace_{direction}", dialect), {"uid": uid})
    if depth is not None:
        keep = [i for i, k in enumerate(reached["depth"]) if k <= depth]
        reached = {k: [v[i] for i in keep] for k, v in reached.items()}
    inside = {uid, *reached["uid"]}
    fields = ("child", "parent", "basis", "sentence", "sources") if evidence else \
        ("child", "parent", "basis", "sources")
    links_cols = store.query_columns(cypher(f"trace_{direction}_links", dialect),
                                     {"uid": uid, "evidence": evidence})
    links = [dict(zip(fields, e, strict=True))
             for e in zip(*(links_cols[k] for k in fields), strict=True)
             if e[0] in inside and e[1] in inside]
    # A document's `parents` are its neighbours one link nearer the root, in either
    # direction: down, the documents it implements; up, those that implement it.
    parents: dict[str, list[str]] = {}
    for e in links:
        upper, lower = (e["child"], e["parent"]) if up else (e["parent"], e["child"])
        parents.setdefault(lower, []).append(upper)
    root_date = root["date"]
    docs = []
    for u, k, symbol, type_, issuer, level, locality, date, title in zip(
            reached["uid"], reached["depth"], *(reached[c] for c in _DOCUMENT[1:]),
            strict=True):
        docs.append({"id": u, "symbol": symbol, "type": type_, "issuer": issuer,
                     "level": level, "locality": locality, "date": date, "title": title,
                     "depth": k, "parents": sorted(set(parents.get(u, ()))),
                     "lag_days": _lag(root_date, date, up)})
    docs.sort(key=lambda r: (r["depth"], r["date"] or dt.date.max, r["id"]))
    links.sort(key=lambda e: (e["child"], e["parent"]))
    return Trace(root, docs, links)


def _lag(root: dt.date | None, date: dt.date | None, up: bool) -> int | None:
    if root is None or date is None:
        return None
    return (root - date).days if up else (date - root).days


def trace_graph(t: Trace) -> nx.DiGraph:
    """The trace as a graph: nodes are document ids with their properties, edges child -> parent."""
    import networkx as nx

    g = nx.DiGraph()
    g.add_node(t.root["id"], **{**t.root, "depth": 0, "root": True})
    for d in t.documents:
        g.add_node(d["id"], **d)
    for e in t.edges:
        if e["child"] in g and e["parent"] in g:
            g.add_edge(e["child"], e["parent"], **{k: v for k, v in e.items()
                                                    if k not in ("child", "parent")})
    return g
