"""The embedded default store: one LadybugDB file, no server, Cypher (DESIGN §2).

Writes are built around COPY FROM Arrow tables (≈10^5 rows/s) rather than per-row MERGE of
relationships (≈300/s there). New nodes and all relationships are copied; nodes that already
exist (shared documents such as 26-NQ/TW), found by primary-key lookups, are updated in place.

LadybugDB checkpoints after every COPY by default, and a checkpoint's cost grows with the
database (it rewrites the storage of every node with many relationships: themes, provinces,
a source's mentions), so checkpointing often made loading quadratic. Automatic checkpoints are
off while this store writes; it checkpoints once the records written since the last checkpoint
reach a share of the records already stored (`CHECKPOINT_SHARE`, at least
`CHECKPOINT_MIN_RECORDS`), so a load pays O(n) in checkpoints, not O(n^2), until the share
reaches `CHECKPOINT_MAX_RECORDS`: copied data stays in memory until checkpointed, so larger
stores checkpoint every that many records (memory bought with checkpoint time). Copied data is
durable only after a checkpoint, so sources are marked complete only then: a crash leaves every
source written since the last checkpoint incomplete, and the next load repairs them (DESIGN
§6). Until then this store reports them complete (`sources()`); `retract` and `close`
checkpoint first. An update of a node copied since the last checkpoint waits for the next one
(see `_update_nodes`): forcing a checkpoint for it made most writes checkpoint at scale.
The page cache is half of RAM unless set (see `default_buffer_pool`).
"""

from __future__ import annotations

import ctypes
import datetime as dt
import functools
import os
import re
import shutil
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ladybug

from graph import pairs
from graph.settings import BUFFER_POOL_MB, setting
from graph.store import ReadOnlyError, SourceInfo, StoreError

if TYPE_CHECKING:  # writes import these when they run: reading needs neither Arrow nor RDF
    import pyarrow as pa

    from graph.batch import Batch
    from graph.model import Source
    from graph.packed import ArrowRows
    from graph.rows import Rows, Table
    from graph.stage import Stage, StagedTable
    from ontology import Prop, Schema



CHECKPOINT_SHARE = 0.5  # checkpoint when the records since the last one reach this share ...
CHECKPOINT_MIN_RECORDS = 1_000_000  # ... of the records stored, and at least this many ...
# ... and at most this many: what was copied since the last checkpoint stays in memory
# (~0.75 KB per record measured at 10^6 documents, 6.4 GB RSS 12 min after one)
CHECKPOINT_MAX_RECORDS = 4_000_000
# Rows per COPY of a staged table (`bulk`): LadybugDB holds a COPY in memory until the next
# checkpoint; 10^6 rows of a relationship with its evidence took ~0.6 GB (BENCHMARKS.md, 10^6).
COPY_PIECE_ROWS = 1_000_000
BUFFER_POOL_ENV = BUFFER_POOL_MB.name
BUFFER_POOL_SHARE = 0.5  # of RAM, by default
_POOL_FULL = "buffer pool is full"  # LadybugDB's message when a statement needs more cache


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


def _column(prop: Prop, values: list[Any], null_lists: bool) -> pa.Array:
    """One column as Arrow. A missing list is [] in a new row; with `null_lists` it stays null
    (an update keeps the old value)."""
    import pyarrow as pa

    arrow = {"STRING": pa.string(), "INT64": pa.int64(), "DOUBLE": pa.float64(),
             "BOOLEAN": pa.bool_(), "DATE": pa.date32(), "STRING[]": pa.list_(pa.string())}
    if prop.type == "DATE":
        values = [dt.date.fromisoformat(v) if isinstance(v, str) else v for v in values]
    if prop.type == "STRING[]":
        empty = None if null_lists else []
        values = [list(v) if v is not None else empty for v in values]
    return pa.array(values, type=arrow[prop.type])


def _arrow(props: Sequence[Prop], table: Table | pa.Table, null_lists: bool = False) -> pa.Table:
    """A table's rows as Arrow: `from` and `to` first for relationships, then `props`."""
    import pyarrow as pa

    from graph.rows import REL_LEAD

    if isinstance(table, pa.Table):  # built already (graph.packed), lists nobody stated null
        from graph.stage import empty_lists

        return table if null_lists else empty_lists(table)
    cols = {k: pa.array(table.columns[k], type=pa.string())
            for k in REL_LEAD if k in table.columns}
    cols.update({p.name: _column(p, table.columns[p.name], null_lists) for p in props})
    return pa.table(cols)


def _has(expr: str, prop: Prop) -> str:
    """Cypher: whether `expr` holds a value (not null; for a list, not empty)."""
    if prop.type == "STRING[]":
        return f"({expr} IS NOT NULL AND size({expr}) > 0)"
    return f"{expr} IS NOT NULL"


_OLD_PAIRS = "IMPLEMENTS_BEFORE_PAIRS"  # an old store's IMPLEMENTS while it is migrated
_OLD_PAIRS_RENAME = f"ALTER TABLE IMPLEMENTS RENAME TO {_OLD_PAIRS}"
_READ_ONLY_REFUSAL = "Cannot execute write operations in a read-only database"
_CHECKPOINT = re.compile(r"\s*CHECKPOINT\b", re.IGNORECASE)


def _check_openable(path: Path, read_only: bool) -> None:
    """Refuse, in one line, a path LadybugDB would turn into a traceback or a new store."""
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a kg store file: name the store file "
                         "(--store PATH or $KG_STORE)")
    if not path.exists():
        if read_only:
            raise StoreError(f"no kg store at {path}: `kg load FILES` creates one; name "
                             "another with --store PATH or $KG_STORE")
        return
    if path.stat().st_size == 0:
        raise StoreError(f"{path} is an empty file, not a kg store (an interrupted copy?): "
                         "remove it and `kg load` again, or copy the store again")
    if not read_only:
        folder = path.resolve().parent
        if not os.access(folder, os.W_OK | os.X_OK):
            raise StoreError(f"cannot write in {folder}: writing to {path.name} needs its "
                             f"journal ({path.name}.wal) beside it; reading commands work "
                             "(kg trace, coverage, ...), to load copy the store to a "
                             "writable folder")
        if not os.access(path, os.W_OK):
            raise StoreError(f"{path} is read-only: reading commands work (kg trace, "
                             "coverage, ...); to load, copy it or make it writable")


def _open_failure(path: str, error: str, read_only: bool) -> str:
    """Why LadybugDB could not open `path`, and what to do, on one line."""
    if "outside the database file" in error:
        return (f"{path} is shorter than its own catalog says: the file was cut short (an "
                "interrupted copy?) or a running load is checkpointing it; if no `kg load` "
                "runs, copy the store again or load into a new one")
    if "recovery is pending" in error or "checkpointing" in error:
        return (f"{path} is being checkpointed by a running load, or one stopped "
                "mid-checkpoint: retry in a moment; if no `kg load` runs, a command that "
                "writes (`kg load --realign`) finishes the recovery")
    if "Permission denied" in error:
        return (f"cannot open {path}: permission denied" + (
            "" if read_only else "; reading commands open it read-only"))
    return f"cannot open the embedded store {path}: {' '.join(error.split())[:300]}"


def _hint(error: str, cypher: str = "") -> str:
    """What to write instead, when kg knows what the embedded dialect refused."""
    backward = re.search(r'bwd data for rel table "(\w+)"', error)
    if backward:
        return (f"{backward[1]} is stored from its source side only, docs/ARCHITECTURE.md "
                "15: start the pattern from that side, e.g. MATCH (t:Task)-[:LEAD]->(o:"
                "Organisation {name: $name}), not from a node bound by an earlier WITH")
    if "Undirected rel pattern" in error:
        return ("LEAD, SUPPORT, ISSUED_BY, RELEVANT_FOR and HAS_THEME are stored from their "
                "source side only, docs/ARCHITECTURE.md 15: give the pattern a direction, e.g. "
                "MATCH (t:Task)-[:LEAD]->(o:Organisation)")
    missing = re.search(r"Table (\w+) does not exist", error)
    if missing:
        return (f"the store has no {missing[1]} table: it was made by an older kg, or is "
                "not a kg store; `kg load --realign` adds the tables this kg uses")
    if re.search(r"has data type DATE but .* was expected", error):
        return ("the embedded store reads no fields of a date (d.issued.year): write "
                "d.issued_year for a document's year, r.lag_days for the days between a plan "
                "and what it implements, or date_part('year', d.issued)")
    if re.search(r"\[\s*\w+\s+IN\b[^\]]*\|", cypher) and "not in scope" in error:
        return ("the embedded store has no list comprehensions ([x IN list | ...]): UNWIND "
                "the list and collect() again, or use list functions")
    if re.search(r"\b(duration|datetime|date)\s*\.\s*\w+\s*\(", cypher):
        return ("the embedded store has no duration.between() or date.*() functions: write "
                "r.lag_days (IMPLEMENTS), d.issued_year, or date_part / date_diff")
    return ""


def _query_failure(error: str, cypher: str) -> str:
    """A LadybugDB error as one line: what to write instead when kg knows, then the engine's
    first line (a parser error's other lines only point at the offset it already names)."""
    said = " ".join(error.strip().splitlines()[0].split()) if error.strip() else error
    hint = _hint(error, cypher)
    return f"query failed: {hint} (LadybugDB: {said})" if hint else f"query failed: {said}"


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


def checkpoint_due(stored: int, min_records: int = CHECKPOINT_MIN_RECORDS) -> int:
    """Records written since the last checkpoint that make the next one due, the store holding
    `stored`: a share of it (O(n) checkpoint work in all), at least `min_records`, and at most
    CHECKPOINT_MAX_RECORDS (memory)."""
    return max(min_records, min(CHECKPOINT_MAX_RECORDS, int(CHECKPOINT_SHARE * stored)))


def _fill_match(label: str, props: Sequence[Prop]) -> str:
    """The nodes of `label` for which a row of $data states a value they lack."""
    differs = " OR ".join(f"({_has(p.name, p)} AND NOT {_has('n.' + p.name, p)})"
                          for p in props)
    return f"LOAD FROM $data MATCH (n:{label} {{uid: uid}}) WHERE {differs}"


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
                          "UINT16", "UINT8", "SERIAL", "DOUBLE", "FLOAT", "BOOL", "DATE"})
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
        `checkpoint_min_records` = 0 checkpoints after every write."""
        self.uri = path
        self._schema = schema
        self.checkpoint_min_records = checkpoint_min_records
        self._pending: list[str] = []  # sources written since the last checkpoint
        self._fresh: dict[str, set[str]] = {}  # per label, uids copied since then
        self._copied = False  # whether anything was copied since then
        self._deferred: list[tuple[str, list[Prop], pa.Table]] = []  # fills of fresh nodes
        self._pending_records = 0
        self._stored_records: int | None = None  # at the last checkpoint, counted when needed
        self._stage: Stage | None = None  # while `bulk` stages writes
        self._staged: dict[str, SourceInfo] = {}  # the sources staged
        self._recovered = False  # whether a stopped bulk copy was looked for (`_finish_copy`)
        self._unsynced = False  # whether IMPLEMENTS may lag its statements (`_sync_pairs`)
        self.read_only = read_only
        _check_openable(Path(path), read_only)
        try:
            if not read_only:
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            self._db = ladybug.Database(path, read_only=self.read_only,
                                        buffer_pool_size=buffer_pool_size or default_buffer_pool())
            self._conn = ladybug.Connection(self._db)
        except (RuntimeError, OSError) as e:
            raise StoreError(_open_failure(path, str(e), read_only)) from e
        if read_only and self._has_old_pairs():
            self.close()
            raise StoreError(f"{path} was built by an older kg (one IMPLEMENTS per source): "
                             "open it once for writing to bring it up to date, e.g. "
                             f"`kg --store {path} load --realign` (docs/NEO4J.md, \"Stores "
                             "built before\")")

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

    def _has_old_pairs(self) -> bool:
        """Whether IMPLEMENTS is the one-per-source table of a store built before one per pair
        (it lacks `evidence_count`)."""
        if not pairs.kept_in(self.schema):
            return False
        try:
            cols = {r["name"] for r in self._read("CALL table_info('IMPLEMENTS') RETURN name")}
        except StoreError:  # no such table: a new store
            return False
        return "evidence_count" not in cols

    def _migrate_pairs(self) -> None:
        """A store built before one IMPLEMENTS per pair (docs/NEO4J.md, "Stores built
        before"): its per-source rows become IMPLEMENTS_EVIDENCE, the pairs are kept from
        them, documents get their issued_year; then it is checkpointed."""
        from graph.rows import Table

        cols = [p.name for p in self.schema.rel(pairs.STATED).props]
        rows = self._read(f"MATCH (a:Document)-[r:{_OLD_PAIRS}]->(b:Document) RETURN "
                          "a.uid AS `from`, b.uid AS `to`, "
                          + ", ".join(f"r.{c} AS {c}" for c in cols))
        if rows:
            table = Table({k: [r[k] for r in rows] for k in ("from", "to", *cols)})
            data = _arrow(self.schema.rel(pairs.STATED).props, table)
            self._conn.execute(f"COPY {pairs.STATED} FROM $data", {"data": data})
        self._conn.execute(f"DROP TABLE {_OLD_PAIRS}")
        self._conn.execute("MATCH (d:Document) WHERE d.issued IS NOT NULL AND "
                           "d.issued_year IS NULL SET d.issued_year = date_part('year', d.issued)")
        self._copied = self._unsynced = True
        self.checkpoint()

    def _add_missing_columns(self) -> None:
        """Node properties the ontology gained since the store was made (Source's url, format
        ... for instance) are added to the tables; COPY names its columns, so their order in
        the table does not matter."""
        for n in self.schema.nodes:
            have = {r["name"] for r in self._read(f"CALL table_info('{n.label}') RETURN name")}
            for p in n.props:
                if p.name not in have:
                    self._conn.execute(f"ALTER TABLE {n.label} ADD {p.name} {p.type}")
        for r in self.schema.rels:  # and the pairs a relationship gained (Review MENTIONED_IN)
            pairs = {(x["source table name"], x["destination table name"])
                     for x in self._read(f"CALL show_connection('{r.type}') RETURN *")}
            for a, b in r.pairs:
                if (a, b) not in pairs:
                    self._conn.execute(f"ALTER TABLE {r.type} ADD FROM {a} TO {b}")

    # ------------------------------------------------------------------ reads
    def query(self, cypher: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        if self._deferred:  # reads see every write: apply the updates still waiting
            self.checkpoint()
        elif self._unsynced:  # ... and one IMPLEMENTS per pair stated
            self._sync_pairs()
        return self._read(cypher, params)

    def _read(self, cypher: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        """`query` without applying deferred updates (they never touch Source nodes)."""
        if self.read_only and _CHECKPOINT.match(cypher):  # the engine half-runs it
            raise ReadOnlyError(f"{self.uri} is open for reading only: CHECKPOINT writes")
        try:
            result = self._conn.execute(cypher, dict(params or {}))
        except RuntimeError as e:
            if _READ_ONLY_REFUSAL in str(e):
                raise ReadOnlyError(f"{self.uri} is open for reading only: this statement "
                                    "writes") from e
            self._raise_if_cache_too_small(e)
            raise StoreError(_query_failure(str(e), cypher)) from e
        cols = result.get_column_names()
        rows = []
        while result.has_next():
            rows.append({c: _plain(v) for c, v in zip(cols, result.get_next(), strict=True)})
        return rows

    def query_columns(self, cypher: str,
                      params: Mapping[str, Any] | None = None) -> dict[str, list[Any]]:
        """`query`'s result as one list per column: no dict built per row, and plain values
        left as they come (a large result cost more to turn into rows than to compute). Read
        through Arrow from `ARROW_MIN_ROWS` rows on, or once Arrow is loaded: loading it
        costs more than a smaller result saves."""
        if self._deferred:  # as `query`: reads see every write
            self.checkpoint()
        elif self._unsynced:  # ... and one IMPLEMENTS per pair stated
            self._sync_pairs()
        if self.read_only and _CHECKPOINT.match(cypher):
            self._read(cypher, params)  # refused, in `query`'s words
        try:
            result = self._conn.execute(cypher, dict(params or {}))
        except RuntimeError:  # a failed statement changed nothing: the row path words it
            rows = self._read(cypher, params)
            return {k: [r[k] for r in rows] for k in (rows[0] if rows else {})}
        names, n = result.get_column_names(), result.get_num_tuples()
        if _arrow_pays(n):
            table = result.get_as_arrow(chunk_size=-1)
            cols = [table.column(i).to_pylist() for i in range(len(names))]
        else:
            cols = [list(c) for c in zip(*(result.get_next() for _ in range(n)), strict=True)]
            cols = cols or [[] for _ in names]
        kinds = result.get_column_data_types()
        return {k: c if kind in _PLAIN_TYPES else [_plain(v) for v in c]
                for k, kind, c in zip(names, kinds, cols, strict=True)}

    def sources(self) -> list[SourceInfo]:
        """Every source; those written since the last checkpoint count as complete."""
        self._finish_copy()
        pending = set(self._pending)
        rows = self._read("MATCH (s:Source) RETURN s.uid AS uid, s.name AS name, "
                          "s.path AS path, s.complete AS complete")
        return [SourceInfo(r["uid"], r["name"], r["path"],
                           bool(r["complete"]) or r["uid"] in pending) for r in rows
                ] + list(self._staged.values())

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

        self._finish_copy()
        with gc_paused:  # rows and Arrow columns are millions of objects and no cycles
            self._write(rows, sources)

    def _write(self, rows: Rows | ArrowRows, sources: Sequence[Source]) -> None:
        self._conn.execute("CALL auto_checkpoint=false")
        if self._stage is not None:
            self._stage_rows(rows)
            self._staged.update((s.uid, SourceInfo(s.uid, s.name, s.path, True))
                                for s in sources)
        else:
            self._copy_rows(rows)
            self._unsynced = True
            self._pending.extend(s.uid for s in sources)
            self._pending_records += rows.count
        self._renew_connection()
        if self._stage is None and self._pending_records >= self._checkpoint_due():
            self.checkpoint()
        _release_freed_memory()

    def _copy_rows(self, rows: Rows | ArrowRows) -> None:
        """Copy a write's rows in now; if that fails, drop the updates it left waiting."""
        self._copied = True
        waiting = len(self._deferred)
        try:
            self._write_nodes(rows)
            self._write_rels(rows)
        except BaseException as e:
            del self._deferred[waiting:]  # a failed write's sources assert nothing
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
        if _POOL_FULL in str(e):
            raise StoreError(f"{self.uri}: the page cache ({self._db.buffer_pool_size >> 20} "
                             "MB) is too small for this write on a store this size; set "
                             f"{BUFFER_POOL_ENV} (MB) higher and load again") from e

    def _checkpoint_due(self) -> int:
        """Records written since the last checkpoint that make the next one due."""
        if self.checkpoint_min_records <= 0:
            return 0
        if self._stored_records is None:
            self._stored_records = self._count_records()
        return checkpoint_due(self._stored_records, self.checkpoint_min_records)

    def _count_records(self) -> int:
        nodes = self._read("MATCH (n) RETURN count(n) AS c")[0]["c"]
        return nodes + self._read("MATCH ()-[r]->() RETURN count(r) AS c")[0]["c"]

    def checkpoint(self, resume_auto: bool = True) -> None:
        """Make everything written durable, apply the updates that waited for it, then mark
        the sources written since complete (nothing to do when nothing was copied since the
        last checkpoint)."""
        if self.read_only or not self._copied:
            return
        if self._unsynced:  # pairs copied in before the checkpoint makes them durable
            self._copy_missing_pairs()
        try:
            self._conn.execute("CHECKPOINT")
        except RuntimeError as e:
            self._raise_if_cache_too_small(e)
            raise
        self._copied = False
        self._fresh.clear()
        deferred, self._deferred = self._deferred, []
        for label, props, data in deferred:  # in write order: the first value stated stays
            self._fill(label, props, data)
        if self._unsynced:
            self._rebuild_pairs()  # on durable data only: see `_update_nodes`
            self._unsynced = False
        if self._pending:
            self._read("UNWIND $uids AS u MATCH (s:Source {uid: u}) SET s.complete = true",
                       {"uids": self._pending})
        if self._stored_records is not None:
            self._stored_records += self._pending_records
        self._pending, self._pending_records = [], 0
        self._conn.execute(f"CALL auto_checkpoint={str(resume_auto).lower()}")

    # ------------------------------------------------------------------ pairs
    def _sync_pairs(self) -> None:
        """One IMPLEMENTS per pair stated (`graph.pairs`): missing ones are copied in now;
        pairs to rebuild (restated, retracted, newly dated) wait for data copied since the
        last checkpoint to be durable, as updates do (`_update_nodes`)."""
        self._copy_missing_pairs()
        if self._copied and pairs.kept_in(self.schema) and self._read(pairs.STALE + " LIMIT 1"):
            self.checkpoint()  # which rebuilds them once the copies are durable
            return
        self._rebuild_pairs()
        self._unsynced = False

    def _copy_missing_pairs(self) -> None:
        if not pairs.kept_in(self.schema):
            return
        rows = pairs.pair_rows(self._read(pairs.MISSING))
        if rows:
            self._copied = True
            self._conn.execute(f"COPY {pairs.PAIR} FROM $data",
                               {"data": self._pair_table(rows)})

    def _pair_table(self, rows: Sequence[Mapping[str, Any]]) -> pa.Table:
        from graph.rows import REL_LEAD, Table

        props = self.schema.rel(pairs.PAIR).props
        return _arrow(props, Table({k: [r[k] for r in rows]
                                    for k in (*REL_LEAD, *(p.name for p in props))}))

    def _rebuild_pairs(self) -> None:
        """Rebuild the IMPLEMENTS whose statements or dates changed, from their statements
        (statements, not COPY: written to the log, durable at once)."""
        if not pairs.kept_in(self.schema):
            return
        stale = [(r["from"], r["to"]) for r in self._read(pairs.STALE)]
        if not stale:
            return
        stmt, params = pairs.statements_of(stale)
        rows = pairs.pair_rows(self._read(stmt, params))
        stmt, params = pairs.delete_pairs(stale)
        self._read(stmt, params)
        if rows:
            props = self.schema.rel(pairs.PAIR).props
            data = self._pair_table(rows).rename_columns(
                ["child", "parent", *(p.name for p in props)])
            fields = ", ".join(f"{p.name}: {p.name}" for p in props)
            self._conn.execute("LOAD FROM $data MATCH (a:Document {uid: child}), "
                               f"(b:Document {{uid: parent}}) "
                               f"CREATE (a)-[:{pairs.PAIR} {{{fields}}}]->(b)", {"data": data})

    def _stored(self, label: str, data: pa.Table) -> pa.Array:
        """Whether each row's uid is a node of `label` in the store."""
        import pyarrow as pa
        import pyarrow.compute as pc

        known = self._conn.execute(f"LOAD FROM $data MATCH (n:{label} {{uid: uid}}) "
                                   "RETURN uid", {"data": data}).get_as_arrow()["uid"]
        return pc.is_in(data["uid"], value_set=known.combine_chunks().cast(pa.string()))

    def _write_nodes(self, rows: Rows | ArrowRows) -> None:
        """Per label: the rows whose uid the table holds fill in what its nodes lack, the
        others are copied in."""
        import pyarrow.compute as pc

        for label in sorted(rows.nodes, key=lambda x: x != "Source"):
            props = self.schema.node(label).props
            data = _arrow(props, rows.nodes[label])
            old = self._stored(label, data)
            if not pc.all(old).as_py():
                new = data.filter(pc.invert(old))
                cols = ", ".join(p.name for p in props)  # by name: a migrated table's order
                self._conn.execute(f"COPY {label}({cols}) FROM $data", {"data": new})
                self._fresh.setdefault(label, set()).update(new["uid"].to_pylist())
            if pc.any(old).as_py():
                self._update_nodes(label, props, _arrow(props, rows.nodes[label],
                                                        null_lists=True).filter(old))

    def _update_nodes(self, label: str, props: Sequence[Prop], data: pa.Table) -> None:
        """Give the existing nodes the values of `data` they lack: the first value stated
        stays (the rule of `graph.rows.missing`, as within a write).

        Updates go through the write-ahead log while copies do not, so replaying an update of
        a node copied since the last checkpoint, after a crash, would touch data that is gone
        (LadybugDB crashes opening such a file). Such updates wait for the next checkpoint,
        which applies them in order before marking their sources complete; checkpointing
        for them instead made most writes of a large load checkpoint (a plan copied in one
        write, filled in by a file of the next), and a checkpoint costs in proportion to the
        store.
        """
        import pyarrow as pa
        import pyarrow.compute as pc

        props = [p for p in props if p.name != "uid"]
        changing = self._conn.execute(f"{_fill_match(label, props)} RETURN uid",
                                      {"data": data}).get_as_arrow()
        changing = changing["uid"].combine_chunks().cast(pa.string())
        if not len(changing):
            return
        data = data.filter(pc.is_in(data["uid"], value_set=changing))
        fresh = self._fresh.get(label, set()) if label != "Source" else set()
        waits = pa.array([u in fresh for u in data["uid"].to_pylist()], pa.bool_())
        if pc.any(waits).as_py():
            self._deferred.append((label, props, data.filter(waits)))
            data = data.filter(pc.invert(waits))
        if len(data):
            self._fill(label, props, data)

    def _fill(self, label: str, props: Sequence[Prop], data: pa.Table) -> None:
        """The values of `data` its nodes lack (props without uid)."""
        sets = ", ".join(f"n.{p.name} = CASE WHEN {_has('n.' + p.name, p)} THEN n.{p.name} "
                         f"ELSE {p.name} END" for p in props)
        self._conn.execute(f"{_fill_match(label, props)} SET {sets}", {"data": data})

    def _write_rels(self, rows: Rows | ArrowRows) -> None:
        for (type_, a, b), table in rows.rels.items():
            rel = self.schema.rel(type_)
            opts = f" (from='{a}', to='{b}')" if len(rel.pairs) > 1 else ""
            self._conn.execute(f"COPY {type_} FROM $data{opts}", {"data": _arrow(rel.props, table)})

    # ------------------------------------------------------------------ bulk
    @contextmanager
    def bulk(self) -> Iterator[None]:
        """Writes inside are staged on disk (`graph.stage`) and copied in when the block ends,
        table by table in checkpointed pieces (`_copy_sealed`); then the store marks their
        sources complete. For loads that write much more than the store holds (a first load).

        A block stopped while staging leaves the store as it was. Once staging ends the stage
        is sealed: a copy stopped midway (a crash, a full page cache) keeps it, and the next
        use of the store for writing finishes the copy (`_finish_copy`) before anything else.
        Reads inside do not see the staged rows; `sources()` lists their sources."""
        self._finish_copy()
        if self._stage is not None or self.read_only:
            yield
            return
        from graph.stage import Stage

        self.checkpoint()  # nothing fresh: updates inside touch only durable nodes
        try:
            stage = self._stage = Stage(Path(self.uri + ".stage"))
        except ValueError as e:
            raise StoreError(str(e)) from e
        try:
            try:
                yield
                tables = stage.seal(self._staged, self._count, COPY_PIECE_ROWS)
            except BaseException:
                stage.remove()
                raise
            self._copy_sealed(stage.directory, tables)
        finally:
            stage.close()
            self._stage, self._staged = None, {}

    def _stage_rows(self, rows: Rows | ArrowRows) -> None:
        """Stage a write: nodes the store holds are filled in now (as in `write`), all the
        other rows are staged. Every table is built before any is staged."""
        import pyarrow.compute as pc

        assert self._stage is not None
        nodes = {}
        for label, table in rows.nodes.items():
            props = self.schema.node(label).props
            data = _arrow(props, table, null_lists=True)
            old = self._stored(label, data)
            if pc.any(old).as_py():
                self._update_nodes(label, props, data.filter(old))
            nodes[label] = data.filter(pc.invert(old))
        rels = {key: _arrow(self.schema.rel(key[0]).props, table)
                for key, table in rows.rels.items()}
        self._stage.add(nodes, rels)

    def _count(self, table: str, pair: tuple[str, str] | None) -> int:
        """Rows of a node table (`pair` None) or of a relationship table between a pair."""
        if pair is None:
            return self._read(f"MATCH (n:{table}) RETURN count(n) AS c")[0]["c"]
        a, b = pair
        return self._read(f"MATCH (:{a})-[r:{table}]->(:{b}) RETURN count(r) AS c")[0]["c"]

    def _finish_copy(self) -> None:
        """Finish the copy of a sealed stage a stopped bulk load left (once per opening)."""
        if self._recovered or self.read_only:
            return
        from graph.stage import sealed

        directory = Path(self.uri + ".stage")
        tables = sealed(directory)
        if tables is not None:
            self._copy_sealed(directory, tables)
        self._recovered = True

    def _copy_sealed(self, directory: Path, tables: Sequence[StagedTable]) -> None:
        """Copy what the store does not hold yet of each table of a sealed stage, in pieces of
        `COPY_PIECE_ROWS` rows, checkpointing once a piece's worth of rows is copied (small
        tables share a checkpoint): LadybugDB holds a COPY in memory until the checkpoint, so
        one COPY per table needed 17-20 GB at 10^6 documents and crashed. A COPY is in or
        not, so counting a table's rows says how many pieces are in (`StagedTable.before`).
        Then mark the stage's sources complete and remove it."""
        from graph.stage import pieces, staged_sources

        self._conn.execute("CALL auto_checkpoint=false")
        unsaved = 0  # rows copied since the last checkpoint
        for t in tables:
            done = self._count(t.name, t.pair) - t.before
            if done == t.rows:
                continue  # copied before a stop
            if not 0 <= done < t.rows or done % t.piece:
                raise StoreError(
                    f"{directory}: this stopped copy cannot be finished, the store changed "
                    f"since it began ({t.name} holds {t.before + done} rows, not {t.before} "
                    f"plus pieces of {t.piece}); remove the directory and load again")
            opts = f" (from='{t.pair[0]}', to='{t.pair[1]}')" \
                if t.pair and len(self.schema.rel(t.name).pairs) > 1 else ""
            node = next((n for n in self.schema.nodes if n.label == t.name), None)
            cols = f"({', '.join(p.name for p in node.props)})" if node else ""
            for piece in pieces(directory / t.file, t.piece, skip=done):
                with self._copy_failure(directory, t.name):
                    self._conn.execute(f"COPY {t.name}{cols} FROM '{piece}'{opts}")
                    self._copied = self._unsynced = True  # statements copied: pairs to keep
                    unsaved += min(t.piece, t.rows - done)
                    done += t.piece
                    if unsaved >= t.piece:
                        self.checkpoint(resume_auto=False)
                        unsaved = 0
        with self._copy_failure(directory, tables[-1].name if tables else ""):
            self.checkpoint(resume_auto=False)
        self._read("UNWIND $uids AS u MATCH (s:Source {uid: u}) SET s.complete = true",
                   {"uids": staged_sources(directory)})
        self._stored_records = None  # recounted when next needed
        self._conn.execute("CALL auto_checkpoint=true")
        shutil.rmtree(directory)

    @contextmanager
    def _copy_failure(self, directory: Path, table: str) -> Iterator[None]:
        """A failed COPY or checkpoint of a sealed stage as a StoreError saying what now."""
        try:
            yield
        except (RuntimeError, StoreError) as e:
            raise StoreError(
                f"{self.uri}: copying the staged {table} rows failed ({e}); the stage "
                f"{directory} is kept, and the next load into this store finishes the "
                "copy" + (f" (with {BUFFER_POOL_ENV} set higher)" if _POOL_FULL in str(e)
                          else "") + "; to give it up instead, remove the stage: the "
                "next load then loads its files again") from e

    def retract(self, source_uids: Sequence[str]) -> None:
        if not source_uids:
            return
        self._writable()
        self._finish_copy()
        if self._staged.keys() & set(source_uids):
            raise StoreError("a source staged by this bulk write cannot be retracted before "
                             "the copy")
        self.checkpoint()
        self._stored_records = None  # recounted when next needed
        params = {"sources": list(source_uids)}
        for rel in self.schema.stated:  # IMPLEMENTS follows its statements (_rebuild_pairs)
            self.query(f"MATCH ()-[r:{rel.type}]->() WHERE r.source IN $sources DELETE r", params)
        self.query("MATCH (s:Source) WHERE s.uid IN $sources DETACH DELETE s", params)
        for n in self.schema.nodes:
            if not n.kept:  # reference data stays (kg:keptWithoutSource)
                self.query(f"MATCH (n:{n.label}) WHERE NOT EXISTS "
                           "{ MATCH (n)-[:MENTIONED_IN]->(:Source) } DETACH DELETE n")
        self._rebuild_pairs()

    def close(self) -> None:
        self.checkpoint()
        self._conn.close()
        self._db.close()
