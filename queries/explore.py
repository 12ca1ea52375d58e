"""The graph the HTML explorer shows: documents, implements links, tasks and evidence.

Read-only and the same on every store: the Cypher is in queries/cypher/explore_*.cypher and
takes only parameters. The result is a networkx graph (edges child -> parent, like
`trace_graph`) whose nodes and edges carry everything the explorer's side panel needs (a
task's `aligns`: the central tasks it takes up, with the analysts' reviews). Its
edges are implements links only (layout, depth and "path to root" follow them); the other
relations between the documents shown (BASED_ON, REPLACES … : every Document -> Document
type the ontology declares) are listed in `g.graph["relations"]`, with their evidence.

    >>> g = explore(store)                                   # doctest: +SKIP
    >>> g.nodes["doc:123-KH/TU@hai-phong"]["tasks"][0]["lead"]  # doctest: +SKIP
    'Ban Tổ chức Tỉnh ủy'
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import networkx as nx

from alignment.reviewed import read_reviews
from graph.store import Store
from queries.columns import Columns, records
from queries.loader import cypher
from queries.trace import trace

_EVIDENCE = ("source", "source_name", "sentence", "span_start", "span_end", "method",
             "confidence")


def explore(store: Store, root: str | None = None, depth: int | None = None) -> nx.DiGraph:
    """Documents and the implements links between them, with tasks, themes and evidence.

    Without `root`: every document in the store. With `root` (a document uid): the root and
    what implements it, down to `depth` levels; each node then carries its trace `depth`.
    """
    depths: dict[str, int] = {}
    if root is not None:
        t = trace(store, root, depth=depth, links=False)  # the depths only
        depths = {root: 0} | {d["id"]: d["depth"] for d in t.documents}
    dialect = getattr(store, "dialect", "ladybug")
    uids = sorted(depths) if root is not None else \
        store.query_columns(cypher("explore_all", dialect))["uid"]
    params = {"uids": uids}

    def columns(name: str) -> Columns:
        return store.query_columns(cypher(name, dialect), params)

    names = {s.uid: s.name for s in store.sources()}
    g = nx.DiGraph(root=root)
    docs = columns("explore_documents")
    for d in records(docs):
        g.add_node(d["uid"], id=d["uid"], symbol=d["symbol"], type=d["type"],
                   issuer=d["issuer"], level=d["level"] or "unknown", locality=d["locality"],
                   date=d["date"], title=d["title"], tasks=[], themes=[], evidence=[])
        if d["uid"] in depths:
            g.nodes[d["uid"]]["depth"] = depths[d["uid"]]
    if root is not None and root in g:
        g.nodes[root]["root"] = True
    nodes = g.nodes
    ev = columns("explore_evidence")
    for i, u in enumerate(ev["uid"]):
        if u in g:
            nodes[u]["evidence"].append({k: ev[k][i] for k in _EVIDENCE})
    themes: dict[str, set[str]] = defaultdict(set)
    th = columns("explore_themes")
    for task, theme in zip(th["task"], th["theme"], strict=True):
        themes[task].add(theme)
    tasks = columns("explore_tasks")
    for i, doc in enumerate(tasks["document"]):
        if doc not in g:
            continue
        uid = tasks["uid"][i]
        nodes[doc]["tasks"].append(
            {"uid": uid, "label": tasks["label"][i], "text": tasks["text"][i],
             "lead": tasks["lead"][i], "support": list(tasks["support"][i] or []),
             "deadline": tasks["deadline"][i], "themes": sorted(themes.get(uid, ()))})
    aligns = alignments(store, uids, {t["uid"] for n in g.nodes.values() for t in n["tasks"]})
    for n in g.nodes.values():
        for task in n["tasks"]:
            task["aligns"] = aligns.get(task["uid"], [])
        n["themes"] = sorted({th for t in n["tasks"] for th in t["themes"]})
    links = columns("explore_implements")
    for i, (child, parent) in enumerate(zip(links["child"], links["parent"], strict=True)):
        if child not in g or parent not in g:
            continue
        basis = links["basis"][i]
        stated = {k: links[k][i] if k in links else None for k in _EVIDENCE}
        stated["source_name"], stated["basis"] = names.get(links["source"][i]), basis
        if g.has_edge(child, parent):
            data = g.edges[child, parent]
            data["evidence"].append(stated)
            if basis == "explicit":  # one explicit statement makes the link explicit
                data["basis"] = "explicit"
        else:
            g.add_edge(child, parent, basis=basis, evidence=[stated])
    g.graph["relations"] = _relations(store, params, g, names)
    return g


def alignments(store: Store, uids: list[str], tasks: set[str] | None = None
               ) -> dict[str, list[dict[str, Any]]]:
    """The task links (ALIGNS_WITH) from the tasks of documents `uids`, with the analysts'
    reviews: {local task uid: [{central, document, score, basis, words, verdict, reviewer, at,
    note}]} (words: those both tasks share, what the link rests on).
    A rejected pair is no longer proposed; its review is listed all the same (no score,
    document None), so that the explorer shows what the analyst turned down. `tasks`: the
    uids of those documents' tasks, when the caller has them already."""
    dialect = getattr(store, "dialect", "ladybug")
    cols = store.query_columns(cypher("explore_alignments", dialect), {"uids": uids})
    reviews = read_reviews(store)
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    linked = set()
    words = cols.get("words") or [None] * len(cols["local"])
    for local, central, document, score, basis, shared in zip(
            cols["local"], cols["central"], cols["central_document"], cols["score"],
            cols["basis"], words, strict=True):
        v = reviews.get((local, central))
        linked.add((local, central))
        out[local].append({"central": central, "document": document, "score": score,
                           "basis": basis, "words": list(shared or ()), **_verdict(v)})
    if reviews:
        if tasks is None:
            tasks = set(store.query_columns(cypher("explore_tasks", dialect),
                                            {"uids": uids})["uid"])
        for (local, central), v in sorted(reviews.items()):
            if local in tasks and (local, central) not in linked:
                out[local].append({"central": central, "document": None, "score": None,
                                   "basis": None, **_verdict(v)})
    return dict(out)


def _verdict(v: Any) -> dict[str, Any]:
    if v is None:
        return {"verdict": None, "reviewer": None, "at": None, "note": None}
    return {"verdict": v.verdict, "reviewer": v.by or None, "at": v.at or None,
            "note": v.note or None}


def _relations(store: Store, params: dict[str, Any], g: nx.DiGraph,
               names: dict[str, str]) -> list[dict[str, Any]]:
    """One entry per (type, child, parent) among the graph's documents, every source's
    evidence in it. The types come from the ontology (names, never user values, in Cypher)."""
    from ontology import load_schema

    cols = ", ".join(f"ev.{k} AS {k}" if k == "sentence" else f"r.{k} AS {k}"
                     for k in _EVIDENCE if k != "source_name")
    out: dict[tuple[str, str, str], dict[str, Any]] = {}
    for rel in load_schema().document_links:
        if rel.type == "IMPLEMENTS":
            continue
        rows = store.query_columns("UNWIND $uids AS u WITH DISTINCT u "
                                   f"MATCH (c:Document {{uid: u}})-[r:{rel.type}]->(p:Document) "
                                   "OPTIONAL MATCH (ev:Evidence {uid: r.evidence}) "
                                   f"RETURN c.uid AS child, p.uid AS parent, {cols} "
                                   "ORDER BY child, parent, source, span_start", params)
        for i, (child, parent) in enumerate(zip(rows["child"], rows["parent"], strict=True)):
            if child not in g or parent not in g:
                continue
            ev = {k: rows[k][i] if k in rows else None for k in _EVIDENCE}
            ev["source_name"] = names.get(rows["source"][i])
            key = (rel.type, child, parent)
            out.setdefault(key, {"type": rel.type, "child": child, "parent": parent,
                                 "evidence": []})["evidence"].append(ev)
    return list(out.values())
