"""The embedded store's write path: a write's rows into LadybugDB (docs/ARCHITECTURE.md,
appendix 3 and 12).

New nodes and all relationships are copied from Arrow tables (COPY FROM, ≈10^5 rows/s, where a
per-row MERGE of relationships ran ≈300/s); nodes the store holds already (26-NQ/TW is named by
every plan) are found by primary-key lookups and given only the values they lack (the rule of
`graph.rows.missing`). An update of a node copied since the last checkpoint waits for the next
one (`WritePath.update_nodes`): the store's checkpoint applies it (`apply_waiting`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from graph.ladybug_errors import single

if TYPE_CHECKING:  # writes import these when they run: reading needs neither Arrow nor RDF
    import ladybug
    import pyarrow as pa

    from graph.packed import ArrowRows
    from graph.rows import Rows, Table
    from ontology import Prop, Schema


def _column(prop: Prop, values: list[Any], null_lists: bool) -> pa.Array:
    """One column as Arrow. A missing list is [] in a new row; with `null_lists` it stays null
    (an update keeps the old value)."""
    import pyarrow as pa

    arrow = {"STRING": pa.string(), "INT64": pa.int64(), "DOUBLE": pa.float64(),
             "BOOLEAN": pa.bool_(), "DATE": pa.date32(), "STRING[]": pa.list_(pa.string())}
    if prop.type == "DATE":
        values = [dt.date.fromisoformat(v) if isinstance(v, str) else v for v in values]
    if prop.type == "STRING[]":
        empty: list[str] | None = None if null_lists else []
        values = [list(v) if v is not None else empty for v in values]
    return pa.array(values, type=arrow[prop.type])


def arrow_table(props: Sequence[Prop], table: Table | pa.Table,
                null_lists: bool = False) -> pa.Table:
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


def _fill_match(label: str, props: Sequence[Prop]) -> str:
    """The nodes of `label` for which a row of $data states a value they lack."""
    differs = " OR ".join(f"({_has(p.name, p)} AND NOT {_has('n.' + p.name, p)})"
                          for p in props)
    return f"LOAD FROM $data MATCH (n:{label} {{uid: uid}}) WHERE {differs}"


class WritePath:
    """Rows into the store through its current connection (`conn`, renewed after each write):
    copies, fills of existing nodes, and the fills that wait for the next checkpoint."""

    def __init__(self) -> None:
        self.fresh: dict[str, set[str]] = {}  # per label, uids copied since the last checkpoint
        self.waiting: list[tuple[str, list[Prop], pa.Table]] = []  # fills of fresh nodes

    def copy(self, conn: ladybug.Connection, schema: Schema, rows: Rows | ArrowRows) -> None:
        """A write's nodes, then its relationships; if that fails, drop the fills it left
        waiting (a failed write's sources assert nothing)."""
        waiting = len(self.waiting)
        try:
            self.copy_nodes(conn, schema, rows)
            self.copy_rels(conn, schema, rows)
        except BaseException:
            del self.waiting[waiting:]
            raise

    def stored(self, conn: ladybug.Connection, label: str, data: pa.Table) -> pa.Array:
        """Whether each row's uid is a node of `label` in the store."""
        import pyarrow as pa
        import pyarrow.compute as pc

        known = single(conn.execute(f"LOAD FROM $data MATCH (n:{label} {{uid: uid}}) "
                                    "RETURN uid", {"data": data})).get_as_arrow()["uid"]
        return pc.is_in(data["uid"], value_set=known.combine_chunks().cast(pa.string()))

    def copy_nodes(self, conn: ladybug.Connection, schema: Schema, rows: Rows | ArrowRows) -> None:
        """Per label: the rows whose uid the table holds fill in what its nodes lack, the
        others are copied in."""
        import pyarrow.compute as pc

        for label in sorted(rows.nodes, key=lambda x: x != "Source"):
            props = schema.node(label).props
            data = arrow_table(props, rows.nodes[label])
            old = self.stored(conn, label, data)
            if not pc.all(old).as_py():
                new = data.filter(pc.invert(old))
                cols = ", ".join(p.name for p in props)  # by name: a migrated table's order
                conn.execute(f"COPY {label}({cols}) FROM $data", {"data": new})
                self.fresh.setdefault(label, set()).update(new["uid"].to_pylist())
            if pc.any(old).as_py():
                self.update_nodes(conn, label, props, arrow_table(props, rows.nodes[label],
                                                                  null_lists=True).filter(old))

    def update_nodes(self, conn: ladybug.Connection, label: str, props: Sequence[Prop],
                     data: pa.Table) -> None:
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
        found = single(conn.execute(f"{_fill_match(label, props)} RETURN uid",
                                    {"data": data})).get_as_arrow()
        changing = found["uid"].combine_chunks().cast(pa.string())
        if not len(changing):
            return
        data = data.filter(pc.is_in(data["uid"], value_set=changing))
        fresh = self.fresh.get(label, set()) if label != "Source" else set()
        waits = pa.array([u in fresh for u in data["uid"].to_pylist()], pa.bool_())
        if pc.any(waits).as_py():
            self.waiting.append((label, props, data.filter(waits)))
            data = data.filter(pc.invert(waits))
        if len(data):
            _fill(conn, label, props, data)

    def apply_waiting(self, conn: ladybug.Connection) -> None:
        """After a checkpoint: nothing is fresh any more, and the fills that waited for it
        are applied in write order (the first value stated stays)."""
        self.fresh.clear()
        waiting, self.waiting = self.waiting, []
        for label, props, data in waiting:
            _fill(conn, label, props, data)

    def copy_rels(self, conn: ladybug.Connection, schema: Schema, rows: Rows | ArrowRows) -> None:
        for (type_, a, b), table in rows.rels.items():
            rel = schema.rel(type_)
            opts = f" (from='{a}', to='{b}')" if len(rel.pairs) > 1 else ""
            conn.execute(f"COPY {type_} FROM $data{opts}",
                         {"data": arrow_table(rel.props, table)})


def _fill(conn: ladybug.Connection, label: str, props: Sequence[Prop], data: pa.Table) -> None:
    """The values of `data` its nodes lack (props without uid)."""
    sets = ", ".join(f"n.{p.name} = CASE WHEN {_has('n.' + p.name, p)} THEN n.{p.name} "
                     f"ELSE {p.name} END" for p in props)
    conn.execute(f"{_fill_match(label, props)} SET {sets}", {"data": data})
