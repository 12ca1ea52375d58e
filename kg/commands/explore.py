"""`kg explore`: the graph as one offline HTML page."""

from __future__ import annotations

from pathlib import Path

import click

from kg.commands.inspect import resolve
from kg.context import get_store
from queries.loader import MAX_DEPTH


@click.command()
@click.option("--root", "root", metavar="SYMBOL", default=None,
              help="Show SYMBOL and what implements it (default: every document).")
@click.option("--depth", type=click.IntRange(1, MAX_DEPTH), default=None,
              help="With --root: levels to follow below it.")
@click.option("--out", "out", type=click.Path(dir_okay=False), default="explorer.html",
              show_default=True, help="The HTML file to write.")
@click.pass_context
def explore(ctx: click.Context, root: str | None, depth: int | None, out: str) -> None:
    """Write an offline HTML explorer of the documents and the links between them.

    One self-contained file (no network needed): a hierarchical view by level, search with
    or without accents, filters, and on click each document's tasks and evidence.

    \b
    Example:
      kg explore --out explorer.html
      kg explore --root 26-NQ/TW --depth 2 --out 26-NQ.html
    """
    from queries.explore import explore as explore_graph
    from viz import write_explorer

    if depth is not None and root is None:
        raise click.UsageError("--depth needs --root")
    store = get_store(ctx, read_only=True)
    uid = resolve(ctx, root)["uid"] if root else None
    g = explore_graph(store, uid, depth)
    title = f"kg explore {root}" if root else "kg explore"
    write_explorer(g, Path(out), title=title, root=uid)
    click.echo(f"wrote {out}: {g.number_of_nodes()} documents, {g.number_of_edges()} links",
               err=True)


COMMANDS = [explore]
