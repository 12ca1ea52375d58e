"""The store a command runs against, opened once and closed when the command ends."""

from __future__ import annotations

import click

from graph.store import Store, StoreError, open_store
from kg.notes import LOAD_MARK, WRITE_MARK, marked, running_load


def get_store(ctx: click.Context, schema: bool = True, read_only: bool = False) -> Store:
    """Open the store named by --store for this command (creating its schema if asked).

    `read_only` suits commands that only read: the engine then refuses any write (the
    embedded file opens read-only, which also works on a read-only file or folder and while
    a load runs; Neo4j runs READ transactions), a missing store is an error, and a note on
    stderr says when a load is running or the graph was changed by hand. The first call of a
    command decides the mode.
    """
    root = ctx.find_root()
    store = root.meta.get("kg.store")
    if store is None:
        options = {}
        if root.obj.get("database"):
            options["database"] = root.obj["database"]
        try:
            store = open_store(root.obj["store_uri"], read_only=read_only, **options)
            if schema:
                store.ensure_schema()
        except StoreError as e:
            raise click.ClickException(str(e)) from e
        root.meta["kg.store"] = store
        root.call_on_close(store.close)
        if read_only:
            _note_marks(store)
    return store


def _note_marks(store: Store) -> None:
    pid = running_load(store) if store.dialect == "ladybug" else None
    if pid is not None:
        click.echo(f"note: a kg load into {store.uri} is running (process {pid}): what "
                   "follows is the store as its last checkpoint left it, and may be partial",
                   err=True)
    elif marked(store, LOAD_MARK):
        click.echo(f"note: a kg load into {store.uri} is running, or stopped before it "
                   "finished (run it again to finish): what follows may be partial", err=True)
    if marked(store, WRITE_MARK):
        click.echo(f"note: {store.uri} was changed by `kg cypher --write`: what follows may "
                   "differ from what the sources state (`kg load --repair FILES` restores "
                   "it)", err=True)
