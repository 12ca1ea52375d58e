"""The embedded default store: one LadybugDB file, no server, Cypher (DESIGN §2).

Writes are built around COPY FROM Arrow tables (≈10^5 rows/s) rather than per-row MERGE of
relationships (≈300/s there). New nodes and all relationships are copied; only nodes that
already exist (shared documents such as 26-NQ/TW) go through UNWIND … MERGE.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ladybug

from graph.store import SourceInfo, StoreError

if TYPE_CHECKING:  # writes import these when they run: reading needs neither Arrow nor RDF
    import pyarrow as pa

    from graph.batch import Batch
    from graph.rows import Rows
    from ontology import Prop, Schema

# Nodes that stay when no source mentions them any more: reference data.
_KEPT_LABELS = ("Locality", "Theme", "Source")


def _column(prop: Prop, values: list[Any]) -> pa.Array:
    import pyarrow as pa

    arrow = {"STRING": pa.string(), "INT64": pa.int64(), "DOUBLE": pa.float64(),
             "BOOLEAN": pa.bool_(), "DATE": pa.date32(), "STRING[]": pa.list_(pa.string())}
    if prop.type == "DATE":
        values = [dt.date.fromisoformat(v) if isinstance(v, str) else v for v in values]
    if prop.type == "STRING[]":
        values = [list(v) if v is not None else [] for v in values]
    return pa.array(values, type=arrow[prop.type])


def _table(props: Sequence[Prop], rows: list[dict[str, Any]], lead: Sequence[str] = ()) -> pa.Table:
    import pyarrow as pa

    cols = {k: pa.array([r[k] for r in rows], type=pa.string()) for k in lead}
    cols.update({p.name: _column(p, [r.get(p.name) for r in rows]) for p in props})
    return pa.table(cols)


def _plain(value: Any) -> Any:
    """Ladybug values as plain Python (dates stay dates; nodes become property dicts)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if not k.startswith("_")}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


class LadybugStore:
    """A `Store` in a single LadybugDB file."""

    dialect = "ladybug"

    def __init__(self, path: str, schema: Schema | None = None, read_only: bool = False) -> None:
        """`read_only` opens an existing file for reading only, which is much faster to open."""
        self.uri = path
        self._schema = schema
        self.read_only = read_only and Path(path).is_file()
        try:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            self._db = ladybug.Database(path, read_only=self.read_only)
            self._conn = ladybug.Connection(self._db)
        except RuntimeError as e:
            raise StoreError(f"cannot open the embedded store {path}: {e}") from e

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
            out.append(f"CREATE REL TABLE IF NOT EXISTS {r.type}({pairs}, {cols})")
        return out

    def ensure_schema(self) -> None:
        if self.read_only:
            return
        for stmt in self.ddl_for(self.schema):
            self._conn.execute(stmt)

    # ------------------------------------------------------------------ reads
    def query(self, cypher: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        try:
            result = self._conn.execute(cypher, dict(params or {}))
        except RuntimeError as e:
            raise StoreError(f"query failed: {e}") from e
        cols = result.get_column_names()
        rows = []
        while result.has_next():
            rows.append({c: _plain(v) for c, v in zip(cols, result.get_next(), strict=True)})
        return rows

    def sources(self) -> list[SourceInfo]:
        rows = self.query("MATCH (s:Source) RETURN s.uid AS uid, s.name AS name, "
                          "s.path AS path, s.complete AS complete")
        return [SourceInfo(r["uid"], r["name"], r["path"], bool(r["complete"])) for r in rows]

    # ------------------------------------------------------------------ writes
    def write(self, batches: Sequence[Batch]) -> None:
        if not batches:
            return
        from graph.rows import to_rows

        rows = to_rows(batches, self.schema)
        self._write_nodes(rows)
        self._write_rels(rows)
        self.query("UNWIND $uids AS u MATCH (s:Source {uid: u}) SET s.complete = true",
                   {"uids": [b.source.uid for b in batches]})

    def _write_nodes(self, rows: Rows) -> None:
        for label in sorted(rows.nodes, key=lambda x: x != "Source"):
            table = self.schema.node(label)
            batch = rows.nodes[label]
            uids = [r["uid"] for r in batch]
            existing = {r["uid"] for r in self.query(
                f"MATCH (n:{label}) WHERE n.uid IN $uids RETURN n.uid AS uid", {"uids": uids})}
            new = [r for r in batch if r["uid"] not in existing]
            if new:
                data = _table(table.props, new)  # noqa: F841 - scanned by name below
                self._conn.execute(f"COPY {label} FROM data")
            old = [r for r in batch if r["uid"] in existing]
            if old:
                sets = ", ".join(f"n.{p.name} = coalesce({_cast(p)}, n.{p.name})"
                                 for p in table.props if p.name != "uid")
                self.query(f"UNWIND $rows AS r MATCH (n:{label} {{uid: r.uid}}) SET {sets}",
                           {"rows": [_param_row(table.props, r) for r in old]})

    def _write_rels(self, rows: Rows) -> None:
        for (type_, a, b), batch in rows.rels.items():
            rel = self.schema.rel(type_)
            data = _table(rel.props, batch, lead=("from", "to"))  # noqa: F841 - scanned by name
            opts = f" (from='{a}', to='{b}')" if len(rel.pairs) > 1 else ""
            self._conn.execute(f"COPY {type_} FROM data{opts}")

    def retract(self, source_uids: Sequence[str]) -> None:
        if not source_uids:
            return
        params = {"sources": list(source_uids)}
        for rel in self.schema.rels:
            self.query(f"MATCH ()-[r:{rel.type}]->() WHERE r.source IN $sources DELETE r", params)
        self.query("MATCH (s:Source) WHERE s.uid IN $sources DETACH DELETE s", params)
        for n in self.schema.nodes:
            if n.label not in _KEPT_LABELS:
                self.query(f"MATCH (n:{n.label}) WHERE NOT EXISTS "
                           "{ MATCH (n)-[:MENTIONED_IN]->(:Source) } DETACH DELETE n")

    def close(self) -> None:
        self._conn.close()
        self._db.close()


def _cast(p: Prop) -> str:
    """r.<p> typed as the column: parameters whose values are all null arrive as STRING."""
    return f"r.{p.name}" if p.type == "STRING" else f"CAST(r.{p.name} AS {p.type})"


def _param_row(props: Sequence[Prop], row: dict[str, Any]) -> dict[str, Any]:
    """A row as a query parameter: every declared key present, dates as ISO text."""
    out = {p.name: row.get(p.name) for p in props}
    for p in props:
        if isinstance(out[p.name], dt.date):
            out[p.name] = out[p.name].isoformat()
    return out
