"""The province gazetteer and how a text's province is found (never invented)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from graph.model import Source
from loaders.localities import (
    dominant_province,
    find_provinces,
    paragraph_openers,
    province,
    provinces,
    section_headings,
    successor,
)
from loaders.pipeline import extract_text

FIXTURES = Path(__file__).parent / "fixtures" / "texts"


def test_provinces_before_and_after_the_reform():
    assert len(provinces(dt.date(2020, 1, 1))) == 63
    assert len(provinces(dt.date(2025, 7, 1))) == 34
    assert sum(p.kind == "thanh_pho" for p in provinces(dt.date(2026, 1, 1))) == 6
    olds = {p.successor for p in provinces(dt.date(2020, 1, 1))}
    assert olds == {p.name for p in provinces(dt.date(2026, 1, 1))}


def test_lookup_and_successor():
    assert province("quang ninh").name == "Quảng Ninh"
    assert province("TP. Hồ Chí Minh").name == "Hồ Chí Minh"
    assert province("Bà Rịa – Vũng Tàu").name == "Bà Rịa - Vũng Tàu"
    assert province("tỉnh Thanh Hoá").name == "Thanh Hóa"
    assert successor("Hải Dương") == "Hải Phòng"
    assert successor("Long An") == "Tây Ninh"
    assert province("Atlantis") is None


def test_mentions_skip_people_and_oceans():
    text = "Tư tưởng Hồ Chí Minh; biển Thái Bình Dương; TP HCM và tỉnh Thái Bình; THANH HOÁ"
    assert [m.province for m in find_provinces(text)] == ["Hồ Chí Minh", "Thái Bình",
                                                          "Thanh Hóa"]


def test_a_bare_city_name_counts_after_its_committee():
    text = "Ban Thường vụ Thành ủy Hồ Chí Minh; Đoàn TNCS Hồ Chí Minh; THÀNH ỦY HỒ CHÍ MINH"
    assert [(m.start, m.province) for m in find_provinces(text)] == [
        (text.index("Hồ Chí Minh"), "Hồ Chí Minh"), (text.index("HỒ CHÍ MINH"), "Hồ Chí Minh")]


def test_section_headings_and_dominant_province():
    text = (FIXTURES / "roundup.txt").read_text(encoding="utf-8")
    assert [p for _, p in section_headings(text)] == ["Thái Nguyên", "Cà Mau"]
    assert dominant_province("Tỉnh ủy Cà Mau họp. Thành ủy Hải Phòng họp.") is None
    assert dominant_province("Tỉnh ủy Cà Mau họp. Cà Mau phát triển. Ông đi Hà Nội.") == "Cà Mau"
    assert dominant_province("UBND tỉnh Cà Mau họp. Đảng bộ tỉnh Cà Mau.") == "Cà Mau"


def test_a_text_that_names_no_province_leaves_locality_unknown():
    text = (FIXTURES / "unnamed.txt").read_text(encoding="utf-8")
    ex = extract_text(text, Source("src:0123456789abcdef", "unnamed.txt", "", "", 0, "utf-8"))
    local = next(d for d in ex.documents if d.symbol == "86-KH/TU")
    assert local.locality is None
    assert local.uid == "doc:86-KH/TU@src:0123456789abcdef"


def test_extraction_carries_gazetteer_records():
    text = (FIXTURES / "roundup.txt").read_text(encoding="utf-8")
    ex = extract_text(text, Source("src:0123456789abcdef", "roundup.txt", "", "", 0, "utf-8"))
    recs = {r.name: r for r in ex.localities}
    assert recs["Cà Mau"].era == "both" and recs["Cà Mau"].merged_into == "Cà Mau"
    assert recs["Thái Nguyên"].kind == "tỉnh"


ROUNDUP = (
    "Nhiều địa phương đã ban hành kế hoạch thực hiện Nghị quyết số 57-NQ/TW.\n"
    "Tại Phú Yên, Ban Thường vụ Tỉnh ủy ban hành Kế hoạch số 71-KH/TU ngày 3/3/2025 để "
    "thực hiện Nghị quyết.\n"
    "Ở Kon Tum, Tỉnh ủy có Chương trình hành động số 44-CTr/TU ngày 10/3/2025.\n"
    "Theo Bộ Nội vụ, cả nước đã có 50 tỉnh ban hành kế hoạch; Kế hoạch số 12-KH/TU được nêu "
    "làm điển hình.\n")


def test_paragraphs_of_a_roundup_placed_in_provinces_localise_their_documents():
    # "Tại X, …" / "Ở tỉnh Y, …" opening paragraphs of a round-up: each party plan belongs to
    # the province its paragraph names, though the plan's issuer is printed without it
    # the national paragraph after them returns to the text's own place (here none)
    assert [p for _, p in paragraph_openers(ROUNDUP)] == ["Phú Yên", "Kon Tum", None]
    ex = extract_text(ROUNDUP, Source("src:3", "r.txt", "", "", 0, "utf-8"))
    placed = {d.symbol: d.locality for d in ex.documents if d.symbol}
    assert placed == {"57-NQ/TW": None, "71-KH/TU": "Phú Yên", "44-CTr/TU": "Kon Tum",
                      "12-KH/TU": None}


def test_one_paragraph_placed_elsewhere_is_an_aside_not_a_section():
    text = ("Tại Phú Yên, đoàn công tác đã làm việc với tỉnh.\n"
            "Tỉnh ủy ban hành Kế hoạch số 9-KH/TU.\n")
    assert paragraph_openers(text) == []
