"""Paragraphs and headings as the target finder reads them (loaders.target_layout)."""

from loaders.matching import fold_same_length
from loaders.target_layout import Layout
from loaders.target_values import value_hits


def layout_of(text: str) -> Layout:
    folded = fold_same_length(text)
    return Layout(text, folded, value_hits(folded))


def test_wrapped_lines_join_but_items_blank_lines_and_sentence_ends_do_not():
    text = ("b) Đến năm 2028: Có ít nhất\n60% xã đạt chuẩn nông thôn mới.\n"
            "- 30% hộ có điện mặt trời.\n\nTỷ lệ che phủ rừng là 45%.\nNăm tới đạt 47%.\n")
    got = [text[a:b] for a, b in layout_of(text).paragraphs()]
    assert got == ["b) Đến năm 2028: Có ít nhất\n60% xã đạt chuẩn nông thôn mới.",
                   "- 30% hộ có điện mặt trời.", "Tỷ lệ che phủ rừng là 45%.",
                   "Năm tới đạt 47%."]


def test_headings_above_a_paragraph_nearest_first_each_shallower():
    text = ("II. MỤC TIÊU\n\n1. Mục tiêu chung\n\nNâng cao đời sống.\n\n2. Mục tiêu cụ thể\n\n"
            "2.1. Giai đoạn 2026 - 2030\n\n- 90% hồ sơ trực tuyến.\n")
    lay = layout_of(text)
    (a, _), = lay.paragraphs()
    assert [text[h.start:h.end] for h in lay.above(a)] == [
        "2.1. Giai đoạn 2026 - 2030", "2. Mục tiêu cụ thể", "II. MỤC TIÊU"]


def test_the_source_line_and_recipients_are_never_read():
    text = ("# source: https://example.vn/a-50%-b\nDự kiến khai trương.\n\n*Nơi nhận:*\n"
            "- UBND 20 xã;\n- Lưu: VT.\nTHƯỜNG TRỰC\n")
    assert list(layout_of(text).paragraphs()) == []
