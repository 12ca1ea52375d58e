"""Idempotent, source-scoped loading (DESIGN §6), the same for every store.

A source is its content hash. Loading a file already loaded changes nothing; loading a changed
file (same path, new hash) retracts what the old version asserted first; sources left
incomplete by an interrupted write are retracted before anything else is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from graph.batch import Batch
from graph.model import Source
from graph.store import Store

if TYPE_CHECKING:  # Arrow is imported by the loads that pack rows, not by every reader
    from graph.packed import Packed


@dataclass
class LoadReport:
    added: list[str] = field(default_factory=list)  # source names
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)  # incomplete sources cleaned up


def load_batches(store: Store, batches: Sequence[Batch]) -> LoadReport:
    """Write `batches` so that the store holds exactly what the current files assert."""
    report, todo, stale = _plan(store, [b.source for b in batches])
    store.retract(stale)
    store.write([batches[i] for i in todo])
    return report


def load_packed(store: Store, packed: Packed) -> LoadReport:
    """`load_batches` of batches packed as rows (`graph.packed`, by the extraction workers)."""
    report, todo, stale = _plan(store, packed.sources)
    store.retract(stale)
    if todo:
        chosen = packed.select(todo)
        store.write_rows(chosen.rows(), chosen.sources)
    return report


def _plan(store: Store, sources: Sequence[Source]) -> tuple[LoadReport, list[int], list[str]]:
    """What writing these sources means: the report, the positions of those to write (new
    or changed; a source stored complete or given twice is unchanged) and the uids of the
    stored sources they replace. Incomplete sources are retracted first."""
    report = LoadReport()
    known = store.sources()
    broken = [s for s in known if not s.complete]
    if broken:
        store.retract([s.uid for s in broken])
        report.repaired = [s.name for s in broken]
    complete = {s.uid: s for s in known if s.complete}
    by_path = {s.path: s for s in complete.values()}
    todo: dict[str, int] = {}
    stale = []
    for i, source in enumerate(sources):
        if source.uid in complete or source.uid in todo:
            report.unchanged.append(source.name)
            continue
        old = by_path.get(source.path)
        if old is not None:
            stale.append(old.uid)
            report.replaced.append(source.name)
        else:
            report.added.append(source.name)
        todo[source.uid] = i
    return report, list(todo.values()), stale
