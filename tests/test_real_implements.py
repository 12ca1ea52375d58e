"""Implements cues as real readers write them, and what is no implementation."""

from __future__ import annotations

from graph.model import Source
from loaders.pipeline import extract_text


def links(text: str) -> set[tuple[str, str]]:
    ex = extract_text(text, Source("src:00000000000000ff", "x.txt", "", "", 0, "utf-8"))
    key = {d.uid: d.symbol or f"{d.type}@{d.locality}" for d in ex.documents}
    return {(key[e.source_doc], key[e.target_doc]) for e in ex.implements}


HEADER = ("ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\n"
          "Số: 20/KH-UBND\n\nLạng Sơn, ngày 4 tháng 5 năm 2021\n\n")


def test_legal_basis_is_no_implementation_but_a_cited_description_is():
    text = HEADER + (
        "QUYẾT ĐỊNH\n\nVỀ VIỆC BAN HÀNH QUY CHẾ LÀM VIỆC\n\n"
        "Căn cứ Nghị quyết số 18-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương;\n"
        "Căn cứ Nghị quyết số 10/NQ-CP ngày 3/2/2018 của Chính phủ về việc ban hành Chương "
        "trình hành động nhằm thực hiện Nghị quyết số 18-NQ/TW ngày 25/10/2017;\n")
    assert links(text) == {("10/NQ-CP", "18-NQ/TW")}  # no programme of the province's own


def test_preamble_openers_are_carried_out_by_the_own_document():
    text = HEADER + (
        "KẾ HOẠCH\n\nCHUYỂN ĐỔI SỐ NĂM 2021\n\n"
        "Thực hiện Quyết định số 749/QĐ-TTg ngày 3/6/2020 của Thủ tướng Chính phủ; Kế hoạch "
        "số 33-KH/TU ngày 2/2/2021 của Tỉnh ủy về thực hiện Nghị quyết số 52-NQ/TW ngày "
        "17/9/2019 của Bộ Chính trị.\n\n"
        "UBND tỉnh ban hành Kế hoạch về chuyển đổi số như sau:\nI. MỤC TIÊU\n")
    assert links(text) == {("20/KH-UBND", "749/QĐ-TTg"), ("20/KH-UBND", "33-KH/TU"),
                           ("33-KH/TU", "52-NQ/TW")}  # not the object's own object


def test_a_reported_opener_is_no_basis_of_the_own_document():
    text = HEADER + (
        "CHỈ THỊ\n\nVỀ TĂNG CƯỜNG THU NGÂN SÁCH\n\n"
        "Thực hiện Nghị quyết số 01/NQ-CP ngày 1/1/2021 của Chính phủ, các cơ quan, đơn vị "
        "đã triển khai nhiều giải pháp.\n")
    assert links(text) == set()


def test_title_links_its_first_objects_and_coordinated_ones():
    text = HEADER + (
        "KẾ HOẠCH\n\nTRIỂN KHAI THỰC HIỆN KẾ HOẠCH SỐ 15-KH/TU NGÀY 1/3/2021 CỦA TỈNH ỦY VÀ "
        "NGHỊ QUYẾT SỐ 39-NQ/TW NGÀY 15/1/2019 CỦA BỘ CHÍNH TRỊ\n\nI. MỤC ĐÍCH\n")
    assert links(text) == {("20/KH-UBND", "15-KH/TU"), ("20/KH-UBND", "39-NQ/TW")}
    nested = HEADER + (
        "KẾ HOẠCH\n\nTHỰC HIỆN KẾT LUẬN SỐ 70-KL/TW NGÀY 3/2/2024 CỦA BỘ CHÍNH TRỊ VỀ TIẾP TỤC "
        "THỰC HIỆN NGHỊ QUYẾT SỐ 23-NQ/TW\n\nI. MỤC ĐÍCH\n")
    assert ("20/KH-UBND", "23-NQ/TW") not in links(nested)
    assert ("20/KH-UBND", "70-KL/TW") in links(nested)


def test_a_title_that_reports_links_nothing():
    text = ("BỘ NỘI VỤ\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nSố: 88/BNV-VP\n"
            "V/v báo cáo kết quả 5 năm thực hiện Chỉ thị số 17/CT-TTg ngày 2/4/2015\n\n"
            "Hà Nội, ngày 9 tháng 2 năm 2020\n")
    assert links(text) == set()


def test_list_items_after_a_semicolon_keep_their_own_objects():
    text = ("Tiếp tục thực hiện Kế hoạch số 12-KH/TU ngày 2/1/2018 của Ban Thường vụ Tỉnh ủy Lạng "
            "Sơn để thực hiện Nghị quyết số 16-NQ/TW; Kế hoạch số 13-KH/TU ngày 3/1/2018 của Ban "
            "Thường vụ Tỉnh ủy Lạng Sơn để thực hiện Nghị quyết số 19-NQ/TW.\n")
    assert links(text) == {("12-KH/TU", "16-NQ/TW"), ("13-KH/TU", "19-NQ/TW")}
    related = ("- 3Kế hoạch 44/KH-UBND năm 2014 thực hiện Nghị quyết 21/NQ/TW; Chỉ thị 15/CT/TU "
               "về bảo hiểm xã hội do tỉnh Lạng Sơn ban hành\n")
    assert links(related) == {("44/KH-UBND", "21-NQ/TW"), ("44/KH-UBND", "15-CT/TU")}


def test_a_letter_requiring_implementation_implements():
    text = ("Ngày 3/4/2020, Tỉnh ủy Lạng Sơn đã ban hành Văn bản số 310-CV/TU yêu cầu các cấp ủy "
            "lãnh đạo, chỉ đạo thực hiện nghiêm Quy định số 37-QĐ/TW của Bộ Chính trị.\n")
    assert links(text) == {("310-CV/TU", "37-QĐ/TW")}


def test_carrying_out_a_programme_by_name_implements_the_document_that_approved_it():
    text = ("Căn cứ Quyết định số 930/QĐ-TTg ngày 2/6/2021 của Thủ tướng Chính phủ phê "
            "duyệt Chiến lược phát triển lâm nghiệp bền vững đến năm 2030;\n"
            "Căn cứ Công văn số 55/BNN-TCLN ngày 3/8/2021 của Bộ Nông nghiệp và Phát triển nông "
            "thôn về việc hướng dẫn triển khai Chiến lược phát triển lâm nghiệp bền vững;\n"
            "Căn cứ Công văn số 56/BNN-TCLN ngày 4/8/2021 về việc báo cáo kết quả thực hiện "
            "Chiến lược phát triển lâm nghiệp bền vững;\n"
            "Căn cứ Nghị quyết số 12/NQ-CP ngày 1/1/2021 về việc ban hành Chương trình hành động "
            "của Chính phủ;\n"
            "Căn cứ Chỉ thị số 13/CT-TTg ngày 5/5/2021 về việc đẩy mạnh thực hiện Chương trình "
            "hành động của Chính phủ;\n")
    assert links(text) == {("55/BNN-TCLN", "930/QĐ-TTg")}  # not a report, not a generic kind


def test_the_own_document_whose_title_is_the_programmes_name_implements_it():
    text = HEADER + (
        "KẾ HOẠCH\n\nPHÁT TRIỂN LÂM NGHIỆP BỀN VỮNG TRÊN ĐỊA BÀN TỈNH GIAI ĐOẠN 2021-2025\n\n"
        "Căn cứ Quyết định số 930/QĐ-TTg ngày 2/6/2021 của Thủ tướng Chính phủ phê duyệt Chiến "
        "lược Phát triển lâm nghiệp bền vững giai đoạn 2021-2030, UBND tỉnh ban hành "
        "Kế hoạch như sau:\nI. MỤC ĐÍCH\n")
    assert links(text) == {("20/KH-UBND", "930/QĐ-TTg")}  # "Căn cứ" alone would not link
    carried = text.replace("KẾ HOẠCH\n\nPHÁT", "KẾ HOẠCH\n\nTRIỂN KHAI CHIẾN LƯỢC PHÁT")
    assert links(carried) == {("20/KH-UBND", "930/QĐ-TTg")}
    other = text.replace("PHÁT TRIỂN LÂM NGHIỆP BỀN VỮNG", "PHÁT TRIỂN DU LỊCH CỘNG ĐỒNG")
    assert links(other) == set()


def test_a_nickname_in_a_capitals_title_links_to_the_member_the_text_names():
    text = HEADER + (
        "QUYẾT ĐỊNH\n\nVỀ VIỆC BAN HÀNH KẾ HOẠCH THỰC HIỆN CHƯƠNG TRÌNH SỐ 09-CTR/TU CỦA TỈNH ỦY "
        "ĐỂ THỰC HIỆN NGHỊ QUYẾT TRUNG ƯƠNG 6, KHÓA XII VỀ DÂN SỐ\n\n"
        "Căn cứ Nghị quyết số 21-NQ/TW ngày 15/10/2017 của Ban Chấp hành Trung ương;\n")
    assert links(text) == {("20/KH-UBND", "09-CTr/TU"), ("09-CTr/TU", "21-NQ/TW")}


def test_a_news_texts_document_carries_out_what_its_body_speaking_says():
    text = ("Ngày 2/3/2024 UBND tỉnh đã ban hành Công văn số 812/UBND-KGVX về chuyển đổi số. "
            "Thực hiện Công văn số 77/BTTTT-CBC ngày 1/3/2024 của Bộ Thông tin và Truyền thông; "
            "UBND tỉnh có ý kiến như sau: Sở Tư pháp báo cáo kết quả thực hiện "
            "Quyết định số 361/QĐ-TTg ngày 6/4/2023 của Thủ tướng Chính phủ.\n")
    assert links(text) == {("812/UBND-KGVX", "77/BTTTT-CBC")}
    reported = text.replace("UBND tỉnh có ý kiến như sau", "các sở đã báo cáo")
    assert links(reported) == set()


def test_a_government_directive_on_a_party_directives_very_subject_carries_it_out():
    text = ("Về việc thực hiện Chỉ thị số 07-CT/TW của Bộ Chính trị về “Giữ gìn nguồn nước sạch "
            "và phòng, chống hạn mặn ở vùng ven biển”, các bộ báo cáo kết quả. Chỉ thị số "
            "16/CT-TTg ngày 3/6/2016 của Thủ tướng Chính phủ về việc giữ gìn nguồn nước sạch "
            "và phòng, chống hạn mặn ở vùng ven biển được quán triệt.\n")
    assert ("16/CT-TTg", "07-CT/TW") in links(text)
    other = text.replace("về việc giữ gìn nguồn nước", "về việc tăng cường quản lý")
    assert ("16/CT-TTg", "07-CT/TW") not in links(other)


def test_a_programme_name_carried_out_is_no_document():
    text = ("Thực hiện Quyết định số 88/QĐ-BGDĐT ngày 2/3/2023 của Bộ Giáo dục và Đào tạo, Ủy ban "
            "nhân dân tỉnh Lạng Sơn ban hành Kế hoạch thực hiện Chương trình Phát triển giáo dục "
            "vùng cao giai đoạn 2023-2030 như sau:\n")
    ex = extract_text(text, Source("src:00000000000000ff", "x.txt", "", "", 0, "utf-8"))
    assert [d.type for d in ex.documents if d.symbol is None] == ["Kế hoạch"]


def test_replacing_repealing_and_amending_are_no_implementation():
    text = HEADER + (
        "QUYẾT ĐỊNH\n\nVỀ VIỆC SỬA ĐỔI, BỔ SUNG QUY CHẾ\n\n"
        "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 5/3/2020 của Chính phủ;\n"
        "QUYẾT ĐỊNH:\nĐiều 1. Sửa đổi, bổ sung một số điều của Quyết định số 15/2019/QĐ-UBND "
        "ngày 2/5/2019 của Ủy ban nhân dân tỉnh.\nĐiều 2. Quyết định này thay thế Quyết định số "
        "40/QĐ-UBND ngày 3/1/2018 và bãi bỏ Quyết định số 41/QĐ-UBND ngày 4/1/2018.\n")
    assert links(text) == set()


def test_coordinated_subjects_guidance_and_a_shared_date():
    text = ("Tỉnh ủy ban hành Kế hoạch số 12-KH/TU và Kế hoạch số 13-KH/TU thực hiện các Nghị "
            "quyết số 27-NQ/TW và số 28-NQ/TW ngày 21/5/2018 của Ban Chấp hành Trung ương.\n"
            "Thông tư số 01/2021/TT-BNV hướng dẫn thi hành Nghị định số 62/2020/NĐ-CP.\n")
    ex = extract_text(text, Source("src:00000000000000ff", "x.txt", "", "", 0, "utf-8"))
    key = {d.uid: d.symbol for d in ex.documents}
    got = {(key[e.source_doc], key[e.target_doc]) for e in ex.implements}
    assert got == {(a, b) for a in ("12-KH/TU", "13-KH/TU") for b in ("27-NQ/TW", "28-NQ/TW")} | {
        ("01/2021/TT-BNV", "62/2020/NĐ-CP")}
    dates = {d.symbol: str(d.date) for d in ex.documents}
    assert dates["27-NQ/TW"] == dates["28-NQ/TW"] == "2018-05-21"
    described = ("Thực hiện Nghị quyết số 125/NQ-CP và Kế hoạch số 62-KH/TU về thực hiện Nghị "
                 "quyết số 28-NQ/TW, UBND tỉnh ban hành Kế hoạch như sau:\n")
    assert ("125/NQ-CP", "28-NQ/TW") not in links(described)  # "về …" describes the last only
