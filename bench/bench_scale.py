"""Scale benchmark on the synthetic national corpus (DESIGN §9). On demand, never in the unit suite.

    python -m bench.bench_scale --sizes 1000,10000 [--seed 1] [--work /tmp/kg-bench]
                                [--jobs 2] [--naive-files 100] [--query-timeout 600]
                                [--neo4j bolt://neo4j:PASSWORD@localhost:7687]
                                [--steps generate,extract,...] [--extract-sample N]

For each size it generates the corpus (synth/) and runs every step in a fresh Python
process, so each step's peak memory (ru_maxrss) is its own:

  generate  the corpus, reused only if the generator's sources, seed and size are unchanged
  extract   read + normalise only (baseline) vs kg's extraction (loaders.extract_text +
            graph.to_batch) in one process, MB/s; batches are pickled for the load steps
  load      kg's write path (graph.load_batches) into a fresh embedded store, in chunks of
            kg load's CHUNK_RECORDS, timed around the store writes only, records/s: staged
            and copied in at the end (LadybugStore.bulk, as a first `kg load` writes)
  loaddirect  the same, each write copied in at once (`kg load --no-bulk`)
  naive     one MERGE per row (bench/naive.py) on the rows kg writes for the first
            --naive-files files, in the same run, records/s
  kgload    `kg load CORPUS --jobs N` end to end as a subprocess (reference data, parallel
            extraction, writes, alignment): wall time, peak RSS of its largest process and
            of its whole process tree
  query     trace / coverage / gaps of 26-NQ/TW in process (first and second call), each in
            its own process, on the store `kg load` built; and the networkx baseline (every
            Document and IMPLEMENTS link loaded first, then a BFS)
  cli       `kg trace|coverage|gaps 26-NQ/TW --format json` as cold CLI subprocesses
  neo4j     with --neo4j: the same write path and naive MERGE against that server (wiped
            first), and trace there (in process and cold CLI)

--steps runs some steps only (the others show n/a); --extract-sample N times extraction on the
first N files (10^6 files take ~40 min in one process). A query that outlives --query-timeout
is stopped and shown as such. The 1-min load average
after each step is recorded: on a shared machine it says how far to trust the times.
and prints one table with all sizes side by side.
"""

from __future__ import annotations

import argparse
import glob
import hashlib
import importlib
import importlib.util
import json
import os
import pickle
import resource
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Collection, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PICKLE_FILES = 2000  # files per pickled chunk of batches (storage only; writes use CHUNK_RECORDS)
ROOT_SYMBOL = "26-NQ/TW"
QUERIES = ("trace", "coverage", "gaps")
STEP_NAMES = ("generate", "extract", "load", "loaddirect", "naive", "kgload", "query", "cli",
              "neo4j")


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def children_peak_mb() -> float:
    """Largest peak RSS of any finished descendant (not their sum)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def files_of(corpus: Path) -> list[Path]:
    return sorted(Path(p) for p in glob.glob(str(corpus / "**" / "*.txt"), recursive=True))


def fresh_store(path: Path):  # -> LadybugStore, imported late on purpose
    from graph.ladybug_store import LadybugStore

    remove_store(path)
    store = LadybugStore(str(path))
    store.ensure_schema()
    return store


def remove_store(path: Path) -> None:
    """The store's files, and the stage a stopped bulk load left beside it."""
    for f in glob.glob(f"{path}*"):
        if os.path.isdir(f):
            shutil.rmtree(f)
        else:
            os.remove(f)


def pickles(work: Path) -> list[Path]:
    return sorted((work / "batches").glob("*.pkl"))


def chunk_records() -> int:
    from kg.ingest import CHUNK_RECORDS

    return CHUNK_RECORDS


def write_chunks(work: Path) -> Iterator[list]:
    """The corpus's batches grouped as `kg load` groups them (`kg.ingest.chunks`: a store
    write per CHUNK_RECORDS records), in file order."""
    from kg.ingest import chunks

    return chunks(b for c in pickles(work) for b in pickle.loads(c.read_bytes()))


def generator_stamp(size: int, seed: int) -> str:
    """What the corpus depends on: the generator's sources and data, the seed, the size."""
    h = hashlib.sha256(f"{size}:{seed}".encode())
    synth = ROOT / "bench" / "synth"
    for f in sorted(p for p in synth.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        h.update(str(f.relative_to(synth)).encode())
        h.update(f.read_bytes())
    return h.hexdigest()


class TreeRss:
    """Samples the summed RSS of a process and all its descendants (Linux /proc)."""

    def __init__(self, pid: int, every: float = 0.2) -> None:
        self.pid, self.every, self.peak = pid, every, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _tree(self) -> list[int]:
        parent: dict[int, int] = {}
        for d in os.listdir("/proc"):
            if d.isdigit():
                try:
                    with open(f"/proc/{d}/stat") as fh:
                        parent[int(d)] = int(fh.read().rsplit(")", 1)[1].split()[1])
                except (OSError, IndexError, ValueError):
                    pass
        tree, todo = [], [self.pid]
        while todo:
            p = todo.pop()
            tree.append(p)
            todo.extend(c for c, pp in parent.items() if pp == p)
        return tree

    def _run(self) -> None:
        page = os.sysconf("SC_PAGE_SIZE")
        while not self._stop.is_set():
            total = 0
            for p in self._tree():
                try:
                    with open(f"/proc/{p}/statm") as fh:
                        total += int(fh.read().split()[1]) * page
                except (OSError, IndexError, ValueError):
                    pass
            self.peak = max(self.peak, total)
            self._stop.wait(self.every)

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return self.peak / 2**20


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def query_functions() -> dict[str, Callable]:
    """`name -> fn(store, uid)` for the queries that exist in this tree."""
    from queries import trace

    out: dict[str, Callable] = {"trace": trace}
    for name in QUERIES[1:]:
        if importlib.util.find_spec(f"queries.{name}") is not None:
            fn = getattr(importlib.import_module(f"queries.{name}"), name, None)
            if fn is not None:
                out[name] = fn
    return out


def cli_runs(store: str, cwd: Path, timeout: float) -> dict[str, Any]:
    """Each query verb of `kg` as a cold subprocess: interpreter, imports, store open, output."""
    out: dict[str, Any] = {}
    help_text = subprocess.run([sys.executable, "-m", "kg", "--help"], cwd=cwd,
                               capture_output=True, text=True).stdout
    for name in QUERIES:
        if f"  {name} " not in help_text:
            continue
        t = time.perf_counter()
        try:
            p = subprocess.run([sys.executable, "-m", "kg", "--store", store, name, ROOT_SYMBOL,
                                "--format", "json"], cwd=cwd, capture_output=True, text=True,
                               timeout=timeout)
        except subprocess.TimeoutExpired:
            out[f"{name}_timeout"] = timeout
            continue
        out[f"{name}_s"] = time.perf_counter() - t
        out[f"{name}_ok"] = p.returncode == 0
        if p.returncode != 0:
            out[f"{name}_error"] = (p.stderr.strip().splitlines() or ["?"])[-1]
    out["peak_mb"] = children_peak_mb()
    return out


# --------------------------------------------------------------------------- steps (child side)
def step_generate(work: Path, size: int, seed: int) -> dict[str, Any]:
    from synth import default_gold_dir, generate

    corpus = work / "corpus"
    stamp = work / "corpus.stamp"
    want = generator_stamp(size, seed)
    if stamp.exists() and stamp.read_text() == want and (corpus / "SYNTHETIC.json").exists():
        return {"seconds": 0.0, "reused": True}
    stamp.unlink(missing_ok=True)
    for d in (corpus, default_gold_dir(corpus)):  # never mix files of an older generator in
        shutil.rmtree(d, ignore_errors=True)
    t = time.perf_counter()
    for _ in generate(corpus, size, seed, gold=True):
        pass
    stamp.write_text(want)
    return {"seconds": time.perf_counter() - t, "reused": False}


def step_extract(work: Path, sample: int = 0) -> dict[str, Any]:
    """Extraction of every file, or of the first `sample` files (a rate per file needs no
    more, and 10^6 files take ~40 min in one process)."""
    from graph import to_batch
    from loaders import extract_text, read_source

    files = files_of(work / "corpus")
    corpus_docs = len(files)
    files = files[:sample] if sample else files
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
        if len(batch) == PICKLE_FILES or i == len(files) - 1:
            with open(out / f"{i // PICKLE_FILES:05d}.pkl", "wb") as fh:
                pickle.dump(batch, fh, protocol=pickle.HIGHEST_PROTOCOL)
            batch = []
    return {"docs": len(files), "corpus_docs": corpus_docs, "mb": size / 1e6,
            "baseline_s": baseline, "extract_s": extract, "failed": failed, "peak_mb": peak_mb()}


def step_load(work: Path, mode: str = "bulk") -> dict[str, Any]:
    """kg's write path: staged and copied in at the end (`bulk`, what a first `kg load`
    does) or each write copied in at once (`direct`, `kg load --no-bulk`)."""
    from contextlib import nullcontext

    from graph import load_batches
    from graph.rows import to_rows

    store = fresh_store(work / "kg.lbdb")
    records, seconds, writes = 0, 0.0, []
    staged = store.bulk() if mode == "bulk" else nullcontext()
    staged.__enter__()
    for batches in write_chunks(work):
        n = to_rows(batches, store.schema).count
        records += n
        s, _ = timed(lambda b=batches: load_batches(store, b))
        seconds += s
        writes.append([len(batches), n, round(s, 3)])
    # the staged rows are copied in, what is pending becomes durable: part of the load
    s, _ = timed(lambda: (staged.__exit__(None, None, None), store.checkpoint()))
    seconds += s
    writes.append([0, 0, round(s, 3)])
    docs = store.query("MATCH (d:Document) RETURN count(d) AS n")[0]["n"]
    store.close()
    remove_store(work / "kg.lbdb")
    return {"records": records, "seconds": seconds, "documents": docs, "writes": writes,
            "chunk_records": chunk_records(), "peak_mb": peak_mb(), "mode": mode,
            "final_s": s}


def naive_rows(work: Path, files: int, schema):
    """The rows of the corpus's first `files` files: what the naive loaders write in full."""
    from graph.rows import to_rows

    return to_rows(pickle.loads(pickles(work)[0].read_bytes())[: int(files)], schema)


def step_naive(work: Path, files: float) -> dict[str, Any]:
    from bench.naive import merge_rows

    store = fresh_store(work / "naive.lbdb")
    rows = naive_rows(work, int(files), store.schema)
    seconds, done = timed(lambda: merge_rows(store.execute, rows))
    store.close()
    remove_store(work / "naive.lbdb")
    return {"files": int(files), "records": done, "seconds": seconds, "peak_mb": peak_mb()}


def step_kgload(work: Path, jobs: str) -> dict[str, Any]:
    from graph.ladybug_store import LadybugStore

    db = work / "kgload.lbdb"
    remove_store(db)
    corpus = work / "corpus"
    mb = sum(f.stat().st_size for f in files_of(corpus)) / 1e6
    t = time.perf_counter()
    p = subprocess.Popen([sys.executable, "-m", "kg", "--store", str(db), "load", str(corpus),
                          "--jobs", jobs, "--quiet", "--json", "--timings"], cwd=ROOT,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    rss = TreeRss(p.pid)
    stdout, stderr = p.communicate()
    seconds = time.perf_counter() - t
    tree_mb = rss.stop()
    try:
        summary = json.loads(stdout)
    except json.JSONDecodeError:
        return {"error": (stderr.strip().splitlines() or ["kg load printed no summary"])[-1]}
    store = LadybugStore(str(db))
    nodes = store.query("MATCH (n) RETURN count(n) AS n")[0]["n"]
    rels = store.query("MATCH ()-[r]->() RETURN count(r) AS n")[0]["n"]
    docs = store.query("MATCH (d:Document) RETURN count(d) AS n")[0]["n"]
    store.close()
    return {"jobs": int(jobs), "seconds": seconds, "mb": mb, "files": len(files_of(corpus)),
            "phases": phases(stderr), "added": summary.get("added"),
            "failed": summary.get("failed"), "nodes": nodes, "rels": rels, "documents": docs,
            "tree_peak_mb": tree_mb, "process_peak_mb": children_peak_mb()}


def phases(stderr: str) -> dict[str, float]:
    """The seconds per phase `kg load --timings` printed (its last line starting so)."""
    lines = [ln for ln in stderr.splitlines() if ln.startswith("timings: ")]
    if not lines:
        return {}
    items = (part.rsplit(" ", 2) for part in lines[-1].removeprefix("timings: ").split(", "))
    return {name: float(secs) for name, secs, _ in items}


def step_query(work: Path, name: str) -> dict[str, Any]:
    """One query of 26-NQ/TW in process on the store `kg load` built: first and second call."""
    from bench.naive import trace_networkx
    from graph.ladybug_store import LadybugStore
    from queries import resolve_document

    store = LadybugStore(str(work / "kgload.lbdb"))
    out: dict[str, Any] = {}
    doc = resolve_document(store, ROOT_SYMBOL)
    if name == "naive":  # networkx: every Document and IMPLEMENTS link loaded first, then BFS
        out["naive_trace_s"], naive = timed(lambda: trace_networkx(store.query, doc["uid"]))
        out["naive_trace_docs"] = len(naive)
    else:
        fn = query_functions()[name]
        out[f"{name}_s"], result = timed(lambda: fn(store, doc["uid"]))
        out[f"{name}_warm_s"], _ = timed(lambda: fn(store, doc["uid"]))
        if name == "trace":
            out["trace_docs"] = len(result.documents)
            out["trace_links"] = len(result.edges)
    store.close()
    out["peak_mb"] = peak_mb()
    return out


def step_cli(work: Path, timeout: str) -> dict[str, Any]:
    return cli_runs(str(work / "kgload.lbdb"), ROOT, float(timeout))


def wipe_neo4j(store, batch: int = 20_000) -> None:
    """Empty a Neo4j database in bounded transactions: relationships first, then nodes (one
    DETACH DELETE of a node with 10^5 relationships exceeds a 1 GB server's transaction memory)."""
    for stmt in ("MATCH ()-[r]->() WITH r LIMIT $n DELETE r RETURN count(*) AS c",
                 "MATCH (x) WITH x LIMIT $n DETACH DELETE x RETURN count(*) AS c"):
        while store.execute(stmt, {"n": batch})[0]["c"]:
            pass


def step_neo4j(work: Path, uri: str, files: float) -> dict[str, Any]:
    if importlib.util.find_spec("graph.neo4j_store") is None:
        return {"skipped": "graph/neo4j_store.py is not there"}
    from bench.naive import merge_rows
    from graph import load_batches
    from graph.rows import to_rows
    from graph.store import open_store
    from queries import resolve_document, trace

    store = open_store(uri)
    store.ensure_schema()
    code = (ROOT / "graph" / "neo4j_store.py").read_bytes()  # it changes while others tune it
    out: dict[str, Any] = {"neo4j_store_sha": hashlib.sha256(code).hexdigest()[:12]}

    def phase(name: str, fn: Callable[[], None]) -> None:
        """Run one phase; a failure is recorded and the later phases still run."""
        try:
            fn()
        except Exception as e:
            out[f"{name}_error"] = f"{type(e).__name__}: {e}"
        print(f"neo4j {name}: {out}", file=sys.stderr, flush=True)

    def write() -> None:
        records, seconds = 0, 0.0
        for batches in write_chunks(work):
            records += to_rows(batches, store.schema).count
            s, _ = timed(lambda b=batches: load_batches(store, b))
            seconds += s
        out.update(records=records, seconds=seconds)

    def query() -> None:
        doc = resolve_document(store, ROOT_SYMBOL)
        out["trace_s"], t = timed(lambda: trace(store, doc["uid"]))
        out["trace_warm_s"], _ = timed(lambda: trace(store, doc["uid"]))
        out["trace_docs"] = len(t.documents)
        out["cli_trace_s"] = cli_runs(uri, ROOT, timeout=600).get("trace_s")

    def naive() -> None:
        rows = naive_rows(work, int(files), store.schema)
        out["naive_seconds"], out["naive_records"] = timed(lambda: merge_rows(store.execute, rows))

    phase("wipe", lambda: wipe_neo4j(store))
    phase("write", write)
    phase("query", query)
    phase("wipe", lambda: wipe_neo4j(store))
    phase("naive", naive)
    phase("wipe", lambda: wipe_neo4j(store))
    store.close()
    out["peak_mb"] = peak_mb()
    return out


STEPS = {"generate": step_generate, "extract": step_extract, "load": step_load,
         "loaddirect": lambda work: step_load(work, "direct"),
         "naive": step_naive, "kgload": step_kgload, "query": step_query, "cli": step_cli,
         "neo4j": step_neo4j}


# --------------------------------------------------------------------------- parent side
def run_step(name: str, *args: Any, timeout: float | None = None) -> dict[str, Any]:
    """Run one step in a fresh interpreter; its JSON result (with its own peak memory).

    A step that outlives `timeout` is stopped and reported as such, never waited for.
    """
    t = time.perf_counter()
    try:
        p = subprocess.run([sys.executable, "-m", "bench.bench_scale", "--step", name,
                            *map(str, args)], cwd=ROOT, capture_output=True, text=True,
                           timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"timeout": timeout, "load_avg": os.getloadavg()[0]}
    if p.returncode != 0:  # the whole traceback goes beside the step's data
        (Path(args[0]) / f"{name}.err").write_text(p.stderr)
        return {"error": (p.stderr.strip().splitlines() or ["?"])[-1]}
    out = json.loads(p.stdout.strip().splitlines()[-1])
    out.setdefault("step_s", time.perf_counter() - t)
    out["load_avg"] = os.getloadavg()[0]  # the machine is shared: how busy it was
    return out


def measure(size: int, seed: int, work: Path, uri: str | None, files: int, jobs: int,
            timeout: float, steps: Collection[str] = STEP_NAMES,
            sample: int = 0) -> dict[str, Any]:
    w = work / str(size)
    w.mkdir(parents=True, exist_ok=True)
    res: dict[str, Any] = {"size": size}

    def run(key: str, name: str, *args: Any, limit: float | None = None) -> dict[str, Any]:
        out = run_step(name, *args, timeout=limit)
        shown = {k: v for k, v in out.items() if k != "writes"}
        print(f"  [{size}] {key}: {shown}", file=sys.stderr, flush=True)
        return out

    for name, args in (("generate", (w, size, seed)), ("extract", (w, sample)), ("load", (w,)),
                       ("loaddirect", (w,)), ("naive", (w, files)), ("kgload", (w, jobs))):
        if name in steps:
            res[name] = run(name, name, *args)
    query: dict[str, Any] = {}
    for q in (*QUERIES, "naive") if "query" in steps else ():
        got = run(f"query {q}", "query", w, q, limit=timeout)
        key = "naive_trace" if q == "naive" else q
        if "timeout" in got:
            got = {f"{key}_timeout": timeout, "load_avg": got["load_avg"]}
        elif "error" in got:
            got = {f"{key}_error": got["error"]}
        query["peak_mb"] = max(query.get("peak_mb", 0), got.pop("peak_mb", 0))
        query["load_avg"] = max(query.get("load_avg", 0), got.pop("load_avg", 0))
        query.update(got)
    res["query"] = query
    if "cli" in steps:
        res["cli"] = run("cli", "cli", w, timeout)
    if "neo4j" in steps and uri:
        res["neo4j"] = run("neo4j", "neo4j", w, uri, files)
    return res


def _fmt(v: Any) -> str:
    if v is None:
        return "n/a"
    if isinstance(v, float):
        return f"{v:,.0f}" if v >= 100 else f"{v:.2f}" if v >= 0.1 else f"{v:.3f}"
    return f"{v:,}" if isinstance(v, int) else str(v)


def minmax(r: dict[str, Any]) -> tuple[float, float]:
    loads = [v["load_avg"] for v in r.values() if isinstance(v, dict) and "load_avg" in v]
    return min(loads), max(loads)


def _secs(step: dict[str, Any], key: str) -> Any:
    """A query time, or what stopped it (`> 300 s, stopped`)."""
    if f"{key}_timeout" in step:
        return f"> {step[f'{key}_timeout']:,.0f}, stopped"
    return step[f"{key}_s"]


def _pair(step: dict[str, Any], key: str) -> str:
    if f"{key}_timeout" in step:
        return _secs(step, key)
    return f"{_fmt(step[f'{key}_s'])} / {_fmt(step[f'{key}_warm_s'])}"


def table(results: list[dict[str, Any]]) -> str:
    """Markdown table: one row per measure, one column per size."""
    rows: list[tuple[str, list[Any]]] = []

    def add(label: str, fn: Callable[[dict[str, Any]], Any]) -> None:
        vals = []
        for r in results:
            try:
                vals.append(fn(r))
            except (TypeError, ZeroDivisionError, KeyError, ValueError):
                vals.append(None)
        rows.append((label, vals))

    def kg_rate(step: dict[str, Any]) -> float:
        return step["records"] / step["seconds"]

    def naive_rate(step: dict[str, Any], pre: str = "") -> float:
        return step[f"{pre}records"] / step[f"{pre}seconds"]

    x, ld, nv, kl, q, c, n4 = ("extract", "load", "naive", "kgload", "query", "cli", "neo4j")
    add("documents (files)", lambda r: r[x]["corpus_docs"] if x in r else r[kl]["files"])
    add("extraction timed on (files)", lambda r: r[x]["docs"])
    add("text MB", lambda r: r[kl]["mb"] if kl in r else r[x]["mb"])
    add("read + normalise only, MB/s", lambda r: r[x]["mb"] / r[x]["baseline_s"])
    add("extraction (1 process), MB/s", lambda r: r[x]["mb"] / r[x]["extract_s"])
    add("extraction (1 process), docs/s", lambda r: r[x]["docs"] / r[x]["extract_s"])
    add("extraction peak RSS, MB", lambda r: r[x]["peak_mb"])
    add("records written (node + rel rows)", lambda r: r[ld]["records"])
    add("store writes (chunks of 250k records)", lambda r: sum(1 for w in r[ld]["writes"] if w[0]))
    add("kg write path (embedded, bulk), records/s", lambda r: kg_rate(r[ld]))
    add("… of which the copy at the end, s", lambda r: r[ld]["final_s"])
    add("kg write path (embedded, write by write: --no-bulk), records/s",
        lambda r: kg_rate(r["loaddirect"]))
    add("naive MERGE per row (embedded), records/s", lambda r: naive_rate(r[nv]))
    add("naive sample: files / records",
        lambda r: f"{r[nv]['files']} / {r[nv]['records']:,}")
    add("kg / naive (embedded, bulk)", lambda r: kg_rate(r[ld]) / naive_rate(r[nv]))
    add("kg / naive (embedded, write by write)",
        lambda r: kg_rate(r["loaddirect"]) / naive_rate(r[nv]))
    add("kg write path peak RSS (bulk / write by write), MB",
        lambda r: f"{_fmt(r[ld]['peak_mb'])} / {_fmt(r['loaddirect']['peak_mb'])}")
    add("naive step peak RSS, MB", lambda r: r[nv]["peak_mb"])
    add("`kg load --jobs J` end to end, s", lambda r: r[kl]["seconds"])
    add("`kg load --jobs J` end to end, MB/s", lambda r: r[kl]["mb"] / r[kl]["seconds"])
    add("`kg load --jobs J` end to end, docs/s",
        lambda r: r[kl]["files"] / r[kl]["seconds"])
    add("`kg load` phases: waiting for extraction / writes / copy / alignment, s",
        lambda r: " / ".join(_fmt(r[kl]["phases"].get(k, 0.0))
                             for k in ("extract", "write", "copy", "align")))
    add("`kg load` store: nodes / relationships",
        lambda r: f"{r[kl]['nodes']:,} / {r[kl]['rels']:,}")
    add("`kg load` store: Document nodes", lambda r: r[kl]["documents"])
    add("`kg load` peak RSS, largest process, MB", lambda r: r[kl]["process_peak_mb"])
    add("`kg load` peak RSS, process tree sum, MB", lambda r: r[kl]["tree_peak_mb"])
    add("kg write path (Neo4j), records/s", lambda r: kg_rate(r[n4]))
    add("naive MERGE per row (Neo4j), records/s", lambda r: naive_rate(r[n4], "naive_"))
    add("kg / naive (Neo4j)", lambda r: kg_rate(r[n4]) / naive_rate(r[n4], "naive_"))
    add("documents in the trace", lambda r: r[q]["trace_docs"])
    add("`kg trace 26-NQ/TW` cold CLI, s", lambda r: _secs(r[c], "trace"))
    add("trace in process (first / second call), s", lambda r: _pair(r[q], "trace"))
    add("naive trace (networkx, load all first), s", lambda r: _secs(r[q], "naive_trace"))
    add("`kg coverage 26-NQ/TW` cold CLI, s", lambda r: _secs(r[c], "coverage"))
    add("coverage in process (first / second call), s", lambda r: _pair(r[q], "coverage"))
    add("`kg gaps 26-NQ/TW` cold CLI, s", lambda r: _secs(r[c], "gaps"))
    add("gaps in process (first / second call), s", lambda r: _pair(r[q], "gaps"))
    add("query step peak RSS, MB", lambda r: r[q]["peak_mb"])
    add("cold CLI peak RSS (largest), MB", lambda r: r[c]["peak_mb"])
    add("trace on Neo4j in process (first / second call), s",
        lambda r: f"{_fmt(r[n4]['trace_s'])} / {_fmt(r[n4]['trace_warm_s'])}")
    add("`kg trace` on Neo4j cold CLI, s", lambda r: r[n4]["cli_trace_s"])
    add("Neo4j step peak RSS (Python side), MB", lambda r: r[n4]["peak_mb"])
    add("machine 1-min load average after each step, min–max",
        lambda r: "{:.1f}–{:.1f}".format(*minmax(r)))
    jobs = {r.get(kl, {}).get("jobs") for r in results} - {None}
    label_jobs = str(jobs.pop()) if len(jobs) == 1 else "J"
    head = "| measure | " + " | ".join(f"{r['size']:,} docs" for r in results) + " |"
    sep = "|---|" + "---:|" * len(results)
    body = [f"| {label.replace('--jobs J', '--jobs ' + label_jobs)} | "
            + " | ".join(_fmt(v) for v in vals) + " |" for label, vals in rows]
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
    ap.add_argument("--jobs", type=int, default=2, help="`kg load --jobs` for the end-to-end run")
    ap.add_argument("--neo4j", default=None, help="also load into this Neo4j URI (it is wiped)")
    ap.add_argument("--naive-files", type=int, default=100,
                    help="the naive loaders write the rows of this many files (one query per row "
                         "is slow), and their rate is taken there")
    ap.add_argument("--query-timeout", type=float, default=600,
                    help="stop a query step (in process or CLI) after this many seconds")
    ap.add_argument("--json", default=None, help="also write the raw results here")
    ap.add_argument("--steps", default=",".join(STEP_NAMES),
                    help="comma-separated steps to run (default: all); a step left out is "
                         "shown as n/a")
    ap.add_argument("--extract-sample", type=int, default=0,
                    help="time extraction on the first N files only (0: all); the load step "
                         "then writes only those")
    ap.add_argument("--step", nargs="+", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.step:
        name, *rest = args.step
        conv: list[Any] = [Path(rest[0]), *rest[1:]]
        if name == "generate":
            conv = [Path(rest[0]), int(rest[1]), int(rest[2])]
        elif name == "extract":
            conv = [Path(rest[0]), int(rest[1])]
        elif name == "naive":
            conv = [Path(rest[0]), float(rest[1])]
        elif name == "neo4j":
            conv = [Path(rest[0]), rest[1], float(rest[2])]
        print(json.dumps(STEPS[name](*conv)))
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    steps = set(args.steps.split(","))
    unknown = steps - set(STEP_NAMES)
    if unknown:
        ap.error(f"unknown steps {sorted(unknown)}; steps are {','.join(STEP_NAMES)}")
    results = [measure(n, args.seed, Path(args.work), args.neo4j, args.naive_files, args.jobs,
                       args.query_timeout, steps, args.extract_sample) for n in sizes]
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))
    print(f"machine: {machine()}")
    print(table(results))


if __name__ == "__main__":
    main()
