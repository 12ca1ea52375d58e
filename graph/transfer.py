"""Copy a graph from one store to another, source by source, without re-extraction.

Each complete source of the origin becomes a `Batch` again: the nodes it mentions (with the
evidence of their MENTIONED_IN relationship), the relationships it asserts (with theirs, the
sentences read from the source's Evidence nodes), and the nodes at their ends.
`load_batches` writes them, so a copy is idempotent (a source the destination already holds
is skipped) and works in both directions (embedded <-> Neo4j).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from graph.batch import Batch, Edge, Node
from graph.loading import LoadReport, load_batches
from graph.model import Evidence, Source
from graph.rows import EVIDENCE_KEYS
from graph.store import SourceInfo, Store
from ontology import NodeTable, Schema, load_schema

CHUNK = 200  # sources per read and write


@dataclass
class TransferReport:
    copied: list[str] = field(default_factory=list)  # source names
    skipped: list[str] = field(default_factory=list)  # already in the destination
    replaced: list[str] = field(default_factory=list)  # an older version was in the destination
    repaired: list[str] = field(default_factory=list)  # incomplete in the destination: rewritten
    unattached: int = 0  # nodes no source asserts that could not be carried (see copy_graph)

    def merge(self, load: LoadReport) -> None:
        self.copied += load.added
        self.replaced += load.replaced
        self.skipped += load.unchanged
        self.repaired += load.repaired


def copy_graph(src: Store, dst: Store, chunk: int = CHUNK) -> TransferReport:
    """Copy every complete source of `src` (nodes, relationships, evidence) into `dst`.

    Nodes that no source asserts any more (a Locality or Theme left by a retracted source)
    travel with the first batch copied; `unattached` counts those that could not, because
    every source was already in `dst`.
    """
    schema = load_schema()
    dst.ensure_schema()
    present = {s.uid for s in dst.sources() if s.complete}
    todo = [s for s in src.sources() if s.complete and s.uid not in present]
    report = TransferReport(skipped=sorted(s.name for s in src.sources() if s.uid in present))
    orphans = _unasserted(src, dst, schema)
    for part in _chunks(sorted(todo, key=lambda s: s.uid), chunk):
        batches = read_batches(src, part, schema)
        if orphans:
            batches[0].nodes.extend(orphans)
            orphans = []
        report.merge(load_batches(dst, batches))
    report.unattached = len(orphans)
    return report


def read_batches(store: Store, sources: Sequence[SourceInfo],
                 schema: Schema | None = None) -> list[Batch]:
    """The batches that would reproduce what `sources` assert in `store`."""
    schema = schema or load_schema()
    uids = [s.uid for s in sources]
    meta = {r["uid"]: r for r in store.query(
        "MATCH (s:Source) WHERE s.uid IN $uids RETURN s.uid AS uid, s.name AS name, "
        "s.path AS path, s.sha256 AS sha256, s.chars AS chars, s.encoding AS encoding, "
        "s.url AS url, s.format AS format, s.title AS title, s.site AS site, "
        "s.published AS published, s.fetched AS fetched, s.locality AS locality",
        {"uids": uids})}
    batches = {u: Batch(Source(u, m["name"], m["path"], m["sha256"] or "", m["chars"] or 0,
                               m["encoding"] or "", m["url"], m["format"] or "text",
                               m["title"], m["site"], m["published"], m["fetched"],
                               m["locality"])) for u, m in meta.items()}
    sentences = _sentences(store, uids, schema)
    props: dict[tuple[str, str], dict[str, Any]] = {}
    for table in _mentioned(schema):
        for r in store.query(f"MATCH (n:{table.label})-[m:MENTIONED_IN]->(s:Source) "
                             "WHERE s.uid IN $uids RETURN n, m, s.uid AS source", {"uids": uids}):
            node = _props(r["n"])
            props[(table.label, node["uid"])] = node
            batches[r["source"]].nodes.append(
                Node(table.label, node["uid"], _without_uid(node),
                     _evidence(r["m"], sentences)))
    for rel in schema.stated:  # a destination keeps its own IMPLEMENTS from the statements
        if rel.type == "MENTIONED_IN":
            continue
        for a, b in rel.pairs:
            for r in store.query(f"MATCH (a:{a})-[r:{rel.type}]->(b:{b}) "
                                 "WHERE r.source IN $uids RETURN a, r, b", {"uids": uids}):
                r_props = _props(r["r"])
                batch = batches[r_props["source"]]
                for label, end in ((a, _props(r["a"])), (b, _props(r["b"]))):
                    if (label, end["uid"]) not in props:  # an end no source here mentions
                        props[(label, end["uid"])] = end
                    batch.nodes.append(Node(label, end["uid"], _without_uid(end)))
                batch.edges.append(Edge(rel.type, a, _props(r["a"])["uid"], b,
                                        _props(r["b"])["uid"], _evidence(r_props, sentences),
                                        {k: v for k, v in r_props.items()
                                         if k not in EVIDENCE_KEYS and v is not None}))
    return [batches[u] for u in uids if u in batches]


def _mentioned(schema: Schema) -> list[NodeTable]:
    """The node tables a source mentions (MENTIONED_IN): all but Source and the nodes a source
    owns (Evidence, written again from each relationship's evidence)."""
    return [t for t in schema.nodes if t.label != "Source" and not t.owned]


def _sentences(store: Store, uids: list[str], schema: Schema) -> dict[str, str]:
    """The sentences of the Evidence nodes of sources `uids`, by Evidence uid."""
    out: dict[str, str] = {}
    for table in schema.owned:
        out.update((r["uid"], r["sentence"]) for r in store.query(
            f"MATCH (e:{table.label}) WHERE e.source IN $uids RETURN e.uid AS uid, "
            "e.sentence AS sentence", {"uids": uids}))
    return out


def _unasserted(src: Store, dst: Store, schema: Schema) -> list[Node]:
    """Nodes of `src` with no MENTIONED_IN and no relationship that `dst` does not hold."""
    out = []
    for table in _mentioned(schema):
        have = {r["uid"] for r in dst.query(f"MATCH (n:{table.label}) RETURN n.uid AS uid")}
        have |= _linked(src, table.label, schema)
        for r in src.query(f"MATCH (n:{table.label}) RETURN n"):
            node = _props(r["n"])
            if node["uid"] not in have:
                out.append(Node(table.label, node["uid"], _without_uid(node)))
    return out


def _linked(store: Store, label: str, schema: Schema) -> set[str]:
    """The uids of `label` nodes with a relationship, each found from its source side
    (relationships kept forward only cannot be walked back from a bound node)."""
    out: set[str] = set()
    for rel in schema.rels:
        for a, b in rel.pairs:
            for end, end_label in (("x", a), ("y", b)):
                if end_label == label:
                    out.update(r["uid"] for r in store.query(
                        f"MATCH (x:{a})-[:{rel.type}]->(y:{b}) RETURN DISTINCT {end}.uid AS uid"))
    return out


def _props(value: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in value.items() if v is not None and v != []}


def _without_uid(node: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in node.items() if k != "uid"}


def _evidence(r: dict[str, Any], sentences: dict[str, str]) -> Evidence:
    confidence = r.get("confidence")
    return Evidence(r["source"], sentences.get(r.get("evidence") or "", ""),
                    r.get("span_start") or 0, r.get("span_end") or 0, r.get("method") or "explicit",
                    1.0 if confidence is None else float(confidence))


def _chunks(items: Sequence[SourceInfo], size: int) -> Iterator[Sequence[SourceInfo]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]
