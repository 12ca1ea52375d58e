"""Evidence stored once (issue 20, item 5): a sentence of a source behind many relationships
is one Evidence node, in both stores, named by each relationship's `evidence` key; retracting
the source deletes it, reloading converges, a bulk copy writes the same, readers print the
sentence, and a store written before refuses to open in one line."""

from __future__ import annotations

import ladybug
import pytest

from graph import load_batches, open_store
from graph.batch import Batch
from graph.dump import dump
from graph.ladybug_store import LadybugStore
from graph.store import StoreError
from queries import show, trace
from tests import factories
from tests.conftest import empty_neo4j_store

SHARED = "Ủy ban tỉnh giao Sở Nội vụ, Sở Tài chính và Sở Tư pháp cùng thực hiện các văn bản trên."
OWN = "Văn bản riêng của kế hoạch."


def plan(name: str = "ke-hoach.txt", version: str = "") -> Batch:
    """A plan whose one sentence cites three documents and names three agencies: ten
    relationships read from it (three IMPLEMENTS, three SUPPORT … and their mentions)."""
    s = factories.source(name, version)
    b = Batch(s)
    shared, own = factories.ev(s, SHARED + version), factories.ev(s, OWN)
    b.node("Document", "doc:9-KH/TU@ha-nam", own, name="9-KH/TU", level="provincial")
    b.node("Task", "task:9:1", own, label="1", text="Thực hiện.")
    b.edge("HAS_TASK", ("Document", "doc:9-KH/TU@ha-nam"), ("Task", "task:9:1"), own)
    for i in range(3):
        b.node("Document", f"doc:{i}-NQ/TW", shared, name=f"{i}-NQ/TW", level="central")
        b.edge("IMPLEMENTS", ("Document", "doc:9-KH/TU@ha-nam"), ("Document", f"doc:{i}-NQ/TW"),
               shared, basis="explicit")
        b.node("Organisation", f"org:so-{i}@ha-nam", shared, name=f"Sở {i}", level="provincial")
        b.edge("SUPPORT", ("Task", "task:9:1"), ("Organisation", f"org:so-{i}@ha-nam"), shared)
    return b


def evidence(store) -> list[dict]:
    return store.query("MATCH (e:Evidence) RETURN e.source AS source, e.sentence AS sentence "
                       "ORDER BY source, sentence")


def named(store) -> int:
    """Relationships whose Evidence is there and of their own source."""
    return store.query("MATCH ()-[r]->() MATCH (e:Evidence {uid: r.evidence}) "
                       "WHERE e.source = r.source RETURN count(r) AS n")[0]["n"]


@pytest.fixture(params=["ladybug", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request, tmp_path):
    if request.param == "neo4j":
        s = empty_neo4j_store(request.getfixturevalue("neo4j_uri"))
    else:
        s = open_store(str(tmp_path / "kg.lbdb"))
        s.ensure_schema()
    yield s
    s.close()


def test_a_sentence_behind_many_relationships_is_stored_once(store):
    b = plan()
    load_batches(store, [b])
    assert evidence(store) == [{"source": b.source.uid, "sentence": OWN},
                               {"source": b.source.uid, "sentence": SHARED}]
    every = store.query("MATCH ()-[r]->() RETURN count(r) AS n")[0]["n"]
    assert every >= 14 and named(store) == every  # each names its Evidence
    shared = store.query("MATCH ()-[r]->() MATCH (e:Evidence {uid: r.evidence}) "
                         "WHERE e.sentence = $s RETURN count(r) AS n", {"s": SHARED})[0]["n"]
    assert shared >= 9  # 3 IMPLEMENTS_EVIDENCE, 3 SUPPORT, 6 MENTIONED_IN (and IMPLEMENTS)
    # readers print the sentence as before
    info = show(store, "org:so-1@ha-nam")
    assert [e["sentence"] for e in info["evidence"]] == [SHARED]
    assert [r["sentence"] for r in info["relationships"]] == [SHARED]
    edges = trace(store, "doc:0-NQ/TW").edges
    assert [(e["child"], e["sentence"]) for e in edges] == [("doc:9-KH/TU@ha-nam", SHARED)]


def test_sources_own_their_evidence_reloads_converge_and_retraction_removes_it(store):
    first, other = plan(), plan("ban-sao.txt")
    load_batches(store, [first, other])
    assert [e["source"] for e in evidence(store)] == sorted([first.source.uid] * 2
                                                            + [other.source.uid] * 2)
    load_batches(store, [plan(), plan("ban-sao.txt")])  # unchanged: nothing written
    assert len(evidence(store)) == 4
    changed = plan(version=" (sửa)")  # same file, new text: its old sentences go
    assert changed.source.path == first.source.path != changed.source.uid != first.source.uid
    load_batches(store, [changed])
    said = evidence(store)
    assert {e["source"] for e in said} == {other.source.uid, changed.source.uid}
    assert sorted(e["sentence"] for e in said if e["source"] == changed.source.uid) == sorted(
        [SHARED + " (sửa)", OWN])
    assert named(store) == store.query("MATCH ()-[r]->() RETURN count(r) AS n")[0]["n"]
    store.retract([other.source.uid])
    assert [e["source"] for e in evidence(store)] == [changed.source.uid] * 2
    store.retract([changed.source.uid])
    assert evidence(store) == []


def test_a_bulk_copy_writes_the_same_evidence_as_plain_writes(tmp_path):
    plain = open_store(str(tmp_path / "plain.lbdb"))
    plain.ensure_schema()
    load_batches(plain, [plan(), plan("ban-sao.txt")])
    staged = open_store(str(tmp_path / "staged.lbdb"))
    staged.ensure_schema()
    with staged.bulk():
        load_batches(staged, [plan()])
        load_batches(staged, [plan("ban-sao.txt")])

    def contents(s) -> list:
        return [(k, n, sorted(map(repr, rows))) for k, n, rows in dump(s) if n != ("Source",)]

    assert contents(staged) == contents(plain)
    assert len(evidence(staged)) == 4
    plain.close()
    staged.close()


def _inline_evidence_store(path: str) -> None:
    """A store as a kg before Evidence nodes wrote it: the sentence on the relationship."""
    db = ladybug.Database(path)
    conn = ladybug.Connection(db)
    conn.execute("CREATE NODE TABLE Source(uid STRING, name STRING, PRIMARY KEY (uid))")
    conn.execute("CREATE NODE TABLE Document(uid STRING, name STRING, PRIMARY KEY (uid))")
    conn.execute("CREATE REL TABLE MENTIONED_IN(FROM Document TO Source, source STRING, "
                 "sentence STRING)")
    conn.close()
    db.close()


@pytest.mark.parametrize("read_only", [True, False])
def test_a_store_with_inline_evidence_says_to_rebuild_it(tmp_path, read_only):
    path = str(tmp_path / "old.lbdb")
    _inline_evidence_store(path)
    with pytest.raises(StoreError) as refused:
        LadybugStore(path, read_only=read_only)
    said = str(refused.value)
    assert "\n" not in said and path in said and "older kg" in said
    assert "load the files again into a new store" in said


@pytest.mark.neo4j
def test_a_neo4j_store_with_inline_evidence_says_to_rebuild_it(neo4j_uri):
    from graph.neo4j_store import Neo4jStore

    s = empty_neo4j_store(neo4j_uri)
    try:
        s.execute("CREATE (:Document {uid: 'doc:x'})-[:MENTIONED_IN {source: 'src:x', "
                  "sentence: 'Câu cũ.'}]->(:Source {uid: 'src:x'})")
        with pytest.raises(StoreError) as refused:
            Neo4jStore(neo4j_uri)
        said = str(refused.value)
        assert "\n" not in said and "older kg" in said and "new store" in said
    finally:
        s.clear()
        s.close()
