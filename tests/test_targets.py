"""Targets and achievements: numbers, kinds, subjects."""

from pathlib import Path

from graph.model import Source
from loaders.context import TextContext
from loaders.targets import find_targets, find_values, parse_number

NEWS = (Path(__file__).parent / "fixtures" / "plans" / "news_roundup.txt").read_text("utf-8")


def ctx_of(text: str, **kw) -> TextContext:
    return TextContext(text, Source("src:t", "t.txt", "t.txt", "0", len(text), "utf-8"), **kw)


def test_vietnamese_numbers():
    assert parse_number("90.253") == 90253
    assert parse_number("2.700") == 2700
    assert parse_number("89,85") == 89.85


def values(text: str) -> list[float]:
    from loaders.matching import fold_same_length
    return [v.value for v in find_values(fold_same_length(text))]


def test_fraction_with_percentage_takes_the_percentage():
    assert values("đã bố trí 96/186 (51,6%) xã") == [51.6]


def test_ranges_take_the_upper_bound_and_keep_both():
    from loaders.matching import fold_same_length
    (v,) = find_values(fold_same_length("từ 15 đến 25% cán bộ"))
    assert (v.value, v.low, v.high) == (25, 15, 25)
    assert values("đạt từ 20 - 25%") == [25]


def test_counts_of_people_and_units_only():
    assert values("luân chuyển 22 đồng chí, đào tạo 90.253 lượt, ban hành 15 nhiệm vụ") == [
        22, 90253]
    assert values("Bí thư 11 tỉnh ủy đến dự; 5 năm qua; kết nối 15/15 điểm cầu") == []
    assert values("hiện đã có 47 trong tổng số 235 địa phương") == [47]


def test_money_amounts_and_rates():
    assert values("mức 2 triệu đồng/người/tháng, tối đa 120 triệu đồng/người") == [120_000_000]
    assert values("luân chuyển 3 đồng chí") == [3]


def test_dates_and_symbols_are_not_values():
    assert values("ngày 30/6/2019, Nghị định số 140/2017/NĐ-CP, tháng 12/2018") == []


def test_kinds_subjects_and_years_in_a_roundup():
    sections = [(NEWS.index("Nghệ An\n"), "Nghệ An"), (NEWS.index("Thanh Hóa\n"), "Thanh Hóa")]
    got = [(t.kind, t.subject, t.value, t.year) for t in find_targets(ctx_of(NEWS,
                                                                       localities=sections))]
    assert got == [
        ("achievement", "Nghệ An", 33.3, None),
        ("achievement", "Nghệ An", 35, None),
        ("target", "Thanh Hóa", 22, 2025),
        ("target", "Thanh Hóa", 60, 2025),
        ("achievement", "Thanh Hóa", 120_000_000, None),
    ]


def test_breakdowns_criteria_and_completion_rates():
    text = ("Đến nay đã giảm 40 đơn vị, đạt 80,5% kế hoạch (trong đó có 3 xã). "
            "Sắp xếp các xã đạt chuẩn dưới 40% của cả hai tiêu chí.")
    assert [t.value for t in find_targets(ctx_of(text))] == [80.5]


def test_province_named_in_the_paragraph_is_the_subject():
    text = "Điển hình, Quảng Ninh đã hợp nhất ở 14/14 huyện. Thí điểm ở 3/14 văn phòng."
    assert [t.subject for t in find_targets(ctx_of(text, default_locality="Hà Nội"))] == [
        "Quảng Ninh", "Quảng Ninh"]
