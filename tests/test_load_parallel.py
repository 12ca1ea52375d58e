"""`kg load --jobs N` extracts in worker processes yet loads exactly what `--jobs 1` loads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli

PROVINCES = [("Nghệ An", "Tỉnh ủy", 123), ("Hải Phòng", "Thành ủy", 45), ("Cà Mau", "Tỉnh ủy", 7),
             ("Lào Cai", "Tỉnh ủy", 88), ("Đà Nẵng", "Thành ủy", 19)]


def plan(province: str, committee: str, number: int) -> str:
    return f"""{committee.upper()} {province.upper()}
Số {number}-KH/TU
{province}, ngày 2 tháng 8 năm 2018
KẾ HOẠCH
TRIỂN KHAI NGHỊ QUYẾT 26-NQ/TW (19/5/2018) CỦA BCH TRUNG ƯƠNG
Thực hiện Nghị quyết 26-NQ/TW ngày 19/5/2018 do BCH Trung ương ban hành, Ban Thường vụ \
{committee} {province} ban hành Kế hoạch như sau:
I. MỤC ĐÍCH VÀ YÊU CẦU
1. Nâng chất lượng cán bộ ở mọi cấp.
Đến năm 2025: tỷ lệ cán bộ nữ trong cấp ủy đạt từ 15% trở lên.
II. NHIỆM VỤ CỤ THỂ
1. Ban Tổ chức {committee} chủ trì, phối hợp chặt chẽ với Sở Nội vụ, các đơn vị liên quan:
(1) Rà soát, cập nhật quy hoạch cán bộ lãnh đạo các cấp (hoàn thành trong quý IV năm 2018);
(2) Xây dựng quy chế đánh giá cán bộ theo kết quả công việc (thực hiện hằng năm).
2. Giao Sở Nội vụ chủ trì, phối hợp chặt chẽ với Sở Tài chính thi tuyển chức danh trưởng phòng \
(hoàn thành trước ngày 30/6/2019).
III. TỔ CHỨC THỰC HIỆN
Các cơ quan, đơn vị báo cáo kết quả thực hiện về Ban Tổ chức {committee}./.
Nơi nhận:
- Như trên;
"""


NEWS = """Kết quả thực hiện Nghị quyết 26 ở các địa phương

Nghệ An

Ban Thường vụ Tỉnh ủy Nghệ An đã ký ban hành Kế hoạch 123-KH/TU ngày 2-8-2018.
Đến nay, tỉnh đã bố trí 12/21 (57,1%) bí thư cấp huyện không là người địa phương.
"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for i, (province, committee, number) in enumerate(PROVINCES):
        (folder / f"{i:02d}_plan.txt").write_text(plan(province, committee, number), "utf-8")
    (folder / "05_news.txt").write_text(NEWS, "utf-8")
    (folder / "06_utf16.txt").write_bytes(plan("Bình Định", "Tỉnh ủy", 31).encode("utf-16"))
    (folder / "07_broken.txt").write_bytes(b"\x81\x8d\x8f\x90\x9d" * 20)
    (folder / "08_empty.txt").write_bytes(b"")
    return folder


def run(store: Path, *args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(cli, ["--store", str(store), *args], catch_exceptions=False)
    return r.exit_code, r.stdout, r.stderr


@pytest.fixture(scope="module")
def loaded(corpus, tmp_path_factory) -> dict[int, tuple[Path, dict]]:
    out = {}
    for jobs in (1, 2):
        store = tmp_path_factory.mktemp(f"jobs{jobs}") / "kg.lbdb"
        code, summary, _ = run(store, "load", str(corpus), "--jobs", str(jobs), "--format", "json")
        assert code == 1  # two bad files
        out[jobs] = (store, json.loads(summary))
    return out


def test_bad_files_are_reported_by_name_whatever_the_jobs(loaded):
    for jobs in (1, 2):
        _, summary = loaded[jobs]
        failed = {Path(e["file"]).name: e["error"] for e in summary["errors"]}
        assert set(failed) == {"07_broken.txt", "08_empty.txt"}, jobs
        assert "supported encoding" in failed["07_broken.txt"] and "empty" in failed["08_empty.txt"]
    (_, one), (_, two) = loaded[1], loaded[2]
    assert {k: v for k, v in one.items() if k != "store"} == {
        k: v for k, v in two.items() if k != "store"}
    assert one["added"] == 7


def test_the_graph_is_the_same_with_one_or_two_jobs(loaded):
    (one, _), (two, _) = loaded[1], loaded[2]
    for args in (["stats"], ["trace", "26-NQ/TW"], ["trace", "123-KH/TU@nghe-an", "--up"]):
        code1, out1, _ = run(one, *args, "--format", "json")
        code2, out2, _ = run(two, *args, "--format", "json")
        assert code1 == code2 == 0, args
        assert json.loads(out1) == json.loads(out2), args
    stats = json.loads(run(one, "stats", "--format", "json")[1])
    assert stats["nodes"]["Task"] > 0
    trace = json.loads(run(one, "trace", "26-NQ/TW", "--format", "json")[1])
    localities = {d["locality"] for d in trace["documents"]}
    assert {"Nghệ An", "Hải Phòng", "Bình Định"} <= localities
