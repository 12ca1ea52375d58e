"""The graph as RDF in the kg vocabulary, with PROV-O evidence on every statement.

The stores keep each evidence sentence once, on an Evidence node that relationships name by
their `evidence` key (ARCHITECTURE, appendix 16); the export states it as before, as the
kg:sentence of each reified statement, and exports no Evidence resources: the same triples.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import quote

from rdflib import RDF, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import PROV

from graph.dump import dump
from graph.store import Store
from ontology import KG, NodeTable, Prop, RelTable, Schema, load_schema

DATA = Namespace("https://kg.example.org/id/")
_XSD = {"INT64": XSD.integer, "DOUBLE": XSD.double, "BOOLEAN": XSD.boolean, "DATE": XSD.date}


def node_iri(uid: str) -> URIRef:
    return DATA[quote(uid, safe=":@-._~")]


def _literal(value: Any, type_: str) -> Literal:
    if type_ == "DATE" and isinstance(value, dt.date):
        return Literal(value.isoformat(), datatype=XSD.date)
    return Literal(value, datatype=_XSD.get(type_))


def _props(schema: Schema) -> list[Prop]:
    """Every property of every node and relationship table."""
    tables: list[NodeTable | RelTable] = [*schema.nodes, *schema.rels]
    return [p for t in tables for p in t.props]


def _iris(schema: Schema) -> tuple[dict[str, URIRef], dict[str, URIRef]]:
    classes = {n.label: URIRef(n.iri) for n in schema.nodes}
    props = {p.name: URIRef(p.iri) for p in _props(schema)}
    return classes, props


def to_rdf(store: Store, schema: Schema | None = None) -> Graph:
    """Nodes as typed resources; each relationship as a triple plus a reified prov:Entity
    carrying its evidence (source, sentence, span, method, confidence) and own properties."""
    schema = schema or load_schema()
    classes, props = _iris(schema)
    types = {p.name: p.type for p in _props(schema)}
    # a statement of a source is exported as the relation it states (IMPLEMENTS_EVIDENCE as
    # kg:implements, reified with its evidence); the one-per-pair summary is not exported
    rels = {r.type: URIRef(schema.rel(schema.summary_of(r.type)).iri) for r in schema.stated}
    g = Graph()
    g.bind("kg", KG)
    g.bind("prov", PROV)
    g.bind("id", DATA)
    owned = {n.label for n in schema.owned}
    sentences: dict[str, str] = {}  # Evidence uid -> sentence (node tables come first)
    for kind, key, rows in dump(store, schema):
        if kind == "rel" and key[0] not in rels:
            continue
        if kind == "node" and key[0] in owned:
            sentences.update((r["uid"], r["sentence"]) for r in rows)
            continue
        for row in rows:
            if kind == "node":
                s = node_iri(row["uid"])
                g.add((s, RDF.type, classes[key[0]]))
                for k, v in row.items():
                    for item in v if isinstance(v, list) else [v]:
                        if item is not None:
                            g.add((s, props[k], _literal(item, types[k].rstrip("[]"))))
                continue
            a, b, pred = node_iri(row["from"]), node_iri(row["to"]), rels[key[0]]
            g.add((a, pred, b))
            st = BNode()
            g.add((st, RDF.type, RDF.Statement))
            g.add((st, RDF.type, PROV.Entity))
            g.add((st, RDF.subject, a))
            g.add((st, RDF.predicate, pred))
            g.add((st, RDF.object, b))
            g.add((st, PROV.wasDerivedFrom, node_iri(row["source"])))
            for k, v in row.items():
                if k == "evidence" and v is not None:  # its sentence, as stated before
                    k, v = "sentence", sentences.get(v)
                if k in ("from", "to", "source") or v is None:
                    continue
                for item in v if isinstance(v, list) else [v]:
                    g.add((st, props[k], _literal(item, types[k].rstrip("[]"))))
    return g
