"""`kg load --jobs N` end to end, this tree against another, alternating, in one run.

    python -m bench.bench_ingest --work /tmp/kgscale --sizes 1000,10000 --against /tmp/base
                                 [--rounds 2] [--jobs 2] [--sample 256] [--compare 1000]

WORK/SIZE/corpus is bench_scale's synthetic corpus (`bench.bench_scale --steps generate`).
Per size and round the two trees' `kg load CORPUS --jobs N --timings` run as subprocesses
into fresh stores, one after the other, their order swapped every round: wall seconds, MB/s
of the whole load and without alignment (timed on its own by `--timings`), CPU seconds of the
process tree (`os.wait4`: the load and the workers it reaped), peak RSS of the tree and of its
largest process, seconds per phase. Then, per tree, what crossing the process boundary costs:
its worker's task function run here on the first --sample files in tasks of TASK_FILES, each
result pickled and unpickled as ProcessPoolExecutor does: CPU seconds and bytes per 1000
files, and that as a share of the load's CPU. Last, for the sizes in --compare, the two
stores' graphs (`graph.dump`, rows sorted) compared: equal or not.
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

from bench.bench_scale import TreeRss, files_of, phases

ROOT = Path(__file__).resolve().parents[1]

# Run in the tree measured (PYTHONPATH): its worker's task on sample files, pickled both ways
BOUNDARY = """
import json, pickle, sys, time
from pathlib import Path
from kg import ingest
files = [Path(p) for p in json.loads(sys.argv[1])]
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


def env_for(tree: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(tree)}


def kg_load(tree: Path, corpus: Path, db: Path, jobs: int) -> dict[str, Any]:
    for p in (db, Path(f"{db}.wal"), Path(f"{db}.stage")):
        shutil.rmtree(p, ignore_errors=True) if p.is_dir() else p.unlink(missing_ok=True)
    out, err = db.with_suffix(".out"), db.with_suffix(".err")
    t = time.perf_counter()
    with out.open("w") as o, err.open("w") as e:
        p = subprocess.Popen([sys.executable, "-m", "kg", "--store", str(db), "load",
                              str(corpus), "--jobs", str(jobs), "--quiet", "--json",
                              "--timings"], cwd=tree, env=env_for(tree), stdout=o, stderr=e)
        rss = TreeRss(p.pid)
        _, status, usage = os.wait4(p.pid, 0)
        p.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - t
    tree_mb = rss.stop()
    if p.returncode:
        sys.exit(f"kg load in {tree} failed: {err.read_text()[-2000:]}")
    summary = json.loads(out.read_text())
    return {"seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime,
            "tree_peak_mb": tree_mb, "process_peak_mb": usage.ru_maxrss / 1024,
            "phases": phases(err.read_text()), "added": summary.get("added"),
            "failed": summary.get("failed")}


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
    ap.add_argument("--json", help="write the raw results here")
    args = ap.parse_args()
    trees = {"base": Path(args.against).resolve(), "new": ROOT}
    results: dict[str, Any] = {}
    for size in [int(s) for s in args.sizes.split(",")]:
        work = Path(args.work) / str(size)
        corpus = work / "corpus"
        files = files_of(corpus)
        mb = sum(f.stat().st_size for f in files) / 1e6
        runs: dict[str, list[dict[str, Any]]] = {"base": [], "new": []}
        for r in range(args.rounds):
            order = ("base", "new") if r % 2 == 0 else ("new", "base")
            for name in order:
                run = kg_load(trees[name], corpus, work / f"ingest-{name}.lbdb", args.jobs)
                run["load"] = load_average()
                runs[name].append(run)
                print(f"{size} {name} round {r + 1}: {run['seconds']:.1f} s, "
                      f"cpu {run['cpu']:.1f} s, {mb / run['seconds']:.2f} MB/s, "
                      f"tree peak {run['tree_peak_mb']:.0f} MB, load {run['load']:.1f}, "
                      f"{run['phases']}", flush=True)
        cross = {name: boundary(tree, files[:args.sample]) for name, tree in trees.items()}
        same = compare(work / "ingest-base.lbdb", trees["base"], work / "ingest-new.lbdb",
                       trees["new"]) \
            if str(size) in args.compare.split(",") else None
        results[str(size)] = {"mb": mb, "files": len(files), "runs": runs,
                              "boundary": cross, "compare": same}
        report(size, results[str(size)])
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))


def report(size: int, res: dict[str, Any]) -> None:
    mb, n = res["mb"], res["files"]
    print(f"\n{size} documents, {n} files, {mb:.1f} MB")
    print("| tree | wall s | MB/s | MB/s without align | align s | CPU s (tree) "
          "| pickling, share of CPU | pickled MB / 1000 files | tree peak MB | load |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, runs in res["runs"].items():
        b = res["boundary"][name]
        per_file = (b["dumps"] + b["loads"]) / b["files"]
        for run in runs:
            align = run["phases"].get("align", 0.0)
            share = per_file * n / run["cpu"]
            print(f"| {name} | {run['seconds']:.1f} | {mb / run['seconds']:.2f} "
                  f"| {mb / (run['seconds'] - align):.2f} | {align:.1f} | {run['cpu']:.1f} "
                  f"| {per_file * n:.1f} s, {share:.0%} | {b['bytes'] / b['files'] / 1e3:.1f} "
                  f"| {run['tree_peak_mb']:.0f} | {run['load']:.1f} |")
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
