"""Evidence stored once against evidence inline, side by side in one run (issue 20, item 5).

    python -m bench.bench_evidence --baseline /work/main [--work /tmp/kg-bench/10000]
                                   [--rounds 2] [--traces 3] [--out /tmp/bench-evidence]
                                   [--this-first]

Runs, for this checkout and a baseline checkout (a kg that kept each relationship's sentence
inline), alternating which goes first in each round: the embedded write path on the same
pickled batches, grouped as `kg load` groups them and written in a `bulk()` block (what a first
`kg load` does: staged, then copied in checkpointed pieces; bench/bench_scale.py `--steps
generate,extract` writes the batches), each in its own process running this file with the
checkout first on the path, recording the write's seconds, the process's CPU seconds and its
peak RSS (wait4);
the store's size on disk; then `kg trace 26-NQ/TW --format json` (what the CLI prints: no
evidence) and `kg trace 26-NQ/TW --html` (every link's sentence) as cold CLI processes,
alternating checkouts, best of --traces. Prints one table with both side by side, and, on
this checkout's store, the characters of evidence sentences inline (one per relationship) and
stored once (one per Evidence node).
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parents[1]
ROOT = "26-NQ/TW"


def run(repo: Path, args: list[str], out: Path | None = None) -> dict[str, Any]:
    """`python ARGS` in `repo` with it first on the path: wall s, CPU s, peak RSS MB, stdout."""
    env = {**os.environ, "PYTHONPATH": str(repo)}
    start = time.perf_counter()
    with open(out or os.devnull, "w") as sink:
        p = subprocess.Popen([sys.executable, *args], cwd=repo, env=env, stdout=sink,
                             stderr=subprocess.PIPE, text=True)
        _, status, usage = os.wait4(p.pid, 0)
        err = p.stderr.read() if p.stderr else ""
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"{repo}: {' '.join(args)} failed: {err[-2000:]}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss": usage.ru_maxrss / 1024,
            "stdout": out.read_text() if out else ""}


def size_mb(db: Path) -> float:
    """The store's files (a file, its WAL, or a folder's contents)."""
    files = [f for p in db.parent.glob(db.name + "*")
             for f in ([p] if p.is_file() else p.rglob("*")) if f.is_file()]
    return sum(f.stat().st_size for f in files) / 2**20


def write(repo: Path, work: Path, db: Path) -> dict[str, Any]:
    import shutil

    for old in db.parent.glob(db.name + "*"):
        shutil.rmtree(old) if old.is_dir() else old.unlink()
    log = db.with_suffix(".log")
    r = run(repo, [__file__, "--write", str(work), str(db)], log)
    m = re.search(r"wrote (\d+) records in ([\d.]+) s", r["stdout"])
    return {"write_s": float(m[2]) if m else float("nan"), "records": int(m[1]) if m else 0,
            "process_wall_s": r["wall"], "process_cpu_s": r["cpu"], "peak_rss_mb": r["rss"],
            "store_mb": size_mb(db)}


def write_here(work: Path, db: Path) -> None:
    """In the checkout on the path: the batches of `work` written into a new store at `db`
    as a first `kg load` writes them (chunks, in one bulk block), then closed (durable)."""
    from bench.bench_scale import write_chunks
    from graph import load_batches
    from graph.ladybug_store import LadybugStore

    store = LadybugStore(str(db))
    store.ensure_schema()
    start, batches = time.perf_counter(), 0
    with store.bulk():
        for chunk in write_chunks(work):
            load_batches(store, chunk)
            batches += len(chunk)
    store.close()
    seconds = time.perf_counter() - start
    records = sum(r["c"] for r in LadybugStore(str(db), read_only=True).query(
        "MATCH (n) RETURN count(n) AS c UNION ALL MATCH ()-[r]->() RETURN count(r) AS c"))
    print(f"wrote {records} records in {seconds:.1f} s ({batches} files)")


def trace(repo: Path, db: Path, html: Path | None) -> dict[str, float]:
    args = ["-m", "kg", "--store", str(db), "trace", ROOT, "--format", "json"]
    if html is not None:
        args += ["--html", str(html)]
    r = run(repo, args)
    return {"wall": r["wall"], "cpu": r["cpu"]}


def sentence_chars(db: Path) -> tuple[int, int, int, int]:
    """(relationships, their sentences' characters inline, Evidence nodes, characters once)."""
    sys.path.insert(0, str(HERE))
    from graph.store import open_store

    store = open_store(str(db), read_only=True)
    inline = store.query("MATCH ()-[r]->() MATCH (e:Evidence {uid: r.evidence}) "
                         "RETURN count(r) AS n, sum(size(e.sentence)) AS c")[0]
    once = store.query("MATCH (e:Evidence) RETURN count(e) AS n, sum(size(e.sentence)) AS c")[0]
    store.close()
    return inline["n"], inline["c"], once["n"], once["c"]


def main() -> None:
    if sys.argv[1:2] == ["--write"]:  # the write step, in a checkout's own process
        write_here(Path(sys.argv[2]), Path(sys.argv[3]))
        return
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--baseline", type=Path, required=True, help="a checkout of the baseline")
    ap.add_argument("--work", type=Path, default=Path("/tmp/kg-bench/10000"))
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--traces", type=int, default=3)
    ap.add_argument("--out", type=Path, default=Path("/tmp/bench-evidence"))
    ap.add_argument("--this-first", action="store_true",
                    help="this checkout first in odd rounds (to alternate across runs)")
    args = ap.parse_args()
    repos = {"inline (baseline)": args.baseline.resolve(), "once (this)": HERE}
    dbs = {name: args.out / f"{i}" / "kg.lbdb" for i, name in enumerate(repos)}
    for db in dbs.values():
        db.parent.mkdir(parents=True, exist_ok=True)
    writes: dict[str, list[dict[str, Any]]] = {n: [] for n in repos}
    traces: dict[str, dict[str, list[dict[str, float]]]] = {
        n: {"lean": [], "html": []} for n in repos}
    order = list(repos)[::-1] if args.this_first else list(repos)
    for k in range(args.rounds):
        for name in order if k % 2 == 0 else order[::-1]:
            w = write(repos[name], args.work, dbs[name])
            writes[name].append(w)
            print(f"round {k + 1} {name}: {w}", file=sys.stderr, flush=True)
    for k in range(args.traces):
        for name in order if k % 2 == 0 else order[::-1]:
            traces[name]["lean"].append(trace(repos[name], dbs[name], None))
            traces[name]["html"].append(trace(repos[name], dbs[name],
                                              dbs[name].with_name("trace.html")))
    load = os.getloadavg()[0]

    def cell(name: str, f: Any) -> str:
        return f(name)

    rows = [
        ("write path (chunks in one bulk block, as a first `kg load`), s, each round",
         lambda n: " / ".join(f"{w['write_s']:.1f}" for w in writes[n])),
        ("process CPU s, each round",
         lambda n: " / ".join(f"{w['process_cpu_s']:.1f}" for w in writes[n])),
        ("peak RSS of the writing process, MB, each round",
         lambda n: " / ".join(f"{w['peak_rss_mb']:.0f}" for w in writes[n])),
        ("store on disk, MB", lambda n: f"{writes[n][-1]['store_mb']:.1f}"),
        ("records written (nodes + relationships)", lambda n: f"{writes[n][-1]['records']:,}"),
        (f"`kg trace {ROOT} --format json` cold, s (best; CPU s)",
         lambda n: "{:.2f} ({:.2f})".format(min(t["wall"] for t in traces[n]["lean"]),
                                            min(t["cpu"] for t in traces[n]["lean"]))),
        (f"`kg trace {ROOT} --html` cold, s (best; CPU s)",
         lambda n: "{:.2f} ({:.2f})".format(min(t["wall"] for t in traces[n]["html"]),
                                            min(t["cpu"] for t in traces[n]["html"]))),
    ]
    print(f"| {args.work} | " + " | ".join(repos) + " |")
    print("|---|" + "---|" * len(repos))
    for label, f in rows:
        print(f"| {label} | " + " | ".join(cell(n, f) for n in repos) + " |")
    n, inline, m, once = sentence_chars(dbs["once (this)"])
    print(f"\nevidence sentences: {n:,} relationships, {inline:,} characters inline; "
          f"{m:,} Evidence nodes, {once:,} characters stored once ({inline / once:.1f}x)")
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"1-min load average at the end: {load:.1f}; children's peak RSS {children:.0f} MB")


if __name__ == "__main__":
    main()
