"""Store rows as Arrow tables, built where the files are read (issue 20, item 3).

`kg load` extracts in worker processes. Sending their batches back (object graphs, pickled
there and unpickled here) took 17 % of a load's CPU, and the main process then built the rows
while both workers extracted. A worker packs its files' rows instead (`pack`): per table one
Arrow table for all its files, each row tagged with the position of its source, so the main
process receives a few buffers per task, can still drop or isolate single files (`select`),
and merges the node rows of a write by uid in Arrow (`graph.stage.merge_by_uid`, the rule of
`graph.rows.missing`). Both stores write the result (`Store.write_rows`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

from graph.batch import Batch
from graph.gcpause import gc_paused
from graph.model import Source
from graph.rows import REL_LEAD, Rows, Table, to_rows
from ontology import Prop, Schema

# Workers only build and send tables: what merges and selects them (pyarrow.compute, numpy,
# graph.stage with Parquet, ~35 MB more per process) is imported where they are read.

RelKey = tuple[str, str, str]  # (type, from label, to label)
SOURCE = "_source"  # a packed row's column: the position of its source in `Packed.sources`
_ARROW = {"STRING": pa.string(), "INT64": pa.int64(), "DOUBLE": pa.float64(),
          "BOOLEAN": pa.bool_(), "DATE": pa.date32(), "STRING[]": pa.list_(pa.string())}


def arrow_column(prop: Prop, values: list[Any]) -> pa.Array:
    """One property's values as Arrow of the ontology's type; a list nobody stated stays
    null (a store's new row makes it [], an update keeps the old value)."""
    if prop.type == "DATE":
        values = [dt.date.fromisoformat(v) if isinstance(v, str) else v for v in values]
    elif prop.type == "STRING[]":
        values = [list(v) if v is not None else None for v in values]
    return pa.array(values, type=_ARROW[prop.type])


@dataclass
class ArrowRows:
    """One write's rows as Arrow: per node label one row per uid (lists nobody stated are
    null), per (relationship type, from label, to label) `from`, `to`, then its properties."""

    nodes: dict[str, pa.Table] = field(default_factory=dict)
    rels: dict[RelKey, pa.Table] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return sum(map(len, self.nodes.values())) + sum(map(len, self.rels.values()))

    def as_rows(self) -> Rows:
        """The same rows as Python columns (for a store that sends rows, not Arrow)."""
        return Rows({label: Table(t.to_pydict()) for label, t in self.nodes.items()},
                    {key: Table(t.to_pydict()) for key, t in self.rels.items()})


def python_rows(rows: Rows | ArrowRows) -> Rows:
    return rows.as_rows() if isinstance(rows, ArrowRows) else rows


@dataclass
class Packed:
    """The rows of several sources' batches, each row tagged (`SOURCE`) with its source's
    position in `sources`. Within one source a node label has one row per uid; across
    sources they are merged when the rows of a write are taken (`rows`). `counts` are the
    records (nodes + edges) of each batch, by which writes are grouped; `documents` what the
    caller asked `pack` to note per source (kg load: the documents whose alignment inputs it
    asserts)."""

    sources: list[Source] = field(default_factory=list)
    counts: list[int] = field(default_factory=list)
    documents: list[tuple[str, ...]] = field(default_factory=list)
    nodes: dict[str, pa.Table] = field(default_factory=dict)
    rels: dict[RelKey, pa.Table] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.sources)

    def __getstate__(self) -> dict[str, Any]:
        """Pickled with each table as an Arrow IPC stream: 3x faster to pickle and 9x to
        unpickle than the tables' own pickling (one object per array and buffer), and read
        back without a copy."""
        return {**self.__dict__, "nodes": {k: _ipc(t) for k, t in self.nodes.items()},
                "rels": {k: _ipc(t) for k, t in self.rels.items()}}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state, nodes={k: _table(b) for k, b in state["nodes"].items()},
                             rels={k: _table(b) for k, b in state["rels"].items()})

    def select(self, positions: Sequence[int]) -> Packed:
        """The sources at `positions` (in that order of sources; rows keep their order)."""
        if list(positions) == list(range(len(self))):
            return self
        import numpy as np
        import pyarrow.compute as pc
        new = np.full(len(self), -1, dtype=np.int32)
        new[np.asarray(positions, dtype=np.int64)] = np.arange(len(positions), dtype=np.int32)

        def keep(t: pa.Table) -> pa.Table:
            renumbered = pa.array(new[t.column(SOURCE).to_numpy()])
            t = t.set_column(t.schema.get_field_index(SOURCE), SOURCE, renumbered)
            return t.filter(pc.greater_equal(renumbered, 0))

        return Packed([self.sources[i] for i in positions],
                      [self.counts[i] for i in positions],
                      [self.documents[i] for i in positions],
                      _nonempty({k: keep(t) for k, t in self.nodes.items()}),
                      _nonempty({k: keep(t) for k, t in self.rels.items()}))

    def rows(self) -> ArrowRows:
        """The rows to write for all the sources: node rows merged by uid (the first value
        stated stays, in source order), relationship rows as they are (one per type, ends
        and source already: `to_rows` in the worker)."""
        return ArrowRows({k: _merged(t.drop_columns([SOURCE]).combine_chunks())
                          for k, t in self.nodes.items()},
                         {k: t.drop_columns([SOURCE]).combine_chunks()
                          for k, t in self.rels.items()})


def _ipc(t: pa.Table) -> pa.Buffer:
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, t.schema) as w:
        w.write_table(t)
    return sink.getvalue()


def _table(b: pa.Buffer) -> pa.Table:
    return pa.ipc.open_stream(b).read_all()


def _merged(t: pa.Table) -> pa.Table:
    """`merge_by_uid`, skipped when no uid repeats (most labels: tasks, targets, sources)."""
    import pyarrow.compute as pc

    from graph.stage import merge_by_uid

    return t if pc.count_distinct(t.column("uid")).as_py() == len(t) else merge_by_uid(t)


def _nonempty(tables: dict[Any, pa.Table]) -> dict[Any, pa.Table]:
    return {k: t for k, t in tables.items() if len(t)}


def concat(packs: Iterable[Packed]) -> Packed:
    """One pack of several, their sources in order."""
    packs = list(packs)
    if len(packs) == 1:
        return packs[0]
    out = Packed()
    nodes: dict[str, list[pa.Table]] = {}
    rels: dict[RelKey, list[pa.Table]] = {}
    for p in packs:
        offset = len(out.sources)
        for label, t in p.nodes.items():
            nodes.setdefault(label, []).append(_shifted(t, offset))
        for key, t in p.rels.items():
            rels.setdefault(key, []).append(_shifted(t, offset))
        out.sources += p.sources
        out.counts += p.counts
        out.documents += p.documents
    out.nodes = {k: pa.concat_tables(ts) for k, ts in nodes.items()}
    out.rels = {k: pa.concat_tables(ts) for k, ts in rels.items()}
    return out


def _shifted(t: pa.Table, offset: int) -> pa.Table:
    """`t` with its source positions moved by `offset`."""
    if not offset:
        return t
    import pyarrow.compute as pc

    i = t.schema.get_field_index(SOURCE)
    return t.set_column(i, SOURCE, pc.add(t.column(i), pa.scalar(offset, pa.int32())))


class _Columns:
    """One table's rows while a pack is built: Python lists per column, then Arrow."""

    def __init__(self, props: Sequence[Prop], lead: Sequence[str]) -> None:
        self.props = props
        self.lead = lead
        self.columns: dict[str, list[Any]] = {k: [] for k in (*lead, *(p.name for p in props))}
        self.source: list[int] = []

    def add(self, position: int, table: Table) -> None:
        for k, values in table.columns.items():
            self.columns[k].extend(values)
        self.source.extend([position] * len(table))

    def arrow(self) -> pa.Table:
        cols = [pa.array(self.columns[k], type=pa.string()) for k in self.lead]
        cols += [arrow_column(p, self.columns[p.name]) for p in self.props]
        cols.append(pa.array(self.source, type=pa.int32()))
        return pa.Table.from_arrays(cols, names=[*self.columns, SOURCE])


def pack(batches: Sequence[Batch], schema: Schema,
         documents: Callable[[Batch], Iterable[str]] = lambda b: ()
         ) -> tuple[Packed, list[tuple[int, str]]]:
    """The rows of `batches` (each merged as `graph.rows.to_rows` merges one batch), packed;
    and, by position in `batches`, those the ontology refuses (an undeclared property, a
    value of the wrong type, a link to a node nobody asserts) with the reason. A batch is
    refused alone: the others are packed."""
    with gc_paused:
        return _pack(batches, schema, documents)


def _pack(batches: Sequence[Batch], schema: Schema,
          documents: Callable[[Batch], Iterable[str]]) -> tuple[Packed, list[tuple[int, str]]]:
    refused: list[tuple[int, str]] = []
    kept: list[tuple[int, Batch, Rows]] = []
    for i, b in enumerate(batches):
        try:
            kept.append((i, b, to_rows([b], schema)))
        except ValueError as e:
            refused.append((i, str(e)))
    try:
        return _arrow_pack(kept, schema, documents), refused
    except _REFUSED:
        pass
    packs = []  # a batch's value is refused: find which, pack the others
    for i, b, rows in kept:
        try:
            packs.append(_arrow_pack([(i, b, rows)], schema, documents))
        except _REFUSED as e:
            refused.append((i, f"{type(e).__name__}: {e}"))
    return concat(packs) if packs else Packed(), sorted(refused)


_REFUSED = (pa.ArrowException, TypeError, ValueError)  # a value Arrow cannot take as its type


def _arrow_pack(kept: Sequence[tuple[int, Batch, Rows]], schema: Schema,
                documents: Callable[[Batch], Iterable[str]]) -> Packed:
    nodes: dict[str, _Columns] = {}
    rels: dict[RelKey, _Columns] = {}
    out = Packed()
    for position, (_, b, rows) in enumerate(kept):
        for label, table in rows.nodes.items():
            t = nodes.get(label)
            if t is None:
                t = nodes[label] = _Columns(schema.node(label).props, ())
            t.add(position, table)
        for key, table in rows.rels.items():
            r = rels.get(key)
            if r is None:
                r = rels[key] = _Columns(schema.rel(key[0]).props, REL_LEAD)
            r.add(position, table)
        out.sources.append(b.source)
        out.counts.append(len(b.nodes) + len(b.edges))
        out.documents.append(tuple(documents(b)))
    out.nodes = {label: t.arrow() for label, t in nodes.items()}
    out.rels = {key: t.arrow() for key, t in rels.items()}
    return out
