"""`--max-file-mb` on kg extract and kg load: a file over the cap is refused in one line naming
it and its size, the other files are read, and the cap holds for that command only."""

from __future__ import annotations

import os

from click.testing import CliRunner

from kg.cli import cli

PLAN = ("ỦY BAN NHÂN DÂN TỈNH PHÚ YÊN\nSố: 31/KH-UBND\nKẾ HOẠCH\nSửa chữa đường giao thông nông "
        "thôn\nII. NHIỆM VỤ\n1. Sở Giao thông vận tải chủ trì khảo sát các tuyến xuống cấp.\n")


def _files(tmp_path):
    small = tmp_path / "small.txt"
    small.write_text(PLAN, encoding="utf-8")
    big = tmp_path / "big.txt"
    big.write_text(PLAN + "Các xã báo cáo tiến độ sửa chữa hằng tháng.\n" * 40_000,
                   encoding="utf-8")
    assert 2 * 2**20 < big.stat().st_size < 2.5 * 2**20
    return small, big


def _refusal(big, cap: str) -> list[str]:
    size = f"{round(big.stat().st_size / 2**20, 1):g}"
    return [f"error: {big}: is too large ({size} MB > {cap} MB; --max-file-mb or "
            "KG_MAX_FILE_MB raises the cap)"]


def _errors(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("error:")]


def test_extract_refuses_a_file_over_the_cap_and_reads_the_others(tmp_path):
    small, big = _files(tmp_path)
    before = os.environ.get("KG_MAX_FILE_MB")
    r = CliRunner().invoke(cli, ["extract", str(big), str(small), "--max-file-mb", "1.5"])
    assert r.exit_code == 1
    assert _errors(r) == _refusal(big, "1.5")
    assert "source: small.txt" in r.stdout and "big.txt" not in r.stdout
    assert os.environ.get("KG_MAX_FILE_MB") == before  # the cap was this command's only
    r = CliRunner().invoke(cli, ["extract", str(big), "--max-file-mb", "3"])
    assert r.exit_code == 0 and "source: big.txt" in r.stdout


def test_load_refuses_a_file_over_the_cap_in_its_workers_too(tmp_path):
    small, big = _files(tmp_path)
    r = CliRunner().invoke(cli, ["--store", str(tmp_path / "kg.lbdb"), "load", "--jobs", "2",
                                 "--max-file-mb", "1", str(small), str(big)])
    assert r.exit_code == 1
    assert _errors(r) == _refusal(big, "1")
    assert "1 added" in r.stdout and "1 failed" in r.stdout


def test_the_cap_must_be_positive():
    r = CliRunner().invoke(cli, ["extract", "x.txt", "--max-file-mb", "0"])
    assert r.exit_code == 2 and "--max-file-mb" in r.stderr
