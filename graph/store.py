"""The `Store` protocol and the choice of implementation by URI (DESIGN §2).

Nothing above graph/ knows which store runs: `open_store("kg.lbdb")` gives the embedded
LadybugDB store, `open_store("bolt://…")` or `neo4j://…` the Neo4j store, through a registry
of store implementations keyed by URI scheme (`STORES`, `register_store`).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from graph.settings import STORE as STORE_SETTING
from graph.settings import setting

if TYPE_CHECKING:  # reading a store needs no batch (nor the ontology behind it)
    from graph.batch import Batch
    from graph.model import Source
    from graph.packed import ArrowRows
    from graph.rows import Rows

DEFAULT_STORE = "kg.lbdb"


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


# The Cypher both stores run on Source nodes: list them (as SourceInfo's fields), and mark
# those of a durable write complete (DESIGN §6).
LIST_SOURCES = ("MATCH (s:Source) RETURN s.uid AS uid, s.name AS name, s.path AS path, "
                "s.complete AS complete")
MARK_COMPLETE = "UNWIND $uids AS u MATCH (s:Source {uid: u}) SET s.complete = true"
# What opening a store written before Evidence nodes says (ARCHITECTURE, appendix 16).
INLINE_EVIDENCE = ("{store} was built by an older kg (every relationship holding its evidence "
                   "sentence): kg reads it no more; load the files again into a new store "
                   "(docs/NEO4J.md, \"Stores built before\")")


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

    def write_rows(self, rows: Rows | ArrowRows, sources: Sequence[Source]) -> None:
        """`write` of the rows of these sources' batches, built already (`graph.packed`:
        by the processes that extracted them)."""

    def retract(self, source_uids: Sequence[str]) -> None:
        """Remove everything these sources asserted, and nodes no source asserts any more."""

    def query(self, cypher: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run Cypher that reads, with parameters; rows as dicts of plain Python values. The
        engine refuses a statement that writes (`ReadOnlyError`): a read-only transaction, or
        a file opened read-only."""

    def query_columns(self, cypher: str,
                      params: Mapping[str, Any] | None = None) -> dict[str, list[Any]]:
        """`query`'s result as one list of values per column, in the same order (cheaper than
        rows for large results)."""

    def execute(self, cypher: str,
                params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run Cypher that may write (`kg cypher --write`, kg's notes in the store); rows as
        `query`'s. Refused (`ReadOnlyError`) by a store opened read-only."""

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


@dataclass(frozen=True)
class StoreKind:
    """A store implementation and the URIs that name it: `schemes` (lower case, without
    "://"), or none for the one that takes a file path."""

    name: str  # also its dialect: picks NAME.DIALECT.cypher variants of built-in queries
    schemes: tuple[str, ...]
    target: str  # "module:Class", imported only when the store is used

    def load(self) -> type:
        module, _, cls = self.target.partition(":")
        return getattr(importlib.import_module(module), cls)


STORES: dict[str, StoreKind] = {}  # by name, in registration order


def register_store(kind: StoreKind) -> None:
    """Add a store implementation (a third store registers itself here; nothing else changes:
    `open_store`, `kg schema` and the errors naming the accepted URIs read this registry)."""
    STORES[kind.name] = kind


register_store(StoreKind("ladybug", (), "graph.ladybug_store:LadybugStore"))
register_store(StoreKind("neo4j", ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s",
                                   "neo4j+ssc"), "graph.neo4j_store:Neo4jStore"))


def store_kind(uri: str) -> StoreKind:
    """The registered store a URI names: by its scheme, or the file-path store when it has
    none. Any other `scheme://` is refused, naming the accepted ones (an `http://` address
    would otherwise become a folder named `http:`)."""
    scheme = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*)://", uri)
    if not scheme:
        return next(k for k in STORES.values() if not k.schemes)
    for kind in STORES.values():
        if scheme[1].lower() in kind.schemes:
            return kind
    accepted = ", ".join(s for k in STORES.values() for s in k.schemes)
    raise StoreError(f"{uri}: kg stores are a file path or a URI of {accepted}"
                     + ("; Neo4j Browser's http address is not its Bolt one: use "
                        "bolt://HOST:7687" if scheme[1].lower() in ("http", "https") else ""))


def store_class(name: str) -> Any:
    """The implementation registered as `name` ("ladybug", "neo4j"), e.g. for its `ddl_for`."""
    if name not in STORES:
        raise StoreError(f"no store named {name!r}: kg has {', '.join(STORES)}")
    return STORES[name].load()


def open_store(uri: str | None = None, read_only: bool = False, **options: Any) -> Store:
    """Open the store named by `uri` (`store_kind`): a Neo4j URI, or the path of an embedded
    database file.

    `read_only` guarantees by the engine that nothing is changed: the embedded file is opened
    read-only (it must exist: reading never creates a store), Neo4j runs every statement in a
    READ access-mode transaction.
    """
    uri = uri or default_store_uri()
    return store_kind(uri).load()(uri, read_only=read_only, **options)
