"""`kg transfer`: copy the graph of --store into another store, without re-extraction."""

from __future__ import annotations

from typing import Any

import click

from graph.store import StoreError, open_store
from graph.transfer import copy_graph
from kg.context import get_store
from kg.output import format_option, to_json
from queries import stats


@click.command()
@click.option("--to", "to_uri", required=True, metavar="PATH|URI",
              help="The destination: an embedded store file or a Neo4j URI.")
@click.option("--to-database", default=None, help="Neo4j database of the destination.")
@format_option("text", "json", json_flag=True)
@click.pass_context
def transfer(ctx: click.Context, to_uri: str, to_database: str | None, fmt: str) -> None:
    """Copy every source loaded in --store, with its nodes, relationships and evidence, to --to.

    Sources the destination already holds are skipped, so running it again changes nothing.
    It works both ways: from the embedded file to a shared Neo4j, or back.

    \b
    Example:
      kg transfer --to bolt://neo4j:PASSWORD@localhost:7687
      kg --store bolt://neo4j:PASSWORD@localhost:7687 transfer --to copy.lbdb
    """
    src = get_store(ctx, read_only=True)
    options: dict[str, Any] = {"database": to_database} if to_database else {}
    try:
        dst = open_store(to_uri, **options)
    except StoreError as e:
        raise click.ClickException(str(e)) from e
    try:
        report = copy_graph(src, dst)
        counts = stats(dst)
    except StoreError as e:
        raise click.ClickException(str(e)) from e
    finally:
        dst.close()
    summary = {"copied": len(report.copied), "skipped": len(report.skipped),
               "replaced": len(report.replaced), "unattached": report.unattached,
               "from": src.uri, "to": dst.uri}
    if fmt == "json":
        click.echo(to_json(summary | {"stats": counts}))
        return
    click.echo(f"{summary['copied']} sources copied, {summary['skipped']} already there, "
               f"{summary['replaced']} replaced: {src.uri} -> {dst.uri} "
               f"({sum(counts['nodes'].values())} nodes, "
               f"{sum(counts['relationships'].values())} relationships)")
    if report.unattached:
        click.echo(f"warning: {report.unattached} nodes no source asserts were not copied",
                   err=True)


COMMANDS = [transfer]
