"""Staged bulk writes: the graph of writing as you go, copied in once, all or nothing."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pytest

from graph import load_batches, to_batch
from graph.dump import dump
from graph.ladybug_store import LadybugStore
from graph.stage import Stage, merge_by_uid
from graph.store import StoreError
from tests import factories
from tests.test_store_contract import conflicting_batches

ROOT = Path(__file__).resolve().parents[1]
LIST = pa.list_(pa.string())


def test_merging_keeps_the_first_value_stated_per_uid_in_order_of_appearance():
    table = pa.table({"uid": ["b", "a", "b", "a", "c", "b"],
                      "x": [None, "a1", "b2", "a2", None, "b3"],
                      "n": [1, None, 2, 3, None, None],
                      "l": pa.array([[], None, ["q"], ["r"], None, ["s"]], LIST)})
    assert merge_by_uid(table).to_pylist() == [
        {"uid": "b", "x": "b2", "n": 1, "l": ["q"]},
        {"uid": "a", "x": "a1", "n": 3, "l": ["r"]},
        {"uid": "c", "x": None, "n": None, "l": None},
    ]


def test_a_stage_gives_one_row_per_uid_and_lists_nobody_stated_as_empty(tmp_path):
    stage = Stage(tmp_path / "s")
    piece = {"uid": ["a", "b"], "l": pa.array([None, ["x"]], LIST)}
    stage.add({"T": pa.table(piece)}, {("R", "T", "T"): pa.table({"from": ["a"], "to": ["b"]})})
    stage.add({"T": pa.table({"uid": ["c", "a"], "l": pa.array([None, ["y"]], LIST)})}, {})
    (label, path), = stage.node_files()
    import pyarrow.parquet as pq

    assert label == "T"
    assert sorted(pq.read_table(path).to_pylist(), key=lambda r: r["uid"]) == [
        {"uid": "a", "l": ["y"]}, {"uid": "b", "l": ["x"]}, {"uid": "c", "l": []}]
    assert [k for k, _ in stage.rel_files()] == [("R", "T", "T")]
    stage.remove()
    assert not (tmp_path / "s").exists()


def test_a_staged_file_is_copied_in_pieces_of_exactly_the_rows_asked(tmp_path, monkeypatch):
    import pyarrow.parquet as pq

    from graph import stage

    monkeypatch.setattr(stage, "READ_ROWS", 7)  # pieces cut across the batches read
    path = tmp_path / "t.parquet"
    pq.write_table(pa.table({"x": list(range(50))}), path, row_group_size=9)
    for rows, skip in ((10, 0), (10, 20), (60, 0), (10, 50), (25, 25), (7, 14)):
        got = [pq.read_table(p).column("x").to_pylist() for p in stage.pieces(path, rows, skip)]
        assert got == [list(range(i, min(i + rows, 50))) for i in range(skip, 50, rows)]
    assert list(tmp_path.iterdir()) == [path]  # no piece left behind


def _graph(store):
    return list(dump(store))


def _graph_of(path: Path, batches) -> list:
    """The graph of `batches` written into a fresh store at `path`, write by write."""
    clean = _fresh(path)
    load_batches(clean, batches)
    try:
        return _graph(clean)
    finally:
        clean.close()


def _fresh(path: Path) -> LadybugStore:
    s = LadybugStore(str(path))
    s.ensure_schema()
    return s


def test_bulk_writes_give_the_graph_of_writes_as_you_go(tmp_path):
    """Nodes stated by several writes are merged (the first value stays), nodes already in the
    store are filled in, as when each write is copied at once."""
    batches = conflicting_batches()
    graphs = []
    for name in ("direct", "bulk"):
        s = _fresh(tmp_path / f"{name}.lbdb")
        load_batches(s, batches[:1])  # in the store before the bulk block
        s.checkpoint()
        if name == "bulk":
            with s.bulk():
                for b in batches[1:]:
                    load_batches(s, [b])
        else:
            for b in batches[1:]:
                load_batches(s, [b])
        graphs.append(_graph(s))
        s.close()
    assert graphs[0] == graphs[1]
    assert sum(len(rows) for _, _, rows in graphs[0]) > 20


def test_staged_rows_are_unseen_until_the_copy_but_their_sources_count_as_loaded(tmp_path):
    s = _fresh(tmp_path / "a.lbdb")
    first = to_batch(factories.corpus()[0])
    with s.bulk():
        load_batches(s, [first])
        assert [x.complete for x in s.sources()] == [True]
        assert s.query("MATCH (d:Document) RETURN count(d) AS n") == [{"n": 0}]
        assert load_batches(s, [first]).unchanged == [first.source.name]  # not staged twice
        with pytest.raises(StoreError, match="staged"):
            s.retract([first.source.uid])
    assert s.query("MATCH (d:Document) RETURN count(d) AS n")[0]["n"] > 0
    assert [(x.name, x.complete) for x in s.sources()] == [(first.source.name, True)]
    assert not Path(s.uri + ".stage").exists()
    s.close()


def test_a_bulk_block_that_fails_writes_nothing(tmp_path):
    s = _fresh(tmp_path / "a.lbdb")
    first, *rest = (to_batch(x) for x in factories.corpus())
    load_batches(s, [first])
    before = _graph(s)
    with pytest.raises(KeyboardInterrupt), s.bulk():
        load_batches(s, rest)
        raise KeyboardInterrupt
    assert _graph(s) == before
    assert not Path(s.uri + ".stage").exists()
    with s.bulk():  # and the next load writes them
        assert load_batches(s, rest).added == [b.source.name for b in rest]
    assert len(s.sources()) == 3
    s.close()


def test_a_bad_file_in_a_bulk_write_is_refused_before_anything_is_staged(tmp_path):
    s = _fresh(tmp_path / "a.lbdb")
    good = [to_batch(x) for x in factories.corpus()]
    bad = to_batch(factories.province("Huế", "hue", "9", dt.date(2019, 1, 1)))
    bad.node("Task", "task:bad", None, ord="not a number")
    with s.bulk():
        with pytest.raises(Exception, match="not a number"):
            load_batches(s, [bad])
        load_batches(s, good)
    assert {x.name for x in s.sources()} == {b.source.name for b in good}
    assert s.query("MATCH (t:Task {uid: 'task:bad'}) RETURN t.uid AS u") == []
    s.close()


CRASH_IN_BULK = """
import os, sys
from graph import load_batches, to_batch
from graph.ladybug_store import LadybugStore
from tests import factories
s = LadybugStore(sys.argv[1])
s.ensure_schema()
batches = [to_batch(x) for x in factories.corpus()]
load_batches(s, batches[:1])
s.checkpoint()
with s.bulk():
    load_batches(s, batches[1:])
    os._exit(0)  # a crash while rows are staged
"""


def test_a_crash_while_staging_leaves_the_store_as_it_was(tmp_path):
    path = tmp_path / "crash.lbdb"
    subprocess.run([sys.executable, "-c", CRASH_IN_BULK, str(path)], cwd=ROOT, check=True)
    assert Path(str(path) + ".stage").exists()  # left behind, cleared by the next bulk write
    s = LadybugStore(str(path))
    assert [x.name for x in s.sources()] == ["central.txt"]
    batches = [to_batch(x) for x in factories.corpus()]
    with s.bulk():
        load_batches(s, batches)
    after = _graph(s)
    s.close()
    assert after == _graph_of(tmp_path / "clean.lbdb", batches)


# A bulk write in a child process stopped hard (no cleanup runs) in its copy, pieces of 2 rows
# so that it stops inside tables too: after `sys.argv[2]` checkpoints, or, given "marking",
# once every table is in but before the sources are marked loaded.
STOP_IN_COPY = """
import os, sys
from pathlib import Path
import graph.ladybug_bulk, graph.stage
from graph import load_batches, to_batch
from graph.ladybug_store import LadybugStore
from tests import factories
graph.ladybug_bulk.COPY_PIECE_ROWS = 2
s = LadybugStore(sys.argv[1])
s.ensure_schema()
batches = [to_batch(x) for x in factories.corpus()]
load_batches(s, batches[:1])
s.checkpoint()
real, copied = LadybugStore.checkpoint, []
def checkpoint(self, resume_auto=True):
    real(self, resume_auto)
    if Path(sys.argv[1] + ".stage/manifest.json").exists():
        copied.append(1)
        if sys.argv[2] != "marking" and len(copied) == int(sys.argv[2]):
            os._exit(3)
LadybugStore.checkpoint = checkpoint
if sys.argv[2] == "marking":
    graph.stage.staged_sources = lambda directory: os._exit(3)
with s.bulk():
    load_batches(s, batches[1:])
"""


def test_a_stopped_copy_is_not_finished_on_a_store_that_changed_since(tmp_path):
    from graph.stage import sealed

    path = tmp_path / "stopped.lbdb"
    child = subprocess.run([sys.executable, "-c", STOP_IN_COPY, str(path), "3"], cwd=ROOT,
                           capture_output=True, text=True)
    assert child.returncode == 3, child.stderr
    stage = Path(str(path) + ".stage")
    first = sealed(stage)[0]  # copied before the stop
    assert first.rows <= 2
    s = LadybugStore(str(path))
    s.execute(f"CREATE (:{first.name} {{uid: 'written-since'}})")
    with pytest.raises(StoreError, match=f"{first.name} holds {first.before + first.rows + 1}"):
        s.sources()
    assert sealed(stage) is not None  # kept: nothing was copied over the change
    s.close()


@pytest.mark.parametrize("stop", ["1", "3", "6", "marking"])
def test_a_stopped_copy_is_finished_when_the_store_is_next_written(tmp_path, stop):
    path = tmp_path / "stopped.lbdb"
    child = subprocess.run([sys.executable, "-c", STOP_IN_COPY, str(path), stop],
                           cwd=ROOT, capture_output=True, text=True)
    assert child.returncode == 3, child.stderr
    s = LadybugStore(str(path))
    assert [x.complete for x in s.sources()] == [True, True, True]
    assert not Path(str(path) + ".stage").exists()
    after = _graph(s)
    s.close()
    assert after == _graph_of(tmp_path / "clean.lbdb", [to_batch(x) for x in factories.corpus()])


# Stopped once every table is in and checkpointed, before the pairs a second statement
# changed are rebuilt (where a cross product of every Document once ran out of page cache).
STOP_BEFORE_PAIRS = STOP_IN_COPY.replace(
    "graph.ladybug_bulk.COPY_PIECE_ROWS = 2", "").replace(
    "batches = [to_batch(x) for x in factories.corpus()]",
    "batches = [to_batch(x) for x in [*factories.corpus(), "
    "factories.central(file='restated.txt')]]").replace("with s.bulk():", """def rebuild(self):
    if Path(sys.argv[1] + ".stage/manifest.json").exists():
        os._exit(3)
LadybugStore._rebuild_pairs = rebuild
with s.bulk():""")


def test_a_copy_stopped_before_its_pairs_are_rebuilt_is_finished_with_them(tmp_path):
    path = tmp_path / "stopped.lbdb"
    child = subprocess.run([sys.executable, "-c", STOP_BEFORE_PAIRS, str(path), "0"],
                           cwd=ROOT, capture_output=True, text=True)
    assert child.returncode == 3, child.stderr
    s = LadybugStore(str(path))
    assert all(x.complete for x in s.sources())
    after = _graph(s)
    counts = s.query("MATCH (:Document {uid: 'doc:10-KH/TW'})-[r:IMPLEMENTS]->"
                     "(:Document {uid: 'doc:26-NQ/TW'}) RETURN r.evidence_count AS n")
    s.close()
    assert counts == [{"n": 2}]
    batches = [to_batch(x) for x in [*factories.corpus(),
                                     factories.central(file="restated.txt")]]
    assert after == _graph_of(tmp_path / "clean.lbdb", batches)


def test_a_stopped_copy_given_up_is_repaired_by_the_next_load(tmp_path):
    import shutil

    path = tmp_path / "stopped.lbdb"
    child = subprocess.run([sys.executable, "-c", STOP_IN_COPY, str(path), "4"], cwd=ROOT,
                           capture_output=True, text=True)
    assert child.returncode == 3, child.stderr
    shutil.rmtree(str(path) + ".stage")
    s = LadybugStore(str(path))
    assert not all(x.complete for x in s.sources())  # what was copied waits for repair
    batches = [to_batch(x) for x in factories.corpus()]
    load_batches(s, batches)
    after = _graph(s)
    s.close()
    assert after == _graph_of(tmp_path / "clean.lbdb", batches)
