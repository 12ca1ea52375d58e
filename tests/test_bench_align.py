"""Smoke run of the alignment benchmark (bench/bench_align.py) on the project's samples."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from graph import open_store
from kg.ingest import ingest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.bench
def test_alignment_benchmark_prints_both_trees_and_their_same_output(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "kg.lbdb"))
    report = ingest(store, [ROOT / "samples" / "corpus"], jobs=1)
    store.close()
    assert report.aligned > 0  # there are plans to align
    p = subprocess.run([sys.executable, "-m", "bench.bench_align", "--store",
                        str(tmp_path / "kg.lbdb"), "--against", str(ROOT), "--rounds", "1"],
                       cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stderr
    rows = [ln for ln in p.stdout.splitlines() if ln.startswith(("| base |", "| new |"))]
    assert len(rows) == 2, p.stdout
    assert all(ln.endswith(" same |") for ln in rows), p.stdout  # one tree: the same links
    assert f"{report.aligned} derived sources" in p.stdout
    assert "base / new CPU (best of 1): " in p.stdout
