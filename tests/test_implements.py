"""Implements links: explicit cues, openers, paragraph scope, nicknames; no link without a cue."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from graph.model import Source
from loaders.pipeline import extract_text

FIXTURES = Path(__file__).parent / "fixtures" / "texts"


def run(name: str):
    text = (FIXTURES / name).read_text(encoding="utf-8")
    ex = extract_text(text, Source("src:00000000000000bb", name, "", "", 0, "utf-8"))
    key = {d.uid: d.symbol or f"{d.type}@{d.locality}" for d in ex.documents}
    return ex, {(key[e.source_doc], key[e.target_doc], e.basis) for e in ex.implements}


def test_opener_links_the_issued_plan_in_each_section():
    ex, links = run("roundup.txt")
    assert links == {("15-KH/TU", "07-CT/TW", "explicit")}
    assert sorted(e.source_doc for e in ex.implements) == [
        "doc:15-KH/TU@ca-mau", "doc:15-KH/TU@thai-nguyen"]


def test_paragraph_opener_implies_and_co_mention_does_not_link():
    _, links = run("opener.txt")
    assert ("Hướng dẫn@Sơn La", "21-KL/TW", "implied") in links
    assert ("Quy định@Lai Châu", "21-KL/TW", "implied") in links
    assert not any(a in ("04-NQ/TW", "08-QĐi/TW") or b == "99-QĐ/TW" for a, b, _ in links)


def test_nickname_links_only_to_documents_the_text_names():
    ex, links = run("opener.txt")
    assert ("40-KH/TU", "26-NQ/TW", "explicit") in links
    assert not any(b in ("27-NQ/TW", "28-NQ/TW") for _, b, _ in links)
    assert {d.symbol for d in ex.documents} >= {"26-NQ/TW"}
    assert "27-NQ/TW" not in {d.symbol for d in ex.documents}


def test_plan_title_and_preamble():
    ex, links = run("plan.txt")
    subject = next(d for d in ex.documents if d.is_subject)
    assert (subject.symbol, subject.locality, subject.date) == (
        "145/KH-UBND", "Bến Tre", dt.date(2021, 11, 5))
    assert {("145/KH-UBND", "21-KL/TW", "explicit"), ("145/KH-UBND", "12-KH/TU", "explicit"),
            ("12-KH/TU", "21-KL/TW", "implied")} == links
    assert len(ex.documents) == 3


@pytest.mark.parametrize("sentence", [
    "Hội nghị quán triệt Nghị quyết 26-NQ/TW và Kế hoạch 10-KH/TW của Bộ Chính trị.",
    "Tiếp tục triển khai Chỉ thị số 05-CT/TW; thực hiện nghiêm Quy định số 08-QĐi/TW.",
])
def test_no_cue_no_link(sentence):
    ex = extract_text(sentence, Source("src:1", "s.txt", "", "", 0, "utf-8"))
    assert ex.implements == []


def test_government_programme_title_links_its_resolution():
    """ "NGHỊ QUYẾT / Ban hành Chương trình hành động của Chính phủ thực hiện Nghị quyết số …":
    the summary under the type name is an implements statement."""
    ex, links = run("gov_programme.txt")
    assert links == {("140/NQ-CP", "27-NQ/TW", "explicit")}
    assert next(d for d in ex.documents if d.is_subject).issuer == "Chính phủ"


def test_cited_district_plan_implements_the_cited_provincial_plan():
    _, links = run("commune_plan.txt")
    assert links == {
        ("05-KH/ĐU", "26-NQ/TW", "explicit"), ("05-KH/ĐU", "71-KH/TU", "explicit"),
        ("05-KH/ĐU", "40-KH/HU", "explicit"),
        ("71-KH/TU", "26-NQ/TW", "implied"), ("40-KH/HU", "26-NQ/TW", "implied"),
        ("40-KH/HU", "71-KH/TU", "implied")}


def test_plan_concretising_a_plan_implements_its_resolution():
    _, links = run("news_chain.txt")
    assert links == {("71-KH/TU", "26-NQ/TW", "explicit"),
                     ("115/KH-UBND", "71-KH/TU", "explicit"),
                     ("115/KH-UBND", "26-NQ/TW", "implied")}


@pytest.mark.parametrize("bases", [
    # a Party plan does not carry out the Government's resolution listed before it
    "Nghị quyết 26-NQ/TW ngày 19/5/2018 do BCH Trung ương Đảng khóa XII ban hành, Nghị "
    "quyết 132/NQ-CP (24/10/2018) của Chính phủ và Kế hoạch 86-KH/TU của Ban Thường vụ Tỉnh ủy "
    "Cà Mau, ngày 28/11/2018",
    # a district plan older than the provincial one cannot carry it out
    "Kế hoạch 65-KH/TU của Ban Thường vụ Tỉnh ủy Cà Mau, ngày 13/9/2018; Kế hoạch 95-KH/HU "
    "ngày 12/8/2018 do Ban Thường vụ Huyện ủy Năm Căn ban hành",
])
def test_no_implied_link_across_systems_or_back_in_time(bases):
    text = f"Thực hiện {bases}, Ban Chấp hành Đảng bộ xã ban hành Kế hoạch như sau:"
    ex = extract_text(text, Source("src:2", "s.txt", "", "", 0, "utf-8"))
    symbols = {d.uid: d.symbol for d in ex.documents}
    implied = {(symbols[e.source_doc], symbols[e.target_doc]) for e in ex.implements
               if e.basis == "implied"}
    assert not implied & {("86-KH/TU", "132/NQ-CP"), ("95-KH/HU", "65-KH/TU")}


NEWS_SET_OUT = (
    "Ban Thường vụ Tỉnh ủy Bình Định vừa ban hành Kế hoạch số 204-KH/TU về phát triển "
    "nguồn nhân lực số.\n"
    "Kế hoạch đề nghị các cấp ủy, chính quyền quán triệt và thực hiện nghiêm các nhiệm vụ, "
    "giải pháp đã nêu trong Nghị quyết 57-NQ/TW và Kết luận số 91-KL/TW của Bộ Chính trị.\n"
    "Cùng ngày, Ủy ban nhân dân tỉnh ban hành Kế hoạch số 88/KH-UBND về kinh tế tư nhân; "
    "các sở thực hiện các nhiệm vụ nêu tại Nghị quyết số 68-NQ/TW.\n")


def test_a_document_that_asks_to_carry_out_what_others_set_out_implements_them():
    ex = extract_text(NEWS_SET_OUT, Source("src:3", "s.txt", "", "", 0, "utf-8"))
    key = {d.uid: d.symbol for d in ex.documents}
    links = {(key[e.source_doc], key[e.target_doc], e.basis) for e in ex.implements}
    assert ("204-KH/TU", "57-NQ/TW", "implied") in links
    assert ("204-KH/TU", "91-KL/TW", "implied") in links
    # the next document the text reports issued starts another story: not the first plan's
    assert ("204-KH/TU", "68-NQ/TW", "implied") not in links


def test_tasks_merely_mentioned_without_a_request_to_carry_them_out_link_nothing():
    text = NEWS_SET_OUT.replace("quán triệt và thực hiện nghiêm", "ghi nhận kết quả của")
    ex = extract_text(text.split("\nCùng ngày")[0], Source("src:4", "s.txt", "", "", 0, "utf-8"))
    assert ex.implements == []


@pytest.mark.parametrize(("sentence", "target"), [
    ("UBND tỉnh Sơn La ban hành Kế hoạch số 41/KH-UBND về triển khai Chương trình hành động của "
     "Chính phủ ban hành kèm theo Nghị quyết số 88/NQ-CP.", "88/NQ-CP"),
    ("UBND tỉnh Sơn La ban hành Kế hoạch số 41/KH-UBND triển khai Đề án phát triển làng nghề "
     "được phê duyệt tại Quyết định số 912/QĐ-TTg.", "912/QĐ-TTg"),
])
def test_carrying_out_a_part_issued_with_a_document_carries_out_that_document(sentence, target):
    # the programme or scheme has no number of its own: the document it came with is the object
    ex = extract_text(sentence, Source("src:1", "s.txt", "", "", 0, "utf-8"))
    key = {d.uid: d.symbol for d in ex.documents}
    assert {(key[e.source_doc], key[e.target_doc]) for e in ex.implements} == {
        ("41/KH-UBND", target)}


@pytest.mark.parametrize("sentence", [
    "Sau khi Nghị quyết số 71-NQ/TW ra đời, Tỉnh ủy Kon Tum đã ban hành Kế hoạch số 15-KH/TU "
    "và UBND tỉnh ban hành Kế hoạch số 33/KH-UBND để triển khai thực hiện.",
    "Nghị quyết số 71-NQ/TW của Bộ Chính trị được quán triệt sâu rộng. Sau khi Nghị quyết được "
    "ban hành, Tỉnh ủy Kon Tum đã ban hành Kế hoạch số 15-KH/TU và UBND tỉnh ban hành Kế hoạch "
    "số 33/KH-UBND để triển khai thực hiện.",
])
def test_documents_issued_to_carry_out_what_the_sentence_named_before_them(sentence):
    ex = extract_text(sentence, Source("src:1", "s.txt", "", "", 0, "utf-8"))
    key = {d.uid: d.symbol for d in ex.documents}
    assert {(key[e.source_doc], key[e.target_doc]) for e in ex.implements} == {
        ("15-KH/TU", "71-NQ/TW"), ("33/KH-UBND", "71-NQ/TW")}


def test_a_bare_cue_with_nothing_issued_links_nothing():
    text = "Hội nghị bàn về Nghị quyết số 71-NQ/TW và Kế hoạch số 15-KH/TU để triển khai thực hiện."
    assert extract_text(text, Source("src:1", "s.txt", "", "", 0, "utf-8")).implements == []


def _extract(text: str):
    return extract_text(text, Source("src:4", "s.txt", "", "", 0, "utf-8"))


def _links(text: str) -> set[tuple[str, str]]:
    ex = _extract(text)
    symbols = {d.uid: d.symbol for d in ex.documents}
    return {(symbols[e.source_doc], symbols[e.target_doc]) for e in ex.implements}


def test_a_fronted_purpose_links_every_document_the_place_issued():
    # "(outlet) - Để cụ thể hóa X, tỉnh đã ban hành A, B và C.": a news lede; the place stands
    # for its authorities, and every member of the issued list carries X out
    text = ("(BKP) - Để cụ thể hóa Nghị quyết số 66-NQ/TW ngày 30/4/2025 của Bộ Chính trị, "
            "tỉnh đã ban hành Nghị quyết số 08/NQ-HĐND, Quyết định số 512/QĐ-UBND và "
            "Kế hoạch số 93/KH-UBND.")
    assert _links(text) == {("08/NQ-HĐND", "66-NQ/TW"), ("512/QĐ-UBND", "66-NQ/TW"),
                            ("93/KH-UBND", "66-NQ/TW")}


def test_a_headline_glued_to_its_lede_leaves_the_lede_dating_the_plan():
    text = ("Huyện triển khai kế hoạch chuyển đổi số năm 2027\n"
            "Ngày 09/01/2027, UBND huyện Vĩnh Bảo ban hành Kế hoạch số 05/KH-UBND về chuyển "
            "đổi số.\n")
    ex = _extract(text)
    assert [(d.symbol, str(d.date)) for d in ex.documents] == [("05/KH-UBND", "2027-01-09")]


def test_a_plan_issued_unnumbered_then_given_its_number_is_one_document():
    # "… ban hành Kế hoạch triển khai X. Theo Kế hoạch số N, …": one plan, numbered, carrying X
    text = ("UBND tỉnh vừa ban hành Kế hoạch triển khai Nghị quyết số 71-NQ/TW ngày 22/8/2025 "
            "của Bộ Chính trị. Theo Kế hoạch số 188/KH-UBND, các trường rà soát đội ngũ giáo "
            "viên trước tháng 12/2025.")
    ex = _extract(text)
    assert sorted(str(d.symbol) for d in ex.documents) == ["188/KH-UBND", "71-NQ/TW"]
    assert _links(text) == {("188/KH-UBND", "71-NQ/TW")}


def test_a_letters_place_date_under_its_summary_dates_it():
    text = ("SỞ Y TẾ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 640/SYT-NVY\nV/v triển khai Kế hoạch số 12/KH-UBND ngày 2/3/2027 "
            "của UBND tỉnh\nĐồng Tháp, ngày 09 tháng 3 năm 2027\n\nKính gửi: Các bệnh viện.\n\n"
            "Thực hiện Kế hoạch số 12/KH-UBND, Sở Y tế đề nghị các đơn vị như sau:\n")
    ex = _extract(text)
    own = next(d for d in ex.documents if d.is_subject)
    assert (own.symbol, str(own.date)) == ("640/SYT-NVY", "2027-03-09")


@pytest.mark.parametrize("text", [
    "Ban Thường vụ Tỉnh ủy Sơn La ban hành Kế hoạch số 31-KH/TU nhằm đưa Nghị quyết số "
    "68-NQ/TW vào cuộc sống.",
    # the passive names the carried-out document first: the link still runs plan → resolution
    "Nghị quyết số 68-NQ/TW được Tỉnh ủy Sơn La cụ thể hóa bằng Kế hoạch số 31-KH/TU.",
])
def test_bringing_a_resolution_to_life_and_the_passive_link_the_plan_to_it(text):
    assert _links(text) == {("31-KH/TU", "68-NQ/TW")}


def test_an_opener_naming_its_object_by_type_word_takes_the_one_named_before():
    text = ("Sáng 4/6, Tỉnh ủy sơ kết 3 năm thực hiện Nghị quyết số 37-NQ/TW ngày 24/12/2018 "
            "của Bộ Chính trị về sắp xếp đơn vị hành chính.\n"
            "Thực hiện Nghị quyết, Ban Thường vụ Tỉnh ủy đã ban hành Kế hoạch số 41-KH/TU ngày "
            "2/3/2019; UBND tỉnh ban hành Kế hoạch số 30/KH-UBND ngày 9/4/2019.\n")
    assert _links(text) == {("41-KH/TU", "37-NQ/TW"), ("30/KH-UBND", "37-NQ/TW")}


def test_a_ledes_day_does_not_date_the_document_its_headline_cites():
    text = ("Triển khai Chỉ thị số 19/CT-TTg của Thủ tướng Chính phủ\n"
            "Ngày 02/10/2027, UBND tỉnh ban hành Công văn số 880/UBND-VX triển khai thực hiện "
            "Chỉ thị số 19/CT-TTg ngày 14/9/2027 của Thủ tướng Chính phủ.\n")
    ex = _extract(text)
    assert {d.symbol: str(d.date) for d in ex.documents} == {
        "19/CT-TTg": "2027-09-14", "880/UBND-VX": "2027-10-02"}


def test_a_number_cited_with_its_plenum_is_the_central_committees_resolution():
    # "Nghị quyết số 19 của Hội nghị Trung ương 6 khóa XII": the plenum names the issuer, so
    # the number becomes the Central Committee's symbol; a nickname is listed once
    text = ("Thực hiện Nghị quyết số 19 của Hội nghị Trung ương 6 khóa XII, UBND tỉnh ban hành "
            "Kế hoạch số 14/KH-UBND. Kế hoạch nêu rõ Nghị quyết số 19-NQ/TW của Hội nghị Trung "
            "ương 6 khóa XII đã được quán triệt; Nghị quyết số 19-NQ/TW của Hội nghị Trung "
            "ương 6 khóa XII cần được thực hiện nghiêm.")
    ex = _extract(text)
    assert {d.symbol: d.issuer for d in ex.documents} == {
        "19-NQ/TW": "Ban Chấp hành Trung ương Đảng khóa XII",
        "14/KH-UBND": "Ủy ban nhân dân tỉnh"}
    assert _links(text) == {("14/KH-UBND", "19-NQ/TW")}
    assert len([a for a in ex.aliases if a.text.startswith("Hội nghị")]) == 1


def test_a_body_before_another_subject_is_not_the_issuer_of_what_that_subject_issued():
    text = ("Thực hiện Kế hoạch số 115-KH/TU ngày 28/8/2018 của Ban Thường vụ Tỉnh ủy Lạng Sơn, "
            "Đảng ủy Khối đã ban hành Kế hoạch số 40-KH/ĐUK ngày 10/9/2018.")
    ex = _extract(text)
    assert {d.symbol: d.issuer for d in ex.documents}["40-KH/ĐUK"] is None
    assert _links(text) == {("40-KH/ĐUK", "115-KH/TU")}


def test_the_national_congress_resolution_is_a_document_where_a_programme_carries_it_out():
    carried = ("TỈNH ỦY ĐIỆN BIÊN\n*\nSố 09-CTr/TU\nĐẢNG CỘNG SẢN VIỆT NAM\n"
               "Điện Biên, ngày 02 tháng 6 năm 2026\n\nCHƯƠNG TRÌNH HÀNH ĐỘNG\nthực hiện Nghị "
               "quyết Đại hội đại biểu toàn quốc lần thứ XIV của Đảng\n\nI. MỤC TIÊU\n"
               "1. Bảo đảm.\n")
    ex = _extract(carried)
    congress = [d for d in ex.documents if d.symbol is None]
    assert [(d.type, d.level) for d in congress] == [("Nghị quyết", "central")]
    assert [(e.target_doc, e.basis) for e in ex.implements] == [(congress[0].uid, "explicit")]
    # named in passing, it is no document of the text
    passing = "Các chi bộ họp khi toàn Đảng đang thực hiện Nghị quyết Đại hội XIV của Đảng.\n"
    assert _extract(passing).documents == []


def test_a_prime_ministers_dispatch_is_a_document_a_plan_carries_out():
    text = ("UBND tỉnh ban hành Kế hoạch số 31/KH-UBND ngày 4/3/2027 triển khai Chỉ thị số "
            "07/CT-TTg và Công điện số 18/CĐ-TTg của Thủ tướng Chính phủ.")
    assert _links(text) == {("31/KH-UBND", "07/CT-TTg"), ("31/KH-UBND", "18/CĐ-TTg")}
    assert {d.symbol: d.type for d in _extract(text).documents}["18/CĐ-TTg"] == "Công điện"
