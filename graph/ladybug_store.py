"""The embedded default store: one LadybugDB file, no server, Cypher (DESIGN §2).

Writes are built around COPY FROM Arrow tables (≈10^5 rows/s) rather than per-row MERGE of
relationships (≈300/s there). New nodes and all relationships are copied; nodes that already
exist (shared documents such as 26-NQ/TW), found by primary-key lookups, are updated in place.

Its units: the write path (`graph.ladybug_writes`: rows copied or filled in), the checkpoint
policy (`graph.ladybug_checkpoints`: when to checkpoint, so that a load pays O(n) in
checkpoints), and the bulk copier (`graph.ladybug_bulk`). Copied data is durable only after a
checkpoint, so sources are marked complete only then: a crash leaves every source written since
the last checkpoint incomplete, and the next load repairs them (DESIGN §6). Until then this
store reports them complete (`sources()`); `retract` and `close` checkpoint first. An update of
a node copied since the last checkpoint waits for the next one (`WritePath.update_nodes`).
The page cache is half of RAM unless set (see `default_buffer_pool`).
"""

from __future__ import annotations

import ctypes
import functools
import os
import re
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager, suppress
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ladybug

from graph import pairs
from graph.ladybug_bulk import BulkCopier
from graph.ladybug_checkpoints import CHECKPOINT_MIN_RECORDS, CheckpointPolicy
from graph.ladybug_errors import (
    POOL_FULL,
    READ_ONLY_REFUSAL,
    WRITE_IN_READ_TRANSACTION,
    check_openable,
    open_failure,
    query_failure,
    single,
)
from graph.ladybug_writes import WritePath, arrow_table
from graph.settings import BUFFER_POOL_MB, setting
from graph.store import (
    INLINE_EVIDENCE,
    LIST_SOURCES,
    MARK_COMPLETE,
    ReadOnlyError,
    SourceInfo,
    StoreError,
)

if TYPE_CHECKING:  # writes import these when they run: reading needs neither Arrow nor RDF
    import pyarrow as pa

    from graph.batch import Batch
    from graph.model import Source
    from graph.packed import ArrowRows
    from graph.rows import Rows
    from ontology import Schema



BUFFER_POOL_ENV = BUFFER_POOL_MB.name
BUFFER_POOL_SHARE = 0.5  # of RAM, by default


def default_buffer_pool() -> int:
    """Bytes of page cache the store may use: $KG_BUFFER_POOL_MB if set, otherwise half of RAM
    (LadybugDB's own default is 80 %; the rest is left to Python and the extraction workers).
    Not less: a checkpoint rewrites the relationships of the most linked nodes (themes,
    provinces) in one piece, which needs more cache as the store grows — with 2 GiB, a
    checkpoint of a store of ~20M records (~350k documents) failed; with 8 GiB it peaked at
    7.3 GB of RSS. A bulk copy (`bulk`) of 10^6 documents failed with 2.5 GiB."""
    megabytes = setting(BUFFER_POOL_MB)
    if megabytes:
        return megabytes << 20
    ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    return int(ram * BUFFER_POOL_SHARE)


_OLD_PAIRS = "IMPLEMENTS_BEFORE_PAIRS"  # an old store's IMPLEMENTS while it is migrated
_OLD_PAIRS_RENAME = f"ALTER TABLE IMPLEMENTS RENAME TO {_OLD_PAIRS}"
_CHECKPOINT = re.compile(r"\s*CHECKPOINT\b", re.IGNORECASE)


@functools.cache
def _malloc_trim() -> Any:
    try:
        return ctypes.CDLL("libc.so.6").malloc_trim  # glibc only
    except (OSError, AttributeError):
        return None


def _release_freed_memory() -> None:
    """Hand the heap memory a write freed back to the system (glibc keeps it otherwise: at
    10^5 documents RSS after a checkpoint fell from 1,976 to 1,149 MB). No-op elsewhere."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


def _plain(value: Any) -> Any:
    """Ladybug values as plain Python (dates stay dates; nodes become property dicts)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if not k.startswith("_")}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, Decimal):  # sum() of integers is a 128-bit integer, given as Decimal
        return int(value) if value == value.to_integral_value() else float(value)
    return value


# Column types whose values come as plain Python already (`_plain` leaves them as they are).
_PLAIN_TYPES = frozenset({"STRING", "INT64", "INT32", "INT16", "INT8", "UINT64", "UINT32",
                          "UINT16", "UINT8", "SERIAL", "DOUBLE", "FLOAT", "BOOL", "DATE",
                          "STRING[]"})
ARROW_MIN_ROWS = 100_000  # rows from which Arrow pays for its loading (~0.1 s CPU here)


def _arrow_pays(rows: int) -> bool:
    """Whether a result of `rows` rows is cheaper read through Arrow than row by row."""
    return rows >= ARROW_MIN_ROWS or "pyarrow" in sys.modules


class LadybugStore:
    """A `Store` in a single LadybugDB file."""

    dialect = "ladybug"

    def __init__(self, path: str, schema: Schema | None = None, read_only: bool = False,
                 buffer_pool_size: int | None = None,
                 checkpoint_min_records: int = CHECKPOINT_MIN_RECORDS) -> None:
        """`read_only` opens an existing file for reading only, which is much faster to open.
        `buffer_pool_size` (bytes) defaults to `default_buffer_pool()`;
        `checkpoint_min_records` = 0 checkpoints after every write (`CheckpointPolicy`)."""
        self.uri = path
        self._schema = schema
        self.checkpoints = CheckpointPolicy(checkpoint_min_records)
        self.write_path = WritePath()
        self.copier = BulkCopier(self)
        self._unsynced = False  # whether IMPLEMENTS may lag its statements (`_sync_pairs`)
        self.read_only = read_only
        check_openable(Path(path), read_only)
        try:
            if not read_only:
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            self._db = ladybug.Database(path, read_only=self.read_only,
                                        buffer_pool_size=buffer_pool_size or default_buffer_pool())
            self._conn = ladybug.Connection(self._db)
        except (RuntimeError, OSError) as e:
            raise StoreError(open_failure(path, str(e), read_only)) from e
        if self._has_inline_evidence():
            self.close_now()
            raise StoreError(INLINE_EVIDENCE.format(store=path))
        if read_only and self._has_old_pairs():
            self.close()
            raise StoreError(f"{path} was built by an older kg (one IMPLEMENTS per source): "
                             "open it once for writing to bring it up to date, e.g. "
                             f"`kg --store {path} load --realign` (docs/NEO4J.md, \"Stores "
                             "built before\")")

    @property
    def checkpoint_min_records(self) -> int:
        return self.checkpoints.min_records

    @checkpoint_min_records.setter
    def checkpoint_min_records(self, records: int) -> None:
        self.checkpoints.min_records = records

    @property
    def connection(self) -> ladybug.Connection:
        """The current connection (renewed after each write): for the store's units."""
        return self._conn

    def statements_copied(self) -> None:
        """Something was copied in (durable at the next checkpoint), relationship statements
        among it: one IMPLEMENTS per pair is to be kept before the next read."""
        self.checkpoints.copied = self._unsynced = True

    def mark_complete(self, source_uids: Sequence[str]) -> None:
        """Their data is durable: the sources are loaded."""
        if source_uids:
            self.run(MARK_COMPLETE, {"uids": list(source_uids)})

    # ------------------------------------------------------------------ schema
    @property
    def schema(self) -> Schema:
        if self._schema is None:
            from ontology import load_schema

            self._schema = load_schema()
        return self._schema

    @staticmethod
    def ddl_for(schema: Schema) -> list[str]:
        """CREATE statements for every node and relationship table of the ontology."""
        out = []
        for n in schema.nodes:
            cols = ", ".join(f"{p.name} {p.type}" for p in n.props)
            out.append(f"CREATE NODE TABLE IF NOT EXISTS {n.label}({cols}, PRIMARY KEY (uid))")
        for r in schema.rels:
            pairs = ", ".join(f"FROM {a} TO {b}" for a, b in r.pairs)
            cols = ", ".join(f"{p.name} {p.type}" for p in r.props)
            fwd = " WITH (storage_direction='fwd')" if r.forward_only else ""
            out.append(f"CREATE REL TABLE IF NOT EXISTS {r.type}({pairs}, {cols}){fwd}")
        return out

    def ensure_schema(self) -> None:
        if self.read_only:
            return
        old_pairs = self._has_old_pairs()
        if old_pairs:
            self._conn.execute(_OLD_PAIRS_RENAME)
        for stmt in self.ddl_for(self.schema):
            self._conn.execute(stmt)
        self._add_missing_columns()
        if old_pairs:
            self._migrate_pairs()

    def _has_inline_evidence(self) -> bool:
        """Whether the store was written by a kg that kept each relationship's evidence
        sentence inline (MENTIONED_IN has `sentence` and no `evidence`): kg cannot read its
        evidence and does not migrate it (`INLINE_EVIDENCE`)."""
        try:
            cols = {r["name"] for r in self.run("CALL table_info('MENTIONED_IN') RETURN name")}
        except StoreError:  # no such table: a new store
            return False
        return "sentence" in cols and "evidence" not in cols

    def close_now(self) -> None:
        """Close without a checkpoint (nothing was written)."""
        self._conn.close()
        self._db.close()

    def _has_old_pairs(self) -> bool:
        """Whether IMPLEMENTS is the one-per-source table of a store built before one per pair
        (it lacks `evidence_count`)."""
        try:
            cols = {r["name"] for r in self.run("CALL table_info('IMPLEMENTS') RETURN name")}
        except StoreError:  # no such table: a new store
            return False
        # the schema (parsed from the ontology, ~0.1 s) only when the columns leave a doubt
        return "evidence_count" not in cols and pairs.kept_in(self.schema)

    def _migrate_pairs(self) -> None:
        """A store built before one IMPLEMENTS per pair (docs/NEO4J.md, "Stores built
        before"): its per-source rows become IMPLEMENTS_EVIDENCE, the pairs are kept from
        them, documents get their issued_year; then it is checkpointed."""
        from graph.rows import Table

        cols = [p.name for p in self.schema.rel(pairs.STATED).props]
        rows = self.run(f"MATCH (a:Document)-[r:{_OLD_PAIRS}]->(b:Document) RETURN "
                        "a.uid AS `from`, b.uid AS `to`, "
                        + ", ".join(f"r.{c} AS {c}" for c in cols))
        if rows:
            table = Table({k: [r[k] for r in rows] for k in ("from", "to", *cols)})
            data = arrow_table(self.schema.rel(pairs.STATED).props, table)
            self._conn.execute(f"COPY {pairs.STATED} FROM $data", {"data": data})
        self._conn.execute(f"DROP TABLE {_OLD_PAIRS}")
        self._conn.execute("MATCH (d:Document) WHERE d.issued IS NOT NULL AND "
                           "d.issued_year IS NULL SET d.issued_year = date_part('year', d.issued)")
        self.statements_copied()
        self.checkpoint()

    def _add_missing_columns(self) -> None:
        """Node properties the ontology gained since the store was made (Source's url, format
        ... for instance) are added to the tables; COPY names its columns, so their order in
        the table does not matter."""
        for n in self.schema.nodes:
            have = {r["name"] for r in self.run(f"CALL table_info('{n.label}') RETURN name")}
            for p in n.props:
                if p.name not in have:
                    self._conn.execute(f"ALTER TABLE {n.label} ADD {p.name} {p.type}")
        for r in self.schema.rels:  # and the pairs a relationship gained (Review MENTIONED_IN)
            pairs = {(x["source table name"], x["destination table name"])
                     for x in self.run(f"CALL show_connection('{r.type}') RETURN *")}
            for a, b in r.pairs:
                if (a, b) not in pairs:
                    self._conn.execute(f"ALTER TABLE {r.type} ADD FROM {a} TO {b}")

    # ------------------------------------------------------------------ reads
    def query(self, cypher: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        """A statement that reads: the engine refuses one that writes (`ReadOnlyError`), the
        file being read-only or the statement run in a read-only transaction."""
        self._catch_up()
        with self._reading(cypher):
            return self.run(cypher, params)

    def query_columns(self, cypher: str,
                      params: Mapping[str, Any] | None = None) -> dict[str, list[Any]]:
        """`query`'s result as one list per column: no dict built per row, and plain values
        left as they come (a large result cost more to turn into rows than to compute). Read
        through Arrow from `ARROW_MIN_ROWS` rows on, or once Arrow is loaded: loading it
        costs more than a smaller result saves."""
        self._catch_up()
        with self._reading(cypher):
            result = self._execute(cypher, params)
            names, n = result.get_column_names(), result.get_num_tuples()
            if _arrow_pays(n):
                table = result.get_as_arrow(chunk_size=-1)
                cols = [table.column(i).to_pylist() for i in range(len(names))]
            else:
                cols = [list(c) for c in zip(*(result.get_next() for _ in range(n)),
                                             strict=True)]
                cols = cols or [[] for _ in names]
            kinds = result.get_column_data_types()
        return {k: c if kind in _PLAIN_TYPES else [_plain(v) for v in c]
                for k, kind, c in zip(names, kinds, cols, strict=True)}

    def execute(self, cypher: str,
                params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        """A statement that may write (`kg cypher --write`, kg's notes); rows as `query`'s."""
        self._writable()
        self._catch_up()
        return self.run(cypher, params)

    def _catch_up(self) -> None:
        """Before a statement of the caller's: it sees every write (the fills still waiting
        are applied) and one IMPLEMENTS per pair stated."""
        if self.write_path.waiting:
            self.checkpoint()
        elif self._unsynced:
            self._sync_pairs()

    @contextmanager
    def _reading(self, cypher: str) -> Iterator[None]:
        """A block that may only read: a file opened read-only refuses writes by itself,
        otherwise the block is a read-only transaction. CHECKPOINT is refused here (the
        engine half-runs it on a read-only file)."""
        if _CHECKPOINT.match(cypher):
            raise ReadOnlyError(f"{self.uri}: CHECKPOINT writes; a query may only read")
        if self.read_only:
            yield
            return
        self._conn.execute("BEGIN TRANSACTION READ ONLY")
        try:
            yield
        except BaseException:
            with suppress(RuntimeError):  # the engine may have ended it with the statement
                self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    def run(self, cypher: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        """A statement as it is, for the store and its units: no waiting fill applied first
        (they never touch Source nodes)."""
        result = self._execute(cypher, params)
        cols = result.get_column_names()
        rows = []
        while result.has_next():
            rows.append({c: _plain(v) for c, v in zip(cols, result.get_next(), strict=True)})
        return rows

    def _execute(self, cypher: str, params: Mapping[str, Any] | None) -> ladybug.QueryResult:
        """The engine's result, its errors as one-line `StoreError`s."""
        if self.read_only and _CHECKPOINT.match(cypher):  # the engine half-runs it
            raise ReadOnlyError(f"{self.uri} is open for reading only: CHECKPOINT writes")
        try:
            result = self._conn.execute(cypher, dict(params or {}))
        except RuntimeError as e:
            if READ_ONLY_REFUSAL in str(e):
                raise ReadOnlyError(f"{self.uri} is open for reading only: this statement "
                                    "writes") from e
            if WRITE_IN_READ_TRANSACTION in str(e):
                raise ReadOnlyError(f"{self.uri}: a query may only read and this statement "
                                    "writes (writes go through `execute`)") from e
            self._raise_if_cache_too_small(e)
            raise StoreError(query_failure(str(e), cypher)) from e
        return single(result, cypher)

    def sources(self) -> list[SourceInfo]:
        """Every source; those written since the last checkpoint count as complete."""
        self.copier.finish()
        pending = set(self.checkpoints.sources)
        rows = self.run(LIST_SOURCES)
        return [SourceInfo(r["uid"], r["name"], r["path"],
                           bool(r["complete"]) or r["uid"] in pending) for r in rows
                ] + list(self.copier.staged.values())

    # ------------------------------------------------------------------ writes
    def _writable(self) -> None:
        if self.read_only:
            raise ReadOnlyError(f"{self.uri} is open for reading only")

    def write(self, batches: Sequence[Batch]) -> None:
        if not batches:
            return
        self._writable()
        from graph.rows import to_rows

        self.write_rows(to_rows(batches, self.schema), [b.source for b in batches])

    def write_rows(self, rows: Rows | ArrowRows, sources: Sequence[Source]) -> None:
        """`write` of the rows of these sources' batches, built already (`graph.packed`)."""
        if not sources:
            return
        self._writable()
        from graph.rows import gc_paused

        self.copier.finish()
        with gc_paused:  # rows and Arrow columns are millions of objects and no cycles
            self._write(rows, sources)

    def _write(self, rows: Rows | ArrowRows, sources: Sequence[Source]) -> None:
        self._conn.execute("CALL auto_checkpoint=false")
        if self.copier.stage is not None:
            self.copier.stage_write(rows, sources)
        else:
            self._copy_rows(rows)
            self._unsynced = True
            self.checkpoints.wrote((s.uid for s in sources), rows.count)
        self._renew_connection()
        if self.copier.stage is None and self.checkpoints.due(self._count_records):
            self.checkpoint()
        _release_freed_memory()

    def _copy_rows(self, rows: Rows | ArrowRows) -> None:
        """Copy a write's rows in now; if that fails, drop the updates it left waiting."""
        self.checkpoints.copied = True
        try:
            self.write_path.copy(self._conn, self.schema, rows)
        except BaseException as e:
            self._conn.execute("CALL auto_checkpoint=true")
            self._raise_if_cache_too_small(e)
            raise

    def _renew_connection(self) -> None:
        """A fresh connection: a connection keeps the Arrow tables it was given as parameters
        (measured: ~75 MB of Arrow and ~350 MB of RSS per write of 200k records, never freed)."""
        self._conn.close()
        self._conn = ladybug.Connection(self._db)
        self._conn.execute("CALL auto_checkpoint=false")

    def _raise_if_cache_too_small(self, e: BaseException) -> None:
        """When `e` says the page cache was full: the advice to give the store more."""
        if POOL_FULL in str(e):
            raise StoreError(f"{self.uri}: the page cache ({self._db.buffer_pool_size >> 20} "
                             "MB) is too small for this write on a store this size; set "
                             f"{BUFFER_POOL_ENV} (MB) higher and load again") from e

    def _count_records(self) -> int:
        nodes = self.run("MATCH (n) RETURN count(n) AS c")[0]["c"]
        return nodes + self.run("MATCH ()-[r]->() RETURN count(r) AS c")[0]["c"]

    def checkpoint(self, resume_auto: bool = True) -> None:
        """Make everything written durable, apply the updates that waited for it, then mark
        the sources written since complete (nothing to do when nothing was copied since the
        last checkpoint)."""
        if self.read_only or not self.checkpoints.copied:
            return
        if self._unsynced:  # pairs copied in before the checkpoint makes them durable
            self._copy_missing_pairs()
        try:
            self._conn.execute("CHECKPOINT")
        except RuntimeError as e:
            self._raise_if_cache_too_small(e)
            raise
        self.checkpoints.copied = False
        self.write_path.apply_waiting(self._conn)
        if self._unsynced:
            self._rebuild_pairs()  # on durable data only: see `WritePath.update_nodes`
            self._unsynced = False
        self.mark_complete(self.checkpoints.sources)
        self.checkpoints.checkpointed()
        self._conn.execute(f"CALL auto_checkpoint={str(resume_auto).lower()}")

    # ------------------------------------------------------------------ pairs
    def _sync_pairs(self) -> None:
        """One IMPLEMENTS per pair stated (`graph.pairs`): missing ones are copied in now;
        pairs to rebuild (restated, retracted, newly dated) wait for data copied since the
        last checkpoint to be durable, as updates do (`WritePath.update_nodes`)."""
        self._copy_missing_pairs()
        if (self.checkpoints.copied and pairs.kept_in(self.schema)
                and self.run(pairs.STALE + " LIMIT 1")):
            self.checkpoint()  # which rebuilds them once the copies are durable
            return
        self._rebuild_pairs()
        self._unsynced = False

    def _copy_missing_pairs(self) -> None:
        if not pairs.kept_in(self.schema):
            return
        rows = pairs.pair_rows(self.run(pairs.MISSING))
        if rows:
            self.checkpoints.copied = True
            self._conn.execute(f"COPY {pairs.PAIR} FROM $data",
                               {"data": self._pair_table(rows)})

    def _pair_table(self, rows: Sequence[Mapping[str, Any]]) -> pa.Table:
        from graph.rows import REL_LEAD, Table

        props = self.schema.rel(pairs.PAIR).props
        return arrow_table(props, Table({k: [r[k] for r in rows]
                                    for k in (*REL_LEAD, *(p.name for p in props))}))

    def _rebuild_pairs(self) -> None:
        """Rebuild the IMPLEMENTS whose statements or dates changed, from their statements
        (statements, not COPY: written to the log, durable at once)."""
        if not pairs.kept_in(self.schema):
            return
        stale = [(r["from"], r["to"]) for r in self.run(pairs.STALE)]
        if not stale:
            return
        stmt, params = pairs.statements_of(stale)
        rows = pairs.pair_rows(self.run(stmt, params))
        stmt, params = pairs.delete_pairs(stale)
        self.run(stmt, params)
        if rows:
            props = self.schema.rel(pairs.PAIR).props
            data = self._pair_table(rows).rename_columns(
                ["child", "parent", *(p.name for p in props)])
            fields = ", ".join(f"{p.name}: {p.name}" for p in props)
            # one MATCH per end: each a primary-key lookup (with a comma, LadybugDB joins
            # every Document with every Document: 13 GB at 10^4 documents)
            self._conn.execute("LOAD FROM $data MATCH (a:Document {uid: child}) "
                               "MATCH (b:Document {uid: parent}) "
                               f"CREATE (a)-[:{pairs.PAIR} {{{fields}}}]->(b)", {"data": data})

    # ------------------------------------------------------------------ bulk
    def bulk(self) -> AbstractContextManager[None]:
        """Writes inside are staged on disk (`graph.stage`) and copied in when the block ends,
        table by table in checkpointed pieces; then the store marks their sources complete
        (`graph.ladybug_bulk`). For loads that write much more than the store holds (a first
        load). A block stopped while staging leaves the store as it was; a copy stopped midway
        is finished by the next use of the store for writing. Reads inside do not see the
        staged rows; `sources()` lists their sources."""
        return self.copier.block()

    def retract(self, source_uids: Sequence[str]) -> None:
        if not source_uids:
            return
        self._writable()
        self.copier.finish()
        if self.copier.staged.keys() & set(source_uids):
            raise StoreError("a source staged by this bulk write cannot be retracted before "
                             "the copy")
        self.checkpoint()
        self.checkpoints.recount()
        params = {"sources": list(source_uids)}
        for rel in self.schema.stated:  # IMPLEMENTS follows its statements (_rebuild_pairs)
            self.execute(f"MATCH ()-[r:{rel.type}]->() WHERE r.source IN $sources DELETE r",
                         params)
        self.execute("MATCH (s:Source) WHERE s.uid IN $sources DETACH DELETE s", params)
        for n in self.schema.owned:  # their Evidence: only their relationships named it
            self.execute(f"MATCH (n:{n.label}) WHERE n.source IN $sources DELETE n", params)
        for n in self.schema.swept:  # reference data stays (kg:keptWithoutSource)
            self.execute(f"MATCH (n:{n.label}) WHERE NOT EXISTS "
                         "{ MATCH (n)-[:MENTIONED_IN]->(:Source) } DETACH DELETE n")
        self._rebuild_pairs()

    def close(self) -> None:
        self.checkpoint()
        self._conn.close()
        self._db.close()
