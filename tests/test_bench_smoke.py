"""Smoke run of the scale benchmark (bench/bench_scale.py) on a ~200-document corpus."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.bench
def test_scale_benchmark_prints_its_table(tmp_path: Path) -> None:
    p = subprocess.run([sys.executable, "-m", "bench.bench_scale", "--sizes", "200",
                        "--work", str(tmp_path), "--naive-files", "5"],
                       cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stderr
    out = p.stdout
    assert out.startswith("machine: ")
    assert "| measure | 200 docs |" in out
    for row in ("read + normalise only, MB/s", "kg load (embedded), records/s",
                "naive MERGE per row (embedded), records/s", "trace in process, s",
                "`kg trace 26-NQ/TW` cold CLI, s", "kg load peak RSS, MB"):
        line = next(ln for ln in out.splitlines() if ln.startswith(f"| {row} |"))
        assert "n/a" not in line, line
