"""The embedded store: schema from the ontology, idempotent and source-scoped loading."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from graph import load_batches, open_store, to_batch
from graph.ladybug_store import LadybugStore
from ontology import load_schema
from queries import stats
from tests import factories


@pytest.fixture
def store(tmp_path):
    s = open_store(str(tmp_path / "kg.lbdb"))
    s.ensure_schema()
    yield s
    s.close()


def test_open_store_picks_ladybug_for_paths(tmp_path):
    s = open_store(str(tmp_path / "x.lbdb"))
    assert isinstance(s, LadybugStore)
    s.close()


def test_tables_are_exactly_the_ontology_names(store):
    schema = load_schema()
    tables = {r["name"]: r["type"] for r in store.query("CALL show_tables() RETURN *")}
    assert {n.label for n in schema.nodes} == {k for k, v in tables.items() if v == "NODE"}
    assert {r.type for r in schema.rels} == {k for k, v in tables.items() if v == "REL"}
    for n in schema.nodes:
        cols = {r["name"] for r in store.query(f"CALL table_info('{n.label}') RETURN *")}
        assert cols == {p.name for p in n.props}


def test_load_writes_documents_links_tasks_and_evidence(store):
    report = load_batches(store, [to_batch(x) for x in factories.corpus()])
    assert len(report.added) == 3
    counts = stats(store)
    assert counts["nodes"]["Document"] == 4
    assert counts["relationships"]["IMPLEMENTS"] == 5
    assert counts["nodes"]["Task"] == 2
    rows = store.query("MATCH (d:Document {uid: $u})-[m:MENTIONED_IN]->(s:Source) "
                       "RETURN s.name AS name, m.sentence AS sentence ORDER BY name",
                       {"u": "doc:123-KH/TU@hai-phong"})
    assert rows == [{"name": "hai-phong.txt",
                     "sentence": "Tỉnh ủy Hải Phòng ban hành Kế hoạch số 123-KH/TU để thực "
                                 "hiện Nghị quyết."}]


def test_reloading_the_same_files_changes_nothing(store):
    batches = [to_batch(x) for x in factories.corpus()]
    load_batches(store, batches)
    before = stats(store)
    report = load_batches(store, batches)
    assert report.added == [] and len(report.unchanged) == 3
    assert stats(store) == before


def test_a_changed_file_replaces_exactly_its_facts(store):
    load_batches(store, [to_batch(x) for x in factories.corpus()])
    before = stats(store)
    changed = factories.province("Hải Phòng", "hai-phong", "123", dt.date(2018, 7, 31), "v2")
    changed = dataclasses.replace(changed, source=dataclasses.replace(
        changed.source, path="/corpus/hai-phong.txt"))
    report = load_batches(store, [to_batch(changed)])
    assert report.replaced == ["hai-phong.txt"]
    assert stats(store) == before
    rows = store.query("MATCH (d:Document {uid: 'doc:123-KH/TU@hai-phong'}) RETURN d.issued AS d")
    assert rows == [{"d": dt.date(2018, 7, 31)}]
    # Quảng Ninh's facts are untouched
    assert store.query("MATCH (t:Task)<-[:HAS_TASK]-(d:Document {uid: $u}) RETURN count(t) AS n",
                       {"u": "doc:228-KH/TU@quang-ninh"}) == [{"n": 1}]


def test_shared_documents_survive_retraction_of_one_source(store):
    load_batches(store, [to_batch(x) for x in factories.corpus()])
    hp = factories.province("Hải Phòng", "hai-phong", "123", dt.date(2018, 7, 30))
    store.retract([hp.source.uid])
    uids = {r["u"] for r in store.query("MATCH (d:Document) RETURN d.uid AS u")}
    assert uids == {"doc:26-NQ/TW", "doc:10-KH/TW", "doc:228-KH/TU@quang-ninh"}
    assert stats(store)["nodes"]["Task"] == 1


def test_an_interrupted_write_is_repaired_on_the_next_load(store):
    batches = [to_batch(x) for x in factories.corpus()]
    load_batches(store, batches[:1])
    store.write(batches[1:2])  # written but never marked complete: as after a crash
    store.query("MATCH (s:Source {uid: $u}) SET s.complete = false",
                {"u": batches[1].source.uid})
    report = load_batches(store, batches)
    assert report.repaired == ["hai-phong.txt"]
    assert stats(store)["relationships"]["IMPLEMENTS"] == 5


def test_undeclared_property_is_refused_before_writing(store):
    b = to_batch(factories.central())
    b.node("Document", "doc:x", None, colour="red")
    with pytest.raises(ValueError, match="does not declare"):
        store.write([b])
    assert stats(store)["nodes"]["Document"] == 0
