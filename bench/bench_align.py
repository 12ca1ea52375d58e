"""Aligning every plan of a store, this tree against another, alternating, in one run.

    python -m bench.bench_align --store /tmp/kgscale/1000/ingest-new.lbdb --against /tmp/base
                                [--rounds 2] [--parts 1]

STORE is any store holding plans (e.g. the one `bench.bench_ingest` leaves at
WORK/SIZE/ingest-new.lbdb, loaded with alignment left out). Per round each tree, in its own
subprocess (fresh caches: the segmenter's model and every cached text are paid for), opens
the store read-only and computes the derived ALIGNS_WITH sources of every plan as `kg load`
does (`alignment.deriving.derived_batches`, in one process unless --parts), writing nothing;
the two trees one after the other, their order swapped every round. Per run: CPU seconds of
the computation (`time.process_time`, reading the inputs included, the interpreter's start
and imports not; with --parts, `kg load`'s spawned workers, started before the clock, their
CPU, start included, added and shown apart), plans per CPU second, wall seconds, peak RSS,
the load average. The derived
sources are identified by their content (a hash of every link, score and matched word), so
the two trees' outputs are compared by their source uids: the same or not.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

# Run in the tree measured (PYTHONPATH): every plan's derived sources, timed
ALIGN = """
import hashlib, json, resource, sys, time
from alignment.deriving import derived_batches, plans
from graph.store import open_store
store = open_store(sys.argv[1], read_only=True)
parts = int(sys.argv[2])
cpu, wall = time.process_time(), time.perf_counter()
docs = sorted(plans(store))
if parts > 1:  # kg load's workers (spawned), started before the clock
    from kg.ingest import workers
    with workers(parts) as pool:
        list(pool.map(abs, range(parts)))
        cpu, wall = time.process_time(), time.perf_counter()
        batches = derived_batches(store, docs, pool.map, parts)
        wall = time.perf_counter() - wall
else:
    batches = derived_batches(store, docs)
    wall = time.perf_counter() - wall
cpu = time.process_time() - cpu
children = resource.getrusage(resource.RUSAGE_CHILDREN)
workers_cpu = children.ru_utime + children.ru_stime
uids = sorted(b.source.uid for b in batches)
print(json.dumps({"plans": len(docs), "sources": len(batches),
                  "links": sum(len(b.edges) for b in batches),
                  "cpu": cpu + workers_cpu, "main_cpu": cpu, "workers_cpu": workers_cpu,
                  "wall": wall,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "digest": hashlib.sha256(" ".join(uids).encode()).hexdigest()[:16]}))
"""


def run(tree: Path, store: str, parts: int) -> dict[str, Any]:
    """`ALIGN` in `tree` as a subprocess."""
    p = subprocess.run([sys.executable, "-c", ALIGN, store, str(parts)], cwd=tree,
                       env={**os.environ, "PYTHONPATH": str(tree)}, capture_output=True,
                       text=True)
    if p.returncode:
        sys.exit(f"aligning in {tree} failed: {p.stderr[-2000:]}")
    return {**json.loads(p.stdout.strip().splitlines()[-1]), "load": os.getloadavg()[0]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--store", required=True, help="a store holding plans")
    ap.add_argument("--against", required=True, help="the other tree (a checkout)")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--parts", type=int, default=1, help="processes aligning (as kg load)")
    ap.add_argument("--json", help="write the raw results here")
    args = ap.parse_args()
    trees = {"base": Path(args.against).resolve(), "new": ROOT}
    runs: dict[str, list[dict[str, Any]]] = {"base": [], "new": []}
    for r in range(args.rounds):
        for name in ("base", "new") if r % 2 == 0 else ("new", "base"):
            res = run(trees[name], args.store, args.parts)
            runs[name].append(res)
            print(f"round {r + 1} {name}: {res['cpu']:.1f} s CPU, {res['wall']:.1f} s wall, "
                  f"load {res['load']:.1f}", flush=True)
    first = runs["base"][0]
    print(f"\n{first['plans']} plans, {first['sources']} derived sources, {first['links']} links;"
          f" --parts {args.parts}")
    print("| tree | round | CPU s | of which workers | plans / CPU s | wall s | peak RSS MB "
          "| load | output |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for name, rs in runs.items():
        for i, res in enumerate(rs):
            same = "same" if res["digest"] == first["digest"] else "DIFFERS"
            print(f"| {name} | {i + 1} | {res['cpu']:.1f} | {res['workers_cpu']:.1f} "
                  f"| {res['plans'] / res['cpu']:.1f} "
                  f"| {res['wall']:.1f} | {res['peak_mb']:.0f} | {res['load']:.1f} "
                  f"| {res['digest']} {same} |")
    best = {name: min(r["cpu"] for r in rs) for name, rs in runs.items()}
    print(f"base / new CPU (best of {args.rounds}): {best['base'] / best['new']:.1f}x")
    if args.json:
        Path(args.json).write_text(json.dumps(runs, indent=1))


if __name__ == "__main__":
    main()
