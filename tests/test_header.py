"""Document headers: the issuer, its level, province and unit; the plan a header opens."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from graph.model import Source
from loaders.header import read_header, unit_name
from loaders.pipeline import extract_text
from loaders.subject import find_subject

FIXTURES = Path(__file__).parent / "fixtures" / "texts"
SRC = Source("src:00000000000000dd", "plan.txt", "", "", 0, "utf-8")


@pytest.mark.parametrize(("header", "expected"), [
    ("TỈNH ỦY QUẢNG BÌNH\n*\nSố 71-KH/TU\nĐẢNG CỘNG SẢN VIỆT NAM\n",
     ("Tỉnh ủy Quảng Bình", "provincial", "Quảng Bình", None)),
    ("ĐẢNG BỘ TỈNH THÁI NGUYÊN\nHUYỆN ỦY ĐỊNH HÓA\n*\nSố 12-KH/HU\n",
     ("Huyện ủy Định Hóa", "district", "Thái Nguyên", "huyện Định Hóa")),
    ("ĐẢNG BỘ HUYỆN MINH HÓA\nĐẢNG ỦY XÃ HÓA SƠN\n*\nSố 05-KH/ĐU\n",
     ("Đảng ủy xã Hóa Sơn", "commune", None, "xã Hóa Sơn")),
    ("ĐẢNG BỘ TỈNH QUẢNG NINH\nTHÀNH ỦY HẠ LONG\n*\nSố 3-KH/TU\n",  # a provincial city
     ("Thành ủy Hạ Long", "district", "Quảng Ninh", "thành phố Hạ Long")),
    ("ỦY BAN NHÂN DÂN\nTỈNH CÀ MAU\nSố: 103/KH-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n",
     ("Ủy ban nhân dân tỉnh Cà Mau", "provincial", "Cà Mau", None)),
    ("ỦY BAN NHÂN DÂN\nPHƯỜNG 3\nSố: 7/KH-UBND\n",
     ("Ủy ban nhân dân phường 3", "commune", None, "phường 3")),
    # two columns run together by a PDF conversion; a department under its province
    ("UBND TỈNH LẠNG SƠN   CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
     "SỞ NỘI VỤ   Độc lập - Tự do - Hạnh phúc\nSố: 1/KH-SNV\n",
     ("Sở Nội vụ", "provincial", "Lạng Sơn", None)),
    ("CHÍNH PHỦ\nSố: 132/NQ-CP\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n",
     ("Chính phủ", "central", None, None)),
])
def test_header_names_and_places_the_issuer(header, expected):
    org = read_header(header, len(header))
    assert (org.name, org.level, org.province, org.unit) == expected


def test_no_header_no_issuer():
    text = "Nhìn lại một năm thực hiện Nghị quyết 26\nHà Nội, ngày 5 tháng 6 năm 2019\n"
    assert read_header(text, len(text)) is None


def test_unit_name_drops_the_kind():
    assert unit_name("thị xã Quảng Yên") == "Quảng Yên"
    assert unit_name("xã Hóa Sơn") == "Hóa Sơn"


def test_party_plan_is_one_numbered_document():
    """The header's number, date and province, and the preamble's "Ban Thường vụ Tỉnh ủy ban
    hành Kế hoạch … như sau:" are one plan, not a numbered and an unnumbered one."""
    ex = extract_text((FIXTURES / "party_plan.txt").read_text(encoding="utf-8"), SRC)
    plans = [d for d in ex.documents if d.type == "Kế hoạch" and d.symbol != "10-KH/TW"]
    assert len(plans) == 1
    p = plans[0]
    assert (p.uid, p.symbol, p.issuer, p.level, p.locality, p.date, p.is_subject) == (
        "doc:71-KH/TU@quang-binh", "71-KH/TU", "Ban Thường vụ Tỉnh ủy Quảng Bình", "provincial",
        "Quảng Bình", dt.date(2018, 8, 2), True)
    links = {(e.source_doc, e.target_doc, e.basis) for e in ex.implements}
    assert ("doc:71-KH/TU@quang-binh", "doc:26-NQ/TW", "explicit") in links
    assert ("doc:71-KH/TU@quang-binh", "doc:10-KH/TW", "explicit") in links
    assert {t.document for t in ex.tasks} == {"doc:71-KH/TU@quang-binh"}


def test_commune_plan_issuer_level_and_unit():
    ex = extract_text((FIXTURES / "commune_plan.txt").read_text(encoding="utf-8"), SRC)
    subject = next(d for d in ex.documents if d.is_subject)
    assert (subject.uid, subject.issuer, subject.level, subject.locality) == (
        "doc:05-KH/ĐU@quang-binh/xa-hoa-son", "Ban Chấp hành Đảng bộ xã Hóa Sơn", "commune",
        "Quảng Bình")
    assert sum(1 for d in ex.documents if d.type == "Kế hoạch") == 3  # no unnumbered duplicate


@pytest.mark.parametrize(("text", "title"), [
    ("KẾ HOẠCH\nthực hiện Nghị quyết 26-NQ/TW\nvề công tác cán bộ\n\nThực hiện …",
     "thực hiện Nghị quyết 26-NQ/TW về công tác cán bộ"),
    ("KẾ HOẠCH\nTHỰC HIỆN NGHỊ QUYẾT 26-NQ/TW\nI. MỤC ĐÍCH VÀ YÊU CẦU\n1. Quán triệt.",
     "THỰC HIỆN NGHỊ QUYẾT 26-NQ/TW"),
    # no blank line: the preamble is no summary
    ("KẾ HOẠCH\nThực hiện Nghị quyết 26-NQ/TW, UBND tỉnh ban hành Kế hoạch như sau:\n"
     "I. MỤC ĐÍCH\n", None),
])
def test_summary_under_the_type_name_is_the_title(text, title):
    assert find_subject(text, []).title == title


def test_the_motto_is_never_the_issuer_however_it_was_wrapped_or_spaced():
    # a PDF's text: header lines wrapped mid-phrase, lines ending in spaces
    head = ("ỦY BAN NHÂN DÂN  \nTỈNH ĐIỆN BIÊN  \n|\nCỘNG HÒA XÃ  \nHỘI CHỦ NGHĨA VIỆT NAM  \n"
            "Độc lập -  Tự do - Hạnh phúc  \nSố: 41/KH-UBND\n")
    issuer = read_header(head.replace("XÃ  \nHỘI", "XÃ   HỘI"), len(head))
    assert issuer is not None and issuer.name == "Ủy ban nhân dân tỉnh Điện Biên"


def test_a_cited_documents_body_is_not_the_issuer_of_the_text():
    # "… Quyết định số X của Thủ tướng Chính phủ về việc ban hành …" describes the cited
    # decision; the text's own issuer is not the Prime Minister
    text = ("Số hiệu 12/KH-UBND\nNơi ban hành: Tỉnh Điện Biên\n\nKẾ HOẠCH\nPHÁT TRIỂN DU LỊCH CỘNG "
            "ĐỒNG\n\nThực hiện Quyết định số 77/QĐ-TTg ngày 3/2/2030 của Thủ tướng Chính phủ "
            "về việc ban hành Chương trình phát triển du lịch cộng đồng, tỉnh xây dựng kế hoạch "
            "như sau:\n"
            "I. MỤC TIÊU\n")
    own = [d for d in extract_text(text, Source("src:00000000000000a1", "x.txt", "", "", 0,
                                                "utf-8")).documents if d.is_subject]
    assert [(d.symbol, d.locality) for d in own] == [("12/KH-UBND", "Điện Biên")]
    assert own[0].issuer != "Thủ tướng Chính phủ"


@pytest.mark.parametrize(("line", "issuer", "level"), [
    ("CHỈ THỊ CỦA THỦ TƯỚNG CHÍNH PHỦ", "Thủ tướng Chính phủ", "central"),
    ("NGHỊ ĐỊNH CỦA CHÍNH PHỦ", "Chính phủ", "central"),
    ("QUYẾT ĐỊNH CỦA BỘ TRƯỞNG BỘ NỘI VỤ", "Bộ Nội vụ", "central"),
    ("QUYẾT ĐỊNH CỦA CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LAI CHÂU",
     "Ủy ban nhân dân tỉnh Lai Châu", "provincial"),
])
def test_a_type_line_that_names_its_issuer(line, issuer, level):
    # older texts on legal databases print "<TYPE> CỦA <body>" as the title line, no header
    text = (f"{line}\nVề việc tổ chức thực hiện Nghị quyết 99-NQ/TW ngày 1/2/2003\n\n"
            "Ngày 1 tháng 2 năm 2003, Bộ Chính trị đã ban hành Nghị quyết số 99-NQ/TW về "
            "một việc lớn. Để thực hiện tốt, yêu cầu các cơ quan làm như sau:\n1. Một việc.\n")
    subject = find_subject(text, [])
    assert subject is not None and subject.issuer is not None
    assert (subject.issuer.name, subject.issuer.level) == (issuer, level)
    assert subject.title == "Về việc tổ chức thực hiện Nghị quyết 99-NQ/TW ngày 1/2/2003"


def test_the_body_that_issued_another_type_is_not_the_preamble_issuer():
    # the opening tells of the resolution being carried out, issued by someone else
    text = ("CHỈ THỊ\nVề việc tổ chức thực hiện Nghị quyết 99-NQ/TW\n\n"
            "Ngày 1 tháng 2 năm 2003, Bộ Chính trị đã ban hành Nghị quyết số 99-NQ/TW về một "
            "việc lớn.\n1. Một việc.\n")
    ex = extract_text(text, SRC)
    own = next(d for d in ex.documents if d.is_subject)
    assert own.issuer != "Bộ Chính trị"
    plan = ("KẾ HOẠCH\nVề việc tổ chức thực hiện Nghị quyết 99-NQ/TW\n\n"
            "Ủy ban nhân dân tỉnh Lai Châu ban hành Kế hoạch thực hiện như sau:\n1. Một việc.\n")
    own = next(d for d in extract_text(plan, SRC).documents if d.is_subject)
    assert own.issuer == "Ủy ban nhân dân tỉnh Lai Châu"


def test_a_summary_in_lower_case_under_the_type_line_stays_the_title():
    # the rejoining of lines that go on in lower case must not glue the summary to "KẾ HOẠCH":
    # the title, and the link it states, were lost with it
    text = ("ĐẢNG BỘ TỈNH LAI CHÂU\nĐẢNG ỦY XÃ MƯỜNG KIM\n*\nSố 09-KH/ĐU\n"
            "ĐẢNG CỘNG SẢN VIỆT NAM\nMường Kim, ngày 3 tháng 10 năm 2025\n\nKẾ HOẠCH\n"
            "thực hiện Kế hoạch số 44-KH/TU ngày 2/9/2025 của Ban Thường vụ Tỉnh ủy\n\n"
            "I. MỤC ĐÍCH\n1. Quán triệt.\n")
    ex = extract_text(text, SRC)
    own = next(d for d in ex.documents if d.is_subject)
    assert own.title == "thực hiện Kế hoạch số 44-KH/TU ngày 2/9/2025 của Ban Thường vụ Tỉnh ủy"
    key = {d.uid: d.symbol for d in ex.documents}
    assert {(key[e.source_doc], key[e.target_doc]) for e in ex.implements} == {
        ("09-KH/ĐU", "44-KH/TU")}


def test_a_header_laid_out_in_two_columns_on_each_line():
    # a PDF's text keeps the two columns of the header side by side
    text = ("    ỦY BAN NHÂN DÂN               CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "    TỈNH SÓC TRĂNG                     Độc lập - Tự do - Hạnh phúc\n\n"
            "    Số: 77/KH-UBND                Sóc Trăng, ngày 09 tháng 6 năm 2026\n\n"
            "                              KẾ HOẠCH\n"
            "          Triển khai Nghị quyết 68-NQ/TW về kinh tế tư nhân\n\n"
            "I. MỤC ĐÍCH\n1. Bảo đảm.\n")
    own = next(d for d in extract_text(text, SRC).documents if d.is_subject)
    assert (own.symbol, own.issuer, own.locality, own.date) == (
        "77/KH-UBND", "Ủy ban nhân dân tỉnh Sóc Trăng", "Sóc Trăng", dt.date(2026, 6, 9))


@pytest.mark.parametrize("number", ["Số: 412 /KH-\nUBND", "Số: 412/\nKH-UBND"])
def test_a_header_number_cut_at_its_dash_or_slash_is_one_symbol(number):
    # a PDF's narrow header column breaks the symbol: the text has one plan, numbered
    text = ("ỦY BAN NHÂN DÂN\nTỈNH CAO BẰNG\n" + number + "\n"
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Cao Bằng, ngày 11 tháng 5 năm 2027\nKẾ HOẠCH\nTriển khai Nghị quyết số 57-NQ/TW\n"
            "I. MỤC ĐÍCH\n1. Bảo đảm.\n")
    docs = extract_text(text, SRC).documents
    assert [(d.symbol, d.is_subject) for d in docs] == [("412/KH-UBND", True),
                                                        ("57-NQ/TW", False)]


def test_a_place_date_line_without_the_word_for_day_dates_the_text():
    text = ("ỦY BAN NHÂN DÂN\nTỈNH TRÀ VINH\nSố: 64/KH-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Độc lập - Tự do - Hạnh phúc\nTrà Vinh, 07 tháng 8 năm 2027\n\nKẾ HOẠCH\n"
            "Phát triển du lịch cộng đồng\nI. MỤC ĐÍCH\n1. Bảo đảm.\n")
    own = next(d for d in extract_text(text, SRC).documents if d.is_subject)
    assert (own.symbol, own.date) == ("64/KH-UBND", dt.date(2027, 8, 7))
