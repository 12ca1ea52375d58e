"""The store a command runs against, opened once and closed when the command ends."""

from __future__ import annotations

import click

from graph.store import Store, StoreError, open_store


def get_store(ctx: click.Context, schema: bool = True, read_only: bool = False) -> Store:
    """Open the store named by --store for this command (creating its schema if asked).

    `read_only` suits commands that only read: an existing embedded file then opens for
    reading only, in a fraction of the time (a missing one is still created, empty).
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
    return store
