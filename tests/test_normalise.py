"""Normalisation before extraction: web and PDF damage repaired, offsets kept or mapped back."""

from __future__ import annotations

from loaders.normalise import join_wrapped, normalise, wrap_width


def test_markup_and_pipes_keep_the_length():
    text = "**KẾ HOẠCH** | Số: 7/KH-UBND |\n|\n*Lào Cai, ngày 3 tháng 2 năm 2024*"
    n = normalise(text)
    assert len(n.text) == len(text) and n.inserts == ()
    assert "*" not in n.text and "|" not in n.text
    lines = [x.strip() for x in n.text.split("\n") if x.strip()]
    assert lines == ["KẾ HOẠCH", "Số: 7/KH-UBND", "Lào Cai, ngày 3 tháng 2 năm 2024"]


def test_non_breaking_and_zero_width_spaces_become_spaces():
    n = normalise("Nghị\u00a0quyết số 5-NQ/\u200bTU")
    assert n.text == "Nghị quyết số 5-NQ/ TU"


def test_hard_wraps_rejoined_inside_sentences_and_cells():
    text = ("Căn cứ Nghị quyết số 12/NQ-CP ngày 4 tháng\n3 năm 2021 của Chính phủ về việc tăng\n"
            "cường công tác dân số;\nCăn cứ Luật Tổ chức chính quyền địa phương;")
    lines = join_wrapped(text).split("\n")
    assert lines[0].endswith("tăng cường công tác dân số;")
    assert lines[1].startswith("Căn cứ Luật")


def test_list_items_headings_and_header_kinds_stay_on_their_own_lines():
    text = ("mục tiêu như sau:\n1. Rà soát các văn bản\na) Sở Nội vụ chủ trì\n- Báo cáo kết quả\n"
            "I. MỤC ĐÍCH\n1. Mục đích\nỦY BAN NHÂN DÂN\nĐộc lập - Tự do - Hạnh phúc\n-------\n"
            "Số: 3/KH-UBND")
    assert join_wrapped(text) == text


def test_a_short_line_ends_its_paragraph_unless_lower_case_follows():
    long_line = "x" * 69 + "."
    text = "\n".join([long_line] * 9 + ["Tiêu đề ngắn", "Ngày 2 tháng 3 năm 2020, Sở ban hành",
                                       "kế hoạch."])
    assert wrap_width(text.split("\n")) == 70
    out = join_wrapped(text).split("\n")
    assert "Tiêu đề ngắn" in out and "Ngày 2 tháng 3 năm 2020, Sở ban hành kế hoạch." in out


def test_glued_words_are_split_and_offsets_map_back():
    text = "Căn cứ Kết luận số117-KL/TWngày 9 tháng 02 năm 2025 của Bộ Chính trị"
    n = normalise(text)
    assert "số 117-KL/TW ngày 9" in n.text
    assert len(n.inserts) == 2
    start = n.text.index("117-KL/TW")
    assert text[n.original(start):n.original(start) + 9] == "117-KL/TW"
    end = n.text.index("Bộ Chính trị")
    assert text[n.original(end):].startswith("Bộ Chính trị")
    assert n.normalised(text.index("Bộ Chính trị")) == end
    assert n.normalised(text.index("117")) == start
