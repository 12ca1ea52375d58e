"""Every input named or found is accounted for: loaded, unchanged, failed (with the reason) or
skipped (with the reason); a missing path is a failed input, not an abort."""

from __future__ import annotations

import json

from click.testing import CliRunner

from graph import open_store
from kg.cli import cli
from kg.ingest import ingest

PLAN = ("ỦY BAN NHÂN DÂN TỈNH BẮC NINH\nSố: 14/KH-UBND\nKẾ HOẠCH\nPhát triển chợ truyền thống\n"
        "II. NHIỆM VỤ\n1. Sở Công Thương chủ trì rà soát quy hoạch chợ.\n")


def folder(tmp_path):
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "in" / "plan.txt").write_text(PLAN, encoding="utf-8")
    (tmp_path / "in" / "scan.jpg").write_bytes(b"\xff\xd8\xff")
    (tmp_path / "in" / "sub" / "budget.xlsx").write_bytes(b"PK\x03\x04")
    (tmp_path / "in" / ".hidden.txt").write_text("x", encoding="utf-8")  # ignored, not counted
    return tmp_path / "in"


def test_the_library_reports_skipped_files_and_missing_paths(tmp_path):
    src = folder(tmp_path)
    store = open_store(str(tmp_path / "kg.lbdb"))
    try:
        report = ingest(store, [src, tmp_path / "gone.txt"])
    finally:
        store.close()
    assert report.added == ["plan.txt"]
    assert report.errors == [(str(tmp_path / "gone.txt"), "does not exist")]
    assert [(f.rsplit("/", 1)[-1], why) for f, why in report.skipped] == [
        ("scan.jpg", "unsupported type '.jpg'"), ("budget.xlsx", "unsupported type '.xlsx'")]


def test_kg_load_counts_every_input_and_loads_the_rest(tmp_path):
    src = folder(tmp_path)
    r = CliRunner().invoke(cli, ["--store", str(tmp_path / "kg.lbdb"), "load", "--jobs", "1",
                                 "--format", "json", str(src), str(tmp_path / "gone.txt")])
    assert r.exit_code == 1
    out = json.loads(r.stdout)
    assert (out["added"], out["failed"], out["skipped"]) == (1, 1, 2)
    assert out["errors"] == [{"file": str(tmp_path / "gone.txt"), "error": "does not exist"}]
    assert [f["reason"] for f in out["skipped_files"]] == ["unsupported type '.jpg'",
                                                          "unsupported type '.xlsx'"]
    r = CliRunner().invoke(cli, ["--store", str(tmp_path / "kg.lbdb"), "load", "--jobs", "1",
                                 "--quiet", str(src)])
    assert r.exit_code == 0 and "1 unchanged, 0 failed, 2 skipped" in r.stdout
    assert "budget.xlsx: unsupported type '.xlsx'" in r.stderr


def test_kg_extract_reads_the_rest_when_a_path_is_missing(tmp_path):
    src = folder(tmp_path)
    r = CliRunner().invoke(cli, ["extract", str(tmp_path / "gone.txt"), str(src),
                                 "--format", "gold"])
    assert r.exit_code == 1
    assert "source: plan.txt" in r.stdout and "14/KH-UBND" in r.stdout
    assert f"error: {tmp_path / 'gone.txt'}: does not exist" in r.stderr
    assert "skipped: " in r.stderr and "scan.jpg" in r.stderr
