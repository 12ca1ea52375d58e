"""The shared store: Neo4j over Bolt, one server, a cluster or Aura (DESIGN §2).

The shape follows the driver's documentation: one driver per store, short sessions, writes as
`UNWIND $rows` inside managed transactions (`execute_write`, retried on transient errors), every
user value a parameter. Constraints and indexes come from the ontology. The rows are those of
`graph.rows.to_rows`, the same the embedded store copies, so both stores hold the same graph.

Nodes are `MERGE`d by uid; a property keeps the first value stated and later sources only fill
what a node lacks (the rule of `graph.rows.missing`, as in the embedded store). Relationships are
`CREATE`d with their properties in the pattern (Cypher leaves null ones out, and no SET means
no Eager in the plan). Rows travel as positional lists `r[i]` (no key strings to pack; a null
is one byte), several statements share a transaction of up to `CHUNK` rows. docs/NEO4J.md,
"Load speed", has the measurements.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit, urlunsplit

import neo4j
from neo4j import GraphDatabase, RoutingControl
from neo4j.exceptions import AuthError, DriverError, Neo4jError, ServiceUnavailable

from graph import pairs
from graph.batch import Batch
from graph.model import Source
from graph.rows import Rows, to_rows
from graph.store import (
    INLINE_EVIDENCE,
    LIST_SOURCES,
    MARK_COMPLETE,
    ReadOnlyError,
    SourceInfo,
    StoreError,
)
from ontology import Prop, Schema, load_schema

if TYPE_CHECKING:
    from graph.packed import ArrowRows

CHUNK = 10_000  # rows per transaction (more: longer GC pauses on the server, no faster)


def split_uri(uri: str) -> tuple[str, tuple[str, str] | None, str]:
    """(driver address, auth, the URI as shown to people) from bolt://user:pw@host:port.

    Credentials missing from the URI come from NEO4J_USER and NEO4J_PASSWORD; the shown URI
    never carries a password.
    """
    parts = urlsplit(uri)
    host = parts.netloc.rpartition("@")[2]
    user = unquote(parts.username) if parts.username else os.environ.get("NEO4J_USER")
    password = (unquote(parts.password) if parts.password is not None
                else os.environ.get("NEO4J_PASSWORD"))
    address = urlunsplit((parts.scheme, host, parts.path, parts.query, ""))
    shown = urlunsplit((parts.scheme, f"{user}@{host}" if user else host, parts.path, "", ""))
    if password is None:
        return address, None, shown
    return address, (user or "neo4j", password), shown


def _plain(value: Any) -> Any:
    """Driver values as plain Python: dates as datetime.date, nodes and relationships as dicts."""
    if isinstance(value, neo4j.graph.Path):
        return {"nodes": [_plain(n) for n in value.nodes],
                "relationships": [_plain(r) for r in value.relationships]}
    if isinstance(value, neo4j.graph.Node | neo4j.graph.Relationship):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, neo4j.time.Date | neo4j.time.DateTime | neo4j.time.Time):
        return value.to_native()
    return value


def _coerce(prop: Prop, value: Any) -> Any:
    """A row value as the ontology's type says (what the embedded store's columns do)."""
    if value is None:
        return None
    if prop.type == "DATE":
        return dt.date.fromisoformat(value) if isinstance(value, str) else value
    if prop.type == "DOUBLE":
        return float(value)
    if prop.type == "INT64":
        return int(value)
    if prop.type == "BOOLEAN":
        return bool(value)
    if prop.type == "STRING[]":
        return list(value)
    return value


# Python types the driver sends as each ontology type; other values go through `_coerce`.
_SENT_AS = {"STRING": str, "DATE": dt.date, "DOUBLE": float, "INT64": int, "BOOLEAN": bool,
            "STRING[]": list}


def _packer(props: Sequence[Prop], lead: Sequence[str] = ()) -> Callable[[dict[str, Any]], list]:
    """A function turning a row into the positional list the statements index (`r[i]`):
    the `lead` keys, then `props` in order, coerced to the ontology's types."""
    keys = [*lead, *(p.name for p in props)]
    convert = [(i + len(lead), p, _SENT_AS[p.type]) for i, p in enumerate(props)]

    def pack(row: dict[str, Any]) -> list:
        out = [row.get(k) for k in keys]
        for i, p, sent_as in convert:
            v = out[i]
            if v is not None and type(v) is not sent_as:
                out[i] = _coerce(p, v)
        return out

    return pack


def _value(prop: Prop, i: int, old: str | None = None) -> str:
    """Cypher for property `prop` from `r[i]`: a new list property is [] rather than absent
    (as in the embedded store), and with `old` (the variable of an existing node) the value
    it has stays; `r[i]` only fills one it lacks (null, or an empty list), as in
    `graph.rows.missing` and the embedded store."""
    new = f"coalesce(r[{i}], [])" if prop.type == "STRING[]" else f"r[{i}]"
    if old is None:
        return new
    have = f"{old}.{prop.name}"
    if prop.type == "STRING[]":
        return f"CASE WHEN size(coalesce({have}, [])) > 0 THEN {have} ELSE {new} END"
    return f"coalesce({have}, {new})"


Step = tuple[str, Sequence[Any]]  # a statement and its rows


def _groups(steps: Sequence[Step], size: int) -> Iterator[list[Step]]:
    """The steps cut into transactions of at most `size` rows, in order (a step's rows may
    span several transactions; a transaction may hold several steps)."""
    group: list[Step] = []
    room = size
    for stmt, rows in steps:
        i = 0
        while i < len(rows):
            part = rows[i:i + room]
            group.append((stmt, part))
            i += len(part)
            room -= len(part)
            if room == 0:
                yield group
                group, room = [], size
    if group:
        yield group


def _apply(tx: neo4j.ManagedTransaction, group: Sequence[Step]) -> None:
    """A transaction function: the group's statements in order."""
    for stmt, rows in group:
        tx.run(stmt, rows=rows).consume()


class Neo4jStore:
    """A `Store` in a Neo4j database reached by a bolt://, neo4j:// or neo4j+s:// URI."""

    dialect = "neo4j"

    def __init__(self, uri: str, database: str | None = None, schema: Schema | None = None,
                 chunk: int = CHUNK, read_only: bool = False) -> None:
        """`read_only`: every statement runs in a READ access-mode transaction, which the
        server refuses to let write (and `write`, `retract`, `ensure_schema` refuse here)."""
        address, auth, self.uri = split_uri(uri)
        self.read_only = read_only
        self.database = database or os.environ.get("NEO4J_DATABASE") or None
        self.schema = schema or load_schema()
        self.chunk = chunk
        try:
            self._driver = GraphDatabase.driver(
                address, auth=auth, user_agent="kg", connection_timeout=10,
                max_transaction_retry_time=60, notifications_min_severity="OFF")
        except (ValueError, DriverError) as e:
            raise StoreError(f"cannot use the Neo4j URI {self.uri}: {e}") from e
        try:  # fail fast, without the retries of managed transactions
            with self._errors(), self._session() as s:
                s.run("RETURN 1").consume()
                old = s.run(_INLINE_EVIDENCE).single()
        except StoreError:
            self._driver.close()
            raise
        if old is not None and old["old"]:
            self._driver.close()
            raise StoreError(INLINE_EVIDENCE.format(store=f"Neo4j at {self.uri}"))

    # ------------------------------------------------------------------ errors
    @contextmanager
    def _errors(self) -> Iterator[None]:
        """Driver exceptions as one-line `StoreError`s naming the URI (never the password)."""
        where = self.uri + (f" (database {self.database})" if self.database else "")
        try:
            yield
        except AuthError as e:
            raise StoreError(f"Neo4j at {where} refused the credentials: give them as "
                             "bolt://USER:PASSWORD@HOST:PORT or in NEO4J_USER/NEO4J_PASSWORD"
                             ) from e
        except ServiceUnavailable as e:
            raise StoreError(f"cannot reach Neo4j at {where}: is the server running? "
                             f"({_one_line(e)})") from e
        except Neo4jError as e:
            if (e.code or "").endswith(".AccessMode"):
                raise ReadOnlyError(f"Neo4j at {where} is open for reading only: this "
                                    f"statement writes ({_one_line(e)})") from e
            raise StoreError(f"Neo4j query failed at {where}: {_hint(e)}{_one_line(e)}") from e
        except DriverError as e:
            raise StoreError(f"Neo4j at {where}: {_one_line(e)}") from e

    # ------------------------------------------------------------------ schema
    @staticmethod
    def ddl_for(schema: Schema) -> list[str]:
        """Constraints and indexes for the ontology's labels and relationship types."""
        out = []
        for n in schema.nodes:
            out.append(f"CREATE CONSTRAINT {n.label}_uid IF NOT EXISTS "
                       f"FOR (n:{n.label}) REQUIRE n.uid IS UNIQUE")
            # what the built-in queries look up (kg:indexed; uid's constraint is an index too)
            out.extend(f"CREATE INDEX {n.label}_{p.name} IF NOT EXISTS FOR (n:{n.label}) "
                       f"ON (n.{p.name})" for p in n.props if p.indexed)
            # `kg search` (queries/search.py): folded words, folded queries (standard-folding)
            out.extend(f"CREATE FULLTEXT INDEX {n.label}_{p.name}_fulltext IF NOT EXISTS "
                       f"FOR (n:{n.label}) ON EACH [n.{p.name}] "
                       "OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}}"
                       for p in n.props if p.full_text)
        # Retraction finds a source's relationships by their `source` evidence property.
        out.extend(f"CREATE INDEX {r.type}_source IF NOT EXISTS FOR ()-[r:{r.type}]-() "
                   "ON (r.source)" for r in schema.rels)
        return out

    def ensure_schema(self) -> None:
        if self.read_only:
            return
        with self._errors(), self._session() as s:
            existing = {r["name"] for r in s.run("SHOW INDEXES YIELD name")}
            todo = [stmt for stmt in self.ddl_for(self.schema)
                    if _ddl_name(stmt) not in existing]
            for stmt in todo:
                s.run(stmt).consume()
            if todo:
                s.run("CALL db.awaitIndexes(300)").consume()
            self._migrate(s)

    def _migrate(self, s: neo4j.Session) -> None:
        """Bring a store written by an older kg to today's shapes (docs/NEO4J.md, "Stores built
        before"): one IMPLEMENTS per source becomes an IMPLEMENTS_EVIDENCE each, then one
        IMPLEMENTS per pair is kept from them; documents get their issued_year."""
        if not pairs.kept_in(self.schema):
            return
        if s.execute_read(_run, _OLD_IMPLEMENTS)[0]["c"]:
            s.execute_write(_run, "MATCH (a:Document)-[r:IMPLEMENTS]->(b:Document) "
                                  "WHERE r.evidence_count IS NULL "
                                  "CREATE (a)-[e:IMPLEMENTS_EVIDENCE]->(b) SET e = properties(r) "
                                  "DELETE r")
            self._sync_pairs(s)
        s.execute_write(_run, "MATCH (d:Document) WHERE d.issued IS NOT NULL AND "
                              "d.issued_year IS NULL SET d.issued_year = d.issued.year")

    # ------------------------------------------------------------------ reads
    def query(self, cypher: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        """A statement that reads, in a READ access-mode transaction: the server refuses one
        that writes (`ReadOnlyError`)."""
        keys, records = self._records(cypher, params, RoutingControl.READ)
        return [{k: _plain(v) for k, v in zip(keys, r, strict=True)} for r in records]

    def query_columns(self, cypher: str,
                      params: Mapping[str, Any] | None = None) -> dict[str, list[Any]]:
        """`query`'s result as one list per column (the records transposed, no dict per row)."""
        keys, records = self._records(cypher, params, RoutingControl.READ)
        cols = zip(*records, strict=True) if records else ([] for _ in keys)
        return {k: list(map(_plain, c)) for k, c in zip(keys, cols, strict=True)}

    def execute(self, cypher: str,
                params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        """A statement that may write (`kg cypher --write`, kg's notes); rows as `query`'s."""
        self._writable()
        keys, records = self._records(cypher, params, RoutingControl.WRITE)
        return [{k: _plain(v) for k, v in zip(keys, r, strict=True)} for r in records]

    def _records(self, cypher: str, params: Mapping[str, Any] | None,
                 routing: RoutingControl) -> tuple[list[str], list[neo4j.Record]]:
        with self._errors():
            records, _, keys = self._driver.execute_query(
                cypher, dict(params or {}), database_=self.database, routing_=routing)
        return keys, records

    def sources(self) -> list[SourceInfo]:
        rows = self.query(LIST_SOURCES)
        return [SourceInfo(r["uid"], r["name"], r["path"], bool(r["complete"])) for r in rows]

    # ------------------------------------------------------------------ writes
    def write(self, batches: Sequence[Batch]) -> None:
        if not batches:
            return
        self._writable()
        self.write_rows(to_rows(batches, self.schema), [b.source for b in batches])

    def write_rows(self, rows: Rows | ArrowRows, sources: Sequence[Source]) -> None:
        """`write` of the rows of these sources' batches, built already (`graph.packed`)."""
        if not sources:
            return
        self._writable()
        if not isinstance(rows, Rows):
            rows = rows.as_rows()
        steps = self._node_steps(rows) + self._rel_steps(rows)
        with self._errors(), self._session() as s:
            for group in _groups(steps, self.chunk):
                s.execute_write(_apply, group)
            self._rebuild_pairs(s, self._pairs_written(s, rows))
            s.execute_write(_run, MARK_COMPLETE, uids=[src.uid for src in sources])

    def _node_steps(self, rows: Rows) -> list[tuple[str, list[list[Any]]]]:
        """Per label: MERGE by uid, each property coalesced with the value it had."""
        steps = []
        for label in sorted(rows.nodes, key=lambda x: x != "Source"):
            props = self.schema.node(label).props
            uid = next(i for i, p in enumerate(props) if p.name == "uid")
            sets = ", ".join(f"n.{p.name} = {_value(p, i, 'n')}"
                             for i, p in enumerate(props) if p.name != "uid")
            steps.append((f"UNWIND $rows AS r MERGE (n:{label} {{uid: r[{uid}]}}) SET {sets}",
                          list(map(_packer(props), rows.nodes[label]))))
        return steps

    def _rel_steps(self, rows: Rows) -> list[tuple[str, list[list[Any]]]]:
        """Per (type, ends): CREATE with the properties in the pattern (no SET, no Eager)."""
        steps = []
        for (type_, a, b), batch in rows.rels.items():
            props = self.schema.rel(type_).props
            fields = ", ".join(f"{p.name}: {_value(p, i + 2)}" for i, p in enumerate(props))
            steps.append((f"UNWIND $rows AS r MATCH (a:{a} {{uid: r[0]}}) "
                          f"MATCH (b:{b} {{uid: r[1]}}) CREATE (a)-[:{type_} {{{fields}}}]->(b)",
                          list(map(_packer(props, ("from", "to")), batch))))
        return steps

    def _pair_step(self, rows: Sequence[dict[str, Any]]) -> Step:
        """CREATE the IMPLEMENTS of `rows` (`graph.pairs.pair_row`)."""
        props = self.schema.rel(pairs.PAIR).props
        fields = ", ".join(f"{p.name}: {_value(p, i + 2)}" for i, p in enumerate(props))
        return (f"UNWIND $rows AS r MATCH (a:Document {{uid: r[0]}}) "
                f"MATCH (b:Document {{uid: r[1]}}) CREATE (a)-[:{pairs.PAIR} {{{fields}}}]->(b)",
                list(map(_packer(props, ("from", "to")), rows)))

    def _pairs_written(self, s: neo4j.Session, rows: Rows) -> set[tuple[str, str]]:
        """The pairs a write may change: those its sources state, and the undated-lag pairs
        of its documents (a date it gives makes their lag). Looked up by key: a write costs
        what it writes, not what the store holds (`_sync_pairs` scans it all)."""
        if not pairs.kept_in(self.schema):
            return set()
        stated = rows.rels.get((pairs.STATED, "Document", "Document"))
        out = set(zip(stated.columns["from"], stated.columns["to"], strict=True)) if stated \
            else set()
        docs = rows.nodes.get("Document")
        if docs:
            out.update((r["from"], r["to"]) for r in s.execute_read(
                _run, pairs.UNDATED_OF, uids=[u for u, d in zip(docs.columns["uid"],
                                                                 docs.columns["issued"],
                                                                 strict=True) if d]))
        return out

    def _rebuild_pairs(self, s: neo4j.Session, which: set[tuple[str, str]]) -> None:
        """The IMPLEMENTS of `which` as their statements say: deleted, then made again from
        the statements left (none: the pair is gone)."""
        if not which:
            return
        todo = sorted(which)
        stmt, params = pairs.statements_of(todo)
        rebuilt = pairs.pair_rows(s.execute_read(_run, stmt, **params))
        stmt, params = pairs.delete_pairs(todo)
        s.execute_write(_run, stmt, **params)
        for group in _groups([self._pair_step(rebuilt)], self.chunk):
            s.execute_write(_apply, group)

    def _sync_pairs(self, s: neo4j.Session) -> None:
        """One IMPLEMENTS per pair stated, as its statements say (`graph.pairs`): missing
        pairs created, pairs whose statements or dates changed rebuilt, unstated ones gone."""
        if not pairs.kept_in(self.schema):
            return
        missing = pairs.pair_rows(s.execute_read(_run, pairs.MISSING))
        stale = [(r["from"], r["to"]) for r in s.execute_read(_run, pairs.STALE)]
        rebuilt: list[dict[str, Any]] = []
        if stale:
            stmt, params = pairs.statements_of(stale)
            rebuilt = pairs.pair_rows(s.execute_read(_run, stmt, **params))
            stmt, params = pairs.delete_pairs(stale)
            s.execute_write(_run, stmt, **params)
        for group in _groups([self._pair_step([*missing, *rebuilt])], self.chunk):
            s.execute_write(_apply, group)

    def retract(self, source_uids: Sequence[str]) -> None:
        if not source_uids:
            return
        self._writable()
        sources = list(source_uids)
        with self._errors(), self._session() as s:
            stated = ([(r["from"], r["to"]) for r in s.execute_read(
                _run, pairs.STATED_BY, sources=sources)] if pairs.kept_in(self.schema) else [])
            for rel in self.schema.stated:  # IMPLEMENTS follows its statements (_sync_pairs)
                self._until_done(s, f"MATCH ()-[r:{rel.type}]->() WHERE r.source IN $sources "
                                    "WITH r LIMIT $n DELETE r RETURN count(*) AS c", sources)
            s.execute_write(_run, "MATCH (s:Source) WHERE s.uid IN $sources DETACH DELETE s",
                            sources=sources)
            for n in self.schema.owned:  # their Evidence: only their relationships named it
                self._until_done(s, f"MATCH (n:{n.label}) WHERE n.source IN $sources "
                                    "WITH n LIMIT $n DELETE n RETURN count(*) AS c", sources)
            for n in self.schema.swept:  # reference data stays (kg:keptWithoutSource)
                self._until_done(s, f"MATCH (n:{n.label}) WHERE NOT EXISTS "
                                    "{ MATCH (n)-[:MENTIONED_IN]->(:Source) } "
                                    "WITH n LIMIT $n DETACH DELETE n RETURN count(*) AS c")
            self._rebuild_pairs(s, set(stated))

    def _until_done(self, s: neo4j.Session, stmt: str, sources: list[str] | None = None) -> None:
        """Run a `… LIMIT $n DELETE … RETURN count(*) AS c` statement until it deletes less."""
        while True:
            rows = s.execute_write(_run, stmt, sources=sources, n=self.chunk)
            if rows[0]["c"] < self.chunk:
                return

    def clear(self) -> None:
        """Delete every node and relationship (constraints and indexes stay). For tests."""
        with self._errors(), self._session() as s:
            self._until_done(s, "MATCH (n) WITH n LIMIT $n DETACH DELETE n RETURN count(*) AS c")

    def _writable(self) -> None:
        if self.read_only:
            raise ReadOnlyError(f"Neo4j at {self.uri} is open for reading only")

    def _session(self) -> neo4j.Session:
        """A short session that sees every earlier write of this store, even on a cluster."""
        return self._driver.session(
            database=self.database,
            default_access_mode=neo4j.READ_ACCESS if self.read_only else neo4j.WRITE_ACCESS,
            bookmark_manager=self._driver.execute_query_bookmark_manager)

    def bulk(self) -> AbstractContextManager[None]:
        """Each write commits by itself here (sources complete last), so a block of
        them is written as it goes."""
        return nullcontext()

    def checkpoint(self) -> None:
        """Nothing to do: each write commits, sources complete last (DESIGN §6)."""

    def close(self) -> None:
        self._driver.close()


def _ddl_name(stmt: str) -> str:
    """The name a CREATE CONSTRAINT/INDEX statement gives (FULLTEXT INDEX included)."""
    words = stmt.split()
    return words[words.index("IF") - 1]


# One relationship of a store written before Evidence nodes has its sentence and no key.
_INLINE_EVIDENCE = ("MATCH ()-[r:MENTIONED_IN]->() "
                    "RETURN r.evidence IS NULL AND r.sentence IS NOT NULL AS old LIMIT 1")
_OLD_IMPLEMENTS = ("MATCH ()-[r:IMPLEMENTS]->() WHERE r.evidence_count IS NULL "
                   "RETURN count(r) AS c")


def _run(tx: neo4j.ManagedTransaction, stmt: str, **params: Any) -> list[dict[str, Any]]:
    """A transaction function: run one statement, return its rows."""
    return [r.data() for r in tx.run(stmt, params)]


def _hint(e: Exception) -> str:
    """What to write instead of an embedded-store function Neo4j does not know, if it is one."""
    unknown = re.search(r"Unknown function '(\w+)'", str(e))
    if unknown and unknown[1].lower() in _EMBEDDED_ONLY:
        return (f"{unknown[1]}() is the embedded store's: on Neo4j write d.issued_year or "
                "d.issued.year, r.lag_days, duration.between(a, b).days, size(list) "
                "(queries that run on both use the stored integers). ")
    return ""


_EMBEDDED_ONLY = {"date_part", "date_diff", "list_extract", "list_concat", "label"}


def _one_line(e: Exception) -> str:
    """The driver's message on one line (some span several)."""
    text = " ".join((getattr(e, "message", None) or str(e)).split())
    return (text[:300] + "…" if len(text) > 300 else text) or type(e).__name__
