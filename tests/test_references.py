"""Symbols and short citations, with the printed type word deciding the type."""

from __future__ import annotations

import pytest

from loaders.references import canonical_symbol, find_short_citations, find_symbols


@pytest.mark.parametrize("printed, canonical", [
    ("26-NQ/TW", "26-NQ/TW"),
    ("103a-KH/TU", "103a-KH/TU"),
    ("21 – NQ/TƯ", "21-NQ/TW"),
    ("11-NQ/T.Ư", "11-NQ/TW"),
    ("19-QĐi/TU", "19-QĐi/TU"),
    ("06-Ctr/TU", "06-CTr/TU"),
    ("132/NQ-CP", "132/NQ-CP"),
    ("140/2017/ND-CP", "140/2017/NĐ-CP"),
    ("653/2019/ UBTVQH14", "653/2019/UBTVQH14"),
    ("45/2018/QĐ-UBND", "45/2018/QĐ-UBND"),
])
def test_canonical_symbols(printed, canonical):
    assert canonical_symbol(f"theo văn bản số {printed} đã ban hành") == canonical


def test_dates_and_phone_numbers_are_not_symbols():
    assert find_symbols("ngày 19/5/2018 lúc 17:51, hotline 0912-345-678") == []


def test_type_word_settles_the_qd_ambiguity():
    text = ("Quy định số 205-QĐ/TW của Bộ Chính trị và Quyết định số 99-QĐ/TW; "
            "Nghị quyết số 18-NQ/TW, 19-NQ/TW")
    refs = {r.symbol: r for r in find_symbols(text)}
    assert refs["205-QĐ/TW"].type == "Quy định" and refs["205-QĐ/TW"].printed_type
    assert refs["99-QĐ/TW"].type == "Quyết định"
    assert refs["19-NQ/TW"].type == "Nghị quyết" and not refs["19-NQ/TW"].printed_type
    assert text[refs["205-QĐ/TW"].start:].startswith("Quy định số")


def test_levels_and_locality_of_symbols():
    refs = {r.symbol: r for r in find_symbols("26-NQ/TW, 123-KH/TU, 128-KH/HU, 132/NQ-CP, "
                                              "12/KH-UBND")}
    assert (refs["26-NQ/TW"].level, refs["26-NQ/TW"].local) == ("central", False)
    assert (refs["123-KH/TU"].level, refs["123-KH/TU"].local) == ("provincial", True)
    assert refs["128-KH/HU"].level == "district"
    assert not refs["132/NQ-CP"].local and refs["12/KH-UBND"].local


def test_short_citations_skip_symbols_and_years():
    text = "Nghị quyết 26, Chỉ thị số 05, Đề án 25, Kế hoạch năm 2019, Nghị quyết số 26-NQ/TW"
    refs = find_symbols(text)
    shorts = find_short_citations(text, [(r.start, r.end) for r in refs])
    assert [(text[s.start:s.end], s.type) for s in shorts] == [
        ("Nghị quyết 26", "Nghị quyết"), ("Chỉ thị số 05", "Chỉ thị"), ("Đề án 25", "Đề án")]
