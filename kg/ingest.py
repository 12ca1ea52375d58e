"""Loading as a library: `ingest(store, paths)` reads files into a store, idempotently.

    from graph import open_store
    from kg.ingest import ingest

    store = open_store("kg.lbdb")
    report = ingest(store, ["plans/"], jobs=4)
    print(report.summary(), report.errors)

What `kg load` does, without click: the reference data first, files extracted (in a process
pool whose workers die with this process) and written in chunks by a writer thread, a file that
fails reported and skipped, large loads staged (`Store.bulk`), the pending-alignment note, the
repair after `kg cypher --write`, alignment last. The command only parses options and prints.
"""

from __future__ import annotations

import gc
import hashlib
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from importlib.abc import MetaPathFinder
from multiprocessing import get_context
from pathlib import Path
from typing import Any, Protocol

from alignment.deriving import DERIVED_PATH, documents_of_batch, documents_of_sources
from alignment.deriving import realign as realign_store
from alignment.reviewed import REVIEW_PATH
from graph import load_batches, to_batch
from graph.batch import Batch
from graph.gcpause import gc_paused
from graph.ids import source_uid
from graph.loading import LoadReport, load_packed
from graph.model import Extraction, Source
from graph.packed import Packed, concat, pack
from graph.store import Store
from kg.notes import LOAD_MARK, WRITE_MARK, announced_load
from loaders import SourceError, extract_text
from loaders.read import read_source
from loaders.readers import Input, list_inputs
from loaders.reference import reference_extractions
from loaders.structured import SUFFIXES as STRUCTURED_SUFFIXES
from loaders.structured import read_structured
from ontology import load_schema

__all__ = ["IngestReport", "Progress", "SourceError", "WriteAborted", "ingest"]

# Records (nodes + relationships) per store write. Each COPY has a fixed cost and appending to
# a large relationship table costs more than filling it, so writes are few and large; this
# bounds the batches held in memory (~1 KB per record).
CHUNK_RECORDS = 250_000
TASK_FILES = 32  # at most this many files per task handed to an extraction process
# From this many files to load, their writes are staged and copied in at the end (see
# `LadybugStore.bulk`): each table written once instead of appended to write after write.
BULK_FILES = 2_000
# Written with the first data of a load, deleted once its alignment is done: a load that
# stopped in between left plans that no later load would re-align, so the next one aligns all.
PENDING = Source(LOAD_MARK, "alignment pending", "pending:alignment", "", 0, "")


def expand(paths: tuple[str, ...], locality: str | None = None,
           manifest: str | None = None,
           skipped: list[tuple[str, str]] | None = None) -> list[Input]:
    """Files named, readable files in folders named (recursively), URLs and a manifest's rows,
    in a stable order: `loaders.readers.list_inputs`, with the structured `.yaml` files;
    files of other types in folders, and unreadable folders, go into `skipped`."""
    return list_inputs(paths, STRUCTURED_SUFFIXES, locality, manifest, skipped)


def extract(item: Input | Path) -> Extraction:
    """Structured documents (.yaml) are read as data; every other input through the readers."""
    item = item if isinstance(item, Input) else Input(str(item))
    if not item.is_url and Path(item.where).suffix.lower() in STRUCTURED_SUFFIXES:
        return read_structured(Path(item.where))
    source, text = read_source(item)
    return extract_text(text, source)


Outcome = tuple[Batch | None, str | None]  # the file's batch, or why it failed


def extract_one(path: Input | Path) -> Outcome:
    """One file's batch or its error message (text, so it travels between processes).
    Cyclic garbage collection waits while the file is read, extracted and made a batch
    (`graph.gcpause`), and a worker's heap is frozen after its first task (`_settle`): GC
    took 4.3 % of a worker's CPU over 5,000 files, 2.2 % so (measured, one process)."""
    try:
        with gc_paused:
            return to_batch(extract(path)), None
    except SourceError as e:
        return None, e.problem  # the caller names the file
    except Exception as e:  # an extractor bug must not stop the other files
        return None, f"extraction failed: {type(e).__name__}: {e}"


def _extract_many(paths: Sequence[Input | Path]) -> list[Outcome]:
    return [extract_one(p) for p in paths]


Failed = dict[int, str]  # a task's files that failed, by position in the task: why


def extract_packed(paths: Sequence[Input | Path]) -> tuple[Packed, Failed]:
    """The store rows of the files, packed as Arrow where they were read (`graph.packed`:
    a few buffers go back to the loading process, not the batches' object graphs), and the
    files that failed: not extracted, or rows the ontology refuses."""
    batches: list[Batch] = []
    where: list[int] = []  # the position in `paths` of each batch
    failed: Failed = {}
    for i, p in enumerate(paths):
        batch, error = extract_one(p)
        if batch is None:
            failed[i] = error or "extraction failed"
        else:
            batches.append(batch)
            where.append(i)
    packed, refused = pack_batches(batches)
    failed.update((where[j], why) for j, why in refused)
    _settle()
    return packed, failed


def pack_batches(batches: Sequence[Batch]) -> tuple[Packed, list[tuple[int, str]]]:
    """`graph.packed.pack` with the documents each batch changes the alignment of; the
    batches refused, by position, with a reason naming the store."""
    packed, refused = pack(batches, load_schema(), documents_of_batch)
    return packed, [(j, f"store write failed: {why}") for j, why in refused]


def workers(jobs: int) -> AbstractContextManager[ProcessPoolExecutor | None]:
    """The processes that extract files and score alignments (None: this process only).

    Spawned, not forked: the parent holds an open store, whose threads a fork would copy
    mid-flight. Each dies with this process (`die_with_parent`), however it ends.
    """
    return ProcessPoolExecutor(jobs, mp_context=get_context("spawn"),
                               initializer=start_worker, initargs=(os.getpid(),)) \
        if jobs > 1 else nullcontext()


_worker = {"in": False, "settled": False}  # this process is a worker; its heap was frozen


def _settle() -> None:
    """In a worker, once, after its first task: collect, then freeze what survives (the
    modules, the ontology, the extractors' compiled patterns and gazetteers, built on first
    use) so that no later collection walks it again; objects made by later tasks are
    collected as usual (`gc.freeze`)."""
    if _worker["in"] and not _worker["settled"]:
        gc.collect()
        gc.freeze()
        _worker["settled"] = True


def start_worker(parent: int) -> None:
    """A worker's initializer: it dies with `parent` (`die_with_parent`), and pandas cannot
    be imported in it: no worker uses it, but pyarrow imports it on a process's first array
    to check whether the values are pandas objects (~35 MB more per worker, measured)."""
    sys.meta_path.insert(0, _NoPandas())
    import pyarrow as pa

    pa.set_memory_pool(pa.system_memory_pool())  # mimalloc kept ~12 MB more per worker
    _worker["in"] = True
    die_with_parent(parent)


class _NoPandas(MetaPathFinder):
    """An import finder for which pandas does not exist."""

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> None:
        if name.partition(".")[0] == "pandas":
            raise ModuleNotFoundError(f"{name} is not used in kg's workers", name=name)
        return None


PARENT_POLL_SECONDS = 1.0
_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def die_with_parent(parent: int) -> None:
    """A worker's initializer: end this process when `parent` ends, even by kill -9 or the
    OOM killer (which run no cleanup, so the pool cannot stop its workers; they held up to
    ~370 MB each for a minute or more). On Linux the kernel sends SIGKILL at the parent's
    death (prctl PR_SET_PDEATHSIG); everywhere a daemon thread also watches the parent id,
    which changes when the parent is gone."""
    import ctypes
    import signal
    import threading

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass  # not Linux: the watch below does it

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_POLL_SECONDS)
        os._exit(1)

    if os.getppid() != parent:  # the parent died before the signal was set
        os._exit(1)
    threading.Thread(target=watch, name="kg-parent-watch", daemon=True).start()


def extract_all(files: Sequence[Input | Path], pool: ProcessPoolExecutor | None = None,
                jobs: int = 1) -> Iterator[Outcome]:
    """`extract_one` of each file, in the files' order, on the `jobs` processes of `pool`.

    Files go to the workers in small tasks and only a few tasks are ahead of the caller, so
    memory stays flat however many files there are.
    """
    if pool is None or len(files) <= 1:
        yield from map(extract_one, files)
        return
    size = max(1, min(TASK_FILES, -(-len(files) // (4 * jobs))))
    ahead: deque = deque()
    for i in range(0, len(files), size):
        ahead.append(pool.submit(_extract_many, files[i:i + size]))
        if len(ahead) > 2 * jobs:
            yield from ahead.popleft().result()
    while ahead:
        yield from ahead.popleft().result()


def extract_tasks(files: Sequence[Input | Path], pool: ProcessPoolExecutor | None = None,
                  jobs: int = 1) -> Iterator[tuple[Sequence[Input | Path], Packed, Failed]]:
    """`extract_packed` of the files in tasks of at most TASK_FILES, in the files' order, on
    the `jobs` processes of `pool` (here without one): each task's files, rows and failures.
    Only a few tasks are ahead of the caller, so memory stays flat however many files."""
    size = max(1, min(TASK_FILES, -(-len(files) // (4 * jobs))))
    tasks = [files[i:i + size] for i in range(0, len(files), size)]
    if pool is None or len(files) <= 1:
        for task in tasks:
            yield (task, *extract_packed(task))
        return
    ahead: deque = deque()
    for task in tasks:
        ahead.append((task, pool.submit(extract_packed, task)))
        if len(ahead) > 2 * jobs:
            task, done = ahead.popleft()
            yield (task, *done.result())
    while ahead:
        task, done = ahead.popleft()
        yield (task, *done.result())


class Timer:
    """Wall-clock seconds per phase of a load (`IngestReport.timings`)."""

    def __init__(self) -> None:
        self.start = time.perf_counter()
        self.phases: dict[str, float] = {}

    @contextmanager
    def __call__(self, phase: str) -> Iterator[None]:
        t0 = time.perf_counter()
        try:
            yield
        finally:
            self.phases[phase] = self.phases.get(phase, 0.0) + time.perf_counter() - t0

    def timed(self, phase: str, items: Iterable) -> Iterator:
        """`items`, with the time spent waiting for each counted in `phase`."""
        it = iter(items)
        while True:
            with self(phase):
                item = next(it, _END)
            if item is _END:
                return
            yield item


_END = object()


def file_uid(path: Input | Path) -> str | None:
    """The uid a file's source gets (the hash of its bytes), None if it cannot be read."""
    try:
        return source_uid(hashlib.sha256(Path(str(path)).read_bytes()).hexdigest())
    except OSError:
        return None  # extraction will name the problem


class WriteAborted(Exception):
    """The store failed a write and could not repair it: the load stops."""


class Writer:
    """Writes chunks of batches on a thread of its own while the next chunk is extracted.

    One chunk is written while the next fills: `submit` waits for the previous write, so at
    most two chunks are held. It also notes which documents' alignment inputs the written
    sources (and the sources they replace) assert, for `realign`.
    """

    def __init__(self, store: Store, repair: bool = False,
                 note: Callable[[str], None] | None = None) -> None:
        """`repair`: reload every file in full, even one loaded before with the same content
        (retract, then write), restoring what an outside write (`kg cypher --write`) removed.
        A store that write noted is repaired whatever `repair` says. `note` receives the
        warnings meant for the user (a refused write, ...)."""
        self.store = store
        self.note = note or (lambda message: None)
        self.totals: dict[str, list[str]] = {k: [] for k in
                                             ("added", "replaced", "unchanged", "repaired")}
        self.errors: list[tuple[str, str]] = []
        self.changed: set[str] = set()
        self.seconds = 0.0  # spent writing, for the timings
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="kg-writer")
        self._pending: Future | None = None
        self._known: dict[str, str] = {}
        self._read_sources()
        self.interrupted = PENDING.path in self._known  # a load stopped before aligning
        self._marked = False
        self.noted = WRITE_MARK in self._known.values()  # changed by `kg cypher --write`
        self.repair = repair or self.noted
        self.written: set[str] = set()  # uids of the sources this load wrote

    def _read_sources(self) -> None:
        sources = self.store.sources()
        self.changed |= documents_of_sources(self.store, [s.uid for s in sources
                                                          if not s.complete])
        self._known = {s.path: s.uid for s in sources if s.complete}

    def unchanged(self, files: list[Input]) -> list[Input]:
        """`files` less those loaded before with the same content, which are counted as
        unchanged without being extracted (resuming a load of 10^6 files re-extracted all).
        A source's uid is the hash of the file's bytes (`graph.ids.source_uid`)."""
        if self.repair:  # all at once, before a bulk load stages anything
            paths = (str(Path(f.where).resolve()) for f in files if not f.is_url)
            self._forget({p: self._known[p] for p in paths
                          if p in self._known and self._known[p] == file_uid(Path(p))})
            return files
        if not self._known:
            return files
        todo = []
        for f in files:
            if f.is_url:  # a page may change under the same address: always fetched
                todo.append(f)
                continue
            known = self._known.get(str(Path(f.where).resolve()))
            if known is not None and known == file_uid(f):
                self.totals["unchanged"].append(f.name)
            else:
                todo.append(f)
        return todo

    def write(self, batches: list[Batch]) -> None:
        """Write now, in this thread, leaving the totals alone (the reference batch)."""
        self.wait()
        self._write(self._packed(batches), record=False)

    def submit(self, chunk: Packed | list[Batch]) -> None:
        """Write in the background once the previous chunk is written (batches are packed
        here first; the ones whose rows are refused go to `errors`)."""
        self.wait()
        self._pending = self._pool.submit(self._write, self._packed(chunk))

    def _packed(self, chunk: Packed | list[Batch]) -> Packed:
        if isinstance(chunk, Packed):
            return chunk
        packed, refused = pack_batches(chunk)
        self.errors += [(chunk[j].source.path, why) for j, why in refused]
        return packed

    def wait(self) -> None:
        """Until the pending write ends; its exception, if any, is raised here once."""
        pending, self._pending = self._pending, None
        if pending is not None:
            pending.result()

    def close(self) -> None:
        try:
            self.wait()
        finally:
            self._pool.shutdown()

    def _write(self, chunk: Packed, record: bool = True) -> None:
        t0 = time.perf_counter()
        if self.repair:  # the reference batch
            self._forget({s.path: s.uid for s in chunk.sources
                          if self._known.get(s.path) == s.uid})
        if record and not self._marked:
            chunk, self._marked = concat([pack_batches([Batch(PENDING)])[0], chunk]), True
        fresh = [i for i, s in enumerate(chunk.sources) if self._known.get(s.path) != s.uid]
        self.changed |= documents_of_sources(
            self.store, [self._known[s.path] for i in fresh
                         if (s := chunk.sources[i]).path in self._known])
        self.changed.update(d for i in fresh for d in chunk.documents[i])
        try:
            self._load(chunk, record)
        except Exception as e:  # isolate the files the store refuses; the others still load
            self.note(f"warning: a write of {len(chunk)} files failed ({e}); "
                      "writing them in parts")
            self._isolate(chunk, record, e)
            self._read_sources()
        self.seconds += time.perf_counter() - t0

    def _forget(self, loaded: dict[str, str]) -> None:
        """Retract what these loaded sources (uid by path) assert, so that writing them
        restores it whole (their documents are realigned)."""
        if not loaded:
            return
        uids = list(loaded.values())
        self.changed |= documents_of_sources(self.store, uids)
        self.store.retract(uids)
        for path in loaded:
            del self._known[path]

    def _load(self, chunk: Packed, record: bool) -> None:
        report = load_packed(self.store, chunk)
        if record:
            self._record(report)
        self._known.update((s.path, s.uid) for s in chunk.sources)
        self.written.update(s.uid for s in chunk.sources)

    def repaired(self) -> int:
        """After a repair: drop the note of an outside write once every source loaded before
        was reloaded; else the number of sources that were not (the note stays)."""
        if not self.noted:
            return 0
        left = [s for s in self.store.sources() if s.complete and s.uid not in self.written
                and s.uid not in (WRITE_MARK, PENDING.uid)
                and not s.path.startswith((DERIVED_PATH, REVIEW_PATH))]  # not files
        if not left:
            self.store.execute("MATCH (s:Source {uid: $uid}) DETACH DELETE s", {"uid": WRITE_MARK})
        return len(left)

    def _isolate(self, chunk: Packed, record: bool, error: Exception) -> None:
        """Write `batches`, which failed together with `error`, in halves, down to the files
        the store refuses (~2 log2(n) writes for one bad file among n, not n). The store
        repairs what each failed write left (its incomplete sources) at once; if it cannot,
        writing on is pointless (at 10^6 files, retrying file by file against a store that
        could not repair took about an hour, every retry failing the same way)."""
        try:
            load_batches(self.store, [])
        except Exception as e:
            raise WriteAborted(f"a write failed ({error}) and the store could not repair it "
                               f"({e})") from e
        if len(chunk) == 1:
            self.errors.append((chunk.sources[0].path, f"store write failed: {error}"))
            return
        half = len(chunk) // 2
        for part in (chunk.select(range(half)), chunk.select(range(half, len(chunk)))):
            try:
                self._load(part, record)
            except Exception as e:
                self._isolate(part, record, e)

    def _record(self, report: LoadReport) -> None:
        for k, names in self.totals.items():
            names.extend(n for n in getattr(report, k) if n != PENDING.name)

    def aligned(self) -> None:
        """The load's alignment is done: no later load has to align every plan."""
        self.store.execute("MATCH (s:Source {uid: $uid}) DETACH DELETE s", {"uid": PENDING.uid})


def chunks(batches: Iterable[Batch], records: int = CHUNK_RECORDS) -> Iterator[list[Batch]]:
    """`batches` in order, grouped into store writes of at least `records` records (nodes +
    relationships; the last group may hold fewer)."""
    chunk: list[Batch] = []
    pending = 0  # records in `chunk`
    for batch in batches:
        chunk.append(batch)
        pending += len(batch.nodes) + len(batch.edges)
        if pending >= records:
            yield chunk
            chunk, pending = [], 0
    if chunk:
        yield chunk


class Progress(Protocol):
    """What the caller of `ingest` sees while it runs (the CLI: a progress bar and stderr)."""

    def start(self, files: int) -> None:
        """`files` are to be extracted (those loaded before unchanged are not counted)."""

    def advance(self, item: Input) -> None:
        """One more file was extracted, or failed."""

    def finish(self) -> None:
        """Every file was extracted (also when the load stops early)."""

    def note(self, message: str) -> None:
        """A warning or note for the user, one line, as it happens."""


class Quiet:
    """The `Progress` that shows nothing (notes still reach `IngestReport.notes`)."""

    def start(self, files: int) -> None:
        pass

    def advance(self, item: Input) -> None:
        pass

    def finish(self) -> None:
        pass

    def note(self, message: str) -> None:
        pass


def write_all(files: list[Input], writer: Writer, timer: Timer,
              pool: ProcessPoolExecutor | None, jobs: int,
              progress: Progress) -> list[tuple[str, str]]:
    """Extract `files` and hand their rows to `writer` in chunks of at least CHUNK_RECORDS
    records, the last write included; returns the files that failed and why."""
    failed: list[tuple[str, str]] = []
    tasks = timer.timed("extract", extract_tasks(files, pool, jobs))

    def extracted() -> Iterator[Packed]:
        for task, packed, errors in tasks:
            for i, f in enumerate(task):
                progress.advance(f)  # type: ignore[arg-type]
                if i in errors:
                    failed.append((str(f), errors[i]))
            yield packed

    progress.start(len(files))
    try:
        for chunk in packed_chunks(extracted()):
            with timer("handoff"):
                writer.submit(chunk)
        with timer("handoff"):
            writer.wait()
    finally:
        progress.finish()
    return failed


def packed_chunks(packs: Iterable[Packed], records: int = CHUNK_RECORDS) -> Iterator[Packed]:
    """`chunks` of packed rows: the packs in order, joined into writes of at least `records`
    records (the last may hold fewer)."""
    held: list[Packed] = []
    pending = 0
    for p in packs:
        if not len(p):
            continue
        held.append(p)
        pending += sum(p.counts)
        if pending >= records:
            yield concat(held)
            held, pending = [], 0
    if held:
        yield concat(held)


@dataclass
class IngestReport:
    """What a load did: the files added, replaced (changed since loaded), unchanged and
    repaired (reloaded in full) by name, those that failed with a one-line reason, the plans
    aligned, the notes for the user, and seconds per phase ("total" first)."""

    store: str
    files: int = 0  # inputs found under the paths: files, URLs, manifest rows
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (file, why)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # found, not read: (file, why)
    aligned: int = 0
    notes: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    def summary(self) -> dict[str, Any]:
        """The counts, as `kg load --format json` prints them (with its "errors" beside)."""
        return {"added": len(self.added), "replaced": len(self.replaced),
                "unchanged": len(self.unchanged), "repaired": len(self.repaired),
                "failed": len(self.errors), "skipped": len(self.skipped),
                "aligned": self.aligned, "store": self.store}


def ingest(store: Store, paths: Iterable[str | Path] | str | Path = (), *, jobs: int = 1,
           bulk: bool | None = None, realign: bool = False, repair: bool = False,
           locality: str | None = None, manifest: str | Path | None = None,
           progress: Progress | None = None) -> IngestReport:
    """Load the files, folders (recursively), URLs and manifest rows named into `store`.

    Loading a file again changes nothing; a changed file replaces what it asserted; a file
    that fails is listed in `errors` and the others load. The reference data kg ships is
    written first; the alignments of the plans the files change (`realign`: of every plan)
    are recomputed last. `jobs` > 1 extracts in that many processes (same store for any
    number); `bulk` stages the writes and copies them in at the end (None: from BULK_FILES
    files to load); `repair` reloads unchanged files in full (automatic after `kg cypher
    --write`); `locality` is the province of texts that name none.

    Raises `SourceError` when a path cannot be listed, `WriteAborted` when the store refused
    a write and could not repair it (what was written before stays; loading again repairs);
    a `graph.store.StoreError` from the store itself passes through.
    """
    if isinstance(paths, str | Path):
        paths = [paths]
    progress = progress or Quiet()
    report = IngestReport(store.uri)

    def note(message: str) -> None:
        report.notes.append(message)
        progress.note(message)

    store.ensure_schema()
    writer = Writer(store, repair, note)
    if writer.noted:
        note(f"note: {store.uri} was changed by `kg cypher --write`: the files named are "
             "reloaded in full (--repair)")
    timer = Timer()
    with announced_load(store), workers(jobs) as pool:
        try:
            writer.write([to_batch(x) for x in reference_extractions()])
            files = expand(tuple(map(str, paths)), locality,
                           None if manifest is None else str(manifest), report.skipped)
            report.files = len(files)
            todo = writer.unchanged(files)
            staged = len(todo) >= BULK_FILES if bulk is None else bulk
            with store.bulk() if staged else nullcontext():
                try:
                    failed = write_all(todo, writer, timer, pool, jobs, progress)
                finally:
                    writer.close()  # no write runs on while the stage goes
                copying = time.perf_counter()
            if staged:
                timer.phases["copy"] = time.perf_counter() - copying
        finally:
            writer.close()
        with timer("checkpoint"):  # what was written survives whatever stops the alignment
            store.checkpoint()
        with timer("align"):
            everything = realign or writer.interrupted or writer.noted
            with store.bulk():  # a plan's links are written with all the others, or not
                report.aligned = realign_store(store, None if everything else writer.changed,
                                               pool.map if pool else map, jobs)
            writer.aligned()
        left = writer.repaired()
        if left:
            note(f"note: {left} sources loaded before were not named here and may still "
                 "differ from their files after `kg cypher --write`: `kg load --repair` "
                 "them too")
    timer.phases["write"] = writer.seconds
    for kind, names in writer.totals.items():
        setattr(report, kind, names)
    report.errors = failed + writer.errors
    report.timings = {"total": time.perf_counter() - timer.start, **timer.phases}
    return report
