"""`kg.ingest.ingest`, the library under `kg load`: called without click, it loads good files,
names a bad one with its one-line reason, and finds everything unchanged the second time."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

# Two plans of our own wording, in the structured format (docs/ANALYSIS.md).
PLAN = """symbol: {number}-KH/TU
type: Kế hoạch
issuer: Ban Thường vụ Tỉnh ủy {province}
level: provincial
locality: {province}
date: 2018-10-0{day}
implements: [26-NQ/TW]
tasks:
  - label: "1"
    text: Lập danh sách cán bộ trẻ để đưa đi đào tạo ở cơ sở.
  - label: "2"
    text: Sửa quy chế đánh giá cán bộ theo sản phẩm của từng năm.
"""

# Runs in a fresh interpreter, so that what it imports is what the library needs.
SCRIPT = """
import json, sys
from graph import open_store
from kg.ingest import ingest

store = open_store(sys.argv[1])
reports = [ingest(store, sys.argv[2:]) for _ in range(2)]
store.close()
print(json.dumps({"click": "click" in sys.modules,
                  "reports": [{"summary": r.summary(), "files": r.files, "added": r.added,
                               "unchanged": r.unchanged, "errors": r.errors,
                               "timings": list(r.timings)} for r in reports]}))
"""


def test_ingest_loads_without_click_names_the_bad_file_and_reloads_nothing(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "lao_cai.yaml").write_text(PLAN.format(number=21, province="Lào Cai", day=1),
                                         encoding="utf-8")
    (folder / "ca_mau.yaml").write_text(PLAN.format(number=35, province="Cà Mau", day=2),
                                        encoding="utf-8")
    bad = folder / "scan.docx"
    bad.write_bytes(b"a saved page, not a Word file")
    run = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path / "kg.lbdb"), str(folder)],
                         cwd=ROOT, capture_output=True, text=True, timeout=300,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    assert not out["click"]
    first, again = out["reports"]
    assert first["files"] == again["files"] == 3
    assert sorted(first["added"]) == ["ca_mau.yaml", "lao_cai.yaml"]
    [(path, reason)] = first["errors"]
    assert path == str(bad) and "\n" not in reason and "DOCX" in reason
    assert first["summary"]["failed"] == 1 and first["summary"]["aligned"] >= 2
    assert first["timings"][0] == "total"
    assert (again["added"], sorted(again["unchanged"])) == ([], ["ca_mau.yaml", "lao_cai.yaml"])
    assert again["errors"] == first["errors"] and again["summary"]["aligned"] == 0


@pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="../shared is not beside the repo")
def test_the_readme_library_example_runs(tmp_path):
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## Library use\n.*?```python\n(.*?)```", text, re.S)
    assert block, "README has no Library use example"
    work = tmp_path / "checkout"  # the example names ../shared/seeds
    work.mkdir()
    (tmp_path / "shared").symlink_to(SHARED)
    run = subprocess.run([sys.executable, "-c", block[1]], cwd=work, capture_output=True,
                         text=True, timeout=600, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert run.returncode == 0, run.stderr
    summary, symbols = run.stdout.splitlines()
    assert "'added': 5" in summary and "'failed': 0" in summary
    assert "123-KH/TU" in symbols
