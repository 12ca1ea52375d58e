"""`Store.query_columns`: the same answer as `query`, one list per column, on both stores.

The embedded store reads a result row by row or through Arrow (`_arrow_pays` chooses by size);
both ways are checked against `query`. The Neo4j half runs with `-m neo4j`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from graph import ladybug_store, load_batches, to_batch
from graph.ladybug_store import LadybugStore
from graph.store import ReadOnlyError, Store, StoreError
from tests import factories
from tests.conftest import empty_neo4j_store

QUERIES: list[tuple[str, dict[str, Any]]] = [
    ("MATCH (d:Document) RETURN d.uid AS uid, d.symbol AS symbol, d.issued AS issued, "
     "d.level AS level ORDER BY uid", {}),
    ("MATCH (t:Target) RETURN t.uid AS uid, t.value AS value, t.year AS year ORDER BY uid", {}),
    ("MATCH (a:Document)-[r:IMPLEMENTS]->(b:Document) RETURN a.uid AS child, b.uid AS parent, "
     "r.basis AS basis, count(r) AS n ORDER BY child, parent, basis", {}),
    ("MATCH (d:Document) RETURN d AS node ORDER BY d.uid", {}),
    ("MATCH (d:Document) WITH d ORDER BY d.uid LIMIT 1000 "
     "RETURN d.level AS level, collect(d.uid) AS uids ORDER BY level", {}),
    ("MATCH (d:Document {uid: $uid}) RETURN d.uid AS uid, d.issued AS issued",
     {"uid": "doc:nowhere"}),
]
IDS = ["scalars", "numbers", "links", "nodes", "lists", "empty"]
NAMES = dict(zip((q for q, _ in QUERIES), (
    ["uid", "symbol", "issued", "level"], ["uid", "value", "year"],
    ["child", "parent", "basis", "n"], ["node"], ["level", "uids"], ["uid", "issued"]),
    strict=True))


def as_columns(rows: list[dict[str, Any]], names: list[str]) -> dict[str, list[Any]]:
    return {k: [r[k] for r in rows] for k in names}


def check_same_answer(store: Store, cypher: str, params: dict[str, Any]) -> None:
    columns = store.query_columns(cypher, params)
    rows = store.query(cypher, params)
    names = list(columns)
    assert names == NAMES[cypher]  # every column, in the order of RETURN, even with no rows
    assert columns == as_columns(rows, names)
    if params.get("uid") != "doc:nowhere":
        assert rows, "no rows: the comparison would prove nothing"


@pytest.fixture(scope="module")
def embedded(tmp_path_factory) -> Iterator[LadybugStore]:
    path = factories.corpus_store(tmp_path_factory.mktemp("columns") / "kg.lbdb")
    store = LadybugStore(str(path), read_only=True)
    yield store
    store.close()


@pytest.mark.parametrize("through_arrow", [False, True], ids=["row by row", "through Arrow"])
@pytest.mark.parametrize(("cypher", "params"), QUERIES, ids=IDS)
def test_embedded_columns_are_the_rows(embedded, monkeypatch, through_arrow, cypher, params):
    monkeypatch.setattr(ladybug_store, "_arrow_pays", lambda rows: through_arrow)
    check_same_answer(embedded, cypher, params)


def test_arrow_is_chosen_for_large_results_only():
    assert not ladybug_store._arrow_pays(10) or "pyarrow" in __import__("sys").modules
    assert ladybug_store._arrow_pays(ladybug_store.ARROW_MIN_ROWS)


def check_same_failure(store: Store, cypher: str) -> None:
    """query_columns fails on CYPHER with the words query uses."""
    with pytest.raises(StoreError) as by_rows:
        store.query(cypher)
    with pytest.raises(StoreError) as by_columns:
        store.query_columns(cypher)
    assert str(by_columns.value) == str(by_rows.value)


def test_embedded_failures_read_as_query_words_them(embedded):
    check_same_failure(embedded, "MATCH (d:Nowhere) RETURN d.uid AS uid")
    with pytest.raises(ReadOnlyError):
        embedded.query_columns("CREATE (d:Document {uid: 'doc:new'}) RETURN d.uid AS uid")
    with pytest.raises(ReadOnlyError):
        embedded.query_columns("CHECKPOINT")


def test_embedded_columns_see_every_write(tmp_path):
    """Read first thing after a write (nothing else has made the store catch up)."""
    store = LadybugStore(str(tmp_path / "kg.lbdb"))
    try:
        store.ensure_schema()
        load_batches(store, [to_batch(x) for x in factories.corpus()])
        cypher, params = QUERIES[2]
        columns = store.query_columns(cypher, params)
        assert columns["child"], "no links read back"
        assert columns == as_columns(store.query(cypher, params), list(columns))
    finally:
        store.close()


@pytest.fixture(scope="module")
def neo(neo4j_uri) -> Iterator[Store]:
    store = empty_neo4j_store(neo4j_uri)
    load_batches(store, [to_batch(x) for x in factories.corpus()])
    yield store
    store.close()


@pytest.mark.neo4j
@pytest.mark.parametrize(("cypher", "params"), QUERIES, ids=IDS)
def test_neo4j_columns_are_the_rows(neo, cypher, params):
    check_same_answer(neo, cypher, params)


@pytest.mark.neo4j
def test_neo4j_failures_read_as_query_words_them(neo):
    check_same_failure(neo, "MATCH (d:Document) RETURN d.uid AS uid, nowhere(d) AS x")
