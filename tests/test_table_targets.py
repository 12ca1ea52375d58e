"""Targets and results read from a report's indicator table, by its columns."""

from graph.model import Source
from loaders.pipeline import extract_text

REPORT = """ỦY BAN NHÂN DÂN
TỈNH PHÚ THỌ
Số: 77/BC-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Phú Thọ, ngày 12 tháng 12 năm 2027

BÁO CÁO
Kết quả chuyển đổi số năm 2027

I. KẾT QUẢ
| STT | Chỉ tiêu | Kế hoạch năm 2027 | Thực hiện | Đánh giá |
|---|---|---|---|---|
| 1 | Tỷ lệ thủ tục trực tuyến toàn trình | 60% | 52,5% | Chưa đạt |
| 2 | Số điểm truy cập công cộng | 40 | 47 | Vượt |
II. NHIỆM VỤ
| TT | Nội dung | Cơ quan chủ trì | Thời gian thực hiện |
|---|---|---|---|
| 1 | Nâng cấp trung tâm dữ liệu | Sở Khoa học và Công nghệ | 2028 |
"""


def test_an_indicator_tables_columns_are_targets_and_results_of_the_headers_year():
    ex = extract_text(REPORT, Source("src:tt", "r.txt", "", "", 0, "utf-8"))
    got = [(t.kind, t.indicator, t.value, t.year, t.subject) for t in ex.targets]
    assert got == [
        ("target", "Tỷ lệ thủ tục trực tuyến toàn trình", 60, 2027, "Phú Thọ"),
        ("achievement", "Tỷ lệ thủ tục trực tuyến toàn trình", 52.5, 2027, "Phú Thọ"),
        ("target", "Số điểm truy cập công cộng", 40, 2027, "Phú Thọ"),
        ("achievement", "Số điểm truy cập công cộng", 47, 2027, "Phú Thọ")]
    # each figure's evidence points at its own cell
    assert [REPORT[t.evidence.start:t.evidence.end] for t in ex.targets] == [
        "60%", "52,5%", "40", "47"]
