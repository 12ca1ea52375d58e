"""What every store promises (graph.store.Store), tested once against both: the embedded file
and a real Neo4j over Bolt, through one parametrised fixture. Idempotent, source-scoped loading;
one IMPLEMENTS per pair of documents with its evidence, whatever the sources stating it; lag
and years as data; numbers as numbers."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from graph import load_batches, open_store, to_batch
from graph.dump import dump
from graph.store import ReadOnlyError, StoreError
from queries import stats
from tests import factories
from tests.conftest import empty_neo4j_store

HP = "doc:123-KH/TU@hai-phong"
NQ = "doc:26-NQ/TW"
KH = "doc:10-KH/TW"


@pytest.fixture(params=["ladybug", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request, tmp_path):
    if request.param == "ladybug":
        s = open_store(str(tmp_path / "kg.lbdb"))
        s.ensure_schema()
    else:
        s = empty_neo4j_store(request.getfixturevalue("neo4j_uri"))
    yield s
    s.close()


def contents(store) -> list:
    """The whole graph as comparable data: every node and relationship with its properties."""
    return [(kind, name, sorted(map(repr, rows))) for kind, name, rows in dump(store)]


def links(store, child: str, parent: str) -> list[dict]:
    return store.query("MATCH (a:Document {uid: $a})-[r:IMPLEMENTS]->(b:Document {uid: $b}) "
                       "RETURN r.sources AS sources, r.evidence_count AS n, r.basis AS basis, "
                       "r.source AS source, r.lag_days AS lag", {"a": child, "b": parent})


def copy_of_hai_phong(version: str = ""):
    """Another file stating the Hải Phòng plan and its links (a republished copy)."""
    return factories.province("Hải Phòng", "hai-phong", "123", dt.date(2018, 7, 30), version,
                              file="hai-phong-copy.txt")


# ---------------------------------------------------------------- loading


def test_load_writes_documents_links_tasks_and_evidence(store):
    report = load_batches(store, [to_batch(x) for x in factories.corpus()])
    assert len(report.added) == 3
    counts = stats(store)
    assert counts["nodes"]["Document"] == 4
    assert counts["relationships"]["IMPLEMENTS"] == 5
    assert counts["nodes"]["Task"] == 2
    rows = store.query("MATCH (d:Document {uid: $u})-[m:MENTIONED_IN]->(s:Source) "
                       "MATCH (ev:Evidence {uid: m.evidence}) "
                       "RETURN s.name AS name, ev.sentence AS sentence ORDER BY name", {"u": HP})
    assert rows == [{"name": "hai-phong.txt",
                     "sentence": "Tỉnh ủy Hải Phòng ban hành Kế hoạch số 123-KH/TU để thực "
                                 "hiện Nghị quyết."}]


def test_reloading_the_same_files_changes_nothing(store):
    batches = [to_batch(x) for x in factories.corpus()]
    load_batches(store, batches)
    before = contents(store)
    report = load_batches(store, batches)
    assert report.added == [] and len(report.unchanged) == 3
    assert contents(store) == before


def test_a_changed_file_replaces_exactly_its_facts(store):
    load_batches(store, [to_batch(x) for x in factories.corpus()])
    before = stats(store)
    changed = factories.province("Hải Phòng", "hai-phong", "123", dt.date(2018, 7, 31), "v2")
    report = load_batches(store, [to_batch(changed)])
    assert report.replaced == ["hai-phong.txt"]
    assert stats(store) == before
    rows = store.query("MATCH (d:Document {uid: $u}) RETURN d.issued AS d", {"u": HP})
    assert rows == [{"d": dt.date(2018, 7, 31)}]
    assert store.query("MATCH (t:Task)<-[:HAS_TASK]-(d:Document {uid: $u}) RETURN count(t) AS n",
                       {"u": "doc:228-KH/TU@quang-ninh"}) == [{"n": 1}]
    assert [r["lag"] for r in links(store, HP, NQ)] == [73]  # from the new date


def test_shared_documents_survive_retraction_of_one_source(store):
    load_batches(store, [to_batch(x) for x in factories.corpus()])
    hp = factories.province("Hải Phòng", "hai-phong", "123", dt.date(2018, 7, 30))
    store.retract([hp.source.uid])
    uids = {r["u"] for r in store.query("MATCH (d:Document) RETURN d.uid AS u")}
    assert uids == {NQ, KH, "doc:228-KH/TU@quang-ninh"}
    assert stats(store)["nodes"]["Task"] == 1
    assert {r["n"] for r in store.query("MATCH (t:Theme) RETURN t.uid AS n")} == {
        "theme:succession"}  # reference data stays


def test_an_interrupted_write_is_repaired_on_the_next_load(store):
    batches = [to_batch(x) for x in factories.corpus()]
    load_batches(store, batches[:1])
    store.write(batches[1:2])
    store.checkpoint()
    store.execute("MATCH (s:Source {uid: $u}) SET s.complete = false",  # as if never marked
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


def conflicting_batches() -> list:
    """Three sources stating different values for the same nodes."""
    out = [to_batch(x) for x in factories.corpus()]
    for i, b in enumerate(out):
        b.node("Document", "doc:x", None, symbol=f"X-{i}", title=None if i == 0 else f"t{i}")
        b.node("Task", "task:x", None, support=[] if i < 2 else [f"Sở {i}"], label=f"l{i}")
    return out


def test_the_first_value_stated_stays_however_the_writes_are_grouped(store, tmp_path):
    for b in conflicting_batches():  # one write each here, all in one write below
        load_batches(store, [b])
    assert store.query("MATCH (d:Document {uid: 'doc:x'}) RETURN d.symbol AS s, d.title AS t"
                       ) == [{"s": "X-0", "t": "t1"}]
    assert store.query("MATCH (t:Task {uid: 'task:x'}) RETURN t.support AS s, t.label AS l"
                       ) == [{"s": ["Sở 2"], "l": "l0"}]
    one = open_store(str(tmp_path / "one.lbdb"))
    one.ensure_schema()
    load_batches(one, conflicting_batches())
    assert contents(store) == contents(one)
    one.close()


def test_the_first_value_stated_stays_and_a_null_keeps_it(store):
    # the provinces' texts name 26-NQ/TW without its date or issuer; the central text's stay
    load_batches(store, [to_batch(x) for x in reversed(factories.corpus())])
    rows = store.query("MATCH (d:Document {uid: $u}) RETURN d.issued AS issued, "
                       "d.issuer AS issuer", {"u": NQ})
    assert rows == [{"issued": dt.date(2018, 5, 19),
                     "issuer": "Ban Chấp hành Trung ương Đảng khóa XII"}]


# ---------------------------------------------------------------- one link per pair


def test_two_sources_stating_a_link_give_one_implements_with_two_evidences(store):
    corpus = [*factories.corpus(), copy_of_hai_phong()]
    load_batches(store, [to_batch(x) for x in corpus])
    srcs = sorted([corpus[1].source.uid, corpus[3].source.uid])
    assert links(store, HP, NQ) == [{"sources": srcs, "n": 2, "basis": "explicit",
                                     "source": srcs[0], "lag": 72}]
    said = store.query("MATCH (a:Document {uid: $a})-[e:IMPLEMENTS_EVIDENCE]->(b:Document) "
                       "WHERE b.uid = $b MATCH (ev:Evidence {uid: e.evidence}) "
                       "RETURN e.source AS s, ev.sentence AS sentence "
                       "ORDER BY s", {"a": HP, "b": NQ})
    assert [r["s"] for r in said] == srcs and all(r["sentence"] for r in said)
    # one row per pair: counting links needs no DISTINCT
    n = store.query("MATCH (:Document)-[r:IMPLEMENTS]->(:Document) RETURN count(r) AS n")
    assert n == [{"n": 5}]


def test_retracting_or_replacing_one_source_keeps_the_link_with_the_other(store):
    corpus = [*factories.corpus(), copy_of_hai_phong()]
    load_batches(store, [to_batch(x) for x in corpus])
    store.retract([corpus[3].source.uid])
    assert links(store, HP, NQ) == [{"sources": [corpus[1].source.uid], "n": 1,
                                     "basis": "explicit", "source": corpus[1].source.uid,
                                     "lag": 72}]
    load_batches(store, [to_batch(x) for x in corpus])  # back again
    changed = copy_of_hai_phong("v2")  # the copy edited: same file, new content
    report = load_batches(store, [to_batch(changed)])
    assert report.replaced == ["hai-phong-copy.txt"]
    assert links(store, HP, NQ)[0]["sources"] == sorted([corpus[1].source.uid,
                                                         changed.source.uid])
    assert links(store, HP, NQ)[0]["n"] == 2


def test_retracting_every_source_of_a_link_removes_it_and_reloading_restores_it(store):
    copy = factories.central(file="central-copy.txt")
    corpus = [*factories.corpus(), copy]
    batches = [to_batch(x) for x in corpus]
    load_batches(store, batches)
    before = contents(store)
    assert links(store, KH, NQ)[0]["n"] == 2
    store.retract([corpus[0].source.uid, copy.source.uid])
    # both documents stay (the provinces' texts name them) but nothing states the link now
    assert {r["u"] for r in store.query("MATCH (d:Document) RETURN d.uid AS u")} >= {KH, NQ}
    assert links(store, KH, NQ) == []
    load_batches(store, batches)
    assert contents(store) == before


def test_links_do_not_depend_on_the_order_files_were_loaded_in(store, tmp_path):
    corpus = [*factories.corpus(), copy_of_hai_phong()]
    for x in reversed(corpus):  # one by one, the central text (with the dates) last
        load_batches(store, [to_batch(x)])
    assert links(store, HP, NQ)[0]["lag"] == 72  # dated after the link was written
    other = open_store(str(tmp_path / "other.lbdb"))
    other.ensure_schema()
    load_batches(other, [to_batch(x) for x in corpus])

    def implements(s):  # (a node keeps the first value stated, so nodes may differ)
        return [x for x in contents(s) if x[1][0] in ("IMPLEMENTS", "IMPLEMENTS_EVIDENCE")]

    assert implements(store) == implements(other) and len(implements(store)) == 2
    other.close()


# ---------------------------------------------------------------- dates and numbers as data


def test_lag_days_and_issued_year_are_stored(store):
    load_batches(store, [to_batch(x) for x in factories.corpus()])
    rows = store.query("MATCH (a:Document)-[r:IMPLEMENTS]->(b:Document) "
                       "RETURN a.uid AS child, b.uid AS parent, r.lag_days AS lag "
                       "ORDER BY child, parent")
    assert [(r["child"], r["parent"], r["lag"]) for r in rows] == [
        (KH, NQ, 18), (HP, KH, 54), (HP, NQ, 72),
        ("doc:228-KH/TU@quang-ninh", KH, 84), ("doc:228-KH/TU@quang-ninh", NQ, 102)]
    years = store.query("MATCH (d:Document) RETURN d.issued_year AS y, count(d) AS n "
                        "ORDER BY y")
    assert years == [{"y": 2018, "n": 4}]
    assert all(type(r["y"]) is int and type(r["n"]) is int for r in years)


def test_aggregates_come_back_as_numbers(store):
    load_batches(store, [to_batch(x) for x in factories.corpus()])
    row = store.query("MATCH (a:Document)-[r:IMPLEMENTS]->(:Document) "
                      "RETURN sum(r.lag_days) AS total, count(r) AS n, avg(r.lag_days) AS mean, "
                      "max(r.confidence) AS top, sum(r.evidence_count) AS said")[0]
    assert row == {"total": 330, "n": 5, "mean": 66.0, "top": 0.9, "said": 5}
    assert [type(row[k]) for k in ("total", "n", "mean", "top", "said")] == [
        int, int, float, float, int]


def test_a_bad_query_is_a_one_line_store_error(store):
    with pytest.raises(StoreError, match="query failed") as e:
        store.query("MATCH (n RETURN n")
    assert "\n" not in str(e.value)


# ---------------------------------------------------------------- reads and writes


@pytest.mark.parametrize("statement", [
    "CREATE (:Source {uid: 'src:written-by-a-read', name: 'x', path: 'x', complete: true})",
    "MATCH (d:Document {uid: 'doc:26-NQ/TW'}) SET d.title = 'changed by a read'",
    "MATCH (d:Document {uid: 'doc:26-NQ/TW'}) DETACH DELETE d",
], ids=["create", "set", "delete"])
def test_a_write_through_the_read_method_fails_and_changes_nothing(store, statement):
    load_batches(store, [to_batch(x) for x in factories.corpus()])
    before = contents(store)
    with pytest.raises(ReadOnlyError):
        store.query(statement)
    with pytest.raises(ReadOnlyError):
        store.query_columns(statement)
    assert contents(store) == before
    assert store.query("RETURN 1 AS one") == [{"one": 1}]  # the store still answers reads


def test_writes_go_through_the_write_method(store):
    load_batches(store, [to_batch(x) for x in factories.corpus()])
    rows = store.execute("MATCH (d:Document {uid: $u}) SET d.title = $t RETURN d.uid AS uid",
                         {"u": NQ, "t": "a title set on purpose"})
    assert rows == [{"uid": NQ}]
    assert store.query("MATCH (d:Document {uid: $u}) RETURN d.title AS t",
                       {"u": NQ}) == [{"t": "a title set on purpose"}]


def test_a_store_opened_for_reading_refuses_the_write_method(store, request, tmp_path):
    load_batches(store, [to_batch(x) for x in factories.corpus()])
    if store.dialect == "neo4j":
        uri = request.getfixturevalue("neo4j_uri")
    else:
        uri = str(tmp_path / "kg.lbdb")
        store.close()  # durable, and the file is the reader's
    reader = open_store(uri, read_only=True)
    try:
        with pytest.raises(ReadOnlyError):
            reader.execute("MATCH (d:Document {uid: $u}) SET d.title = 'x'", {"u": NQ})
        assert reader.query("MATCH (d:Document {uid: $u}) RETURN d.title AS t",
                            {"u": NQ}) == [{"t": None}]
    finally:
        reader.close()


# ---------------------------------------------------------------- stores built before


def old_schema():
    """The schema of a kg before one IMPLEMENTS per pair: IMPLEMENTS once per source."""
    from rdflib import URIRef

    from ontology import KG
    from ontology.schema import ontology_graph, schema_from_graph

    g = ontology_graph()
    old = type(g)()
    gone = {KG.implementsEvidence, KG.sources, KG.evidenceCount, KG.lagDays, KG.issuedYear}
    for s, p, o in g:
        if s in gone or p == KG.summarises or (p == KG.onRelation and o in gone):
            continue
        old.add((s, p, o))
    assert isinstance(KG.implements, URIRef)
    return schema_from_graph(old)


@pytest.fixture
def old_store(request, tmp_path):
    """(a store written by the older kg, a function opening it with today's)"""
    schema = old_schema()
    if request.param == "ladybug":
        from graph.ladybug_store import LadybugStore

        path = str(tmp_path / "old.lbdb")
        s = LadybugStore(path, schema=schema)
        yield s, lambda **kw: open_store(path, **kw)
    else:
        from graph.neo4j_store import Neo4jStore

        uri = request.getfixturevalue("neo4j_uri")
        empty_neo4j_store(uri).close()
        s = Neo4jStore(uri, schema=schema)
        yield s, lambda **kw: open_store(uri, **kw)


@pytest.mark.parametrize("old_store", ["ladybug", pytest.param("neo4j", marks=pytest.mark.neo4j)],
                         indirect=True)
def test_a_store_built_before_is_brought_up_to_date_when_opened_for_writing(old_store,
                                                                             tmp_path):
    before, reopen = old_store
    before.ensure_schema()
    corpus = [*factories.corpus(), copy_of_hai_phong()]
    old_batches = [to_batch(x) for x in corpus]
    for b in old_batches:  # as the older kg wrote them: documents had no issued_year
        b.nodes = [dataclasses.replace(n, props={k: v for k, v in n.props.items()
                                                 if k != "issued_year"}) for n in b.nodes]
    load_batches(before, old_batches)
    assert before.query("MATCH (:Document)-[r:IMPLEMENTS]->(:Document) RETURN count(r) AS n"
                        ) == [{"n": 7}]  # one per source: the copy states two links again
    before.close()
    if "lbdb" in str(getattr(before, "uri", "")):
        with pytest.raises(StoreError, match="built by an older kg") as e:
            reopen(read_only=True)
        assert "\n" not in str(e.value)
    store = reopen()
    store.ensure_schema()
    fresh = open_store(str(tmp_path / "fresh.lbdb"))
    fresh.ensure_schema()
    load_batches(fresh, [to_batch(x) for x in corpus])
    assert contents(store) == contents(fresh)
    assert links(store, HP, NQ)[0]["n"] == 2
    store.close()
    fresh.close()


# ---------------------------------------------------------------- the registry


def test_stores_are_picked_by_uri_scheme_from_one_registry(tmp_path):
    from graph.store import STORES, store_class, store_kind

    assert store_kind(str(tmp_path / "x.lbdb")).name == "ladybug"
    for uri in ("bolt://h:7687", "NEO4J+S://h", "neo4j+ssc://u:p@h:7687"):
        assert store_kind(uri).name == "neo4j"
    assert store_class("neo4j").dialect == "neo4j" and store_class("ladybug").dialect == "ladybug"
    assert set(STORES) == {"ladybug", "neo4j"}
    with pytest.raises(StoreError, match="use bolt://HOST:7687"):
        open_store("http://localhost:7474")
    with pytest.raises(StoreError, match=r"bolt, bolt\+s, .*neo4j\+ssc") as e:
        open_store("ftp://h/kg")
    assert "\n" not in str(e.value) and not (tmp_path / "ftp:").exists()
    with pytest.raises(StoreError, match="kg has ladybug, neo4j"):
        store_class("sqlite")
