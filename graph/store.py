"""The `Store` protocol and the choice of implementation by URI (DESIGN §2).

Nothing above graph/ knows which store runs: `open_store("kg.lbdb")` gives the embedded
LadybugDB store, `open_store("bolt://…")` or `neo4j://…` the Neo4j store.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, Protocol

from graph.batch import Batch
from graph.settings import STORE as STORE_SETTING
from graph.settings import setting

DEFAULT_STORE = "kg.lbdb"
NEO4J_SCHEMES = ("bolt://", "bolt+s://", "bolt+ssc://", "neo4j://", "neo4j+s://", "neo4j+ssc://")


class StoreError(Exception):
    """A store could not be opened or used; the message says what to do."""


class ReadOnlyError(StoreError):
    """A statement tried to change a store opened for reading only."""


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

    def query_columns(self, cypher: str,
                      params: Mapping[str, Any] | None = None) -> dict[str, list[Any]]:
        """`query`'s result as one list of values per column, in the same order (cheaper than
        rows for large results)."""

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
    return setting(STORE_SETTING, DEFAULT_STORE)


def open_store(uri: str | None = None, read_only: bool = False, **options: Any) -> Store:
    """Open the store named by `uri`: a Neo4j URI, or the path of an embedded database file.

    `read_only` guarantees by the engine that nothing is changed: the embedded file is opened
    read-only (it must exist: reading never creates a store), Neo4j runs every statement in a
    READ access-mode transaction. Any other `scheme://` is refused, naming the accepted ones
    (an `http://` address would otherwise become a folder named `http:`).
    """
    uri = uri or default_store_uri()
    if uri.startswith(NEO4J_SCHEMES):
        from graph.neo4j_store import Neo4jStore

        return Neo4jStore(uri, read_only=read_only, **options)
    scheme = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*)://", uri)
    if scheme:
        raise StoreError(f"{uri}: kg stores are a file path or a Neo4j URI ("
                         + ", ".join(s.rstrip("/:") for s in NEO4J_SCHEMES) + ")"
                         + ("; Neo4j Browser's http address is not its Bolt one: use "
                            "bolt://HOST:7687" if scheme[1].lower() in ("http", "https") else ""))
    from graph.ladybug_store import LadybugStore

    return LadybugStore(uri, read_only=read_only)
