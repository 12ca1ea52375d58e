"""`kg export`: the graph as RDF (kg vocabulary, PROV-O evidence); `kg shapes`: SHACL."""

from __future__ import annotations

import click

from graph.rdf import to_rdf
from kg.context import get_store
from ontology.shapes import shapes as shapes_graph

RDF_FORMATS = {"turtle": "turtle", "nt": "nt", "jsonld": "json-ld", "xml": "xml"}


@click.command()
@click.option("--format", "fmt", type=click.Choice(sorted(RDF_FORMATS)), default="turtle",
              show_default=True, help="RDF serialisation.")
@click.option("--out", type=click.Path(dir_okay=False), default=None,
              help="Write to this file instead of standard output.")
@click.pass_context
def export(ctx: click.Context, fmt: str, out: str | None) -> None:
    """Export the whole graph as RDF; every relationship keeps its evidence (PROV-O).

    \b
    Example:
      kg export --format turtle --out kg.ttl
    """
    data = to_rdf(get_store(ctx, read_only=True)).serialize(format=RDF_FORMATS[fmt])
    if out:
        with open(out, "w", encoding="utf-8") as f:
            f.write(data)
    else:
        click.echo(data)


@click.command()
def shapes() -> None:
    """SHACL shapes of the graph, derived from the ontology (validate an export with them)."""
    click.echo(shapes_graph().serialize(format="turtle"))


COMMANDS = [export, shapes]
