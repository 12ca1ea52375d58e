"""The kg vocabulary (OWL in Turtle), the store schema derived from it, and its terms."""

from ontology.schema import KG, DocType, NodeTable, Prop, RelTable, Schema, load_schema
from ontology.terms import (
    Theme,
    doc_type_code,
    doc_type_names,
    doc_types,
    level_colours,
    levels,
    theme_labels,
    themes,
)

__all__ = ["KG", "DocType", "NodeTable", "Prop", "RelTable", "Schema", "Theme", "doc_type_code",
           "doc_type_names", "doc_types", "level_colours", "levels", "load_schema",
           "theme_labels", "themes"]
