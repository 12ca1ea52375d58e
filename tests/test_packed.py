"""Rows packed as Arrow where files are read (`graph.packed`): the same rows `to_rows` builds
for the same batches, sources dropped without a trace, the same across a process boundary,
and the same graph in a store as a load of the batches."""

from __future__ import annotations

import datetime as dt
import pickle

import pytest

from graph import load_batches, open_store, to_batch
from graph.batch import Batch
from graph.dump import dump
from graph.loading import load_packed
from graph.packed import concat, pack
from graph.rows import Rows, to_rows
from ontology import load_schema
from tests import factories


def batches() -> list[Batch]:
    """Documents, organisations and provinces stated by several files, with values that
    differ between them (the first stated stays)."""
    out = [to_batch(x) for x in factories.corpus()]
    out += [to_batch(factories.province("Tỉnh Mới", "tinh-moi", "7", dt.date(2020, 2, 2)))]
    return out


def as_sets(rows: Rows) -> dict:
    def frozen(row: dict) -> tuple:
        return tuple(sorted((k, tuple(v) if isinstance(v, list) else v)
                            for k, v in row.items()))
    return {**{k: sorted(map(frozen, t), key=repr) for k, t in rows.nodes.items()},
            **{k: sorted(map(frozen, t), key=repr) for k, t in rows.rels.items()}}


def plain(rows: Rows) -> Rows:
    """Rows with dates as the stores receive them (`to_rows` keeps ISO strings as given)."""
    schema = load_schema()
    for label, t in rows.nodes.items():
        for p in schema.node(label).props:
            if p.type == "DATE":
                t.columns[p.name] = [dt.date.fromisoformat(v) if isinstance(v, str) else v
                                     for v in t.columns[p.name]]
    return rows


def test_packed_rows_are_the_rows_of_the_batches():
    bs = batches()
    packed, refused = pack(bs, load_schema())
    assert refused == []
    assert as_sets(packed.rows().as_rows()) == as_sets(plain(to_rows(bs, load_schema())))
    assert packed.rows().count == to_rows(bs, load_schema()).count
    assert packed.counts == [len(b.nodes) + len(b.edges) for b in bs]


def test_a_selection_holds_only_its_sources_rows():
    bs = batches()
    packed, _ = pack(bs, load_schema())
    kept = [0, len(bs) - 1]
    assert as_sets(packed.select(kept).rows().as_rows()) == \
        as_sets(plain(to_rows([bs[i] for i in kept], load_schema())))
    joined = concat([packed.select([0]), packed.select([len(bs) - 1])])
    assert as_sets(joined.rows().as_rows()) == as_sets(packed.select(kept).rows().as_rows())


def test_packed_rows_cross_a_process_boundary_unchanged():
    packed, _ = pack(batches(), load_schema())
    back = pickle.loads(pickle.dumps(packed))
    assert back.sources == packed.sources and back.documents == packed.documents
    assert all(back.nodes[k].equals(t) for k, t in packed.nodes.items())
    assert all(back.rels[k].equals(t) for k, t in packed.rels.items())


def test_a_batch_the_ontology_refuses_is_named_and_the_others_pack():
    bs = batches()
    bad = to_batch(factories.province("Tỉnh Lỗi", "tinh-loi", "8", dt.date(2021, 1, 1)))
    bad.node("Task", "task:loi", None, ord="eight")
    packed, refused = pack([*bs, bad], load_schema())
    assert [(i, "eight" in why) for i, why in refused] == [(len(bs), True)]
    assert [s.uid for s in packed.sources] == [b.source.uid for b in bs]


@pytest.mark.parametrize("which", ["ladybug", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def test_a_packed_load_gives_the_graph_of_a_load_of_the_batches(which, tmp_path, request):
    bs = batches()
    graphs = []
    for name in ("packed", "batches"):
        if which == "neo4j":
            s = request.getfixturevalue("neo4j_store")
            s.execute("MATCH (n) DETACH DELETE n")
        else:
            s = open_store(str(tmp_path / f"{name}.lbdb"))
        s.ensure_schema()
        if name == "packed":
            load_packed(s, pack(bs, load_schema())[0])
        else:
            load_batches(s, bs)
        s.checkpoint()
        graphs.append([(kind, key, sorted(map(repr, rows))) for kind, key, rows in dump(s)])
        if which != "neo4j":
            s.close()
    assert graphs[0] == graphs[1]
    assert any(key == ("Task",) and rows for _, key, rows in graphs[0])
