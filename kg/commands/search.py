"""`kg search`: find documents, tasks and organisations by words, accents and case aside."""

from __future__ import annotations

import click

from kg.context import get_store
from kg.output import emit, format_option


@click.command()
@click.argument("text")
@click.option("--kind", type=click.Choice(["doc", "task", "org"]), default=None,
              help="Search only document titles, task texts or organisation names.")
@click.option("--limit", type=click.IntRange(1), default=20, show_default=True,
              help="At most this many rows of each kind.")
@format_option("table", "json", "csv")
@click.pass_context
def search(ctx: click.Context, text: str, kind: str | None, limit: int, fmt: str) -> None:
    """Documents (by title), tasks (by text) and organisations (by name) holding every word
    of TEXT, whatever their accents and case; rows holding the words as one phrase first.

    \b
    Example:
      kg search "can bo chien luoc"
      kg search "SỞ NỘI VỤ" --kind org --format json
    """
    from queries.search import EmptySearch, unsearchable
    from queries.search import search as run

    store = get_store(ctx, read_only=True)
    try:
        rows = run(store, text, kind, limit)
    except EmptySearch as e:
        raise click.ClickException(str(e)) from e
    if not rows:
        missing = unsearchable(store)
        hint = (f"; {missing} nodes of {store.uri} have no search words yet (written before "
                "kg search): `kg load --repair FILES` fills them") if missing else ""
        click.echo(f"no match for {text!r}{hint}", err=True)
        if fmt == "json":
            emit(rows, fmt)
        return
    emit(rows, fmt)


COMMANDS = [search]
