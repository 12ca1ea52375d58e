"""Idempotent, source-scoped loading (DESIGN §6), the same for every store.

A source is its content hash. Loading a file already loaded changes nothing; loading a changed
file (same path, new hash) retracts what the old version asserted first; sources left
incomplete by an interrupted write are retracted before anything else is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from graph.batch import Batch
from graph.store import Store


@dataclass
class LoadReport:
    added: list[str] = field(default_factory=list)  # source names
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)  # incomplete sources cleaned up


def load_batches(store: Store, batches: Sequence[Batch]) -> LoadReport:
    """Write `batches` so that the store holds exactly what the current files assert."""
    report = LoadReport()
    known = store.sources()
    broken = [s for s in known if not s.complete]
    if broken:
        store.retract([s.uid for s in broken])
        report.repaired = [s.name for s in broken]
    complete = {s.uid: s for s in known if s.complete}
    by_path = {s.path: s for s in complete.values()}
    todo: dict[str, Batch] = {}
    stale = []
    for b in batches:
        if b.source.uid in complete or b.source.uid in todo:
            report.unchanged.append(b.source.name)
            continue
        old = by_path.get(b.source.path)
        if old is not None:
            stale.append(old.uid)
            report.replaced.append(b.source.name)
        else:
            report.added.append(b.source.name)
        todo[b.source.uid] = b
    store.retract(stale)
    store.write(list(todo.values()))
    return report
