"""The embedded store: schema from the ontology, idempotent and source-scoped loading."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from graph import load_batches, open_store, to_batch
from graph.ladybug_store import LadybugStore
from graph.model import Evidence
from graph.store import StoreError
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


def test_hub_relationships_are_stored_forward_and_still_walked_both_ways(store):
    """Rows that all point at a few nodes (agencies, provinces, themes) are kept from their
    source side only (kg:storeForwardOnly), and a walk from the few nodes still finds them."""
    schema = load_schema()
    forward = {r.type for r in schema.rels if r.forward_only}
    assert {"LEAD", "SUPPORT", "ISSUED_BY", "RELEVANT_FOR", "HAS_THEME"} <= forward
    assert "IMPLEMENTS" not in forward  # walked backwards, by length, in every trace
    ddl = [d for d in LadybugStore.ddl_for(schema) if d.startswith("CREATE REL TABLE")]
    assert sum("storage_direction='fwd'" in d for d in ddl) == len(forward)
    load_batches(store, [to_batch(x) for x in factories.corpus()])
    for rel, hub in (("ISSUED_BY", "Organisation"), ("RELEVANT_FOR", "Locality")):
        out = store.query(f"MATCH (d:Document)-[:{rel}]->(h:{hub}) "
                          "RETURN h.uid AS hub, d.uid AS doc ORDER BY hub, doc")
        back = store.query(f"MATCH (h:{hub})<-[:{rel}]-(d:Document) "
                           "RETURN h.uid AS hub, d.uid AS doc ORDER BY hub, doc")
        assert out and back == out
        # a walk made to start from the hub cannot go back: the error says how to write it
        with pytest.raises(StoreError, match=f"{rel} is stored from its source side only"):
            store.query(f"MATCH (h:{hub}) WITH h MATCH (h)<-[:{rel}]-(d:Document) RETURN d")


def test_a_page_cache_too_small_for_a_write_says_which_setting_to_raise(tmp_path):
    from graph.store import StoreError

    s = LadybugStore(str(tmp_path / "kg.lbdb"), buffer_pool_size=32 << 20)
    s.ensure_schema()
    with pytest.raises(StoreError, match="KG_BUFFER_POOL_MB"):
        load_batches(s, [to_batch(x) for x in factories.corpus()])
    s.close()
    s = LadybugStore(str(tmp_path / "kg.lbdb"), buffer_pool_size=256 << 20)
    report = load_batches(s, [to_batch(x) for x in factories.corpus()])  # repairs, then loads
    assert len(report.added) == 3 and all(src.complete for src in s.sources())
    s.close()


def test_the_page_cache_is_half_of_ram_and_can_be_set(tmp_path, monkeypatch):
    import os

    from graph.ladybug_store import BUFFER_POOL_ENV, default_buffer_pool

    monkeypatch.delenv(BUFFER_POOL_ENV, raising=False)
    ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    assert default_buffer_pool() == ram // 2
    s = LadybugStore(str(tmp_path / "a.lbdb"))
    assert s._db.buffer_pool_size == default_buffer_pool()
    s.close()
    monkeypatch.setenv(BUFFER_POOL_ENV, "96")
    s = LadybugStore(str(tmp_path / "b.lbdb"))
    assert s._db.buffer_pool_size == 96 << 20
    s.ensure_schema()
    load_batches(s, [to_batch(x) for x in factories.corpus()])
    assert stats(s)["relationships"]["IMPLEMENTS"] == 5
    s.close()
    s = LadybugStore(str(tmp_path / "c.lbdb"), buffer_pool_size=80 << 20)
    assert s._db.buffer_pool_size == 80 << 20
    s.close()


def _graph(store):
    from graph.dump import dump

    return list(dump(store))


def test_later_files_one_by_one_give_the_graph_of_one_write(tmp_path):
    """The provinces' files refer to nodes the first write created (26-NQ/TW, themes): those
    are updated in place whether the files come together or one per write."""
    batches = [to_batch(x) for x in factories.corpus()]
    stores = []
    for name, writes in (("one", [batches[:1], batches[1:]]), ("many", [[b] for b in batches])):
        s = open_store(str(tmp_path / f"{name}.lbdb"))
        s.ensure_schema()
        for w in writes:
            load_batches(s, w)
        stores.append(s)
    one, many = map(_graph, stores)
    assert many == one
    assert sum(len(rows) for _, _, rows in one) > 20
    for s in stores:
        s.close()


def test_a_later_source_fills_what_an_existing_node_lacks(store):
    first = to_batch(factories.central())
    first.node("Document", "doc:x", None, symbol="X-1", type=None)
    first.node("Task", "task:x", None, label="a", support=["Bộ A"])
    load_batches(store, [first])
    later = to_batch(factories.province("Hải Phòng", "hai-phong", "123", dt.date(2018, 7, 30)))
    later.node("Document", "doc:x", None, symbol="X-2", type="Kế hoạch")  # X-1 was first
    later.node("Task", "task:x", None, label=None, support=None, text="t")
    load_batches(store, [later])
    assert store.query("MATCH (d:Document {uid: 'doc:x'}) RETURN d.symbol AS s, d.type AS t") \
        == [{"s": "X-1", "t": "Kế hoạch"}]
    assert store.query("MATCH (t:Task {uid: 'task:x'}) RETURN t.label AS l, t.support AS s, "
                       "t.text AS x") == [{"l": "a", "s": ["Bộ A"], "x": "t"}]


def test_a_write_that_fails_midway_is_repaired_and_checkpoints_resume(store):
    good = [to_batch(x) for x in factories.corpus()]
    bad = to_batch(factories.province("Huế", "hue", "9", dt.date(2019, 1, 1)))
    bad.node("Task", "task:bad", None, ord="not a number")  # refused by the column, mid-write
    with pytest.raises(Exception, match="not a number"):
        load_batches(store, [bad])
    assert [s.complete for s in store.sources()] == [False]
    assert store.query("CALL current_setting('auto_checkpoint') RETURN *") == \
        [{"auto_checkpoint": "True"}]
    report = load_batches(store, good)
    assert report.repaired == ["hue.txt"]
    assert {s.name for s in store.sources() if s.complete} == set(report.added)


CRASH_AFTER_WRITE = """
import os, sys
from graph import load_batches, to_batch
from graph.ladybug_store import LadybugStore
from tests import factories
s = LadybugStore(sys.argv[1])
s.ensure_schema()
load_batches(s, [to_batch(x) for x in factories.corpus()][:int(sys.argv[2])])
s.checkpoint()
load_batches(s, [to_batch(x) for x in factories.corpus()][int(sys.argv[2]):])
assert all(x.complete for x in s.sources())  # written, not yet checkpointed
os._exit(0)  # a crash: no close, no checkpoint
"""


def test_sources_written_since_the_last_checkpoint_are_repaired_after_a_crash(tmp_path):
    path = str(tmp_path / "crash.lbdb")
    root = Path(__file__).resolve().parents[1]
    subprocess.run([sys.executable, "-c", CRASH_AFTER_WRITE, path, "1"], cwd=root, check=True)
    s = LadybugStore(path)
    # what was written after the checkpoint is gone or incomplete: never taken as loaded
    assert [x.name for x in s.sources() if x.complete] == ["central.txt"]
    load_batches(s, [to_batch(x) for x in factories.corpus()])
    s.checkpoint()
    after_crash = _graph(s)
    s.close()
    clean = LadybugStore(str(tmp_path / "clean.lbdb"))
    clean.ensure_schema()
    batches = [to_batch(x) for x in factories.corpus()]
    load_batches(clean, batches[:1])
    load_batches(clean, batches[1:])
    clean.checkpoint()
    assert after_crash == _graph(clean)
    clean.close()


def test_a_store_checkpoints_once_enough_records_are_written(tmp_path):
    batches = [to_batch(x) for x in factories.corpus()]
    s = LadybugStore(str(tmp_path / "a.lbdb"), checkpoint_min_records=10**9)
    s.ensure_schema()
    load_batches(s, batches[:2])
    assert s.checkpoints.sources  # below the threshold: not yet durable, reported complete
    assert all(x.complete for x in s.sources())
    assert s.query("MATCH (x:Source) WHERE x.complete RETURN count(x) AS c") == [{"c": 0}]
    s.close()  # closing checkpoints
    s = LadybugStore(str(tmp_path / "a.lbdb"), checkpoint_min_records=0)
    assert s.query("MATCH (x:Source) WHERE x.complete RETURN count(x) AS c") == [{"c": 2}]
    load_batches(s, batches[2:])
    assert not s.checkpoints.sources  # a threshold of 0 checkpoints after every write
    s.close()


def test_a_write_frees_the_arrow_memory_it_used(store):
    import pyarrow as pa

    load_batches(store, [to_batch(x) for x in factories.corpus()][:1])  # warm: schema, caches
    before = pa.total_allocated_bytes()
    load_batches(store, [to_batch(x) for x in factories.corpus()][1:])
    assert pa.total_allocated_bytes() == before  # nothing kept by the connection


CRASH_AFTER_UPDATE = """
import os, sys
from graph import load_batches, to_batch
from graph.ladybug_store import LadybugStore
from tests import factories
s = LadybugStore(sys.argv[1])
s.ensure_schema()
first, second, third = (to_batch(x) for x in factories.corpus()[:3])
load_batches(s, [first])
s.checkpoint()
second.node("Document", "doc:x", None, symbol="X-1")
load_batches(s, [second])  # doc:x copied, not yet durable
third.node("Document", "doc:x", None, type="Kế hoạch")
load_batches(s, [third])  # updates doc:x: an update the log would replay on nothing
os._exit(0)
"""

REOPEN = """
import sys
from graph.ladybug_store import LadybugStore
s = LadybugStore(sys.argv[1])
print(sorted(x.name for x in s.sources() if x.complete))
print(s.query("MATCH (d:Document {uid: 'doc:x'}) RETURN d.symbol AS s, d.type AS t"))
"""


def test_a_crash_after_updating_a_node_not_yet_durable_leaves_a_store_that_opens(tmp_path):
    path = str(tmp_path / "crash.lbdb")
    root = Path(__file__).resolve().parents[1]
    subprocess.run([sys.executable, "-c", CRASH_AFTER_UPDATE, path], cwd=root, check=True)
    reopened = subprocess.run([sys.executable, "-c", REOPEN, path], cwd=root,
                              capture_output=True, text=True)
    assert reopened.returncode == 0, reopened.stderr
    complete, doc = reopened.stdout.splitlines()
    # the update waited for a checkpoint that never came: nothing after the first is durable,
    # and the log holds no update of a node that is gone
    assert complete == "['central.txt']"
    assert doc in ("[]", "[{'s': 'X-1', 't': None}]")


def test_an_update_of_a_node_not_yet_durable_waits_for_the_next_checkpoint(tmp_path):
    first, second, third = (to_batch(x) for x in factories.corpus()[:3])
    first.node("Document", "doc:x", None, symbol="X-1")
    second.node("Document", "doc:x", None, type="Kế hoạch", title="T3")
    third.node("Document", "doc:x", None, title="T4", issued=dt.date(2020, 1, 2))
    s = LadybugStore(str(tmp_path / "a.lbdb"), checkpoint_min_records=10**9)
    s.ensure_schema()
    for b in (first, second, third):
        load_batches(s, [b])
    assert len(s.checkpoints.sources) == 3  # no write checkpointed: the updates of doc:x wait
    # a read applies them, in order: the first value stated stays
    assert s.query("MATCH (d:Document {uid: 'doc:x'}) RETURN d.symbol AS s, d.type AS t, "
                   "d.title AS ti, d.issued AS da") == \
        [{"s": "X-1", "t": "Kế hoạch", "ti": "T3", "da": dt.date(2020, 1, 2)}]
    assert not s.checkpoints.sources and all(x.complete for x in s.sources())
    s.close()


def test_a_failed_write_leaves_no_update_waiting(tmp_path, monkeypatch):
    first, second = (to_batch(x) for x in factories.corpus()[:2])
    first.node("Document", "doc:x", Evidence(first.source.uid, "X-1", 0, 3), symbol="X-1")
    second.node("Document", "doc:x", None, title="from a failed write")
    s = LadybugStore(str(tmp_path / "a.lbdb"), checkpoint_min_records=10**9)
    s.ensure_schema()
    load_batches(s, [first])

    def refuse(conn, schema, rows):
        raise RuntimeError("disk full")

    monkeypatch.setattr(s.write_path, "copy_rels", refuse)  # fails after its nodes were written
    with pytest.raises(RuntimeError):
        load_batches(s, [second])
    monkeypatch.undo()
    load_batches(s, [])  # repairs: retracts the failed source
    assert s.query("MATCH (d:Document {uid: 'doc:x'}) RETURN d.title AS t") == [{"t": None}]
    s.close()


def test_checkpoints_come_with_a_share_of_the_store_bounded_both_ways():
    from graph.ladybug_checkpoints import CHECKPOINT_MAX_RECORDS, checkpoint_due

    assert checkpoint_due(0) == checkpoint_due(10**5) == 1_000_000  # small stores: the minimum
    assert checkpoint_due(4_000_000) == 2_000_000  # half of what is stored
    assert checkpoint_due(50_000_000) == CHECKPOINT_MAX_RECORDS < 25_000_000  # memory bound
    assert checkpoint_due(10**9, min_records=0) == CHECKPOINT_MAX_RECORDS
