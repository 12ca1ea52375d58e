"""`kg load --jobs N` (`kg.ingest.ingest`), this tree against another, alternating, in one run.

    python -m bench.bench_ingest --work /tmp/kgscale --sizes 1000,10000 --against /tmp/base
                                 [--rounds 2] [--jobs 2] [--sample 256] [--compare 1000]
                                 [--align 1000] [--align-apart] [--bulk default|bulk|no-bulk]

WORK/SIZE/corpus is bench_scale's synthetic corpus (`bench.bench_scale --steps generate`).
Per size and round each tree loads the corpus into a fresh store in a subprocess, the two
trees one after the other, their order swapped every round: `ingest(store, [corpus],
jobs=N)` as `kg load` calls it, end to end: alignment included (`--align-apart` leaves it
out; the sizes in --align time it on its own on the new tree's store: `realign` of every plan
on N processes, and add it to the load). Per load: wall seconds, MB/s, CPU seconds of the
process tree (`os.wait4`:
the load and the workers it reaped), peak RSS of the tree, seconds per phase. Then, per tree,
what crossing the process boundary costs: its worker's task function run here on the first
--sample files in tasks of TASK_FILES, each result pickled and unpickled as
ProcessPoolExecutor does: CPU seconds and bytes per 1000 files, and that as a share of the
load's CPU. Last, for the sizes in --compare, the two stores' graphs (`graph.dump`, rows
sorted) compared: equal or not.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.bench_scale import TreeRss, files_of

ROOT = Path(__file__).resolve().parents[1]

# Run in the tree measured (PYTHONPATH): its worker's task on sample files, pickled both ways
BOUNDARY = """
import json, pickle, sys, time
from pathlib import Path
from kg import ingest
files = [Path(p) for p in json.loads(sys.argv[1])]
if hasattr(ingest, "_NoPandas"):  # as the tree's pool starts its workers
    sys.meta_path.insert(0, ingest._NoPandas())
task = getattr(ingest, "extract_packed", None) or ingest._extract_many
size = ingest.TASK_FILES
work = dumps = loads = 0.0
nbytes = 0
for i in range(0, len(files), size):
    t = time.process_time()
    out = task(files[i:i + size])
    work += time.process_time() - t
    t = time.process_time()
    data = pickle.dumps(out, protocol=pickle.HIGHEST_PROTOCOL)
    dumps += time.process_time() - t
    t = time.process_time()
    pickle.loads(data)
    loads += time.process_time() - t
    nbytes += len(data)
print(json.dumps({"files": len(files), "task": work, "dumps": dumps, "loads": loads,
                  "bytes": nbytes}))
"""

# Run with this tree: the graphs of two stores, equal or where they differ (the paths of the
# reference data, inside each tree, read as the same)
COMPARE = """
import json, sys
from graph.dump import dump
from graph.store import open_store
graphs = []
for uri, tree in zip(sys.argv[1::2], sys.argv[2::2]):  # a store, the tree that loaded it
    s = open_store(uri, read_only=True)
    graphs.append({key: sorted(json.dumps(r, sort_keys=True, default=str).replace(tree, "")
                               for r in rows) for _, key, rows in dump(s)})
    s.close()
a, b = graphs
differ = sorted("/".join(k) for k in a.keys() | b.keys() if a.get(k) != b.get(k))
print(json.dumps({"equal": not differ, "differ": differ,
                  "rows": sum(map(len, a.values()))}))
"""


# Run in the tree measured: what `kg load` does (with or without its alignment), or only
# the alignment
LOAD = """
import json, sys
import kg.ingest as ingest
from graph.store import open_store
store_uri, corpus, jobs, what = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
bulk = {"bulk": True, "no-bulk": False}.get(sys.argv[5])
store = open_store(store_uri)
if what in ("load", "apart"):
    if what == "apart":
        ingest.realign_store = lambda *args, **kwargs: 0
    report = ingest.ingest(store, [corpus], jobs=jobs, bulk=bulk)
    out = {"phases": report.timings, "added": len(report.added), "failed": len(report.errors),
           "aligned": report.aligned}
else:
    with ingest.workers(jobs) as pool, store.bulk():
        aligned = ingest.realign_store(store, None, pool.map if pool else map, jobs)
    out = {"phases": {}, "aligned": aligned}
store.close()
print(json.dumps(out))
"""


class TreePss(TreeRss):
    """`TreeRss`, summing each process's proportional set size (shared pages divided among
    the processes sharing them: libraries mapped by the load and its workers count once)."""

    def _run(self) -> None:
        while not self._stop.is_set():
            total = 0
            for p in self._tree():
                try:
                    with open(f"/proc/{p}/smaps_rollup") as fh:
                        total += sum(int(line.split()[1]) << 10 for line in fh
                                     if line.startswith("Pss:"))
                except (OSError, ValueError, IndexError):
                    pass
            self.peak = max(self.peak, total)
            self._stop.wait(self.every)


def env_for(tree: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(tree)}


def run_tree(tree: Path, corpus: Path, db: Path, jobs: int, what: str,
             bulk: str = "default") -> dict[str, Any]:
    """`LOAD` in `tree` as a subprocess ("load": into a fresh store, "apart": the same with
    alignment left out; "align": on `db`)."""
    if what != "align":
        for p in (db, Path(f"{db}.wal"), Path(f"{db}.stage")):
            shutil.rmtree(p, ignore_errors=True) if p.is_dir() else p.unlink(missing_ok=True)
    out, err = db.with_suffix(f".{what}.out"), db.with_suffix(f".{what}.err")
    t = time.perf_counter()
    with out.open("w") as o, err.open("w") as e:
        p = subprocess.Popen([sys.executable, "-c", LOAD, str(db), str(corpus), str(jobs), what,
                              bulk],
                             cwd=tree, env=env_for(tree), stdout=o, stderr=e)
        rss, pss = TreeRss(p.pid), TreePss(p.pid)
        _, status, usage = os.wait4(p.pid, 0)
        p.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - t
    tree_mb, tree_pss = rss.stop(), pss.stop()
    if p.returncode:
        sys.exit(f"{what} in {tree} failed: {err.read_text()[-2000:]}")
    return {**json.loads(out.read_text()), "seconds": seconds,
            "cpu": usage.ru_utime + usage.ru_stime, "tree_peak_mb": tree_mb,
            "tree_pss_mb": tree_pss, "process_peak_mb": usage.ru_maxrss / 1024,
            "load": load_average()}


def boundary(tree: Path, files: list[Path]) -> dict[str, Any]:
    out = subprocess.run([sys.executable, "-c", BOUNDARY, json.dumps(list(map(str, files)))],
                         cwd=tree, env=env_for(tree), capture_output=True, text=True,
                         check=True)
    return json.loads(out.stdout)


def compare(a: Path, a_tree: Path, b: Path, b_tree: Path) -> dict[str, Any]:
    out = subprocess.run([sys.executable, "-c", COMPARE, str(a), str(a_tree), str(b),
                          str(b_tree)], cwd=ROOT,
                         env=env_for(ROOT), capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def load_average() -> float:
    return os.getloadavg()[0]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--work", default="/tmp/kgscale")
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--against", required=True, help="the other tree (a checkout)")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--sample", type=int, default=256)
    ap.add_argument("--compare", default="1000", help="sizes whose graphs are compared")
    ap.add_argument("--align", default="", help="sizes whose alignment is also timed apart")
    ap.add_argument("--align-apart", action="store_true",
                    help="loads leave alignment out (the end-to-end figure then adds the "
                         "alignment timed apart)")
    ap.add_argument("--bulk", choices=("default", "bulk", "no-bulk"), default="default",
                    help="kg load's --bulk / --no-bulk (default: staged from 2,000 files)")
    ap.add_argument("--trees", default="base,new",
                    help="the trees loading (e.g. new: a size where the base takes too long)")
    ap.add_argument("--json", help="write the raw results here")
    args = ap.parse_args()
    trees = {name: tree for name, tree in (("base", Path(args.against).resolve()),
                                           ("new", ROOT)) if name in args.trees.split(",")}
    results: dict[str, Any] = {}
    for size in [int(s) for s in args.sizes.split(",")]:
        work = Path(args.work) / str(size)
        corpus = work / "corpus"
        files = files_of(corpus)
        mb = sum(f.stat().st_size for f in files) / 1e6
        runs: dict[str, list[dict[str, Any]]] = {name: [] for name in trees}
        for r in range(args.rounds):
            order = [*trees] if r % 2 == 0 else [*reversed(trees)]
            for name in order:
                run = run_tree(trees[name], corpus, work / f"ingest-{name}.lbdb", args.jobs,
                               "apart" if args.align_apart else "load", args.bulk)
                runs[name].append(run)
                print(f"{size} {name} round {r + 1}: {run['seconds']:.1f} s, "
                      f"cpu {run['cpu']:.1f} s, {mb / run['seconds']:.2f} MB/s, "
                      f"tree peak RSS {run['tree_peak_mb']:.0f} MB, PSS "
                      f"{run['tree_pss_mb']:.0f} MB, load {run['load']:.1f}, "
                      f"{run['phases']}", flush=True)
        same = compare(work / "ingest-base.lbdb", trees["base"], work / "ingest-new.lbdb",
                       trees["new"]) \
            if str(size) in args.compare.split(",") and len(trees) == 2 else None
        print(f"{size} graphs: {same}", flush=True)
        align = run_tree(ROOT, corpus, work / "ingest-new.lbdb", args.jobs, "align") \
            if str(size) in args.align.split(",") else None
        print(f"{size} alignment on its own: {align}", flush=True)
        cross = {name: boundary(tree, files[:args.sample]) for name, tree in trees.items()}
        results[str(size)] = {"mb": mb, "files": len(files), "runs": runs, "align": align,
                              "boundary": cross, "compare": same, "apart": args.align_apart}
        report(size, results[str(size)])
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))


def report(size: int, res: dict[str, Any]) -> None:
    mb, n, align = res["mb"], res["files"], res["align"]
    print(f"\n{size} documents, {n} files, {mb:.1f} MB")
    if align:
        print(f"alignment on its own (every plan, {align['aligned']} aligned): "
              f"{align['seconds']:.1f} s wall, {align['cpu']:.1f} s CPU, tree peak "
              f"{align['tree_peak_mb']:.0f} MB")
    print(f"| tree | load s{' (no align)' if res['apart'] else ''} | MB/s "
          "| with align apart s, MB/s | CPU s (tree) | pickling "
          "s, share of CPU | pickled KB/file | tree peak RSS / PSS MB | largest process MB "
          "| phases | load avg |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|")
    for name, runs in res["runs"].items():
        b = res["boundary"][name]
        per_file = (b["dumps"] + b["loads"]) / b["files"]
        for run in runs:
            total = run["seconds"] + align["seconds"] if align else None
            split = ", ".join(f"{k} {v:.1f}" for k, v in run["phases"].items() if k != "total")
            print(f"| {name} | {run['seconds']:.1f} | {mb / run['seconds']:.2f} "
                  f"| {f'{total:.1f}, {mb / total:.2f}' if total else '—'} | {run['cpu']:.1f} "
                  f"| {per_file * n:.1f}, {per_file * n / run['cpu']:.0%} "
                  f"| {b['bytes'] / b['files'] / 1e3:.1f} | {run['tree_peak_mb']:.0f} / "
                  f"{run['tree_pss_mb']:.0f} | {run['process_peak_mb']:.0f} "
                  f"| {split} | {run['load']:.1f} |")
    for name, b in res["boundary"].items():
        print(f"{name}, CPU s per 1000 files: worker task {1000 * b['task'] / b['files']:.1f}, "
              f"pickle {1000 * b['dumps'] / b['files']:.2f}, unpickle "
              f"{1000 * b['loads'] / b['files']:.2f}; {b['bytes'] / b['files'] / 1e3:.1f} KB "
              "pickled per file")
    if res["compare"] is not None:
        print(f"graphs after both loads: {'equal' if res['compare']['equal'] else 'DIFFER'} "
              f"({res['compare']['rows']} rows; differ: {res['compare']['differ']})")


if __name__ == "__main__":
    main()
