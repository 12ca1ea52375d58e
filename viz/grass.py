"""A Neo4j Browser style sheet (GraSS) in the explorer's colours, generated from the ontology.

Browser styles by label and relationship type only. Documents, which the explorer colours by
type, take the colour it gives a plan (Kế hoạch, the type most documents have); the other
labels and the links between documents take their ontology colours (kg:color), as in the
explorer's legend. `kg schema --format grass > kg.grass`, then drag the file onto Browser
(or `:style` and paste); docs/kg.grass is this output, kept current by a test.
"""

from __future__ import annotations

from ontology import Schema, load_schema
from viz.explorer import UNKNOWN_COLOR, text_color

DOCUMENT_TYPE = "Kế hoạch"  # the type whose colour Documents take
# What Browser writes on each node: a property the ontology declares on that label.
CAPTIONS = {"Document": "name", "Task": "label", "Target": "kind", "Organisation": "name",
            "Locality": "name", "Theme": "name_vi", "Alias": "text", "Source": "name",
            "Review": "verdict", "Evidence": "sentence"}
DIAMETERS = {"Document": 65, "Task": 40}


def document_color(schema: Schema) -> str:
    return next(t.color for t in schema.doc_types if t.name == DOCUMENT_TYPE)


def node_colors(schema: Schema) -> dict[str, str]:
    """Label -> the colour Browser gives its nodes."""
    return {n.label: (document_color(schema) if n.label == "Document"
                      else n.color or UNKNOWN_COLOR) for n in schema.nodes}


def grass(schema: Schema | None = None) -> str:
    """The style sheet text."""
    schema = schema or load_schema()
    out = ["node {", "  diameter: 50px;", f"  color: {UNKNOWN_COLOR};",
           f"  border-color: {UNKNOWN_COLOR};", "  border-width: 2px;",
           f"  text-color-internal: {text_color(UNKNOWN_COLOR)};", "  font-size: 10px;", "}",
           "relationship {", f"  color: {UNKNOWN_COLOR};", "  shaft-width: 1px;",
           "  font-size: 8px;", "  padding: 3px;", "  text-color-external: #000000;",
           "  text-color-internal: #ffffff;", "  caption: '<type>';", "}"]
    for label, color in node_colors(schema).items():
        out += [f"node.{label} {{", f"  diameter: {DIAMETERS.get(label, 50)}px;",
                f"  color: {color};", f"  border-color: {color};",
                f"  text-color-internal: {text_color(color)};",
                f"  caption: '{{{CAPTIONS.get(label, 'uid')}}}';", "}"]
    for r in schema.rels:
        color = r.color or UNKNOWN_COLOR
        width = 3 if r.type == "IMPLEMENTS" else 1
        out += [f"relationship.{r.type} {{", f"  color: {color};", f"  shaft-width: {width}px;",
                "  caption: '<type>';", "}"]
    return "\n".join(out) + "\n"
