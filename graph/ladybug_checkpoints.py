"""When the embedded store checkpoints (docs/ARCHITECTURE.md, appendix 3 and 12).

A LadybugDB checkpoint costs in proportion to the store, so checkpointing after every write made
loading quadratic. The store checkpoints once the records written since the last checkpoint
reach a share of those stored (`CHECKPOINT_SHARE`, at least `CHECKPOINT_MIN_RECORDS`): O(n)
in checkpoints over a load, until that share reaches `CHECKPOINT_MAX_RECORDS`, since copied data
stays in memory until checkpointed. `CheckpointPolicy` keeps what that needs: the sources and
records written since the last checkpoint and the records stored at it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

CHECKPOINT_SHARE = 0.5  # checkpoint when the records since the last one reach this share ...
CHECKPOINT_MIN_RECORDS = 1_000_000  # ... of the records stored, and at least this many ...
# ... and at most this many: what was copied since the last checkpoint stays in memory
# (~0.75 KB per record measured at 10^6 documents, 6.4 GB RSS 12 min after one)
CHECKPOINT_MAX_RECORDS = 4_000_000


def checkpoint_due(stored: int, min_records: int = CHECKPOINT_MIN_RECORDS) -> int:
    """Records written since the last checkpoint that make the next one due, the store holding
    `stored`: a share of it (O(n) checkpoint work in all), at least `min_records`, and at most
    CHECKPOINT_MAX_RECORDS (memory)."""
    return max(min_records, min(CHECKPOINT_MAX_RECORDS, int(CHECKPOINT_SHARE * stored)))


class CheckpointPolicy:
    """What was written since the last checkpoint and whether the next one is due.
    `min_records` = 0 makes every write due."""

    def __init__(self, min_records: int = CHECKPOINT_MIN_RECORDS) -> None:
        self.min_records = min_records
        self.sources: list[str] = []  # written since the last checkpoint: complete at the next
        self.records = 0  # records written since then
        self.copied = False  # whether anything was copied since then (else nothing to do)
        self.stored: int | None = None  # records stored at the last checkpoint, when counted

    def wrote(self, sources: Iterable[str], records: int) -> None:
        """A write of `records` records for `sources` is in, not yet durable."""
        self.sources.extend(sources)
        self.records += records

    def due(self, count_records: Callable[[], int]) -> bool:
        """Whether the writes since the last checkpoint make one due; `count_records` counts
        the store's records when they are not known yet."""
        if self.min_records <= 0:
            return True
        if self.stored is None:
            self.stored = count_records()
        return self.records >= checkpoint_due(self.stored, self.min_records)

    def checkpointed(self) -> list[str]:
        """A checkpoint made everything durable: the sources now complete."""
        done = self.sources
        if self.stored is not None:
            self.stored += self.records
        self.sources, self.records, self.copied = [], 0, False
        return done

    def recount(self) -> None:
        """The store changed by more than its writes (a retraction, a bulk copy): count again
        when next needed."""
        self.stored = None
