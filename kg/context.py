"""The store a command runs against, opened once and closed when the command ends."""

from __future__ import annotations

import click

from graph.store import Store, StoreError, open_store


def get_store(ctx: click.Context, schema: bool = True) -> Store:
    """Open the store named by --store for this command (creating its schema if asked)."""
    root = ctx.find_root()
    store = root.meta.get("kg.store")
    if store is None:
        options = {}
        if root.obj.get("database"):
            options["database"] = root.obj["database"]
        try:
            store = open_store(root.obj["store_uri"], **options)
            if schema:
                store.ensure_schema()
        except StoreError as e:
            raise click.ClickException(str(e)) from e
        root.meta["kg.store"] = store
        root.call_on_close(store.close)
    return store
