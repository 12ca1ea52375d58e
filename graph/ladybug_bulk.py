"""The embedded store's bulk copier: writes staged on disk, then copied table by table in
checkpointed pieces (docs/ARCHITECTURE.md, appendix 15).

Inside `BulkCopier.block()` the store's writes are staged as Parquet (`graph.stage`); nodes
the store holds are filled in at once, as in a plain write. When the block ends the stage is
sealed and each table copied in pieces of `COPY_PIECE_ROWS` rows, checkpointing once a piece's
worth of rows is copied: LadybugDB holds a COPY in memory until the checkpoint. A copy stopped
midway keeps the sealed stage, and the store's next write finishes it (`finish`).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from graph.ladybug_errors import POOL_FULL
from graph.ladybug_writes import arrow_table
from graph.settings import BUFFER_POOL_MB
from graph.store import SourceInfo, StoreError

if TYPE_CHECKING:
    from graph.ladybug_store import LadybugStore
    from graph.model import Source
    from graph.packed import ArrowRows
    from graph.rows import Rows
    from graph.stage import Stage, StagedTable

# Rows per COPY of a staged table: LadybugDB holds a COPY in memory until the next checkpoint;
# 10^6 rows of a relationship with its evidence took ~0.6 GB (BENCHMARKS.md, 10^6).
COPY_PIECE_ROWS = 1_000_000


class BulkCopier:
    """The staging and the copy in pieces for one `LadybugStore` (`store.bulk()`)."""

    def __init__(self, store: LadybugStore) -> None:
        self.store = store
        self.stage: Stage | None = None  # while a block stages writes
        self.staged: dict[str, SourceInfo] = {}  # the sources staged
        self.recovered = False  # whether a stopped copy was looked for (`finish`)

    @property
    def directory(self) -> Path:
        return Path(self.store.uri + ".stage")

    @contextmanager
    def block(self) -> Iterator[None]:
        """Writes inside are staged (`stage_write`) and copied in when the block ends
        (`copy_sealed`); then their sources are marked complete. A block stopped while
        staging leaves the store as it was; once sealed, a stopped copy keeps the stage."""
        self.finish()
        if self.stage is not None or self.store.read_only:
            yield
            return
        from graph.stage import Stage

        self.store.checkpoint()  # nothing fresh: updates inside touch only durable nodes
        try:
            stage = self.stage = Stage(self.directory)
        except ValueError as e:
            raise StoreError(str(e)) from e
        try:
            try:
                yield
                tables = stage.seal(self.staged, self.count, COPY_PIECE_ROWS)
            except BaseException:
                stage.remove()
                raise
            self.copy_sealed(stage.directory, tables)
        finally:
            stage.close()
            self.stage, self.staged = None, {}

    def stage_write(self, rows: Rows | ArrowRows, sources: Sequence[Source]) -> None:
        """Stage a write: nodes the store holds are filled in now (as in a plain write), all
        the other rows are staged. Every table is built before any is staged."""
        import pyarrow.compute as pc

        assert self.stage is not None
        schema, conn, writes = self.store.schema, self.store.connection, self.store.write_path
        nodes = {}
        for label, table in rows.nodes.items():
            props = schema.node(label).props
            data = arrow_table(props, table, null_lists=True)
            old = writes.stored(conn, label, data)
            if pc.any(old).as_py():
                writes.update_nodes(conn, label, props, data.filter(old))
            nodes[label] = data.filter(pc.invert(old))
        rels = {key: arrow_table(schema.rel(key[0]).props, table)
                for key, table in rows.rels.items()}
        self.stage.add(nodes, rels)
        self.staged.update((s.uid, SourceInfo(s.uid, s.name, s.path, True)) for s in sources)

    def count(self, table: str, pair: tuple[str, str] | None) -> int:
        """Rows of a node table (`pair` None) or of a relationship table between a pair."""
        if pair is None:
            return self.store.run(f"MATCH (n:{table}) RETURN count(n) AS c")[0]["c"]
        a, b = pair
        return self.store.run(f"MATCH (:{a})-[r:{table}]->(:{b}) RETURN count(r) AS c")[0]["c"]

    def finish(self) -> None:
        """Finish the copy of a sealed stage a stopped bulk load left (once per opening)."""
        if self.recovered or self.store.read_only:
            return
        from graph.stage import sealed

        tables = sealed(self.directory)
        if tables is not None:
            self.copy_sealed(self.directory, tables)
        self.recovered = True

    def copy_sealed(self, directory: Path, tables: Sequence[StagedTable]) -> None:
        """Copy what the store does not hold yet of each table of a sealed stage, in pieces of
        `COPY_PIECE_ROWS` rows, checkpointing once a piece's worth of rows is copied (small
        tables share a checkpoint): LadybugDB holds a COPY in memory until the checkpoint, so
        one COPY per table needed 17-20 GB at 10^6 documents and crashed. A COPY is in or
        not, so counting a table's rows says how many pieces are in (`StagedTable.before`).
        Then mark the stage's sources complete and remove it."""
        from graph.stage import pieces, staged_sources

        store, schema = self.store, self.store.schema
        store.connection.execute("CALL auto_checkpoint=false")
        unsaved = 0  # rows copied since the last checkpoint
        for t in tables:
            done = self.count(t.name, t.pair) - t.before
            if done == t.rows:
                continue  # copied before a stop
            if not 0 <= done < t.rows or done % t.piece:
                raise StoreError(
                    f"{directory}: this stopped copy cannot be finished, the store changed "
                    f"since it began ({t.name} holds {t.before + done} rows, not {t.before} "
                    f"plus pieces of {t.piece}); remove the directory and load again")
            opts = f" (from='{t.pair[0]}', to='{t.pair[1]}')" \
                if t.pair and len(schema.rel(t.name).pairs) > 1 else ""
            node = next((n for n in schema.nodes if n.label == t.name), None)
            cols = f"({', '.join(p.name for p in node.props)})" if node else ""
            for piece in pieces(directory / t.file, t.piece, skip=done):
                with self._copy_failure(directory, t.name):
                    store.connection.execute(f"COPY {t.name}{cols} FROM '{piece}'{opts}")
                    store.statements_copied()
                    unsaved += min(t.piece, t.rows - done)
                    done += t.piece
                    if unsaved >= t.piece:
                        store.checkpoint(resume_auto=False)
                        unsaved = 0
        store.statements_copied()  # pairs kept even when every piece was in before a stop
        with self._copy_failure(directory, tables[-1].name if tables else ""):
            store.checkpoint(resume_auto=False)
        store.mark_complete(staged_sources(directory))
        store.checkpoints.recount()
        store.connection.execute("CALL auto_checkpoint=true")
        shutil.rmtree(directory)

    @contextmanager
    def _copy_failure(self, directory: Path, table: str) -> Iterator[None]:
        """A failed COPY or checkpoint of a sealed stage as a StoreError saying what now."""
        try:
            yield
        except (RuntimeError, StoreError) as e:
            raise StoreError(
                f"{self.store.uri}: copying the staged {table} rows failed ({e}); the stage "
                f"{directory} is kept, and the next load into this store finishes the "
                "copy" + (f" (with {BUFFER_POOL_MB.name} set higher)" if POOL_FULL in str(e)
                          else "") + "; to give it up instead, remove the stage: the "
                "next load then loads its files again") from e
