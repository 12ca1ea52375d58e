"""Smoke run of the trace benchmark (bench/bench_trace.py) on a 300-document store."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from bench.bench_trace import _renamed, specs

ROOT = Path(__file__).resolve().parents[1]


def test_a_campaign_carried_over_keeps_its_tree_under_new_symbols():
    docs = list(specs(300, 1))
    assert len(docs) == 300 and docs[0][1].symbol == "26-NQ/TW"
    _, d, parents = next(x for x in docs if x[1].genre == "commune")
    central = {p.symbol: p for p in parents if p.level == "central"}
    moved = _renamed(d, 4, central)
    number, _, rest = moved.symbol.partition("-")
    assert int(number) > 4000 and rest == d.symbol.partition("-")[2]
    assert moved.campaign == 4 and moved.locality == d.locality
    assert _renamed(parents[0], 4, central) is parents[0]


@pytest.mark.bench
def test_trace_benchmark_prints_its_table(tmp_path: Path) -> None:
    p = subprocess.run([sys.executable, "-m", "bench.bench_trace", "--sizes", "300", "--runs",
                        "1", "--work", str(tmp_path)], cwd=ROOT, capture_output=True, text=True,
                       timeout=600)
    assert p.returncode == 0, p.stderr
    lines = p.stdout.splitlines()
    assert lines[0].startswith("N = 300 documents")
    for start in ("build (300 documents by Store.write", "kg trace 26-NQ/TW --format tree",
                  "kg trace 26-NQ/TW --format json", "trace() in process, documents only",
                  "naive: networkx"):
        assert any(ln.startswith(start) for ln in lines), start
    trace = next(ln for ln in lines if ln.startswith("trace() in process, documents only"))
    naive = next(ln for ln in lines if ln.startswith("naive: networkx"))
    found = re.search(r"\((\d+) documents,", trace).group(1)
    assert int(found) > 200 and f"({found} documents)" in naive  # the same tree both ways
