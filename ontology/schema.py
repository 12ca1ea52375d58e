"""Derive the store schema (labels, relationship types, property keys and types) from kg.ttl.

Every store, the SHACL shapes' targets, the explorer legend and `kg schema` read this; nothing
else declares a name (DESIGN §1).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL
from rdflib.term import Node

KG = Namespace("https://kg.example.org/ontology#")
ONTOLOGY_FILE = Path(__file__).with_name("kg.ttl")
STORE_TYPES = ("STRING", "INT64", "DOUBLE", "BOOLEAN", "DATE", "STRING[]")


@dataclass(frozen=True)
class Prop:
    name: str
    type: str  # one of STORE_TYPES
    iri: str
    full_text: bool = False  # kg:fullText: Neo4j keeps a full-text index on it
    indexed: bool = False  # kg:indexed: the stores index it wherever a node carries it


@dataclass(frozen=True)
class NodeTable:
    label: str
    iri: str
    props: tuple[Prop, ...]  # "uid" first: the primary key
    label_vi: str
    label_en: str
    color: str | None
    shape: str | None
    kept: bool = False  # kg:keptWithoutSource: stays when no source mentions it (reference data)
    owned: bool = False  # kg:ownedBySource: belongs to the source its `source` names (Evidence)


@dataclass(frozen=True)
class RelTable:
    type: str
    iri: str
    pairs: tuple[tuple[str, str], ...]  # (from label, to label)
    props: tuple[Prop, ...]  # evidence first, then the relationship's own
    label_vi: str
    label_en: str
    forward_only: bool = False  # kg:storeForwardOnly: no lists kept from the target side
    color: str | None = None  # kg:color: the explorer's edge colour
    dashes: bool = False  # kg:dashes: drawn dashed (relations besides implements)
    summarises: str | None = None  # kg:summarises: one per pair, kept from this per-source type


@dataclass(frozen=True)
class DocType:
    name: str  # Vietnamese label, the value of Document.type
    code: str
    english: str
    color: str


@dataclass(frozen=True)
class Schema:
    nodes: tuple[NodeTable, ...]
    rels: tuple[RelTable, ...]
    doc_types: tuple[DocType, ...]
    levels: dict[str, str]  # level -> colour

    def node(self, label: str) -> NodeTable:
        for n in self.nodes:
            if n.label == label:
                return n
        raise KeyError(f"the ontology declares no node label {label!r}")

    def rel(self, type_: str) -> RelTable:
        for r in self.rels:
            if r.type == type_:
                return r
        raise KeyError(f"the ontology declares no relationship type {type_!r}")

    @property
    def document_links(self) -> tuple[RelTable, ...]:
        """The relationship types between documents only (IMPLEMENTS, BASED_ON, REPLACES …)."""
        summed = {r.summarises for r in self.rels}  # IMPLEMENTS_EVIDENCE: IMPLEMENTS per source
        return tuple(r for r in self.rels
                     if r.pairs == (("Document", "Document"),) and r.type not in summed)

    @property
    def stated(self) -> tuple[RelTable, ...]:
        """The relationship types sources state, one per source and pair, with evidence: all
        but those the stores keep one per pair (`summarises`)."""
        return tuple(r for r in self.rels if not r.summarises)

    def stated_as(self, type_: str) -> str:
        """The type a batch's relationship of `type_` is written as: IMPLEMENTS, stated by
        a source, is an IMPLEMENTS_EVIDENCE; the stores keep IMPLEMENTS from those."""
        for r in self.rels:
            if r.type == type_:
                return r.summarises or type_
        return type_

    @property
    def kept_labels(self) -> tuple[str, ...]:
        """Labels whose nodes stay when no source mentions them (kg:keptWithoutSource)."""
        return tuple(n.label for n in self.nodes if n.kept)

    @property
    def swept(self) -> tuple[NodeTable, ...]:
        """Node tables whose nodes go when no source mentions them any more (MENTIONED_IN):
        all but reference data (kg:keptWithoutSource) and nodes a source owns (Evidence,
        kg:ownedBySource: deleted with their source)."""
        return tuple(n for n in self.nodes if not n.kept and not n.owned)

    @property
    def owned(self) -> tuple[NodeTable, ...]:
        """Node tables whose nodes belong to one source (kg:ownedBySource): Evidence."""
        return tuple(n for n in self.nodes if n.owned)

    def summary_of(self, type_: str) -> str:
        """The type that sums up `type_` one per pair (IMPLEMENTS for IMPLEMENTS_EVIDENCE),
        or `type_` itself: what a statement is called when shown or exported."""
        return next((r.type for r in self.rels if r.summarises == type_), type_)

    @property
    def names(self) -> set[str]:
        """Every label, relationship type and property key the stores may use."""
        out = {n.label for n in self.nodes} | {r.type for r in self.rels}
        for t in (*self.nodes, *self.rels):
            out |= {p.name for p in t.props}  # type: ignore[attr-defined]
        return out


def _lang(g: Graph, s: Node, lang: str) -> str:
    for o in g.objects(s, RDFS.label):
        if isinstance(o, Literal) and o.language == lang:
            return str(o)
    return str(s).rsplit("#", 1)[-1]


def _str(g: Graph, s: Node, p: URIRef) -> str | None:
    o = g.value(s, p)
    return None if o is None else str(o)


def _prop(g: Graph, p: Node) -> Prop:
    t = _str(g, p, KG.storeType)
    if t not in STORE_TYPES:
        raise ValueError(f"kg.ttl: {p} has store type {t!r}, expected one of {STORE_TYPES}")
    return Prop(str(g.value(p, KG.storeName)), t, str(p), bool(g.value(p, KG.fullText)),
                bool(g.value(p, KG.indexed)))


def _summarised(g: Graph, p: Node) -> str | None:
    """The store name of the per-source property that `p` sums up one per pair, if any."""
    of = g.value(p, KG.summarises)
    return None if of is None else str(g.value(of, KG.storeName))


def schema_from_graph(g: Graph) -> Schema:
    """Read the store annotations of an ontology graph."""
    classes = {str(g.value(c, KG.storeLabel)): c for c in g.subjects(KG.storeLabel, None)}
    datatype = [p for p in g.subjects(RDF.type, OWL.DatatypeProperty) if g.value(p, KG.storeName)]
    nodes = []
    for label, c in sorted(classes.items()):
        props = sorted((_prop(g, p) for p in datatype if (p, RDFS.domain, c) in g),
                       key=lambda x: (x.name != "uid", x.name))
        if not props or props[0].name != "uid":
            raise ValueError(f"kg.ttl: class {label} has no uid property")
        nodes.append(NodeTable(label, str(c), tuple(props), _lang(g, c, "vi"), _lang(g, c, "en"),
                               _str(g, c, KG.color), _str(g, c, KG.shape),
                               bool(g.value(c, KG.keptWithoutSource)),
                               bool(g.value(c, KG.ownedBySource))))
    every = sorted((_prop(g, p) for p in datatype if g.value(p, KG.onEveryRelation)),
                   key=lambda x: x.name)
    rels = []
    for p in sorted(g.subjects(RDF.type, OWL.ObjectProperty), key=str):
        name = _str(g, p, KG.storeName)
        if not name:
            continue
        froms = sorted(str(x) for x in g.objects(p, KG.storeFrom))
        tos = sorted(str(x) for x in g.objects(p, KG.storeTo))
        unknown = [x for x in (*froms, *tos) if x not in classes]
        if unknown or not froms or not tos:
            raise ValueError(f"kg.ttl: {name} connects undeclared or missing labels {unknown}")
        own = sorted((_prop(g, d) for d in datatype if (d, KG.onRelation, p) in g),
                     key=lambda x: x.name)
        rels.append(RelTable(name, str(p), tuple((f, t) for f in froms for t in tos),
                             (*every, *own), _lang(g, p, "vi"), _lang(g, p, "en"),
                             bool(g.value(p, KG.storeForwardOnly)), _str(g, p, KG.color),
                             bool(g.value(p, KG.dashes)), _summarised(g, p)))
    doc_types = tuple(
        DocType(_lang(g, c, "vi"), str(g.value(c, KG.typeCode)), _lang(g, c, "en"),
                _str(g, c, KG.color) or "#999999")
        for c in sorted(g.subjects(RDFS.subClassOf, KG.Document), key=str)
        if g.value(c, KG.typeCode))
    levels = {_lang(g, lv, "en"): _str(g, lv, KG.color) or "#999999"
              for lv in g.subjects(RDF.type, KG.Level)}
    return Schema(tuple(nodes), tuple(sorted(rels, key=lambda r: r.type)), doc_types, levels)


@cache
def ontology_graph() -> Graph:
    g = Graph()
    g.parse(ONTOLOGY_FILE, format="turtle")
    return g


@cache
def load_schema() -> Schema:
    """The schema of the shipped ontology (parsed once per process)."""
    return schema_from_graph(ontology_graph())
