"""Scale benchmark on the synthetic national corpus (DESIGN §9). On demand, never in the unit suite.

    python -m bench.bench_scale --sizes 1000,10000 [--seed 1] [--work /tmp/kg-bench]
                                [--neo4j bolt://neo4j:PASSWORD@localhost:7687] [--naive-files 30]

For each size it generates the corpus (bench/synth) and runs every step in a fresh Python
process, so each step's peak memory (ru_maxrss) is its own:

  extract   read + normalise only (baseline) vs kg's extraction (loaders.extract_text), MB/s;
            batches are pickled in chunks for the load steps (loading never holds the corpus)
  load      kg's loader (graph.load_batches) into a fresh embedded store, records/s
  naive     one MERGE per row (bench/naive.py) on the same rows (those of the first
            --naive-files files), records/s
  neo4j     the same two loaders against --neo4j, when given and graph/neo4j_store.py exists
  query     `kg trace 26-NQ/TW` (and `kg coverage` / `kg gaps` when they exist): cold CLI
            subprocess and in process, against a networkx load-everything-first baseline

and prints one table with all sizes side by side.
"""

from __future__ import annotations

import argparse
import glob
import importlib.util
import json
import os
import pickle
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CHUNK = 2000  # files per store write: the embedded store pays ~100 ms per COPY statement
ROOT_SYMBOL = "26-NQ/TW"
ROOT_UID = "doc:26-NQ/TW"


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def files_of(corpus: Path) -> list[Path]:
    return sorted(Path(p) for p in glob.glob(str(corpus / "**" / "*.txt"), recursive=True))


def fresh_store(path: Path):  # -> LadybugStore, imported late on purpose
    from graph.ladybug_store import LadybugStore

    for f in glob.glob(f"{path}*"):
        os.remove(f)
    store = LadybugStore(str(path))
    store.ensure_schema()
    return store


def chunks(work: Path) -> list[Path]:
    return sorted((work / "batches").glob("*.pkl"))


# --------------------------------------------------------------------------- steps (child side)
def step_generate(work: Path, size: int, seed: int) -> dict[str, Any]:
    from bench.synth import generate

    corpus = work / "corpus"
    meta = corpus / "SYNTHETIC.json"
    if meta.exists() and json.loads(meta.read_text())["documents"] == size:
        return {"seconds": 0.0, "reused": True}
    t = time.perf_counter()
    for _ in generate(corpus, size, seed, gold=True):
        pass
    return {"seconds": time.perf_counter() - t, "reused": False}


def step_extract(work: Path) -> dict[str, Any]:
    from graph import to_batch
    from loaders import extract_text, read_source

    files = files_of(work / "corpus")
    out = work / "batches"
    out.mkdir(exist_ok=True)
    for old in out.glob("*.pkl"):
        old.unlink()
    t = time.perf_counter()
    size = sum(len(read_source(f)[1].encode("utf-8")) for f in files)
    baseline = time.perf_counter() - t
    extract = 0.0
    batch: list = []
    failed = 0
    for i, f in enumerate(files):
        source, text = read_source(f)
        t = time.perf_counter()
        try:
            batch.append(to_batch(extract_text(text, source)))
        except Exception:  # a failed file is reported, never fatal (DESIGN §6)
            failed += 1
        extract += time.perf_counter() - t
        if len(batch) == CHUNK or i == len(files) - 1:
            with open(out / f"{i // CHUNK:05d}.pkl", "wb") as fh:
                pickle.dump(batch, fh, protocol=pickle.HIGHEST_PROTOCOL)
            batch = []
    return {"docs": len(files), "mb": size / 1e6, "baseline_s": baseline, "extract_s": extract,
            "failed": failed, "peak_mb": peak_mb()}


def step_load(work: Path) -> dict[str, Any]:
    from graph import load_batches
    from graph.rows import to_rows

    store = fresh_store(work / "kg.lbdb")
    records, seconds = 0, 0.0
    for c in chunks(work):
        batches = pickle.loads(c.read_bytes())
        records += to_rows(batches, store.schema).count
        t = time.perf_counter()
        load_batches(store, batches)
        seconds += time.perf_counter() - t
    docs = store.query("MATCH (d:Document) RETURN count(d) AS n")[0]["n"]
    store.close()
    return {"records": records, "seconds": seconds, "documents": docs, "peak_mb": peak_mb()}


def naive_rows(work: Path, files: int, schema):
    """The rows of the corpus's first `files` files: what the naive loaders write in full."""
    from graph.rows import to_rows

    return to_rows(pickle.loads(chunks(work)[0].read_bytes())[: int(files)], schema)


def step_naive(work: Path, files: float) -> dict[str, Any]:
    from bench.naive import merge_rows

    store = fresh_store(work / "naive.lbdb")
    rows = naive_rows(work, int(files), store.schema)
    t = time.perf_counter()
    done = merge_rows(store.query, rows)
    seconds = time.perf_counter() - t
    store.close()
    return {"records": done, "seconds": seconds, "peak_mb": peak_mb()}


def step_neo4j(work: Path, uri: str, files: float) -> dict[str, Any]:
    if importlib.util.find_spec("graph.neo4j_store") is None:
        return {"skipped": "graph/neo4j_store.py is not there yet"}
    from bench.naive import merge_rows
    from graph import load_batches
    from graph.rows import to_rows
    from graph.store import open_store

    store = open_store(uri)
    store.ensure_schema()
    store.query("MATCH (n) DETACH DELETE n")
    records, seconds = 0, 0.0
    for c in chunks(work):
        batches = pickle.loads(c.read_bytes())
        records += to_rows(batches, store.schema).count
        t = time.perf_counter()
        load_batches(store, batches)
        seconds += time.perf_counter() - t
    store.query("MATCH (n) DETACH DELETE n")
    rows = naive_rows(work, int(files), store.schema)
    t = time.perf_counter()
    done = merge_rows(store.query, rows)
    naive = time.perf_counter() - t
    store.close()
    return {"records": records, "seconds": seconds, "naive_records": done, "naive_seconds": naive,
            "peak_mb": peak_mb()}


def step_query(work: Path) -> dict[str, Any]:
    from bench.naive import trace_networkx
    from graph.ladybug_store import LadybugStore
    from queries import resolve_document, trace

    store = LadybugStore(str(work / "kg.lbdb"))
    out: dict[str, Any] = {}
    t = time.perf_counter()
    doc = resolve_document(store, ROOT_SYMBOL)
    result = trace(store, doc["uid"])
    out["trace_s"] = time.perf_counter() - t
    out["trace_docs"] = len(result.documents)
    for name in ("coverage", "gaps"):
        module = f"queries.{name}"
        if importlib.util.find_spec(module) is None:
            continue
        fn = getattr(importlib.import_module(module), name, None)
        if fn is None:
            continue
        t = time.perf_counter()
        fn(store, doc["uid"])
        out[f"{name}_s"] = time.perf_counter() - t
    t = time.perf_counter()
    naive = trace_networkx(lambda c: store.query(c), doc["uid"])
    out["naive_trace_s"] = time.perf_counter() - t
    out["naive_trace_docs"] = len(naive)
    store.close()
    out["peak_mb"] = peak_mb()
    return out


def step_cli(work: Path) -> dict[str, Any]:
    out: dict[str, Any] = {}
    help_text = subprocess.run([sys.executable, "-m", "kg", "--help"], cwd=ROOT,
                               capture_output=True, text=True).stdout
    for name, args in (("trace", ["trace", ROOT_SYMBOL, "--format", "json"]),
                       ("coverage", ["coverage", ROOT_SYMBOL]), ("gaps", ["gaps", ROOT_SYMBOL])):
        if f"  {name} " not in help_text:
            continue
        t = time.perf_counter()
        p = subprocess.run([sys.executable, "-m", "kg", "--store", str(work / "kg.lbdb"), *args],
                           cwd=ROOT, capture_output=True, text=True)
        out[f"{name}_s"] = time.perf_counter() - t
        out[f"{name}_ok"] = p.returncode == 0
    return out


STEPS = {"generate": step_generate, "extract": step_extract, "load": step_load,
         "naive": step_naive, "neo4j": step_neo4j, "query": step_query, "cli": step_cli}


# --------------------------------------------------------------------------- parent side
def run_step(name: str, *args: Any) -> dict[str, Any]:
    """Run one step in a fresh interpreter; its JSON result plus the child's peak memory."""
    p = subprocess.run([sys.executable, "-m", "bench.bench_scale", "--step", name,
                        *map(str, args)], cwd=ROOT, capture_output=True, text=True)
    if p.returncode != 0:
        return {"error": (p.stderr.strip().splitlines() or ["?"])[-1]}
    return json.loads(p.stdout.strip().splitlines()[-1])


def measure(size: int, seed: int, work: Path, uri: str | None, files: int) -> dict[str, Any]:
    w = work / str(size)
    w.mkdir(parents=True, exist_ok=True)
    res = {"size": size, "generate": run_step("generate", w, size, seed)}
    for name, args in (("extract", (w,)), ("load", (w,)), ("naive", (w, files)),
                       ("query", (w,)), ("cli", (w,))):
        res[name] = run_step(name, *args)
        print(f"  [{size}] {name}: {res[name]}", file=sys.stderr, flush=True)
    res["neo4j"] = run_step("neo4j", w, uri, files) if uri else {"skipped": "no --neo4j"}
    return res


def _rate(n: float, s: float) -> float | None:
    return n / s if s else None


def _fmt(v: Any, unit: str = "") -> str:
    if v is None:
        return "n/a"
    if isinstance(v, float):
        return (f"{v:,.0f}" if v >= 100 else f"{v:.2f}" if v >= 0.1 else f"{v:.3f}") + unit
    return f"{v:,}{unit}" if isinstance(v, int) else f"{v}{unit}"


def table(results: list[dict[str, Any]]) -> str:
    """Markdown table: one row per measure, one column per size."""
    def get(r: dict, step: str, key: str) -> Any:
        return r.get(step, {}).get(key)

    rows: list[tuple[str, list[Any]]] = []

    def add(label: str, fn) -> None:
        vals = []
        for r in results:
            try:
                vals.append(fn(r))
            except (TypeError, ZeroDivisionError, KeyError):
                vals.append(None)
        rows.append((label, vals))

    add("documents (files)", lambda r: get(r, "extract", "docs"))
    add("text MB", lambda r: get(r, "extract", "mb"))
    add("read + normalise only, MB/s", lambda r: r["extract"]["mb"] / r["extract"]["baseline_s"])
    add("extraction (1 process), MB/s", lambda r: r["extract"]["mb"] / r["extract"]["extract_s"])
    add("extraction, docs/s", lambda r: r["extract"]["docs"] / r["extract"]["extract_s"])
    add("extraction peak RSS, MB", lambda r: get(r, "extract", "peak_mb"))
    add("records (node + rel rows)", lambda r: get(r, "load", "records"))
    add("Document nodes in the store", lambda r: get(r, "load", "documents"))
    add("kg load (embedded), records/s",
        lambda r: _rate(r["load"]["records"], r["load"]["seconds"]))
    add("naive MERGE per row (embedded), records/s",
        lambda r: _rate(r["naive"]["records"], r["naive"]["seconds"]))
    add("kg / naive (embedded)", lambda r: (r["load"]["records"] / r["load"]["seconds"])
        / (r["naive"]["records"] / r["naive"]["seconds"]))
    add("kg load peak RSS, MB", lambda r: get(r, "load", "peak_mb"))
    add("kg load (Neo4j), records/s", lambda r: _rate(r["neo4j"]["records"], r["neo4j"]["seconds"]))
    add("naive MERGE per row (Neo4j), records/s",
        lambda r: _rate(r["neo4j"]["naive_records"], r["neo4j"]["naive_seconds"]))
    add("kg / naive (Neo4j)", lambda r: (r["neo4j"]["records"] / r["neo4j"]["seconds"])
        / (r["neo4j"]["naive_records"] / r["neo4j"]["naive_seconds"]))
    add("`kg trace 26-NQ/TW` cold CLI, s", lambda r: get(r, "cli", "trace_s"))
    add("trace in process, s", lambda r: get(r, "query", "trace_s"))
    add("documents in the trace", lambda r: get(r, "query", "trace_docs"))
    add("naive trace (networkx, load all first), s", lambda r: get(r, "query", "naive_trace_s"))
    add("`kg coverage` cold CLI, s", lambda r: get(r, "cli", "coverage_s"))
    add("coverage in process, s", lambda r: get(r, "query", "coverage_s"))
    add("`kg gaps` cold CLI, s", lambda r: get(r, "cli", "gaps_s"))
    add("gaps in process, s", lambda r: get(r, "query", "gaps_s"))
    add("query step peak RSS, MB", lambda r: get(r, "query", "peak_mb"))
    head = "| measure | " + " | ".join(f"{r['size']:,} docs" for r in results) + " |"
    sep = "|---|" + "---:|" * len(results)
    body = [f"| {label} | " + " | ".join(_fmt(v) for v in vals) + " |" for label, vals in rows]
    return "\n".join([head, sep, *body])


def machine() -> str:
    import platform

    import ladybug

    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (f"{os.cpu_count()} cores, {mem:.0f} GiB RAM, Python {platform.python_version()}, "
            f"ladybug {getattr(ladybug, '__version__', '?')}, {platform.platform()}")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,10000", help="comma-separated corpus sizes")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--work", default="/tmp/kg-bench", help="where corpora and stores go")
    ap.add_argument("--neo4j", default=None, help="also load into this Neo4j URI (it is wiped)")
    ap.add_argument("--naive-files", type=int, default=30,
                    help="the naive loaders write the rows of this many files (one query per row "
                         "is slow: ~300 relationships/s embedded), and their rate is taken there")
    ap.add_argument("--json", default=None, help="also write the raw results here")
    ap.add_argument("--step", nargs="+", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.step:
        name, *rest = args.step
        fn = STEPS[name]
        conv = [Path(rest[0]), *(float(x) if name in ("naive",) else x for x in rest[1:])]
        if name == "generate":
            conv = [Path(rest[0]), int(rest[1]), int(rest[2])]
        if name == "neo4j":
            conv = [Path(rest[0]), rest[1], float(rest[2])]
        print(json.dumps(fn(*conv)))
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    results = [measure(n, args.seed, Path(args.work), args.neo4j, args.naive_files)
               for n in sizes]
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))
    print(f"machine: {machine()}")
    print(table(results))


if __name__ == "__main__":
    main()
