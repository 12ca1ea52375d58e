"""The notes kg keeps about a store: Source nodes in the store itself, and `STORE.loading`.

No click here: `kg.ingest` (the library) writes them, the CLI reads them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from graph.ids import note_uid
from graph.store import Store, StoreError

# Source nodes kg uses as notes in the store itself (both stores, no side files):
LOAD_MARK = note_uid("alignment-pending")  # a load is running, or stopped before it finished
WRITE_MARK = note_uid("external-write")  # `kg cypher --write` changed the graph behind kg load


def marked(store: Store, uid: str) -> bool:
    """Whether the store holds the note `uid` (LOAD_MARK, WRITE_MARK)."""
    try:
        return bool(store.query("MATCH (s:Source {uid: $uid}) RETURN s.uid AS uid",
                                {"uid": uid}))
    except StoreError:  # a store without kg's tables: the command itself will say so
        return False


def running_load(store: Store) -> int | None:
    """The process id of a load writing to this embedded store now, if one is."""
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
    path: Path | None = Path(store.uri + ".loading")
    try:
        Path(store.uri + ".loading").write_text(str(os.getpid()))
    except OSError:
        path = None
    try:
        yield
    finally:
        if path is not None:
            path.unlink(missing_ok=True)
