"""coverage, gaps and explore read their queries as columns (issue 20.4): the answers are those
of the row-by-row reads they replaced, kept here as the oracle (4aa65b7's reading code, over
`Store.query`), on both stores, for every document of a small corpus with task links and
analysts' verdicts (one accepted, one rejected). The Neo4j half runs with `-m neo4j`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import networkx as nx
import pytest

from alignment.deriving import derived_alignment_batch
from alignment.review import record
from alignment.reviewed import read_reviews
from graph import load_batches, open_store, to_batch
from graph.store import Store
from queries import trace
from queries.coverage import Coverage, coverage, coverage_table
from queries.explore import _EVIDENCE, _relations, _verdict, explore
from queries.gaps import REFORM_DATE, Gaps, _cited_only, eras_on, gaps, locality_gaps
from queries.loader import cypher
from tests import analysis_corpus
from tests.conftest import empty_neo4j_store


# ----------------------------------------------------------------- the row-by-row oracle
def rows_coverage(store: Store, uid: str, by: str = "document") -> Coverage:
    t = trace(store, uid, links=False)
    central_tasks = store.query(cypher("coverage_central_tasks"), {"uid": uid})
    uids = [d["id"] for d in t.documents]
    counts = {r["uid"]: r["tasks"] for r in store.query(cypher("task_counts"), {"uids": uids})}
    plans: list[dict[str, Any]] = []
    without: list[dict[str, Any]] = []
    for d in t.documents:
        row = {"uid": d["id"], "symbol": d["symbol"], "type": d["type"], "issuer": d["issuer"],
               "level": d["level"], "locality": d["locality"], "date": d["date"],
               "depth": d["depth"], "tasks": counts.get(d["id"], 0)}
        (plans if row["tasks"] else without).append(row)
    links = store.query(cypher("coverage_links"), {"uid": uid})
    with_tasks = {p["uid"] for p in plans}
    reviews = read_reviews(store)
    links = [{**x, "verdict": r.verdict if r else None, "reviewer": r.by if r else None}
             for x in links if x["plan"] in with_tasks
             for r in [reviews.get((x["task"], x["central"]))]]
    columns, rows = coverage_table(central_tasks, plans, links, by)
    return Coverage(t.root, by, columns, rows, without, plans)


def rows_gaps(store: Store, uid: str) -> Gaps:
    cov = rows_coverage(store, uid)
    as_of = cov.root.get("date")
    assert as_of is not None
    untaken = [{"label": r["label"], "text": r["text"]} for r in cov.rows
               if not r["covered"] and not r["partly"]]
    names = {c["id"]: c["name"] for c in cov.columns}
    missing = [{"label": r["label"], "text": r["text"],
                "not_taken_up_by": [names[cid] for cid, cell in r["cells"].items()
                                    if cell["status"] == "not covered"]} for r in cov.rows]
    missing = [m for m in missing if m["not_taken_up_by"]]
    from queries.coverage import document_name

    plan_localities: dict[str, list[str]] = {}
    no_locality = []
    for d in [*cov.plans, *cov.without_tasks]:
        if d["locality"]:
            plan_localities.setdefault(d["locality"], []).append(document_name(d))
        elif d["level"] != "central":
            no_locality.append({"id": d["uid"], "name": document_name(d), "level": d["level"]})
    units = store.query(cypher("gaps_localities"), {"eras": eras_on(as_of)})
    mergers = {} if as_of >= REFORM_DATE else {
        r["old"]: r["new"] for r in store.query(cypher("gaps_mergers"))}
    without, with_, successors = locality_gaps(units, mergers, plan_localities)
    citing = [cov.root["id"], *(d["uid"] for d in (*cov.plans, *cov.without_tasks))]
    cites: dict[str, list[str]] = {}
    for r in store.query(cypher("gaps_cited"), {"uids": citing}):
        cites.setdefault(r["uid"], []).append(r["cited_by"])
    cited = [{"id": d["uid"], "name": document_name(d), "level": d["level"],
              "locality": d["locality"], "date": d["date"],
              "cited_by": sorted(cites.get(d["uid"], []))} for d in cov.without_tasks]
    return Gaps(cov.root, as_of, untaken, missing, without, with_,
                successors if mergers else [], no_locality, cited)


def rows_explore(store: Store, root: str | None = None, depth: int | None = None) -> nx.DiGraph:
    depths: dict[str, int] = {}
    if root is not None:
        t = trace(store, root, depth=depth, links=False)
        depths = {root: 0} | {d["id"]: d["depth"] for d in t.documents}
    dialect = store.dialect
    uids = sorted(depths) if root is not None else \
        [r["uid"] for r in store.query(cypher("explore_all", dialect))]
    params = {"uids": uids}

    def rows(name: str) -> list[dict[str, Any]]:
        return store.query(cypher(name, dialect), params)

    names = {s.uid: s.name for s in store.sources()}
    g = nx.DiGraph(root=root)
    for d in rows("explore_documents"):
        g.add_node(d["uid"], id=d["uid"], symbol=d["symbol"], type=d["type"],
                   issuer=d["issuer"], level=d["level"] or "unknown", locality=d["locality"],
                   date=d["date"], title=d["title"], tasks=[], themes=[], evidence=[])
        if d["uid"] in depths:
            g.nodes[d["uid"]]["depth"] = depths[d["uid"]]
    if root is not None and root in g:
        g.nodes[root]["root"] = True
    for e in rows("explore_evidence"):
        if e["uid"] in g:
            g.nodes[e["uid"]]["evidence"].append({k: e[k] for k in _EVIDENCE})
    themes: dict[str, set[str]] = defaultdict(set)
    for r in rows("explore_themes"):
        themes[r["task"]].add(r["theme"])
    for task in rows("explore_tasks"):
        if task["document"] in g:
            g.nodes[task["document"]]["tasks"].append(
                {"uid": task["uid"], "label": task["label"], "text": task["text"],
                 "lead": task["lead"], "support": list(task["support"] or []),
                 "deadline": task["deadline"], "themes": sorted(themes.get(task["uid"], ()))})
    reviews = read_reviews(store)
    aligns: dict[str, list[dict[str, Any]]] = defaultdict(list)
    linked = set()
    for r in rows("explore_alignments"):
        linked.add((r["local"], r["central"]))
        aligns[r["local"]].append({"central": r["central"], "document": r["central_document"],
                                   "score": r["score"], "basis": r["basis"],
                                   "words": list(r.get("words") or ()),
                                   **_verdict(reviews.get((r["local"], r["central"])))})
    tasks = {t["uid"] for n in g.nodes.values() for t in n["tasks"]}
    for (local, central), v in sorted(reviews.items()):
        if local in tasks and (local, central) not in linked:
            aligns[local].append({"central": central, "document": None, "score": None,
                                  "basis": None, **_verdict(v)})
    for n in g.nodes.values():
        for task in n["tasks"]:
            task["aligns"] = aligns.get(task["uid"], [])
        n["themes"] = sorted({th for t in n["tasks"] for th in t["themes"]})
    for r in rows("explore_implements"):
        child, parent = r["child"], r["parent"]
        if child not in g or parent not in g:
            continue
        ev = {**{k: r.get(k) for k in _EVIDENCE}, "source_name": names.get(r["source"]),
              "basis": r["basis"]}
        if g.has_edge(child, parent):
            g.edges[child, parent]["evidence"].append(ev)
            if r["basis"] == "explicit":
                g.edges[child, parent]["basis"] = "explicit"
        else:
            g.add_edge(child, parent, basis=r["basis"], evidence=[ev])
    g.graph["relations"] = _relations(store, params, g, names)
    return g


def as_data(g: nx.DiGraph) -> tuple:
    """Everything a graph holds, in its order (nodes, edges, their data, the graph's)."""
    return list(g.nodes(data=True)), list(g.edges(data=True)), g.graph


# ----------------------------------------------------------------- the stores
def fill(store: Store) -> Store:
    """The analysis corpus, its task links, one accepted and one rejected verdict."""
    store.ensure_schema()
    load_batches(store, [to_batch(x) for x in analysis_corpus.corpus()])
    load_batches(store, [derived_alignment_batch(store)])
    links = store.query("MATCH (t:Task)-[:ALIGNS_WITH]->(c:Task) "
                        "RETURN t.uid AS local, c.uid AS central ORDER BY local, central")
    assert len(links) >= 2, "the corpus must give task links to review"
    record(store, links[0]["local"], links[0]["central"], "accept", by="lan", note="yes")
    record(store, links[-1]["local"], links[-1]["central"], "reject", by="minh")
    return store


def documents(store: Store) -> list[str]:
    return [r["uid"] for r in store.query("MATCH (d:Document) RETURN d.uid AS uid ORDER BY uid")]


def check_same_answers(store: Store) -> None:
    uids = documents(store)
    assert "doc:99-NQ/TW" in uids
    covered = coverage(store, "doc:99-NQ/TW")
    assert covered.rows and covered.plans, "no coverage: the comparison would prove nothing"
    assert any(t["reviewed"] for r in covered.rows for c in r["cells"].values()
               for t in c["tasks"]), "no accepted link in the table"
    for uid in uids:
        for by in ("document", "locality"):
            assert coverage(store, uid, by=by).as_json() == \
                rows_coverage(store, uid, by=by).as_json(), (uid, by)
        if store.query(cypher("document"), {"uid": uid})[0]["date"] is not None:
            assert gaps(store, uid).as_json() == rows_gaps(store, uid).as_json(), uid
        for depth in (None, 1):
            assert as_data(explore(store, uid, depth=depth)) == \
                as_data(rows_explore(store, uid, depth=depth)), (uid, depth)
    whole = explore(store)
    assert whole.number_of_edges() and any(t["aligns"] for _, n in whole.nodes(data=True)
                                           for t in n["tasks"])
    assert as_data(whole) == as_data(rows_explore(store))


@pytest.fixture(scope="module")
def embedded(tmp_path_factory) -> Iterator[Store]:
    store = fill(open_store(str(tmp_path_factory.mktemp("columns") / "kg.lbdb")))
    yield store
    store.close()


def test_embedded_answers_are_those_of_the_row_reads(embedded):
    check_same_answers(embedded)


def test_gaps_cites_are_read_from_columns(embedded):
    """The documents without tasks, with who cites them, as the row read gives them."""
    cov = coverage(embedded, "doc:99-NQ/TW")
    assert cov.without_tasks, "no document without tasks: nothing to cite"
    assert _cited_only(embedded, cov) == rows_gaps(embedded, "doc:99-NQ/TW").cited_only


@pytest.mark.neo4j
def test_neo4j_answers_are_those_of_the_row_reads(neo4j_uri):
    store = fill(empty_neo4j_store(neo4j_uri))
    try:
        check_same_answers(store)
    finally:
        store.close()
