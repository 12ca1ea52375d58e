"""`kg load`: files and folders -> extraction -> batches -> the store, idempotently."""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

import click

from graph import load_batches, to_batch
from graph.batch import Batch
from graph.model import Extraction
from kg.context import get_store
from kg.output import to_json
from loaders import SUFFIXES, SourceError, extract_file
from loaders.reference import reference_extractions
from loaders.structured import SUFFIXES as STRUCTURED_SUFFIXES
from loaders.structured import read_structured
from queries.alignment import derived_alignment_batch

# Records (nodes + relationships) per store write. Each COPY has a fixed cost and appending to
# a large relationship table costs more than filling it, so writes are few and large; this
# bounds the batches held in memory (~1 KB per record).
CHUNK_RECORDS = 250_000
TASK_FILES = 32  # at most this many files per task handed to an extraction process


def expand(paths: tuple[str, ...]) -> list[Path]:
    """Files named, and the supported files inside folders named, in a stable order."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*")
                              if f.suffix.lower() in (*SUFFIXES, *STRUCTURED_SUFFIXES)))
        else:
            out.append(p)
    return out


def extract(path: Path) -> Extraction:
    """Structured documents (.yaml) are read as data; every other file as text."""
    if path.suffix.lower() in STRUCTURED_SUFFIXES:
        return read_structured(path)
    return extract_file(path)


Outcome = tuple[Batch | None, str | None]  # the file's batch, or why it failed


def extract_one(path: Path) -> Outcome:
    """One file's batch or its error message (text, so it travels between processes)."""
    try:
        return to_batch(extract(path)), None
    except SourceError as e:
        return None, e.problem  # the caller names the file
    except Exception as e:  # an extractor bug must not stop the other files
        return None, f"extraction failed: {type(e).__name__}: {e}"


def _extract_many(paths: list[Path]) -> list[Outcome]:
    return [extract_one(p) for p in paths]


def extract_all(files: list[Path], jobs: int) -> Iterator[Outcome]:
    """`extract_one` of each file, in the files' order, on up to `jobs` processes.

    Files go to the workers in small tasks and only a few tasks are ahead of the caller, so
    memory stays flat however many files there are. Workers are spawned, not forked: the
    parent holds an open store, whose threads a fork would copy mid-flight.
    """
    jobs = min(jobs, len(files))
    if jobs <= 1:
        yield from map(extract_one, files)
        return
    size = max(1, min(TASK_FILES, -(-len(files) // (4 * jobs))))
    with ProcessPoolExecutor(jobs, mp_context=get_context("spawn")) as pool:
        ahead: deque = deque()
        for i in range(0, len(files), size):
            ahead.append(pool.submit(_extract_many, files[i:i + size]))
            if len(ahead) > 2 * jobs:
                yield from ahead.popleft().result()
        while ahead:
            yield from ahead.popleft().result()


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--jobs", "-j", type=click.IntRange(1), default=os.cpu_count() or 1,
              show_default="the number of CPUs",
              help="Processes extracting files in parallel; 1 extracts in this process.")
@click.pass_context
def load(ctx: click.Context, paths: tuple[str, ...], quiet: bool, as_json: bool,
         jobs: int) -> None:
    """Extract documents, links, tasks and targets from PATHS and load them into the store.

    Loading the same file again changes nothing; a changed file replaces what it asserted
    before. A file that fails is reported and skipped; the others load (exit status 1).
    PATHS may include structured documents (.yaml, format in docs/ANALYSIS.md). The reference
    data kg ships (provinces, central documents and the tasks of 26-NQ/TW) is loaded first,
    and the links between local and central tasks (ALIGNS_WITH) are recomputed last.

    Files are extracted in parallel (--jobs) while this process writes their batches, in the
    files' order: the result is the same for any number of jobs.

    \b
    Example:
      kg load ../shared/seeds/*.txt
      kg load /tmp/corpus --jobs 4
    """
    store = get_store(ctx)
    load_batches(store, [to_batch(x) for x in reference_extractions()])
    files = expand(paths)
    errors: list[tuple[str, str]] = []
    batches: list[Batch] = []
    pending = 0  # records in `batches`
    totals = {"added": [], "replaced": [], "unchanged": [], "repaired": []}

    def record(report: object) -> None:
        for k in totals:
            totals[k].extend(getattr(report, k))

    def flush() -> None:
        nonlocal pending
        try:
            record(load_batches(store, batches))
        except Exception:  # isolate the file the store refused; the others still load
            for b in batches:
                try:
                    record(load_batches(store, [b]))
                except Exception as e:
                    errors.append((b.source.path, f"store write failed: {e}"))
        batches.clear()
        pending = 0

    hidden = quiet or not sys.stderr.isatty()
    with click.progressbar(files, label="loading", file=sys.stderr, hidden=hidden,
                           item_show_func=lambda f: f and f.name) as bar:
        for f, (batch, error) in zip(bar, extract_all(files, jobs), strict=True):
            if batch is None:
                errors.append((str(f), error))
            else:
                batches.append(batch)
                pending += len(batch.nodes) + len(batch.edges)
            if pending >= CHUNK_RECORDS:
                flush()
        flush()
    load_batches(store, [derived_alignment_batch(store)])
    summary = {k: len(v) for k, v in totals.items()} | {"failed": len(errors),
                                                        "store": store.uri}
    if as_json:
        click.echo(to_json(summary | {"errors": [{"file": f, "error": m} for f, m in errors]}))
    else:
        click.echo(f"{len(files)} files: {summary['added']} added, {summary['replaced']} "
                   f"replaced, {summary['unchanged']} unchanged, {len(errors)} failed "
                   f"-> {store.uri}")
        for f, msg in errors:
            click.echo(f"error: {f}: {msg}", err=True)
    if errors:
        ctx.exit(1)


COMMANDS = [load]
