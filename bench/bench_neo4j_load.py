"""Load benchmark on Neo4j: kg's loader against a naive per-row MERGE loader, same rows, same run.

    python bench/bench_neo4j_load.py --uri bolt://neo4j:PASSWORD@127.0.0.1:7687
                                     [--docs 2000] [--seed 1] [--naive-seconds 120]
                                     [--warmup 200] [--work /tmp/kg-bench-neo4j]
                                     [--database neo4j]

THE DATABASE IS WIPED. On demand, never in the unit suite. Steps:

1. a synthetic corpus of --docs documents (synth/, deterministic for --seed), extracted
   once by kg's loaders into batches (cached under --work);
2. warm-up (--warmup documents, 0 for none): both loaders write the first documents once (the
   naive one for at most 15 s), untimed, then the database is emptied, so that neither is
   timed on a cold JVM or with plans still to compile (the loader timed first would be);
3. kg: `graph.load_batches` into the emptied database (UNWIND $rows in execute_write,
   `graph.neo4j_store.CHUNK` rows per transaction, uniqueness constraints first), timed
   around the store writes;
4. naive: the same rows (`graph.rows.to_rows`) written one auto-commit MERGE per node row and
   per relationship row (bench/naive.py) into the emptied database (constraints kept, so its
   lookups are indexed too), for at most --naive-seconds; its rate is taken on what it wrote.

Records = node rows + relationship rows (MENTIONED_IN evidence included). The output names the
driver's packstream codec (the Rust extension `neo4j-rust-ext`, or pure Python): it is the
loader's largest client-side cost.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.naive import merge_rows  # noqa: E402
from graph import load_batches, to_batch  # noqa: E402
from graph.batch import Batch  # noqa: E402
from graph.neo4j_store import Neo4jStore, split_uri  # noqa: E402
from graph.rows import to_rows  # noqa: E402

CHUNK = 500  # files per load_batches call, as `kg load` does in chunks


def corpus_batches(work: Path, docs: int, seed: int) -> list[Batch]:
    """Batches of the synthetic corpus, generated and extracted once per (docs, seed)."""
    cache = work / f"batches-{docs}-{seed}.pkl"
    if cache.exists():
        return pickle.loads(cache.read_bytes())
    from loaders import extract_file
    from synth.write import generate

    folder = work / f"corpus-{docs}-{seed}"
    if not (folder / "SYNTHETIC.json").exists():
        for _ in generate(folder, docs, seed):
            pass
    files = sorted(folder.rglob("*.txt"))
    t = time.perf_counter()
    batches = [to_batch(extract_file(f)) for f in files]
    print(f"extracted {len(files)} files in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    cache.write_bytes(pickle.dumps(batches, protocol=pickle.HIGHEST_PROTOCOL))
    return batches


def kg_load(store: Neo4jStore, batches: list[Batch]) -> float:
    t = time.perf_counter()
    for i in range(0, len(batches), CHUNK):
        load_batches(store, batches[i:i + CHUNK])
    return time.perf_counter() - t


def naive_load(uri: str, database: str | None, batches: list[Batch], seconds: float,
               schema: Any) -> tuple[int, float]:
    """One auto-commit query per row on one session: what a first loader does."""
    import neo4j

    address, auth, _ = split_uri(uri)
    rows = to_rows(batches, schema)
    with neo4j.GraphDatabase.driver(address, auth=auth) as driver, \
            driver.session(database=database) as session:
        t = time.perf_counter()
        done = merge_rows(lambda c, p: session.run(c, p).consume(), rows,
                          deadline=t + seconds)
        return done, time.perf_counter() - t


def codec() -> str:
    """Which packstream codec the driver uses: the Rust extension or its pure-Python one."""
    from neo4j._codec.packstream import v1

    return "rust" if getattr(v1, "_rust_pack", None) else "python"


def neo4j_version() -> str:
    import neo4j

    return neo4j.__version__


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--uri", required=True, help="Neo4j URI with credentials (it is wiped)")
    ap.add_argument("--database", default=None)
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--naive-seconds", type=float, default=120.0)
    ap.add_argument("--warmup", type=int, default=200,
                    help="documents both loaders write once, untimed, before the runs")
    ap.add_argument("--work", default="/tmp/kg-bench-neo4j")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON too")
    args = ap.parse_args(argv)
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    batches = corpus_batches(work, args.docs, args.seed)
    store = Neo4jStore(args.uri, database=args.database)
    store.ensure_schema()
    records = to_rows(batches, store.schema).count

    if args.warmup > 0:
        store.clear()
        kg_load(store, batches[:args.warmup])
        store.clear()
        naive_load(args.uri, store.database, batches[:args.warmup], 15.0, store.schema)
    store.clear()
    kg_s = kg_load(store, batches)
    counts = store.query("MATCH (n) RETURN count(n) AS n")[0]["n"]
    store.clear()
    naive_done, naive_s = naive_load(args.uri, store.database, batches, args.naive_seconds,
                                     store.schema)
    store.clear()
    store.close()

    kg_rate, naive_rate = records / kg_s, naive_done / naive_s
    result = {"documents": args.docs, "files": len(batches), "records": records,
              "warmup_documents": args.warmup,
              "nodes_in_store": counts, "kg_seconds": round(kg_s, 2),
              "kg_records_per_s": round(kg_rate), "naive_records": naive_done,
              "naive_seconds": round(naive_s, 2), "naive_records_per_s": round(naive_rate),
              "ratio": round(kg_rate / naive_rate, 1), "codec": codec(),
              "rows_per_transaction": store.chunk}
    partial = "" if naive_done == records else f" (first {naive_done:,} of {records:,} rows)"
    print(f"Neo4j load, {args.docs:,} synthetic documents (seed {args.seed}), "
          f"{records:,} records (node + relationship rows), {counts:,} nodes stored, "
          f"driver {neo4j_version()} with the {codec()} packstream codec")
    print(f"{'loader':<48}{'records':>10}{'seconds':>10}{'records/s':>12}")
    kg_name = f"kg (UNWIND $rows, execute_write, {result['rows_per_transaction']:,}/tx)"
    print(f"{kg_name:<48}{records:>10,}{kg_s:>10.1f}"
          f"{kg_rate:>12,.0f}")
    print(f"{'naive (one auto-commit MERGE per row)':<48}{naive_done:>10,}{naive_s:>10.1f}"
          f"{naive_rate:>12,.0f}{partial}")
    print(f"kg / naive: {kg_rate / naive_rate:.1f}x")
    if args.json:
        print(json.dumps(result))


if __name__ == "__main__":
    main()
