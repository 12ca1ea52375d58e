"""kg load's writer when the store refuses a write: the refused files are isolated by halving,
the others load, and a store that cannot repair a failed write stops the load."""

from __future__ import annotations

import datetime as dt

import pytest

from graph import open_store, to_batch
from graph.batch import Batch
from graph.ladybug_store import LadybugStore
from graph.store import StoreError
from kg.ingest import WriteAborted, Writer
from tests import factories


def plans(n: int) -> list[Batch]:
    return [to_batch(factories.province(f"Tỉnh {i}", f"tinh-{i}", str(100 + i),
                                        dt.date(2018, 8, 1))) for i in range(n)]


def unkeyed(name: str) -> Batch:
    """A file whose rows the store refuses mid-write: a task without a uid (the key column
    takes no null), copied after the file's source and documents. (LadybugDB crashes when
    such writes are repeated: one per store.)"""
    b = to_batch(factories.province(name, name, "9", dt.date(2019, 1, 1)))
    b.node("Task", None, None, text=name)
    return b


def refused(name: str) -> Batch:
    """A file `RefusingStore` refuses."""
    return to_batch(factories.province(name, name, "9", dt.date(2019, 1, 1)))


def mistyped(name: str) -> Batch:
    """A file whose rows cannot be packed: a value of the wrong type for its column."""
    b = to_batch(factories.province(name, name, "9", dt.date(2019, 1, 1)))
    b.node("Task", f"task:{name}", None, ord="not a number")
    return b


class CountingStore(LadybugStore):
    """The embedded store, counting the writes it is asked for and refusing, whole, those
    holding a file whose name starts with "bad"."""

    writes = 0

    def write_rows(self, rows, sources):
        self.writes += bool(sources)
        if any(s.name.startswith("bad") for s in sources):
            raise StoreError("this store refuses the files named bad*")
        super().write_rows(rows, sources)


@pytest.fixture
def store(tmp_path):
    s = CountingStore(str(tmp_path / "kg.lbdb"))
    s.ensure_schema()
    yield s
    s.close()


def test_a_refused_file_is_isolated_in_few_writes_and_the_rest_loads(store):
    good = plans(30)
    bad = refused("bad")
    writer = Writer(store)
    writer.submit([*good[:17], bad, *good[17:]])
    writer.close()
    writer.aligned()  # what kg load does after aligning: no "alignment pending" marker left
    assert [(path, "refuses" in msg) for path, msg in writer.errors] == \
        [(bad.source.path, True)]
    assert sorted(writer.totals["added"]) == sorted(b.source.name for b in good)
    sources = store.sources()
    assert all(s.complete for s in sources)
    assert {s.uid for s in sources} == {b.source.uid for b in good}
    assert store.query("MATCH (d:Document {locality: 'bad'}) RETURN d.uid") == []
    assert store.writes <= 12  # one write per file would be 32


def test_a_file_whose_rows_cannot_be_packed_is_named_and_the_rest_loads_in_one_write(store):
    good = plans(5)
    bad = mistyped("bad")
    writer = Writer(store)
    writer.submit([*good[:2], bad, *good[2:]])
    writer.close()
    writer.aligned()
    assert [(path, "not a number" in msg) for path, msg in writer.errors] == \
        [(bad.source.path, True)]
    assert sorted(writer.totals["added"]) == sorted(b.source.name for b in good)
    assert store.query("MATCH (t:Task {uid: 'task:bad'}) RETURN t.uid") == []
    assert store.writes == 1


def test_files_refused_together_are_each_reported(store):
    good, bad = plans(6), [refused("bad-a"), mistyped("bad-b")]
    writer = Writer(store)
    writer.submit([bad[0], *good, bad[1]])
    writer.close()
    writer.aligned()
    assert sorted(p for p, _ in writer.errors) == sorted(b.source.path for b in bad)
    assert sorted(s.name for s in store.sources() if s.complete) == \
        sorted(b.source.name for b in good)
    assert all(s.complete for s in store.sources())  # nothing left for the next load to repair


def test_a_store_that_cannot_repair_a_failed_write_stops_the_load(tmp_path):
    class Unrepairable(LadybugStore):
        def retract(self, source_uids):
            if source_uids:
                raise StoreError("cannot retract")
            super().retract(source_uids)

    s = Unrepairable(str(tmp_path / "kg.lbdb"))
    s.ensure_schema()
    writer = Writer(s)
    writer.submit([*plans(3), unkeyed("bad")])
    with pytest.raises(WriteAborted, match="could not repair"):
        writer.close()
    s.close()
    reopened = open_store(str(tmp_path / "kg.lbdb"))
    # repaired next load: the 4 files and the marker that makes it align every plan
    assert [src.complete for src in reopened.sources()] == [False] * 5
    reopened.close()
