"""Trace down and up over a hand-built chain, as rows, JSON and a networkx graph."""

from __future__ import annotations

import pytest

from graph import load_batches, open_store, to_batch
from queries import AmbiguousDocument, resolve_document, trace, trace_graph
from tests import factories


@pytest.fixture
def store(tmp_path):
    s = open_store(str(tmp_path / "kg.lbdb"))
    s.ensure_schema()
    load_batches(s, [to_batch(x) for x in factories.corpus()])
    yield s
    s.close()


def test_trace_down_lists_every_level_with_parents_and_lag(store):
    t = trace(store, "doc:26-NQ/TW")
    rows = {d["id"]: d for d in t.documents}
    assert set(rows) == {"doc:10-KH/TW", "doc:123-KH/TU@hai-phong", "doc:228-KH/TU@quang-ninh"}
    hp = rows["doc:123-KH/TU@hai-phong"]
    assert hp["depth"] == 1
    assert hp["parents"] == ["doc:10-KH/TW", "doc:26-NQ/TW"]
    assert hp["lag_days"] == 72
    assert hp["locality"] == "Hải Phòng"
    assert rows["doc:228-KH/TU@quang-ninh"]["lag_days"] == 102


def test_trace_json_contract(store):
    out = trace(store, "doc:26-NQ/TW").as_json()
    assert out["root"]["id"] == "doc:26-NQ/TW" and out["root"]["date"] == "2018-05-19"
    keys = {"id", "symbol", "type", "issuer", "locality", "date", "depth", "parents", "lag_days"}
    assert all(keys <= set(d) for d in out["documents"])


def test_depth_limits_the_trace(store):
    assert trace(store, "doc:10-KH/TW", depth=1).documents
    assert {d["depth"] for d in trace(store, "doc:26-NQ/TW", depth=1).documents} == {1}


def test_trace_up_follows_implements_forward(store):
    t = trace(store, "doc:123-KH/TU@hai-phong", up=True)
    assert {d["id"] for d in t.documents} == {"doc:26-NQ/TW", "doc:10-KH/TW"}
    assert {d["id"]: d["lag_days"] for d in t.documents}["doc:26-NQ/TW"] == 72


def test_trace_graph_has_edges_child_to_parent(store):
    g = trace_graph(trace(store, "doc:26-NQ/TW"))
    assert g.has_edge("doc:228-KH/TU@quang-ninh", "doc:10-KH/TW")
    assert g.nodes["doc:26-NQ/TW"]["root"] is True
    assert g.edges["doc:10-KH/TW", "doc:26-NQ/TW"]["basis"] == "explicit"


def test_symbols_resolve_accent_and_case_insensitively(store):
    assert resolve_document(store, "26-nq/tư")["uid"] == "doc:26-NQ/TW"
    assert resolve_document(store, "228-kh/tu")["uid"] == "doc:228-KH/TU@quang-ninh"


def test_a_uid_or_a_central_symbol_resolves_by_key_without_scanning_documents(store):
    queries = []
    real = store.query
    store.query = lambda cypher, params=None: queries.append(cypher) or real(cypher, params)
    for text in ("26-NQ/TW", "doc:26-NQ/TW", "doc:228-KH/TU@quang-ninh"):
        queries.clear()
        assert resolve_document(store, text)["uid"] in ("doc:26-NQ/TW", "doc:228-KH/TU@quang-ninh")
        assert not any("MATCH (x:Document)" in q for q in queries), text
    queries.clear()  # a local symbol is matched over every document (several may carry it)
    assert resolve_document(store, "228-KH/TU")["uid"] == "doc:228-KH/TU@quang-ninh"
    assert any("MATCH (x:Document)" in q for q in queries)


def test_a_local_symbol_in_two_provinces_lists_the_candidates(store, tmp_path):
    import datetime as dt

    other = factories.province("Hải Dương", "hai-duong", "123", dt.date(2018, 7, 26))
    load_batches(store, [to_batch(other)])
    with pytest.raises(AmbiguousDocument) as e:
        resolve_document(store, "123-KH/TU")
    assert {c["uid"] for c in e.value.candidates} == {"doc:123-KH/TU@hai-phong",
                                                      "doc:123-KH/TU@hai-duong"}
    assert resolve_document(store, "123-KH/TU@Hai Duong")["uid"] == "doc:123-KH/TU@hai-duong"


def test_trace_without_evidence_has_the_same_documents_and_links(store):
    for uid, up in (("doc:26-NQ/TW", False), ("doc:123-KH/TU@hai-phong", True)):
        full, lean = trace(store, uid, up=up), trace(store, uid, up=up, evidence=False)
        assert lean.as_json() == full.as_json() and lean.documents
        assert [{k: v for k, v in e.items() if k != "sentence"} for e in full.edges] == lean.edges
        assert all(e["sentence"] for e in full.edges)
        assert all("sentence" not in e for e in lean.edges)


def test_trace_without_links_has_the_same_documents_and_parents_from_the_links(store):
    """`links=False` (what the CLI and the analyses ask) reads the parents from one walk; they
    are the upper ends of the links the full trace returns, down and up, at every depth."""
    cases = [("doc:26-NQ/TW", False, None), ("doc:26-NQ/TW", False, 1),
             ("doc:10-KH/TW", False, None), ("doc:228-KH/TU@quang-ninh", True, None),
             ("doc:228-KH/TU@quang-ninh", True, 1), ("doc:123-KH/TU@hai-phong", True, None)]
    for uid, up, depth in cases:
        full = trace(store, uid, up=up, depth=depth)
        lean = trace(store, uid, up=up, depth=depth, links=False)
        assert lean.as_json() == full.as_json() and lean.documents and lean.edges == []
        ends = {}
        for e in full.edges:
            upper, lower = (e["child"], e["parent"]) if up else (e["parent"], e["child"])
            ends.setdefault(lower, set()).add(upper)
        assert {d["id"]: set(d["parents"]) for d in lean.documents} == {
            d["id"]: ends.get(d["id"], set()) for d in lean.documents}, (uid, up, depth)


def test_generations_take_the_longest_chain_and_cut_cycles():
    from kg.render import _generations_cutting_cycles, generations
    from queries import Trace

    def doc(uid, *parents):
        return {"id": uid, "parents": list(parents)}

    # R <- A <- B, B <- C and R <- C (a shortcut): C sits two links below R through B
    chain = Trace({"id": "R"}, [doc("A", "R"), doc("C", "B", "R"), doc("B", "A")], [])
    assert generations(chain) == {"R": 0, "A": 1, "B": 2, "C": 3}
    cycle = Trace({"id": "R"}, [doc("A", "R", "C"), doc("B", "A"), doc("C", "B")], [])
    assert generations(cycle) == _generations_cutting_cycles(cycle) and "R" in generations(cycle)
    unreached = Trace({"id": "R"}, [doc("A", "R"), doc("B", "X")], [])  # X: not under R
    assert generations(unreached) == {"R": 0, "A": 1}
