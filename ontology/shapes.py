"""SHACL shapes derived from the ontology: one NodeShape per stored class (DESIGN §1)."""

from __future__ import annotations

from rdflib import RDF, SH, XSD, BNode, Graph, Literal, URIRef

from ontology.schema import KG, Schema, load_schema

_DATATYPE = {"STRING": XSD.string, "INT64": XSD.integer, "DOUBLE": XSD.double,
             "BOOLEAN": XSD.boolean, "DATE": XSD.date, "STRING[]": XSD.string}


def shapes(schema: Schema | None = None) -> Graph:
    """Shapes whose targets are exactly the store's node labels and whose properties are the
    declared keys with their datatypes; every node needs exactly one uid."""
    schema = schema or load_schema()
    g = Graph()
    g.bind("sh", SH)
    g.bind("kg", KG)
    for table in schema.nodes:
        shape = KG[f"{table.label}Shape"]
        g.add((shape, RDF.type, SH.NodeShape))
        g.add((shape, SH.targetClass, URIRef(table.iri)))
        for p in table.props:
            ps = BNode()
            g.add((shape, SH.property, ps))
            g.add((ps, SH.path, URIRef(p.iri)))
            g.add((ps, SH.datatype, _DATATYPE[p.type]))
            if p.type != "STRING[]":
                g.add((ps, SH.maxCount, Literal(1)))
            if p.name == "uid":
                g.add((ps, SH.minCount, Literal(1)))
    return g
