"""The embedded write path, chunk by chunk, beside a naive baseline measured in the same run.

    python -m bench.bench_write [--work /tmp/kgscale/100000] [--chunks 10] [--naive-files 40]
                                [--naive-seconds 30] [--checkpoint-min-records N] [--bulk]

Loads the pickled batches of WORK/batches (bench/bench_scale.py writes them) with
`graph.load_batches` into a fresh embedded store, grouped as `kg load` groups them (a write per
CHUNK_RECORDS records), and prints per chunk: records (`to_rows(...).count`), seconds, records/s,
where the time went and the process's RSS. Then the naive loader (bench/naive.py: one MERGE per
row) on the rows of the first --naive-files files, in a fresh store, for at most
--naive-seconds; the summary line gives kg's rate as a multiple of it. With --bulk the writes
are staged and copied in at the end (`LadybugStore.bulk`, what `kg load` does on a first load);
the copy is timed as its own line.

Phases are measured from outside the store: every statement the store sends is timed and
named by what it does (COPY into a node or relationship table, the lookup of existing nodes,
updates of existing nodes, checkpoints, the rest); `to_rows` is timed where the store calls it;
python = everything else (building Arrow tables, bookkeeping).
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench.bench_scale import fresh_store, remove_store, write_chunks

PHASES = ("to_rows", "python", "copy_nodes", "copy_rels", "lookup", "update", "checkpoint",
          "other")


def rss_mb() -> tuple[float, float]:
    """(current, peak) resident set size of this process, MB."""
    fields = dict(ln.split(":", 1) for ln in Path("/proc/self/status").read_text().splitlines())
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def phase_of(stmt: str, rel_types: set[str]) -> str:
    words = stmt.split()
    if words[0] == "COPY":
        return "copy_rels" if words[1] in rel_types else "copy_nodes"
    if words[0] == "CALL":
        return "other"
    if words[0] == "CHECKPOINT":
        return "checkpoint"
    if " IN $uids" in stmt or "RETURN uid" in stmt:
        return "lookup"
    if " SET " in stmt and "s.complete" not in stmt:
        return "update"
    return "other"


class Timed:
    """A connection that adds the time of each statement to `clock`, by phase."""

    def __init__(self, conn: Any, clock: Counter, rel_types: set[str]) -> None:
        self._conn, self._clock, self._rels = conn, clock, rel_types

    def execute(self, stmt: str, *args: Any, **kw: Any) -> Any:
        t = time.perf_counter()
        try:
            return self._conn.execute(stmt, *args, **kw)
        finally:
            self._clock[phase_of(stmt, self._rels)] += time.perf_counter() - t

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)


def instrument(store: Any, clock: Counter) -> None:
    """Time the store's statements and its call of `to_rows` into `clock`."""
    import graph.ladybug_store
    import graph.rows

    rels = {r.type for r in store.schema.rels}
    store._conn = Timed(store._conn, clock, rels)
    renew = store._renew_connection

    def renewed() -> None:  # the store opens a fresh connection after each write
        t = time.perf_counter()
        renew()
        store._conn = Timed(store._conn, clock, rels)
        clock["other"] += time.perf_counter() - t

    store._renew_connection = renewed
    inner = graph.rows.to_rows

    def to_rows(*args: Any, **kw: Any) -> Any:
        t = time.perf_counter()
        try:
            return inner(*args, **kw)
        finally:
            clock["to_rows"] += time.perf_counter() - t

    for mod in (graph.rows, graph.ladybug_store):  # the store imports it when it writes
        if hasattr(mod, "to_rows"):
            mod.to_rows = to_rows


def chunks(work: Path, limit: int | None) -> Iterator[list]:
    for i, batches in enumerate(write_chunks(work)):
        if limit is not None and i >= limit:
            return
        yield batches


def run_kg(work: Path, limit: int | None, db: Path, checkpoint_min_records: int | None = None,
           bulk: bool = False) -> dict[str, float]:
    from contextlib import nullcontext

    from graph import load_batches
    from graph.rows import to_rows

    store = fresh_store(db)
    if checkpoint_min_records is not None:
        store.checkpoint_min_records = checkpoint_min_records
    clock: Counter = Counter()
    instrument(store, clock)
    head = (f"{'chunk':>5} {'files':>6} {'records':>8} {'s':>6} {'rec/s':>7} "
            + " ".join(f"{p:>10}" for p in PHASES) + f" {'rss MB':>7} {'peak MB':>7}")
    print(head, flush=True)
    total_records, total_s, rates = 0, 0.0, []
    staged = store.bulk() if bulk else nullcontext()
    staged.__enter__()
    for i, batches in enumerate(chunks(work, limit)):
        records = to_rows(batches, store.schema).count
        clock.clear()
        t = time.perf_counter()
        load_batches(store, batches)
        s = time.perf_counter() - t
        clock["python"] = s - sum(clock.values())
        total_records += records
        total_s += s
        rates.append(records / s)
        rss, peak = rss_mb()
        print(f"{i:>5} {len(batches):>6} {records:>8} {s:>6.1f} {records / s:>7.0f} "
              + " ".join(f"{clock[p]:>5.1f} {100 * clock[p] / s:>3.0f}%" for p in PHASES)
              + f" {rss:>7.0f} {peak:>7.0f}", flush=True)
    clock.clear()
    t = time.perf_counter()
    staged.__exit__(None, None, None)  # the staged rows are copied in (--bulk)
    store.checkpoint()  # what is still pending becomes durable: part of the load's time
    s = time.perf_counter() - t
    total_s += s
    print(f"final {'copy and ' if bulk else ''}checkpoint {s:.1f} s: "
          + ", ".join(f"{p} {clock[p]:.1f}" for p in PHASES if clock[p])
          + f"; peak RSS {rss_mb()[1]:.0f} MB", flush=True)
    store.close()
    remove_store(db)
    return {"records": total_records, "seconds": total_s, "peak_mb": rss_mb()[1],
            "first": rates[0] if rates else 0.0, "last": rates[-1] if rates else 0.0}


def run_naive(work: Path, files: int, seconds: float, db: Path) -> dict[str, float]:
    import pickle

    from bench.bench_scale import pickles
    from bench.naive import merge_rows
    from graph.rows import to_rows

    store = fresh_store(db)
    rows = to_rows(pickle.loads(pickles(work)[0].read_bytes())[:files], store.schema)
    t = time.perf_counter()
    done = merge_rows(store.execute, rows, deadline=t + seconds)
    s = time.perf_counter() - t
    store.close()
    remove_store(db)
    return {"records": done, "seconds": s}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--work", type=Path, default=Path("/tmp/kgscale/100000"))
    ap.add_argument("--chunks", type=int, default=None, help="stop after this many writes")
    ap.add_argument("--naive-files", type=int, default=40)
    ap.add_argument("--naive-seconds", type=float, default=30.0)
    ap.add_argument("--db", type=Path, default=Path("/tmp/bench-write/kg.lbdb"))
    ap.add_argument("--checkpoint-min-records", type=int, default=None,
                    help="the store's checkpoint threshold (0: after every write)")
    ap.add_argument("--bulk", action="store_true",
                    help="stage the writes and copy them in at the end, as a first kg load")
    args = ap.parse_args()
    args.db.parent.mkdir(parents=True, exist_ok=True)
    print(f"write path{' (bulk)' if args.bulk else ''}: {args.work}/batches, "
          f"{args.chunks or 'all'} chunks", flush=True)
    kg = run_kg(args.work, args.chunks, args.db, args.checkpoint_min_records, args.bulk)
    naive = run_naive(args.work, args.naive_files, args.naive_seconds,
                      args.db.with_name("naive.lbdb"))
    kg_rate = kg["records"] / kg["seconds"]
    naive_rate = naive["records"] / naive["seconds"]
    print(f"summary: kg {kg['records']} records in {kg['seconds']:.1f} s = {kg_rate:.0f} "
          f"records/s (first chunk {kg['first']:.0f}, last {kg['last']:.0f}), peak RSS "
          f"{kg['peak_mb']:.0f} MB; naive MERGE per row {naive['records']} records in "
          f"{naive['seconds']:.1f} s = {naive_rate:.0f} records/s; kg / naive "
          f"{kg_rate / naive_rate:.1f}x", flush=True)


if __name__ == "__main__":
    main()
