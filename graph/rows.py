"""Batches flattened into per-table rows, ready for COPY (embedded) or UNWIND (Neo4j).

Both stores write the same rows, so they hold the same graph. Rows are kept column by column
(one list per property, in the ontology's order), which the embedded store turns into Arrow
arrays without touching each row again; iterating a `Table` still gives one dict per row.

A relationship's evidence sentence is not in its row: each sentence of a source is one
Evidence node row (`graph.ids.evidence_uid`), and the relationships read from it carry its
uid as `evidence` (ARCHITECTURE, appendix 16).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from graph.gcpause import gc_paused
from graph.ids import evidence_uid
from graph.model import Evidence

if TYPE_CHECKING:  # graph.pairs reads EVIDENCE_KEYS here when a store opens to read
    from graph.batch import Batch
    from ontology import Schema

# what every relationship carries of its evidence; `evidence` names the Evidence node that
# holds the sentence (EVIDENCE_LABEL: uid, source, sentence)
EVIDENCE_KEYS = ("source", "evidence", "span_start", "span_end", "method", "confidence")
EVIDENCE_LABEL = "Evidence"
REL_LEAD = ("from", "to")  # the columns before a relationship's properties


@dataclass
class Table:
    """The rows of one table as columns: `columns[name][i]` is row i's value of `name`."""

    columns: dict[str, list[Any]]

    def __len__(self) -> int:
        return len(next(iter(self.columns.values()), ()))

    def __iter__(self) -> Iterator[dict[str, Any]]:
        names = list(self.columns)
        for values in zip(*self.columns.values(), strict=True):
            yield dict(zip(names, values, strict=True))


@dataclass
class Rows:
    """Rows per node label and per (relationship type, from label, to label)."""

    nodes: dict[str, Table] = field(default_factory=dict)
    rels: dict[tuple[str, str, str], Table] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return sum(map(len, self.nodes.values())) + sum(map(len, self.rels.values()))


def missing(value: Any) -> bool:
    """No value: null, or an empty list. The rule for filling node properties: a property
    keeps the first value stated, and a later statement fills it only while it is missing.
    Rows apply it within a write (`_NodeTable`); each store applies the same rule across
    writes in its own statements (`LadybugStore._fill`, `neo4j_store._value`), and a staged
    bulk copy in Arrow (`graph.stage.merge_by_uid`), so the graph does not depend on how files
    are grouped into writes (tests/test_ladybug_store.py, test_store_contract.py)."""
    return value is None or (isinstance(value, list | tuple) and not value)


class _NodeTable:
    """One label's rows while they are gathered: one row per uid, each property filled by the
    rule of `missing` (the first value stated stays)."""

    def __init__(self, label: str, names: Sequence[str]) -> None:
        self.label = label
        self.names = names
        self.columns: dict[str, list[Any]] = {n: [] for n in names}
        self.index: dict[str, int] = {}  # uid -> row

    def add(self, uid: str, props: Any) -> None:
        try:
            self._add(uid, props)
        except KeyError:  # a property the ontology does not declare: refused unless null
            unknown = {k for k, v in props.items() if k not in self.columns and v is not None}
            if unknown:
                raise ValueError(f"{self.label} has properties the ontology does not declare: "
                                 f"{unknown}") from None
            self._add(uid, {k: v for k, v in props.items() if k in self.columns})

    def _add(self, uid: str, props: Any) -> None:
        cols = self.columns
        i = self.index.get(uid)
        if i is None:
            self.index[uid] = len(self.index)
            for col in cols.values():
                col.append(None)
            for k, v in props.items():
                cols[k][-1] = v
            cols["uid"][-1] = uid
            return
        for k, v in props.items():
            if not missing(v):
                col = cols[k]
                if missing(col[i]):
                    col[i] = v


class _RelTable:
    """One (type, from label, to label)'s rows while they are gathered."""

    def __init__(self, type_: str, names: Sequence[str]) -> None:
        self.type = type_
        self.names = names
        self.columns: dict[str, list[Any]] = {n: [] for n in (*REL_LEAD, *names)}
        self.evidence = [self.columns[k] for k in ("from", "to", *EVIDENCE_KEYS)]
        self.rest = [c for k, c in self.columns.items() if k not in (*REL_LEAD, *EVIDENCE_KEYS)]

    def add(self, src: str, dst: str, ev: Evidence, key: str, props: Any) -> None:
        a, b, source, evidence, start, end, method, confidence = self.evidence
        a.append(src)
        b.append(dst)
        source.append(ev.source)
        evidence.append(key)
        start.append(ev.start)
        end.append(ev.end)
        method.append(ev.method)
        confidence.append(ev.confidence)
        for col in self.rest:
            col.append(None)
        for k, v in props.items():
            named = self.columns.get(k) if k not in REL_LEAD else None
            if named is None:
                raise ValueError(f"{self.type} has properties the ontology does not declare: "
                                 f"{set(props) - set(self.names)}")
            named[-1] = v




def to_rows(batches: Sequence[Batch], schema: Schema) -> Rows:
    """Merge nodes across batches by uid; one relationship per (type, ends, source). A type the
    stores keep one per pair (IMPLEMENTS) is written as the type it sums up
    (IMPLEMENTS_EVIDENCE, `Schema.stated_as`); the stores derive the pairs (`graph.pairs`)."""
    with gc_paused:
        return _to_rows(batches, schema)


def _to_rows(batches: Sequence[Batch], schema: Schema) -> Rows:
    nodes: dict[str, _NodeTable] = {}
    rels: dict[tuple[str, str, str], _RelTable] = {}

    def node_table(label: str) -> _NodeTable:
        t = nodes.get(label)
        if t is None:
            t = nodes[label] = _NodeTable(label, [p.name for p in schema.node(label).props])
        return t

    def rel_table(key: tuple[str, str, str]) -> _RelTable:
        t = rels.get(key)
        if t is None:
            rel = schema.rel(key[0])
            if key[1:] not in rel.pairs:
                raise ValueError(f"the ontology does not let {schema.summary_of(key[0])} connect "
                                 f"{key[1]} to {key[2]}")
            if not set(EVIDENCE_KEYS) <= {p.name for p in rel.props}:
                raise ValueError(f"{key[0]} does not declare the evidence properties")
            t = rels[key] = _RelTable(key[0], [p.name for p in rel.props])
        return t

    # (type, from label, from uid, to label, to uid, evidence, props), in order
    edges: list[tuple[str, str, str, str, str, Evidence, Mapping[str, Any]]] = []
    stated_as = {r.type: schema.stated_as(r.type) for r in schema.rels}
    for b in batches:
        s = b.source
        node_table("Source").add(s.uid, {"name": s.name, "path": s.path, "sha256": s.sha256,
                                         "chars": s.chars, "encoding": s.encoding,
                                         "url": s.url, "format": s.format, "title": s.title,
                                         "site": s.site, "published": s.published,
                                         "fetched": s.fetched, "locality": s.locality,
                                         "complete": False})
        for n in b.nodes:
            (nodes.get(n.label) or node_table(n.label)).add(n.uid, n.props)
        edges.extend((stated_as.get(e.type, e.type), e.src_label, e.src, e.dst_label, e.dst,
                      e.evidence, e.props) for e in b.edges)
        edges.extend(("MENTIONED_IN", n.label, n.uid, "Source", s.uid, n.evidence, {})
                     for n in b.nodes if n.evidence is not None)
    seen: set[tuple[str, str, str, str]] = set()
    index = {label: t.index for label, t in nodes.items()}
    sentences = node_table(EVIDENCE_LABEL)
    keys: dict[tuple[str, str], str] = {}  # (source, sentence) -> its Evidence uid
    for type_, a, src, b_, dst, ev, props in edges:
        if src not in index.get(a, ()) or dst not in index.get(b_, ()):
            label, uid = (a, src) if src not in index.get(a, ()) else (b_, dst)
            raise ValueError(f"{type_} points to {label} {uid!r}, which no batch asserts")
        key = (type_, src, dst, ev.source)
        if key in seen:
            continue
        seen.add(key)
        said = (ev.source, ev.sentence)
        named = keys.get(said)
        if named is None:  # each sentence of a source once
            named = keys[said] = evidence_uid(*said)
            sentences.add(named, {"source": ev.source, "sentence": ev.sentence})
        table = (type_, a, b_)
        (rels.get(table) or rel_table(table)).add(src, dst, ev, named, props)
    return Rows({label: Table(t.columns) for label, t in nodes.items() if t.index},
                {key: Table(t.columns) for key, t in rels.items()})
