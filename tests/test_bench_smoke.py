"""Smoke run of the scale benchmark (bench/bench_scale.py) on a ~200-document corpus."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.bench
def test_scale_benchmark_prints_its_table(tmp_path: Path) -> None:
    p = subprocess.run([sys.executable, "-m", "bench.bench_scale", "--sizes", "200",
                        "--work", str(tmp_path), "--naive-files", "5", "--jobs", "2",
                        "--json", str(tmp_path / "results.json")],
                       cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stderr
    out = p.stdout
    assert out.startswith("machine: ")
    assert "| measure | 200 docs |" in out
    for row in ("read + normalise only, MB/s", "extraction (1 process), MB/s",
                "kg write path (embedded, bulk), records/s",
                "kg write path (embedded, write by write: --no-bulk), records/s",
                "naive MERGE per row (embedded), records/s", "kg / naive (embedded, bulk)",
                "kg / naive (embedded, write by write)",
                "`kg load --jobs 2` end to end, MB/s", "`kg load` peak RSS, process tree sum, MB",
                "trace in process (first / second call), s", "`kg trace 26-NQ/TW` cold CLI, s",
                "naive trace (networkx, load all first), s", "`kg coverage 26-NQ/TW` cold CLI, s",
                "coverage in process (first / second call), s", "`kg gaps 26-NQ/TW` cold CLI, s",
                "gaps in process (first / second call), s",
                "kg write path peak RSS (bulk / write by write), MB",
                "extraction peak RSS, MB", "query step peak RSS, MB",
                "`kg load` phases: waiting for extraction / writes / copy / alignment, s"):
        line = next(ln for ln in out.splitlines() if ln.startswith(f"| {row} |"))
        assert "n/a" not in line, line
    [r] = json.loads((tmp_path / "results.json").read_text())
    assert all(r["cli"][f"{q}_ok"] for q in ("trace", "coverage", "gaps")), r["cli"]
    assert r["kgload"]["failed"] == 0 and r["kgload"]["added"] == 200
    # kg's trace and the networkx baseline reach the same documents
    assert r["query"]["trace_docs"] == r["query"]["naive_trace_docs"] > 0
    # a second run reuses the corpus (same generator, seed and size)
    assert (tmp_path / "200" / "corpus.stamp").exists()


def test_kg_load_phases_are_read_from_its_timings_line() -> None:
    from bench.bench_scale import phases

    err = ("progress\ntimings: total 12.50 s, extract 4.30 s, handoff 0.01 s, align 2.75 s, "
           "write 1.61 s\n")
    assert phases(err) == {"total": 12.5, "extract": 4.3, "handoff": 0.01, "align": 2.75,
                           "write": 1.61}
    assert phases("no timings here") == {}
