"""Targets and achievements: numbers, kinds, subjects."""

from dataclasses import replace
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


def found(text: str, **kw) -> list[tuple]:
    return [(t.kind, t.subject, t.value, t.year) for t in find_targets(ctx_of(text, **kw))]


def test_achieved_against_planned_pairs_report_the_first_figure():
    text = "Năm 2023 thu ngân sách đạt 12.345/10.000 tỷ đồng; tỷ lệ giải ngân 91,5%/80%."
    got = find_targets(ctx_of(text))
    assert [(t.kind, t.value, t.unit) for t in got] == [
        ("achievement", 12345, "tỷ đồng"), ("achievement", 91.5, "percent")]


def test_amounts_in_billions_keep_the_printed_figure_smaller_ones_are_dong():
    assert values("huy động 2.500 tỷ đồng và hỗ trợ 40 triệu đồng mỗi hộ") == [2500, 40_000_000]


def test_reductions_take_the_province_of_the_text_when_the_body_names_none():
    text = "Sau sắp xếp, sở giảm 3 phòng và 2 đầu mối trực thuộc."
    assert found(text, default_locality="Nam Định") == [
        ("achievement", "Nam Định", 3, None), ("achievement", "Nam Định", 2, None)]


def test_caps_and_delegations_are_not_results():
    text = ("Đoàn công tác của tỉnh gồm 9 người. Mỗi lớp tập huấn không quá 40 người, "
            "tối đa 6 đồng chí mỗi huyện.")
    assert found(text) == []


def test_national_figures_have_no_subject_even_on_a_provincial_text():
    text = ("Từ năm 2020 đến nay, Chính phủ đã ban hành khoảng 300 nghị định. "
            "Thành phố đã ban hành 12 văn bản hướng dẫn. Theo chỉ đạo của Chính phủ, "
            "tỉnh đã giải ngân 85% vốn.")
    assert found(text, default_locality="Hà Nội") == [
        ("achievement", None, 300, None), ("achievement", "Hà Nội", 12, None),
        ("achievement", "Hà Nội", 85, None)]


def test_documents_count_only_when_issued_and_reference_numbers_never():
    assert found("Quốc hội đã thông qua 15 luật trong kỳ họp.") == [
        ("achievement", None, 15, None)]
    assert found("Thực hiện theo Điều 12 Luật Tổ chức chính quyền địa phương; 4 nghị định "
                 "khác còn hiệu lực.") == []


def test_headings_give_tense_and_year_to_the_items_below_across_hard_wraps():
    text = ("**2. Mục tiêu đến năm 2030**\n\n- 95% hồ sơ được\nxử lý trực tuyến.\n\n"
            "- Giảm 30% thời gian\ngiải quyết thủ tục.\n\n**3. Nhiệm vụ**\n\n"
            "- Năm 2024 đã giảm 12% chi phí.")
    assert found(text) == [("target", None, 95, 2030), ("target", None, 30, 2030),
                           ("achievement", None, 12, 2024)]


def test_a_wrapped_item_keeps_the_cue_printed_on_the_line_before():
    text = "a) Đến hết năm 2027: Có ≥\n40% hợp tác xã ứng dụng công nghệ số.\n"
    assert found(text) == [("target", None, 40, 2027)]


def test_a_paragraph_that_continues_keeps_the_tense_and_year():
    text = ("Chương trình đặt mục tiêu đến năm 2030, tỷ lệ lao động qua đào tạo đạt 70%.\n"
            "Cùng với đó, tỷ lệ thất nghiệp dưới 4%.\n"
            "Năm qua, tỷ lệ này là 2,5%.")
    assert found(text) == [("target", None, 70, 2030), ("target", None, 4, 2030),
                           ("achievement", None, 2.5, None)]


def test_indicators_with_a_plain_number_and_their_descriptions():
    text = ("Phấn đấu tuổi thọ bình quân đạt khoảng 76,5 tuổi; tỷ số giới tính khi sinh dưới "
            "110 bé trai/100 bé gái; tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng còn 8%.")
    assert [t.value for t in find_targets(ctx_of(text))] == [76.5, 110, 8]


def test_per_mille_is_not_a_percentage():
    (t,) = find_targets(ctx_of("Phấn đấu giảm tỷ suất sinh 0,3%0 mỗi năm."))
    assert (t.value, t.unit) == (0.3, "permille")


def test_the_source_line_and_the_recipient_block_hold_no_results():
    text = ("# source: https://example.vn/muc-tieu-den-nam-2030%2C-phan-dau\n"
            "Quyết định có hiệu lực từ ngày ký.\n\nNơi nhận:\n- UBND 34 tỉnh, thành phố;\n"
            "- Lưu: VT.\n")
    assert found(text) == []


def test_collectives_count_as_award_recipients_with_an_elided_second_unit():
    assert found("Dịp này, huyện trao giấy khen cho 6 tập thể và 4") == [
        ("achievement", None, 6, None), ("achievement", None, 4, None)]
    assert found("Đã xử lý kỷ luật 4 tập thể và 9 cá nhân vi phạm.") == [
        ("achievement", None, 9, None)]


def test_breakdowns_are_read_with_their_tone_marks():
    assert [t.value for t in find_targets(ctx_of(
        "Đã sắp xếp 20 xã, trong đó có 3 xã miền núi; tỷ lệ người trong độ tuổi lao động "
        "có việc làm đạt 70%."))] == [20, 70]
    assert [t.value for t in find_targets(ctx_of(
        "Kế hoạch bố trí nhân sự ở 60% cơ sở. Trong đó, mỗi nơi có ít nhất từ 01-02 cán bộ "
        "chuyên trách."))] == [60, 2]


def test_runs_of_years_are_counts_but_dates_are_not():
    assert [(t.kind, t.value) for t in find_targets(ctx_of(
        "Đơn vị liên tục 3 năm 2021, 2022, 2023 hoàn thành xuất sắc nhiệm vụ."))] == [
        ("achievement", 3)]
    assert found("Tờ trình ngày 04 tháng 11 năm 2009, của Sở Y tế.") == []


def test_an_own_plan_promises_an_own_report_reports_and_the_plan_gives_its_province():
    from tests.factories import doc, source

    text = "Năm nay có 45% hồ sơ được xử lý trực tuyến."

    def with_own(type_: str) -> list[tuple]:
        src = source("t.txt", text)
        own = doc(src, "kh:1", "12/KH-UBND", type_, "provincial", locality="Lào Cai")
        own = replace(own, is_subject=True)
        return found(text, documents=[own])

    assert with_own("Kế hoạch") == [("target", "Lào Cai", 45, None)]
    assert with_own("Báo cáo") == [("achievement", "Lào Cai", 45, None)]


def test_a_planned_figure_in_brackets_does_not_make_the_result_a_promise():
    text = ("Kết quả năm 2025 của tỉnh Yên Bái:\n"
            "- Tỷ lệ xã đạt chuẩn nông thôn mới đạt 91,2% (chỉ tiêu 90%).")
    assert [(k, v) for k, _, v, _ in found(text)] == [("achievement", 91.2), ("target", 90)]


def test_a_target_names_its_year_after_the_value_or_takes_the_one_before():
    text = ("Đến năm 2028, tỷ lệ xã đạt chuẩn nông thôn mới là 70%; "
            "bảo đảm tỷ lệ hồ sơ nộp trực tuyến đạt 85% trong năm 2027.")
    assert [(t.kind, t.value, t.year) for t in find_targets(ctx_of(text))] == [
        ("target", 70, 2028), ("target", 85, 2027)]


def test_a_planned_figure_in_brackets_sets_the_kind_of_its_own_figure_only():
    # "(chỉ tiêu 10%)" is the plan of the figure before it; the next sentence of the report
    # is still a result
    text = ("Tỷ lệ chi bộ đạt trong sạch vững mạnh là 91% (chỉ tiêu 85%). "
            "Số đảng viên mới kết nạp là 312 đồng chí.")
    assert [(t.kind, t.value) for t in find_targets(ctx_of(text))] == [
        ("achievement", 91), ("target", 85), ("achievement", 312)]


def test_a_target_striven_for_in_a_year_takes_that_year():
    text = "Phấn đấu năm 2028 tỷ lệ hồ sơ trực tuyến toàn trình đạt 75%."
    assert found(text) == [("target", None, 75, 2028)]
