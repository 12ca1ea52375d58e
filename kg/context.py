"""The store a command runs against, opened once and closed when the command ends."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from graph.store import Store, StoreError, open_store

# Source nodes kg uses as notes in the store itself (both stores, no side files):
LOAD_MARK = "src:alignment-pending"  # a load is running, or stopped before it finished
WRITE_MARK = "src:external-write"  # `kg cypher --write` changed the graph behind kg load


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


def marked(store: Store, uid: str) -> bool:
    """Whether the store holds the note `uid` (LOAD_MARK, WRITE_MARK)."""
    try:
        return bool(store.query("MATCH (s:Source {uid: $uid}) RETURN s.uid AS uid",
                                {"uid": uid}))
    except StoreError:  # a store without kg's tables: the command itself will say so
        return False


def _running_load(store: Store) -> int | None:
    """The process id of a `kg load` writing to this embedded store now, if one is."""
    try:
        pid = int(Path(store.uri + ".loading").read_text().strip())
        os.kill(pid, 0)
    except (OSError, ValueError):
        return None
    return pid


@contextmanager
def announced_load(store: Store) -> Iterator[None]:
    """While a load writes to an embedded store, `STORE.loading` holds its process id, so
    that reads can say a load is running (its writes show only from its checkpoints)."""
    if store.dialect != "ladybug":
        yield
        return
    path = Path(store.uri + ".loading")
    try:
        path.write_text(str(os.getpid()))
    except OSError:
        path = None
    try:
        yield
    finally:
        if path is not None:
            path.unlink(missing_ok=True)


def _note_marks(store: Store) -> None:
    pid = _running_load(store) if store.dialect == "ladybug" else None
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
