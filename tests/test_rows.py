"""Batches as per-table rows: merged by uid, one relationship per (type, ends, source)."""

from __future__ import annotations

import pytest

from graph.batch import Batch
from graph.rows import Table, to_rows
from ontology import load_schema
from tests import factories


def _batch(name: str) -> Batch:
    s = factories.source(name)
    return Batch(s)


def test_a_table_iterates_as_one_dict_per_row():
    t = Table({"uid": ["a", "b"], "name": ["x", None]})
    assert len(t) == 2
    assert list(t) == [{"uid": "a", "name": "x"}, {"uid": "b", "name": None}]
    assert len(Table({})) == 0


def test_nodes_merge_by_uid_first_non_null_value_wins():
    a, b = _batch("a.txt"), _batch("b.txt")
    ev = factories.ev(a.source, "Câu.")
    a.node("Theme", "theme:x", ev, name=None, key="k1")
    b.node("Theme", "theme:x", factories.ev(b.source, "Câu."), name="X", key="k2")
    rows = to_rows([a, b], load_schema())
    assert list(rows.nodes["Theme"]) == [{"uid": "theme:x", "key": "k1", "name": "X",
                                         "name_vi": None}]
    assert [r["to"] for r in rows.rels[("MENTIONED_IN", "Theme", "Source")]] == \
        [a.source.uid, b.source.uid]
    # two sources, one theme, two mentions, and each source's sentence once (an Evidence)
    assert rows.count == 2 + 1 + 2 + 2
    assert sorted(r["source"] for r in rows.nodes["Evidence"]) == sorted(
        [a.source.uid, b.source.uid])


def test_a_relationship_is_kept_once_per_source():
    a = _batch("a.txt")
    ev = factories.ev(a.source, "Câu.")
    a.node("Document", "doc:p", None, name="P")
    a.node("Document", "doc:c", None, name="C")
    for _ in range(2):
        a.edge("IMPLEMENTS", ("Document", "doc:c"), ("Document", "doc:p"), ev, basis="symbol")
    written = to_rows([a], load_schema())
    rows = written.rels
    assert ("IMPLEMENTS", "Document", "Document") not in rows  # the stores keep the pairs
    [row] = rows[("IMPLEMENTS_EVIDENCE", "Document", "Document")]  # what the source states
    assert row["from"] == "doc:c" and row["to"] == "doc:p" and row["basis"] == "symbol"
    [said] = written.nodes["Evidence"]  # the sentence, once, named by the relationship
    assert row["source"] == a.source.uid and row["evidence"] == said["uid"]
    assert said == {"uid": said["uid"], "sentence": "Câu.", "source": a.source.uid}


def _refusal(a: Batch) -> str:
    """Why to_rows refuses the batch (it must)."""
    with pytest.raises(ValueError) as refused:
        to_rows([a], load_schema())
    return str(refused.value)


def test_rows_the_ontology_does_not_allow_are_refused():
    a = _batch("a.txt")
    a.node("Document", "doc:x", None, colour="red")
    assert "does not declare" in _refusal(a)
    a = _batch("a.txt")
    a.node("Document", "doc:x", None, colour=None)  # a null is no assertion: dropped
    assert "colour" not in next(iter(to_rows([a], load_schema()).nodes["Document"]))
    doc, theme, said = ("Document", "doc:x"), ("Theme", "theme:x"), factories.ev(a.source, "Câu.")
    a.edge("IMPLEMENTS", doc, ("Document", "doc:y"), said)
    assert "which no batch asserts" in _refusal(a)
    a = _batch("a.txt")
    a.node(*doc, None)
    a.node(*theme, None)
    a.edge("IMPLEMENTS", doc, theme, said)
    assert "does not let IMPLEMENTS connect Document to Theme" in _refusal(a)
    a = _batch("a.txt")
    a.node(*doc, None)
    a.edge("IMPLEMENTS", doc, doc, said, colour="red")
    assert "does not declare" in _refusal(a)


def test_building_rows_leaves_garbage_collection_as_it_found_it():
    import gc
    import threading

    a = _batch("a.txt")
    a.node("Theme", "theme:x", factories.ev(a.source, "Câu."), name="X", key="k")
    schema = load_schema()
    assert gc.isenabled()
    to_rows([a], schema)
    assert gc.isenabled()
    with pytest.raises(ValueError):  # a refused batch resumes collection too
        b = _batch("b.txt")
        b.edge("LEAD", ("Task", "t:1"), ("Organisation", "org:x"), factories.ev(b.source, "Câu."))
        to_rows([b], schema)
    assert gc.isenabled()
    threads = [threading.Thread(target=to_rows, args=([a], schema)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert gc.isenabled()
    gc.disable()
    try:
        to_rows([a], schema)
        assert not gc.isenabled()  # paused by the caller: not resumed by to_rows
    finally:
        gc.enable()
