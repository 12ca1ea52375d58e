"""`kg load`: the options and the printing around `kg.ingest.ingest`."""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from kg.commands.extract import echo_skipped, max_file_mb_option, source_options
from kg.context import get_store
from kg.ingest import IngestReport, SourceError, WriteAborted, ingest
from kg.output import format_option, to_json
from loaders.readers import Input


class Bar:
    """`kg load`'s view of a load: a progress bar of the files read, notes on stderr."""

    def __init__(self, hidden: bool) -> None:
        self.hidden = hidden
        self._bar: Any = None  # click's ProgressBar, from start() on

    def start(self, files: int) -> None:
        self._bar = click.progressbar(length=files, label="loading", file=sys.stderr,
                                      hidden=self.hidden,
                                      item_show_func=lambda f: f and f.name)
        self._bar.__enter__()

    def advance(self, item: Input) -> None:
        self._bar.update(1, item)

    def finish(self) -> None:
        self._bar.__exit__(None, None, None)

    def note(self, message: str) -> None:
        click.echo(message, err=True)


@click.command()
@click.argument("paths", nargs=-1)
@source_options("load")
@click.option("--realign", is_flag=True,
              help="Recompute every alignment, not only those the files loaded can change.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.option("--timings", is_flag=True, help="Print the seconds spent in each phase.")
@click.option("--bulk/--no-bulk", default=None,
              help="Stage the writes and copy them in when every file is read: much faster "
                   "for large loads, but a load stopped while reading writes nothing (one "
                   "stopped while copying is finished by the next); --no-bulk: files are "
                   "written as they are read, and a stopped load resumes. Default: --bulk from "
                   "2,000 files to load.")
@click.option("--repair", is_flag=True,
              help="Reload the files in full even when unchanged, restoring what an outside "
                   "write (`kg cypher --write`) removed; automatic after such a write.")
@format_option("text", "json", json_flag=True)
@click.option("--jobs", "-j", type=click.IntRange(1), default=os.cpu_count() or 1,
              show_default="the number of CPUs",
              help="Processes extracting files (and scoring alignments) in parallel; 1: this "
                   "process only.")
@max_file_mb_option
@click.pass_context
def load(ctx: click.Context, paths: tuple[str, ...], manifest: str | None,
         locality: str | None, realign: bool, quiet: bool, timings: bool, bulk: bool | None,
         repair: bool, fmt: str, jobs: int) -> None:
    """Extract documents, links, tasks and targets from PATHS and load them into the store.

    Loading the same file again changes nothing; a changed file replaces what it asserted
    before. A file that fails is reported and skipped; the others load (exit status 1).
    PATHS are files, folders (read recursively), URLs, or `.urls` files listing URLs; formats:
    text in any Vietnamese encoding, PDF, DOCX, DOC, HTML (docs/READERS.md), and structured
    documents (.yaml, format in docs/ANALYSIS.md). The reference
    data kg ships (provinces, central documents and the tasks of 26-NQ/TW) is loaded first,
    and the links between local and central tasks (ALIGNS_WITH) are recomputed last: those
    of the plans whose tasks or implements links changed, and of every plan below them
    (--realign: of every plan).

    Files are extracted in parallel (--jobs) while this process writes their batches, in the
    files' order: the result is the same for any number of jobs.

    \b
    Example:
      kg load ../shared/seeds/*.txt
      kg load /tmp/corpus --jobs 4
      kg load plans/ https://example.org/ke-hoach.pdf --locality "Lào Cai"
      kg load --manifest sources.csv
      kg load --realign
    """
    if not paths and not realign and not manifest:
        raise click.UsageError("Name files or folders to load (or --realign alone).")
    store = get_store(ctx, schema=False)  # ingest creates the schema
    try:
        report = ingest(store, paths, jobs=jobs, bulk=bulk, realign=realign, repair=repair,
                        locality=locality, manifest=manifest,
                        progress=Bar(hidden=quiet or not sys.stderr.isatty()))
    except SourceError as e:
        raise click.ClickException(str(e)) from e
    except WriteAborted as e:
        raise click.ClickException(f"{e}. What was written before stays; run kg load "
                                   "again to repair the store and load the rest.") from e
    print_report(report, fmt)
    if timings:
        click.echo("timings: " + ", ".join(f"{k} {v:.2f} s" for k, v in report.timings.items()),
                   err=True)
    if report.errors:
        ctx.exit(1)


def print_report(report: IngestReport, fmt: str = "text") -> None:
    """The summary on stdout (text or json), each failed or skipped file on stderr."""
    if fmt == "json":
        click.echo(to_json(report.summary() | {
            "errors": [{"file": f, "error": m} for f, m in report.errors],
            "skipped_files": [{"file": f, "reason": m} for f, m in report.skipped]}))
        return
    s = report.summary()
    skipped = f", {s['skipped']} skipped" if report.skipped else ""
    click.echo(f"{report.files} files: {s['added']} added, {s['replaced']} replaced, "
               f"{s['unchanged']} unchanged, {s['failed']} failed{skipped}, {s['aligned']} "
               f"plans aligned -> {report.store}")
    echo_skipped(report.skipped)
    for f, msg in report.errors:
        click.echo(f"error: {f}: {msg}", err=True)


COMMANDS = [load]
