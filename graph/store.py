"""The `Store` protocol and the choice of implementation by URI (DESIGN §2).

Nothing above graph/ knows which store runs: `open_store("kg.lbdb")` gives the embedded
LadybugDB store, `open_store("bolt://…")` or `neo4j://…` the Neo4j store.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, Protocol

from graph.batch import Batch

DEFAULT_STORE = "kg.lbdb"
NEO4J_SCHEMES = ("bolt://", "bolt+s://", "bolt+ssc://", "neo4j://", "neo4j+s://", "neo4j+ssc://")


class StoreError(Exception):
    """A store could not be opened or used; the message says what to do."""


@dataclass(frozen=True)
class SourceInfo:
    uid: str
    name: str
    path: str
    complete: bool


class Store(Protocol):
    """What kg needs of a graph database."""

    uri: str
    dialect: str  # "ladybug" | "neo4j": picks NAME.DIALECT.cypher variants of built-in queries

    def ensure_schema(self) -> None:
        """Create node/relationship tables or constraints and indexes from the ontology."""

    def sources(self) -> list[SourceInfo]:
        """The sources loaded so far (complete or not)."""

    def write(self, batches: Sequence[Batch]) -> None:
        """Write new sources' batches; their Source nodes are marked complete last."""

    def retract(self, source_uids: Sequence[str]) -> None:
        """Remove everything these sources asserted, and nodes no source asserts any more."""

    def query(self, cypher: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run Cypher with parameters; rows as dicts of plain Python values."""

    def checkpoint(self) -> None:
        """Make every write so far durable and its sources complete (a store whose writes
        commit one by one has nothing to do)."""

    def bulk(self) -> AbstractContextManager[None]:
        """A block whose writes may be held back and written together when it ends (the
        embedded store stages them on disk: a block stopped before it ends writes nothing,
        one stopped while copying is finished by the next write; a store whose writes
        commit one by one writes at once). Reads inside may not see them; `sources()` lists
        them."""

    def close(self) -> None: ...


def default_store_uri() -> str:
    return os.environ.get("KG_STORE") or DEFAULT_STORE


def open_store(uri: str | None = None, read_only: bool = False, **options: Any) -> Store:
    """Open the store named by `uri`: a Neo4j URI, or the path of an embedded database file.

    `read_only` opens an existing embedded file for reading only (Neo4j stores ignore it).
    """
    uri = uri or default_store_uri()
    if uri.startswith(NEO4J_SCHEMES):
        from graph.neo4j_store import Neo4jStore

        return Neo4jStore(uri, **options)
    from graph.ladybug_store import LadybugStore

    return LadybugStore(uri, read_only=read_only)
