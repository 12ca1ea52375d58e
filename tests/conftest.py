"""Shared fixtures.

- ``neo4j_uri`` (session): the local Neo4j test server (tests/neo4j/, built by Maven), started
  once and stopped at the end unless it was already running. Skips on a machine without Java or
  Maven, except when ``CI=true``: then the test fails, because CI must run the Neo4j tests.
- ``neo4j_store``: a `Neo4jStore` on that server, emptied and with its schema, for one test.
  Modules that load once and query many times use ``empty_neo4j_store(uri)`` in a module fixture,
  or ``seeds_in_both_stores`` for (embedded, Neo4j) both loaded with the seeds.
- ``lbdb_path``: the path of a fresh embedded store file in the test's tmp dir.
- ``kg_load``: load files as `kg load` does, through the library under it (`kg.ingest`:
  reference data, extraction, alignment); returns its `IngestReport`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests import neo4j_server

if TYPE_CHECKING:
    from graph.ladybug_store import LadybugStore
    from graph.neo4j_store import Neo4jStore
    from kg.ingest import IngestReport

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def empty_neo4j_store(uri: str) -> Neo4jStore:
    """A store on the test server with its schema and no data (the database is shared: one
    test module at a time uses it)."""
    from graph.neo4j_store import Neo4jStore
    from graph.store import StoreError

    try:
        store = Neo4jStore(uri)
    except StoreError as e:  # a test server used by an older kg refuses to open: empty it
        if "older kg" not in str(e):
            raise
        _wipe(uri)
        store = Neo4jStore(uri)
    store.ensure_schema()
    store.clear()
    return store


def _wipe(uri: str) -> None:
    """Delete everything in the test server's database, without kg (which refuses old data)."""
    from neo4j import GraphDatabase

    from graph.neo4j_store import split_uri

    address, auth, _ = split_uri(uri)
    with GraphDatabase.driver(address, auth=auth) as driver, driver.session() as s:
        s.run("MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()


def seeds_in_both_stores(uri: str, kg_load: Callable[..., IngestReport], folder: Path
                         ) -> Iterator[tuple[LadybugStore, Neo4jStore]]:
    """(embedded store in FOLDER, Neo4j), both loaded with the seeds by `kg load`, for a module
    fixture to yield from; skips where ../shared/seeds is missing."""
    from graph.ladybug_store import LadybugStore

    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside the repo")
    path = folder / "kg.lbdb"
    seeds = sorted(SEEDS.glob("*.txt"))
    kg_load(path, *seeds)
    neo = empty_neo4j_store(uri)
    kg_load(uri, *seeds)
    embedded = LadybugStore(str(path))
    yield embedded, neo
    embedded.close()
    neo.close()


@pytest.fixture(scope="session")
def neo4j_uri() -> Iterator[str]:
    available, reason = neo4j_server.neo4j_available()
    if not available:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must run the Neo4j tests: {reason}")
        pytest.skip(reason)
    already_running = neo4j_server.is_running()
    uri = neo4j_server.start_server()
    yield uri
    if not already_running:
        neo4j_server.stop_server()


@pytest.fixture
def neo4j_store(neo4j_uri: str) -> Iterator[Neo4jStore]:
    store = empty_neo4j_store(neo4j_uri)
    yield store
    store.close()


@pytest.fixture
def lbdb_path(tmp_path: Path) -> Path:
    return tmp_path / "kg.lbdb"


@pytest.fixture(scope="session")
def kg_load() -> Callable[..., IngestReport]:
    """``kg_load(store_uri, *paths)`` loads PATHS into the store as `kg load` does and returns
    the report; a file that fails fails the test."""
    # imported here: a broken loader must not stop the collection of the whole suite
    from graph.store import open_store
    from kg.ingest import ingest

    def run(store_uri: str | Path, *paths: str | Path) -> IngestReport:
        store = open_store(str(store_uri))
        try:
            report = ingest(store, paths)
        finally:
            store.close()
        assert not report.errors, report.errors
        return report

    return run
