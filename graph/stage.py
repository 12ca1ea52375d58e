"""Rows staged on disk for one bulk copy into the embedded store (docs/ARCHITECTURE.md §15).

A large first load written chunk by chunk appends to relationship tables that grow with every
write, and each checkpoint rewrites the lists of the most linked nodes (themes, provinces),
so loading cost grows faster than the data. Staged, every table is written once: the chunks'
rows go to one Parquet file per table, and at the end each node table is merged by uid (the
first value stated stays, the rule of `graph.rows.missing`) and copied in one COPY.

Sealing a stage (`Stage.seal`) writes a manifest: each table's file, its rows, and the rows
the store's table held before the copy, so that a copy stopped midway can be finished later
(`sealed`) and a table already copied is told from one that is not by counting its rows.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

RelKey = tuple[str, str, str]  # (type, from label, to label)
READ_ROWS = 200_000  # rows per piece read back from a staged file
_SAFE_PATH = re.compile(r"[\w./ +-]+")  # COPY takes a file name as a literal, not a parameter
MANIFEST = "manifest.json"  # written when staging ends: the stage is then a copy to finish
SOURCES = "sources.parquet"  # the uids of the sources staged


@dataclass(frozen=True)
class StagedTable:
    """One table's staged rows in `file`, ready to copy in pieces of `piece` rows. `pair` is
    a relationship's (from, to) labels, None for a node label; `before` the rows the table
    held when staging ended."""

    name: str
    pair: tuple[str, str] | None
    file: str
    rows: int
    before: int
    piece: int


def sealed(directory: Path) -> list[StagedTable] | None:
    """The tables of the sealed stage in `directory`, in copy order; None when there is no
    sealed stage there (none, or staging stopped before it ended)."""
    try:
        tables = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))["tables"]
    except FileNotFoundError:
        return None
    return [StagedTable(t["name"], tuple(t["pair"]) if t["pair"] else None, t["file"],
                        t["rows"], t["before"], t["piece"]) for t in tables]


def staged_sources(directory: Path) -> list[str]:
    """The uids of the sources a sealed stage holds."""
    return pq.read_table(directory / SOURCES).column("uid").to_pylist()


def _missing(column: pa.ChunkedArray | pa.Array) -> pa.Array:
    """Whether each value is no value: null, or an empty list."""
    if pa.types.is_list(column.type):
        return pc.fill_null(pc.equal(pc.list_value_length(column), 0), True)
    return pc.is_null(column)


def empty_lists(table: pa.Table) -> pa.Table:
    """Null lists as empty lists (how new rows store a list nobody stated)."""
    for i, f in enumerate(table.schema):
        if pa.types.is_list(f.type):
            col = table.column(i)
            table = table.set_column(i, f, pc.if_else(pc.is_null(col),
                                                      pa.scalar([], type=f.type), col))
    return table


def merge_by_uid(table: pa.Table) -> pa.Table:
    """One row per uid, in the order uids first appear; each column's value is the first
    value stated for that uid, in row order (null and [] state nothing)."""
    n = len(table)
    if n == 0:
        return table
    order = pc.sort_indices(table, [("uid", "ascending")])  # stable: row order within a uid
    rows = table.take(order)
    uid = rows.column("uid").to_numpy(zero_copy_only=False)
    starts = np.flatnonzero(np.r_[True, uid[1:] != uid[:-1]])
    positions = np.arange(n)
    columns = []
    for name in table.column_names:
        col = rows.column(name)
        stated = np.where(~_missing(col).to_numpy(zero_copy_only=False), positions, n)
        first = np.minimum.reduceat(stated, starts)
        columns.append(col.take(pa.array(first, mask=first == n)))
    merged = pa.table(columns, schema=table.schema)
    # back to the order of first appearance
    return merged.take(pc.sort_indices(pa.array(order.to_numpy()[starts])))


def pieces(path: Path, rows: int, skip: int = 0) -> Iterator[Path]:
    """The rows of the Parquet file `path` after the first `skip`, as files of exactly `rows`
    rows (the last may be shorter), each written beside it and removed once the next is asked
    for. A file no longer than `rows` with nothing to skip is given as it is."""
    source = pq.ParquetFile(path)
    if skip == 0 and source.metadata.num_rows <= rows:
        yield path
        return
    piece = path.with_suffix(".piece.parquet")
    held: list[pa.RecordBatch] = []
    seen = 0  # rows read, skipped ones included
    try:
        for batch in source.iter_batches(READ_ROWS):
            start = max(0, min(len(batch), skip - seen))
            seen += len(batch)
            if start < len(batch):
                held.append(batch.slice(start))
            while sum(map(len, held)) >= rows:
                table = pa.Table.from_batches(held)
                pq.write_table(table.slice(0, rows), piece)
                held = table.slice(rows).to_batches()
                yield piece
        if sum(map(len, held)):
            pq.write_table(pa.Table.from_batches(held), piece)
            yield piece
    finally:
        piece.unlink(missing_ok=True)


def _rows(path: Path) -> int:
    return pq.ParquetFile(path).metadata.num_rows


class Stage:
    """Parquet files in `directory`, one per node label and per relationship key, appended to
    by `add_nodes` / `add_rels` and read back, merged, by `node_files` / `rel_files`."""

    def __init__(self, directory: Path) -> None:
        if not _SAFE_PATH.fullmatch(str(directory.resolve())):
            raise ValueError(f"cannot stage rows under {directory}: COPY needs a path of "
                             "letters, digits, spaces and . / _ + -")
        shutil.rmtree(directory, ignore_errors=True)  # what a stopped load left
        directory.mkdir(parents=True)
        self.directory = directory
        self._writers: dict[str, pq.ParquetWriter] = {}
        self._nodes: list[str] = []
        self._rels: list[RelKey] = []

    def _append(self, name: str, table: pa.Table) -> None:
        w = self._writers.get(name)
        if w is None:
            w = self._writers[name] = pq.ParquetWriter(self.directory / f"{name}.parquet",
                                                       table.schema)
        w.write_table(table)

    def add(self, nodes: dict[str, pa.Table], rels: dict[RelKey, pa.Table]) -> None:
        """One write's rows: nodes (lists unstated are null) and relationships."""
        for label, t in nodes.items():
            if label not in self._nodes:
                self._nodes.append(label)
            self._append(label, t)
        for key, t in rels.items():
            if key not in self._rels:
                self._rels.append(key)
            self._append(".".join(key), t)

    def close(self) -> None:
        for w in self._writers.values():
            w.close()
        self._writers.clear()

    def node_files(self) -> Iterator[tuple[str, Path]]:
        """Per label, a file of its staged rows with one row per uid (see `merge_by_uid`):
        rows whose uid is staged once are passed through piece by piece, only the others
        are held in memory to be merged."""
        self.close()
        # Sources first: a copy given up midway then leaves every node it copied with its
        # source, incomplete, which the next load retracts (orphans included)
        for label in sorted(self._nodes, key=lambda x: x != "Source"):
            staged = self.directory / f"{label}.parquet"
            uids = pq.read_table(staged, columns=["uid"]).column("uid")
            counts = pc.value_counts(uids)
            repeated = counts.field("values").filter(pc.greater(counts.field("counts"), 1))
            del uids, counts
            out = self.directory / f"{label}.merged.parquet"
            source = pq.ParquetFile(staged)
            with pq.ParquetWriter(out, source.schema_arrow) as w:
                twice = []
                for piece in source.iter_batches(READ_ROWS):
                    again = pc.is_in(piece.column("uid"), value_set=repeated)
                    twice.append(pa.Table.from_batches([piece.filter(again)]))
                    w.write_table(empty_lists(pa.Table.from_batches(
                        [piece.filter(pc.invert(again))])))
                if len(repeated):
                    w.write_table(empty_lists(merge_by_uid(pa.concat_tables(twice))))
            staged.unlink()
            yield label, out

    def rel_files(self) -> Iterator[tuple[RelKey, Path]]:
        self.close()
        for key in self._rels:
            yield key, self.directory / f"{'.'.join(key)}.parquet"

    def seal(self, sources: Iterable[str], count: Callable[[str, tuple[str, str] | None], int],
             piece: int) -> list[StagedTable]:
        """End staging: merge the node files, record the sources staged and, per table, its
        file, rows, the rows `count(name, pair)` says the store holds now and the rows per
        piece to copy; then write the manifest, last, so that a stage without one is an
        unfinished stage."""
        tables = [StagedTable(label, None, path.name, _rows(path), count(label, None), piece)
                  for label, path in self.node_files()]
        tables += [StagedTable(t, (a, b), path.name, _rows(path), count(t, (a, b)), piece)
                   for (t, a, b), path in self.rel_files()]
        pq.write_table(pa.table({"uid": pa.array(list(sources), pa.string())}),
                       self.directory / SOURCES)
        manifest = self.directory / MANIFEST
        partial = manifest.with_suffix(".partial")
        partial.write_text(json.dumps({"tables": [asdict(t) for t in tables]}, indent=1),
                           encoding="utf-8")
        os.replace(partial, manifest)
        return tables

    def remove(self) -> None:
        self.close()
        shutil.rmtree(self.directory, ignore_errors=True)
