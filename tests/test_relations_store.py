"""Relations besides implements in both stores, `kg show`, the trace and the RDF export: written
with their evidence, retracted per source, idempotent on reload, and never walked as
implements."""

from __future__ import annotations

import datetime as dt

import pyshacl
import pytest
from rdflib import RDF
from rdflib.namespace import PROV

from graph import load_batches, open_store, to_batch
from graph.batch import Batch
from graph.model import Extraction, Implements, Relation
from graph.rdf import node_iri, to_rdf
from graph.rows import to_rows
from ontology import KG, load_schema
from ontology.shapes import shapes
from queries import show, trace
from tests import factories

PLAN = "doc:40/QĐ-UBND@ha-giang"
CHANGES = ("BASED_ON", "REPLACES", "REPEALS", "AMENDS")


def decision(version: str = "") -> Extraction:
    """A provincial decision: based on a decree, replacing and repealing older decisions,
    implementing the central resolution; and a decree amending another."""
    s = factories.source("qd40.txt", version)
    own = factories.doc(s, PLAN, "40/QĐ-UBND", "Quyết định", "provincial", "Hà Giang",
                        dt.date(2024, 3, 1), "Ủy ban nhân dân tỉnh Hà Giang")
    decree = factories.doc(s, "doc:31/2020/NĐ-CP", "31/2020/NĐ-CP", "Nghị định", "central")
    amending = factories.doc(s, "doc:9/2023/NĐ-CP", "9/2023/NĐ-CP", "Nghị định", "central")
    old = factories.doc(s, "doc:2/QĐ-UBND@ha-giang", "2/QĐ-UBND", "Quyết định", "provincial",
                        "Hà Giang")
    gone = factories.doc(s, "doc:3/QĐ-UBND@ha-giang", "3/QĐ-UBND", "Quyết định", "provincial",
                         "Hà Giang")
    nq = factories.doc(s, "doc:26-NQ/TW", "26-NQ/TW", "Nghị quyết", "central")
    basis = "Căn cứ Nghị định số 31/2020/NĐ-CP <b>của</b> Chính phủ;" + version
    rels = [
        Relation("BASED_ON", PLAN, decree.uid, factories.ev(s, basis)),
        Relation("BASED_ON", PLAN, amending.uid, factories.ev(s, basis)),
        Relation("REPLACES", PLAN, old.uid,
                 factories.ev(s, "Quyết định này thay thế Quyết định số 2/QĐ-UBND.")),
        Relation("REPEALS", PLAN, gone.uid,
                 factories.ev(s, "Điều 3. Bãi bỏ Quyết định số 3/QĐ-UBND.")),
        Relation("AMENDS", amending.uid, decree.uid,
                 factories.ev(s, "Nghị định số 9/2023/NĐ-CP sửa đổi Nghị định số 31/2020.")),
    ]
    link = Implements(PLAN, nq.uid, "explicit", factories.ev(s, "Thực hiện Nghị quyết 26."))
    return Extraction(s, version, documents=[own, decree, amending, old, gone, nq],
                      implements=[link], relations=rels)


def counts(store) -> dict[str, int]:
    return {t: store.query(f"MATCH (:Document)-[r:{t}]->(:Document) RETURN count(r) AS n")[0]["n"]
            for t in ("IMPLEMENTS", *CHANGES)}


@pytest.fixture(params=["ladybug", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request, tmp_path):
    if request.param == "neo4j":
        yield request.getfixturevalue("neo4j_store")
        return
    s = open_store(str(tmp_path / "kg.lbdb"))
    s.ensure_schema()
    yield s
    s.close()


def test_batches_carry_one_edge_per_relation_and_rows_refuse_an_undeclared_kind():
    b = to_batch(decision())
    assert sorted(e.type for e in b.edges if e.type in CHANGES) == [
        "AMENDS", "BASED_ON", "BASED_ON", "REPEALS", "REPLACES"]
    rows = to_rows([b], load_schema())
    assert len(rows.rels[("BASED_ON", "Document", "Document")]) == 2
    bad = Batch(b.source, b.nodes, b.edges)
    bad.edge("CITES", ("Document", PLAN), ("Document", "doc:26-NQ/TW"), b.edges[0].evidence)
    with pytest.raises(KeyError, match="CITES"):
        to_rows([bad], load_schema())


def test_stores_write_relations_with_evidence_and_reload_idempotently(store):
    load_batches(store, [to_batch(decision())])
    want = {"IMPLEMENTS": 1, "BASED_ON": 2, "REPLACES": 1, "REPEALS": 1, "AMENDS": 1}
    assert counts(store) == want
    row = store.query("MATCH (a:Document)-[r:REPEALS]->(b:Document) "
                      "MATCH (ev:Evidence {uid: r.evidence}) RETURN a.uid AS a, "
                      "b.uid AS b, ev.sentence AS sentence, r.source AS source, "
                      "r.span_start AS span_start, r.span_end AS span_end, r.method AS method, "
                      "r.confidence AS confidence")
    assert row == [{"a": PLAN, "b": "doc:3/QĐ-UBND@ha-giang",
                    "sentence": "Điều 3. Bãi bỏ Quyết định số 3/QĐ-UBND.",
                    "source": decision().source.uid, "span_start": 0, "span_end": 39,
                    "method": "explicit", "confidence": 0.9}]
    report = load_batches(store, [to_batch(decision())])
    assert report.unchanged == ["qd40.txt"] and counts(store) == want


def test_a_changed_file_retracts_its_old_relations(store):
    load_batches(store, [to_batch(decision())])
    changed = decision("v2")
    changed.relations = [r for r in changed.relations if r.kind != "REPLACES"]
    load_batches(store, [to_batch(changed)])
    assert counts(store) == {"IMPLEMENTS": 1, "BASED_ON": 2, "REPLACES": 0, "REPEALS": 1,
                             "AMENDS": 1}
    sentences = {r["s"] for r in store.query(
        "MATCH (:Document)-[r:BASED_ON]->(:Document) MATCH (ev:Evidence {uid: r.evidence}) "
        "RETURN ev.sentence AS s")}
    assert sentences == {"Căn cứ Nghị định số 31/2020/NĐ-CP <b>của</b> Chính phủ;v2"}
    # the old version's sentences went with it: every Evidence left is the new source's
    kept = store.query("MATCH (ev:Evidence) RETURN DISTINCT ev.source AS s")
    assert kept == [{"s": changed.source.uid}]


def test_show_lists_the_sentences_behind_relations_and_trace_ignores_them(store):
    load_batches(store, [to_batch(decision())])
    info = show(store, PLAN)
    out = {(r["type"], r["direction"], r["other"]): r["sentence"]
           for r in info["relationships"]}
    assert out[("BASED_ON", "out", "doc:31/2020/NĐ-CP")].startswith("Căn cứ Nghị định")
    assert ("REPLACES", "out", "doc:2/QĐ-UBND@ha-giang") in out
    decree = show(store, "doc:31/2020/NĐ-CP")
    assert {(r["type"], r["direction"], r["other"]) for r in decree["relationships"]
            if r["type"] in CHANGES} == {("BASED_ON", "in", PLAN),
                                        ("AMENDS", "in", "doc:9/2023/NĐ-CP")}
    # only IMPLEMENTS is a derivation: the decree is nobody's root, the plan reaches 26-NQ/TW
    assert [d["id"] for d in trace(store, "doc:31/2020/NĐ-CP").documents] == []
    assert [d["id"] for d in trace(store, PLAN, up=True).documents] == ["doc:26-NQ/TW"]


def test_rdf_exports_relations_as_eli_subproperties_with_prov_evidence(tmp_path):
    s = open_store(str(tmp_path / "kg.lbdb"))
    s.ensure_schema()
    load_batches(s, [to_batch(decision())])
    g = to_rdf(s)
    s.close()
    a, b = node_iri(PLAN), node_iri("doc:31/2020/NĐ-CP")
    assert (a, KG.basedOn, b) in g
    assert (a, KG.implements, b) not in g
    assert (a, KG.repeals, node_iri("doc:3/QĐ-UBND@ha-giang")) in g
    assert (node_iri("doc:9/2023/NĐ-CP"), KG.amends, b) in g
    st = next(st for st in g.subjects(RDF.predicate, KG.basedOn)
              if (st, RDF.subject, a) in g and (st, RDF.object, b) in g)
    assert (st, RDF.type, PROV.Entity) in g
    assert (st, PROV.wasDerivedFrom, node_iri(decision().source.uid)) in g
    assert str(g.value(st, KG.sentence)).startswith("Căn cứ Nghị định số 31/2020")
    ok, _, report = pyshacl.validate(g, shacl_graph=shapes())
    assert ok, report


def test_kg_show_prints_the_sentences_behind_relations(tmp_path, kg_load):
    from click.testing import CliRunner

    from kg.cli import cli
    from tests.test_relations import DECISION

    text = tmp_path / "qd73.txt"
    text.write_text(DECISION, encoding="utf-8")
    store = str(tmp_path / "kg.lbdb")
    kg_load(store, text)
    r = CliRunner().invoke(cli, ["--store", store, "show", "73/QĐ-UBND"])
    assert r.exit_code == 0, r.output
    assert "-> BASED_ON doc:48/2019/NĐ-CP" in r.output
    assert "Căn cứ Nghị định số 48/2019/NĐ-CP ngày 5/6/2019" in r.output
    assert "-> REPEALS doc:27/2016/QĐ-UBND@quang-tri" in r.output
    assert "Điều 3. Bãi bỏ Quyết định số 27/2016/QĐ-UBND" in r.output
