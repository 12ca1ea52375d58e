"""Rows staged on disk for one bulk copy into the embedded store (docs/ARCHITECTURE.md §15).

A large first load written chunk by chunk appends to relationship tables that grow with every
write, and each checkpoint rewrites the lists of the most linked nodes (themes, provinces),
so loading cost grows faster than the data. Staged, every table is written once: the chunks'
rows go to one Parquet file per table, and at the end each node table is merged by uid (the
first value stated stays, as in `graph.batch.merge_nodes`) and copied in one COPY.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

RelKey = tuple[str, str, str]  # (type, from label, to label)
READ_ROWS = 200_000  # rows per piece read back from a staged file
_SAFE_PATH = re.compile(r"[\w./ +-]+")  # COPY takes a file name as a literal, not a parameter


def _missing(column: pa.ChunkedArray | pa.Array) -> pa.Array:
    """Whether each value is no value: null, or an empty list."""
    if pa.types.is_list(column.type):
        return pc.fill_null(pc.equal(pc.list_value_length(column), 0), True)
    return pc.is_null(column)


def _empty_lists(table: pa.Table) -> pa.Table:
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
        for label in self._nodes:
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
                    w.write_table(_empty_lists(pa.Table.from_batches(
                        [piece.filter(pc.invert(again))])))
                if len(repeated):
                    w.write_table(_empty_lists(merge_by_uid(pa.concat_tables(twice))))
            staged.unlink()
            yield label, out

    def rel_files(self) -> Iterator[tuple[RelKey, Path]]:
        self.close()
        for key in self._rels:
            yield key, self.directory / f"{'.'.join(key)}.parquet"

    def remove(self) -> None:
        self.close()
        shutil.rmtree(self.directory, ignore_errors=True)
