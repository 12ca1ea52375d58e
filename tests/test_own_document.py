"""The text's own document wherever its header is: page furniture, metadata fields, table
layouts, a lost title block, a letter, a reproduced resolution. Never twice."""

from __future__ import annotations

import datetime as dt

from graph.model import Source
from loaders.pipeline import extract_text


def run(text: str, url: str | None = None):
    ex = extract_text(text, Source("src:00000000000000ee", "x.txt", "", "", 0, "utf-8", url=url))
    own = [d for d in ex.documents if d.is_subject]
    return ex, own


TABLE_PAGE = """Trang chủ | Văn bản | Tra cứu
Số hiệu: 45/KH-UBND Loại văn bản: Kế hoạch
Nơi ban hành: Tỉnh Sơn La Người ký: Nguyễn Văn A
Ngày ban hành: 02/03/2022
ỦY BAN NHÂN DÂN
TỈNH SƠN LA
-------
|
CỘNG HÒA XÃ HỘI
CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
|
Số: 45/KH-UBND
|
Sơn La, ngày
2 tháng 3 năm 2022
|
**KẾ HOẠCH**
TRIỂN KHAI THỰC HIỆN CHỈ THỊ SỐ 07/CT-TTG CỦA THỦ TƯỚNG CHÍNH PHỦ
Thực hiện Chỉ thị số 07/CT-TTg ngày 10/1/2022 của Thủ tướng Chính phủ về phát
triển thể thao quần chúng, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:
I. MỤC ĐÍCH
1. Nâng cao sức khỏe người dân.
"""


def test_header_in_a_table_layout_after_page_furniture():
    ex, own = run(TABLE_PAGE)
    assert len(own) == 1
    d = own[0]
    assert (d.symbol, d.type, d.locality, d.date) == ("45/KH-UBND", "Kế hoạch", "Sơn La",
                                                      dt.date(2022, 3, 2))
    assert [d.symbol for d in ex.documents].count("45/KH-UBND") == 1
    assert not any(x.symbol is None for x in ex.documents)  # the self-mention is no second one
    assert {(e.source_doc, e.target_doc) for e in ex.implements} == {
        ("doc:45/KH-UBND@son-la", "doc:07/CT-TTg")}


def test_metadata_fields_place_a_header_that_lost_its_letters():
    text = ("Số hiệu: 77/QĐ-UBND\nNơi ban hành: Tỉnh Đắk Nông\nNgày ban hành: 05/06/2019\n\n"
            "ỦY BAN NHÂN DÂN\nTỈNH ĐK NÔNG\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\n"
            "Số: 77/QĐ-UBND\n\nQUYẾT ĐỊNH\n\nVỀ VIỆC BAN HÀNH KẾ HOẠCH PHÒNG CHỐNG THIÊN TAI\n")
    _, own = run(text)
    assert [(d.symbol, d.locality, d.date) for d in own] == [
        ("77/QĐ-UBND", "Đắk Nông", dt.date(2019, 6, 5))]


def test_header_without_title_block_takes_the_type_of_its_number():
    text = ("- 1Nghị quyết 19-NQ/TW năm 2017 về đơn vị sự nghiệp công lập\n"
            "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
            "Số: 66/KH-UBND | Hà Giang, ngày 8 tháng 4 năm 2019 |\n"
            "Thực hiện Nghị quyết số 19-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương, Ủy "
            "ban nhân dân tỉnh ban hành Kế hoạch như sau:\n")
    ex, own = run(text)
    assert [(d.symbol, d.type, d.date) for d in own] == [
        ("66/KH-UBND", "Kế hoạch", dt.date(2019, 4, 8))]
    assert any(e.target_doc == "doc:19-NQ/TW" for e in ex.implements)


def test_official_letter_is_a_cong_van():
    text = ("BỘ NỘI VỤ\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nSố: 512/BNV-TCBC\n"
            "V/v hướng dẫn sắp xếp tổ chức bộ máy\n\nHà Nội, ngày 9 tháng 2 năm 2018\n\n"
            "Kính gửi: Ủy ban nhân dân các tỉnh.\n")
    _, own = run(text)
    assert [(d.symbol, d.type, d.date) for d in own] == [
        ("512/BNV-TCBC", "Công văn", dt.date(2018, 2, 9))]


def test_a_reproduced_resolution_is_the_texts_own_unnumbered_document():
    text = ("Bài viết giới thiệu nội dung chính.\n"
            "Trên cơ sở quán triệt Nghị quyết số 52-NQ/TW ngày 17/9/2019 của Bộ Chính trị; Ban "
            "Thường vụ Tỉnh ủy ban hành Nghị quyết về chuyển đổi số tỉnh Yên Bái với những nội "
            "dung chính như sau:\nI. QUAN ĐIỂM\n")
    ex, own = run(text)
    assert [(d.symbol, d.type, d.locality) for d in own] == [(None, "Nghị quyết", "Yên Bái")]
    assert ex.documents[0].is_subject
    assert {(e.source_doc, e.target_doc) for e in ex.implements} == {
        (own[0].uid, "doc:52-NQ/TW")}


def test_a_type_line_deep_in_news_without_a_header_is_no_own_document():
    _, own = run("Ngành y tế có kế hoạch mới\nHôm nay nhiều nơi đã triển khai.\n"
                 "Các bệnh viện tăng cường chuẩn bị.\nSở Y tế cho biết sẽ báo cáo sau.\n"
                 "Người dân đồng tình.\nKẾ HOẠCH\n")
    assert own == []


def test_a_letter_opening_with_its_addressees_is_the_own_cong_van():
    text = ("Kính gửi:\n- Các bộ, cơ quan ngang bộ;\n- Ủy ban nhân dân các tỉnh.\n"
            "Nhằm thực hiện hiệu quả Kết luận số 84-KL/TW ngày 2/7/2021 của Ban Bí thư và những đề "
            "án mà Chính phủ đã ban hành, Hội đồng kiến nghị các bộ làm các việc sau:\n"
            "1. Công tác phổ biến\n")
    ex, own = run(text)
    assert [(d.symbol, d.type) for d in own] == [(None, "Công văn")]
    assert {(e.source_doc, e.target_doc) for e in ex.implements} == {(own[0].uid, "doc:84-KL/TW")}


def test_a_place_date_line_with_a_numeric_date():
    text = ("TỈNH ỦY CAO BẰNG\n*\nSố 88-KH/TU\n\nĐẢNG CỘNG SẢN VIỆT NAM\n\n"
            "Cao Bằng, ngày 05/3/2019\n\nKẾ HOẠCH\nthực hiện Kết luận số 38-KL/TW\n\n")
    _, own = run(text)
    assert [(d.symbol, d.locality, d.date) for d in own] == [
        ("88-KH/TU", "Cao Bằng", dt.date(2019, 3, 5))]


LAW_PAGE = """QUỐC HỘI
Số: 12/2030/QH16
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hà Nội, ngày 5 tháng 6 năm 2030

BỘ LUẬT

BẢO VỆ RỪNG NGẬP MẶN

Điều 5. Hành vi phá rừng
1. Người chặt phá từ 500 mét vuông rừng ngập mặn trở lên thì bị phạt tiền từ 20.000.000
đồng đến 80.000.000 đồng.
2. Phạm tội đối với 03 khu rừng trở lên, thì bị phạt tù từ 01 năm đến 05 năm.
"""


def test_a_law_is_typed_by_its_title_line_and_its_thresholds_are_no_targets():
    ex, own = run(LAW_PAGE)
    assert [(d.symbol, d.type, d.level) for d in own] == [("12/2030/QH16", "Luật", "central")]
    assert ex.targets == []  # fines and thresholds bind everyone; they promise nothing


def test_a_decree_title_line_types_the_document():
    text = LAW_PAGE.replace("BỘ LUẬT", "NGHỊ ĐỊNH").replace("QUỐC HỘI", "CHÍNH PHỦ").replace(
        "12/2030/QH16", "88/2030/NĐ-CP")
    ex, own = run(text)
    assert [(d.symbol, d.type) for d in own] == [("88/2030/NĐ-CP", "Nghị định")]
    assert ex.targets == []


def test_a_plan_still_promises_its_figures():
    text = LAW_PAGE.replace("BỘ LUẬT", "KẾ HOẠCH").replace("QUỐC HỘI", "CHÍNH PHỦ").replace(
        "12/2030/QH16", "88/KH-CP").replace(
        "Điều 5. Hành vi phá rừng", "I. MỤC TIÊU\nĐến năm 2035, trồng mới 90% diện tích đã mất.")
    ex, own = run(text)
    assert [d.type for d in own] == ["Kế hoạch"]
    assert any(t.value == 90 and t.kind == "target" for t in ex.targets)


MINISTRY_UNIT_LETTER = """BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG
CỤC QUẢN LÝ ĐÊ ĐIỀU
VÀ PHÒNG CHỐNG THIÊN TAI
Số: 415/ĐĐ-PCTT
V/v rà soát phương án
phòng chống lũ năm 2031
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hà Nội, ngày 14 tháng 3 năm 2031
Kính gửi: Sở Nông nghiệp và Môi trường tỉnh Nghệ An
Cục đề nghị Sở rà soát phương án phòng chống lũ trên địa bàn và gửi kết quả trước ngày 30/4.
"""


def test_a_letter_of_a_ministry_unit_is_central_whoever_it_is_sent_to():
    _, own = run(MINISTRY_UNIT_LETTER)
    assert len(own) == 1
    d = own[0]
    assert (d.symbol, d.level, d.locality) == ("415/ĐĐ-PCTT", "central", None)
    assert d.issuer is not None and d.issuer.lower().startswith("cục quản lý đê điều")
