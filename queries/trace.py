"""What implements a document, level by level — and what it implements (`up`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from graph.gcpause import gc_paused
from graph.store import Store
from queries.loader import MAX_DEPTH, cypher

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
        # a traced document's one date is `date` (`_documents`): only that is converted
        return {"root": _jsonable(self.root),
                "documents": [{**d, "date": _iso(d["date"])} for d in self.documents]}


def _jsonable(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in row.items()}


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _document_row(d: dict[str, Any]) -> dict[str, Any]:
    return {"id": d["uid"], "symbol": d["symbol"], "type": d["type"], "issuer": d["issuer"],
            "level": d["level"], "locality": d["locality"], "date": d["date"],
            "title": d.get("title")}


def trace(store: Store, uid: str, up: bool = False, depth: int | None = None,
          evidence: bool = True, links: bool = True) -> Trace:
    """Documents implementing `uid` (or implemented by it, with `up`), with depth and lag.

    One query walks from the root (shortest paths), so the cost follows the size of the tree,
    not of the graph; it returns one row per document, read as columns, with the documents
    each one implements, from which its `parents` are kept in Python (a tree of 10^4
    documents has ~3×10^4 links, whose rows cost more to build than the walk). `links=False`
    leaves `edges` empty and saves the second query (what the CLI's outputs and the
    analyses need: they read the documents only); otherwise `edges` holds whatever the links
    query returns per (child, parent): how their evidence is stored is its business, and
    the walk leaves out what each document implements, which the links give.
    `evidence=False` leaves out each link's sentence, which saves fetching the text of
    every link.
    """
    direction = "up" if up else "down"
    dialect = store.dialect
    found = store.query(cypher("document", dialect), {"uid": uid})
    if not found:
        raise KeyError(f"no document {uid!r} in the store")
    root = _document_row(found[0])
    # with links, the walk leaves out `outs`: the links' rows give the parents (a third
    # cheaper at 10^4 documents)
    walk = f"trace_{direction}_documents" if links else f"trace_{direction}"
    with gc_paused:
        reached = store.query_columns(cypher(walk, dialect), {"uid": uid})
        if depth is not None:
            keep = [i for i, k in enumerate(reached["depth"]) if k <= depth]
            reached = {k: [v[i] for i in keep] for k, v in reached.items()}
        edges: list[dict[str, Any]] = []
        if links:
            inside = {uid, *reached["uid"]}
            cols = store.query_columns(cypher(f"trace_{direction}_links", dialect),
                                       {"uid": uid, "evidence": evidence})
            edges = _links(cols, inside,
                           _sentences(store, cols["evidence"]) if evidence else None)
            parents = _parents_of(edges, up)
        else:
            parents = _parents(reached, uid, up, depth)
        docs = _documents(reached, parents, root["date"], up)
    return Trace(root, docs, edges)


def _parents(reached: dict[str, list[Any]], root: str, up: bool,
             depth: int | None) -> dict[str, list[str]]:
    """Each traced document's `parents`, sorted, each once: the upper ends of its links to
    other traced documents (down, the documents it implements; up, those implementing it)
    that are the root or within MAX_DEPTH - 1 of it, as the links query has them. `reached`
    holds the documents kept (within `depth`), each with the `outs` it implements."""
    uids, depths, outs = reached["uid"], reached["depth"], reached["outs"]
    reach = min(depth or MAX_DEPTH, MAX_DEPTH - 1)
    upper = {u for u, k in zip(uids, depths, strict=True) if k <= reach}
    upper.add(root)
    if not up:  # a document's parents are the upper ends among what it implements
        return {u: sorted(upper.intersection(o)) for u, o in zip(uids, outs, strict=True) if o}
    # up: a document's parents implement it; the root implements exactly those at depth 1
    inside = set(uids)
    found: dict[str, set[str]] = {u: {root} for u, k in zip(uids, depths, strict=True)
                                  if k == 1}
    for u, o in zip(uids, outs, strict=True):
        if u in upper:
            for q in o:
                if q in inside:
                    found.setdefault(q, set()).add(u)
    return {u: sorted(s) for u, s in found.items()}


def _parents_of(edges: list[dict[str, Any]], up: bool) -> dict[str, list[str]]:
    """`_parents` from the links between traced documents, sorted by (child, parent): the
    same lists, since the links query returns exactly the links whose upper end `_parents`
    keeps (the root or within MAX_DEPTH - 1 of it)."""
    parents: dict[str, list[str]] = {}
    lower, upper = ("parent", "child") if up else ("child", "parent")
    for e in edges:
        ps = parents.setdefault(e[lower], [])
        if not ps or ps[-1] != e[upper]:  # each once; the same ones are side by side
            ps.append(e[upper])
    return parents


def _sentences(store: Store, keys: list[list[str]]) -> dict[str, str]:
    """The sentences of the Evidence nodes the links name (each stored once: ARCHITECTURE,
    appendix 16), read in one query."""
    uids = sorted({k for ks in keys for k in ks})
    if not uids:
        return {}
    cols = store.query_columns(cypher("evidence_sentences", store.dialect), {"uids": uids})
    return dict(zip(cols["uid"], cols["sentence"], strict=True))


def _links(cols: dict[str, list[Any]], inside: set[str],
           said: dict[str, str] | None) -> list[dict[str, Any]]:
    """The links between traced documents, by (child, parent), then query order; with the
    sentences `said` (Evidence uid -> sentence), each link's least sentence."""
    child, parent = cols["child"], cols["parent"]
    basis, named, sources = cols["basis"], cols["evidence"], cols["sources"]
    kept = [i for i, (c, p) in enumerate(zip(child, parent, strict=True))
            if c in inside and p in inside]
    # one string per link sorts faster than pairs
    keys = [child[i] + "\0" + parent[i] for i in kept]
    kept = [kept[k] for k in sorted(range(len(kept)), key=keys.__getitem__)]
    if said is not None:
        return [{"child": child[i], "parent": parent[i], "basis": basis[i],
                 "sentence": min((said[k] for k in named[i] if k in said), default=None),
                 "sources": sources[i]} for i in kept]
    return [{"child": child[i], "parent": parent[i], "basis": basis[i],
             "sources": sources[i]} for i in kept]


def _documents(reached: dict[str, list[Any]], parents: dict[str, list[str]],
               root_date: dt.date | None, up: bool) -> list[dict[str, Any]]:
    """The traced documents as the JSON contract has them, by depth, date, then id."""
    uids, depths, dates = reached["uid"], reached["depth"], reached["date"]
    symbols, types, issuers = reached["symbol"], reached["type"], reached["issuer"]
    levels, localities, titles = reached["level"], reached["locality"], reached["title"]
    sign = -1 if up else 1
    lags = [sign * (d - root_date).days if d is not None else None for d in dates] \
        if root_date is not None else [None] * len(dates)
    docs = [{"id": u, "symbol": s, "type": ty, "issuer": i, "level": lv, "locality": lo,
             "date": d, "title": ti, "depth": k, "parents": parents.get(u, []), "lag_days": lag}
            for u, s, ty, i, lv, lo, d, ti, k, lag in zip(
                uids, symbols, types, issuers, levels, localities, dates, titles, depths, lags,
                strict=True)]
    keys = list(zip(depths, [d or dt.date.max for d in dates], uids, strict=True))
    return [docs[i] for i in sorted(range(len(docs)), key=keys.__getitem__)]


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
