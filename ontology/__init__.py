"""The kg vocabulary (OWL in Turtle) and the store schema derived from it."""

from ontology.schema import KG, DocType, NodeTable, Prop, RelTable, Schema, load_schema

__all__ = ["KG", "DocType", "NodeTable", "Prop", "RelTable", "Schema", "load_schema"]
