"""What the ontology says about its terms, for people: meanings, example queries, theme names.

`kg schema` prints these beside the store schema; graph.batch writes each theme's Vietnamese
name (`name_vi`) from the SKOS scheme, so query results carry it next to the slug.
"""

from __future__ import annotations

from typing import Any

from rdflib import RDFS, Graph, Literal, URIRef

from ontology.schema import KG, ONTOLOGY_FILE, Prop, Schema, ontology_graph

THEMES_FILE = ONTOLOGY_FILE.with_name("themes.ttl")


def _text(g: Graph, s: URIRef, p: URIRef, lang: str | None = "en") -> str | None:
    for o in g.objects(s, p):
        if isinstance(o, Literal) and (lang is None or o.language == lang):
            return str(o)
    return None


def meaning(iri: str) -> str:
    """A term's English label, then its comment when it has one: "label: comment"."""
    g = ontology_graph()
    s = URIRef(iri)
    return ": ".join(p for p in (_text(g, s, RDFS.label), _text(g, s, RDFS.comment)) if p)


def example(iri: str) -> str | None:
    """The example query the ontology gives for a relationship (kg:example)."""
    return _text(ontology_graph(), URIRef(iri), KG.example, lang=None)


def describe(schema: Schema) -> dict[str, list[dict[str, Any]]]:
    """The schema for readers: node labels with their properties; relationship types with
    their ends, own properties (besides the evidence every one carries), meaning and example
    query; every relationship property (evidence first) with its type, the relationships
    carrying it and its meaning."""
    carried: dict[str, list[str]] = {}
    props: dict[str, Prop] = {}
    for r in schema.rels:
        for p in r.props:
            carried.setdefault(p.name, []).append(r.type)
            props[p.name] = p
    evidence = {name for name, on in carried.items() if len(on) == len(schema.rels)}
    nodes = [{"label": n.label, "vi": n.label_vi, "en": n.label_en,
              "properties": [f"{p.name}:{p.type}" for p in n.props]} for n in schema.nodes]
    rels = [{"type": r.type, "vi": r.label_vi, "en": r.label_en,
             "pairs": [f"{a}->{b}" for a, b in r.pairs],
             "properties": [p.name for p in r.props if p.name not in evidence],
             "meaning": meaning(r.iri), "example": example(r.iri)} for r in schema.rels]
    rel_props = [{"property": p.name, "type": p.type,
                  "on": "every relationship (evidence)" if p.name in evidence
                  else ", ".join(carried[p.name]), "meaning": meaning(p.iri)}
                 for p in sorted(props.values(), key=lambda p: (p.name not in evidence, p.name))]
    return {"nodes": nodes, "relationships": rels, "relationship_properties": rel_props}
