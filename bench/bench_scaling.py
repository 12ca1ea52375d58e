"""Extraction speed against text length: MB/s of one text of 10 KB … 50 MB, side by side.

Run on demand:  python bench/bench_scaling.py [--sizes 0.01,0.1,1,10,50] [--seed S]
Side by side:   python bench/bench_scaling.py --against /tmp/old-tree [--against-max-mb 4]

Each text is one document made of the synthetic corpus's texts (bench/bench_extract.py: plans
and provincial round-ups) one after another, cut to the size: what a user loading a long
compilation, a gazette or a whole site dump hands to `loaders.extract_text`. Every size runs
in a fresh process, so its peak RSS (`ru_maxrss`) is that size's own; CPU seconds of
`extract_text` alone (reading excluded), best of enough repeats to fill about a second,
each repeat on another text of the same size (seed + 1000 k): the rate of the fastest,
shown for the first text's size.

Columns: the floor (decode + NFC of the same bytes) and extraction in this tree, MB/s and
its ratio to the best MB/s of the run (flat = linear in size), peak RSS; with --against, the
same for another checkout of the project (its PYTHONPATH), up to --against-max-mb (a tree
that is superlinear takes minutes beyond a few MB). The goal (issue 20): MB/s flat within
20% from 10 KB to 50 MB, 50 MB in under 30 s and 1 GB.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent


def text_bytes(mb: float, seed: int) -> bytes:
    """One text of `mb` MB: the synthetic corpus's texts joined, cut at a line end."""
    from bench.bench_extract import corpus

    whole = b"\n".join(corpus(mb, seed))
    cut = whole.rfind(b"\n", 0, int(mb * 1_000_000))
    return whole[:cut if cut > 0 else len(whole)]


def _worker(mb: float, seed: int) -> None:
    """Extract one text in this process (PYTHONPATH = the tree measured); prints JSON."""
    import loaders
    from bench.bench_extract import _source
    from loaders.pipeline import extract_text

    warm = unicodedata.normalize("NFC", text_bytes(0.01, seed + 999).decode("utf-8"))
    extract_text(warm, _source(0, warm))  # gazetteers and patterns load once
    # repeats read other texts of the same size (a text read again would hit the caches
    # kept for the text itself, which a long text read once never does)
    floor, best, runs, spent = float("inf"), float("inf"), 0, 0.0
    while runs == 0 or (spent < 1.0 and runs < 50):
        data = text_bytes(mb, seed + 1000 * runs)
        t0 = time.process_time()
        text = unicodedata.normalize("NFC", data.decode("utf-8"))
        t1 = time.process_time()
        ex = extract_text(text, _source(1, text))
        t2 = time.process_time()
        size = len(data) / 1_000_000
        floor, best = min(floor, (t1 - t0) / size), min(best, (t2 - t1) / size)
        runs, spent = runs + 1, spent + t2 - t0
        if runs == 1:
            first = {"mb": size, "tasks": len(ex.tasks), "targets": len(ex.targets)}
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({**first, "floor": floor * first["mb"], "cpu": best * first["mb"],
                      "runs": runs, "rss": rss, "loaders": loaders.__file__}))


def _run(tree: Path, mb: float, seed: int) -> dict:
    env = dict(os.environ, PYTHONPATH=str(tree))
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", str(mb), "--seed",
           str(seed)]
    out = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True, cwd=tree)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    if not Path(result["loaders"]).resolve().is_relative_to(tree):  # measured the wrong tree
        raise SystemExit(f"{tree}: the worker imported {result['loaders']}")
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="0.01,0.1,1,10,50", help="MB, comma-separated")
    ap.add_argument("--seed", type=int, default=5, help="5: a round-up first (no own document)")
    ap.add_argument("--against", help="another checkout to measure side by side")
    ap.add_argument("--against-max-mb", type=float, default=4.0)
    ap.add_argument("--worker", type=float, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker is not None:
        return _worker(args.worker, args.seed)
    sizes = [float(s) for s in args.sizes.split(",")]
    old = Path(args.against).resolve() if args.against else None
    rows = []
    for mb in sizes:
        new = _run(HERE, mb, args.seed)
        was = _run(old, mb, args.seed) if old and mb <= args.against_max_mb else None
        rows.append((new, was))
        print(f"  {mb:g} MB done", file=sys.stderr)
    top = max(n["mb"] / n["cpu"] for n, _ in rows)
    top_old = max((w["mb"] / w["cpu"] for _, w in rows if w), default=None)
    print(f"one text per size, seed {args.seed}; CPU s of extract_text, best of `runs`")
    head = (f"{'MB':>8}{'floor MB/s':>12}{'runs':>6}{'CPU s':>9}{'MB/s':>8}{'/best':>7}"
            f"{'RSS MB':>8}")
    print(head + (f"{'old CPU s':>11}{'old MB/s':>10}{'/best':>7}{'old RSS':>9}" if old else ""))
    for n, w in rows:
        rate = n["mb"] / n["cpu"]
        line = (f"{n['mb']:>8.2f}{n['mb'] / n['floor']:>12.0f}{n['runs']:>6}{n['cpu']:>9.2f}"
                f"{rate:>8.2f}{rate / top:>7.2f}{n['rss']:>8.0f}")
        if w:
            r = w["mb"] / w["cpu"]
            line += f"{w['cpu']:>11.2f}{r:>10.2f}{r / top_old:>7.2f}{w['rss']:>9.0f}"
        elif old:
            line += f"{'(not run)':>11}"
        print(line)
    rates = [n["mb"] / n["cpu"] for n, _ in rows]
    print(f"flatness: slowest/fastest MB/s = {min(rates) / max(rates):.2f} (goal >= 0.80)")


if __name__ == "__main__":
    main()
