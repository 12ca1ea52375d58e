"""The symbol grammar over the variants real texts print (data: loaders/data/doc_types.yaml)."""

from __future__ import annotations

import pytest

from graph.model import Source
from loaders.documents import inferred_symbol
from loaders.issuers import Org
from loaders.normalise import normalise
from loaders.pipeline import extract_text
from loaders.references import find_symbols


@pytest.mark.parametrize("printed, symbol, type_name, level", [
    ("Nghị quyết 11/NQ -TW ngày", "11-NQ/TW", "Nghị quyết", "central"),  # State order, space
    ("Nghị quyết 33/NQ/TW về", "33-NQ/TW", "Nghị quyết", "central"),
    ("Chỉ thị 09/CT/TU của", "09-CT/TU", "Chỉ thị", "provincial"),
    ("văn bản số 25KL/TU ngày", "25-KL/TU", "Kết luận", "provincial"),  # hyphen lost
    ("Công văn số 812/UBND-KT ngày", "812/UBND-KT", "Công văn", "unknown"),  # no type code
    ("văn bản số 4410/BNV-TCBC", "4410/BNV-TCBC", "Công văn", "central"),
    ("số 61/VPCP-KGVX", "61/VPCP-KGVX", "Công văn", "central"),
    ("Tờ trình số 90/TTr-SNV.CCVC ngày", "90/TTr-SNV.CCVC", "Tờ trình", "unknown"),
    ("QUYẾT ĐỊNH SỐ 318/QĐ-TTG NGÀY", "318/QĐ-TTg", "Quyết định", "central"),  # case merged
    ("CHƯƠNG TRÌNH SỐ 14-CTR/TU NGÀY", "14-CTr/TU", "Chương trình", "provincial"),
    ("Nghị quyết số 44-NQ/TWngày 24/11/2022", "44-NQ/TW", "Nghị quyết", "central"),  # glued
    ("Kết luận số 61- KL/TW", "61-KL/TW", "Kết luận", "central"),
    ("Chỉ thị số 05/CT- TTg", "05/CT-TTg", "Chỉ thị", "central"),
])
def test_variants_give_one_canonical_symbol(printed, symbol, type_name, level):
    refs = find_symbols(normalise(printed).text)  # the text the extractors read
    assert [(r.symbol, r.type, r.level) for r in refs] == [(symbol, type_name, level)]


def _org(name: str, kind: str = "party") -> Org:
    return Org(0, 0, name, name, "central", kind, None)


def test_number_only_citation_of_a_party_body_takes_the_bodys_code():
    assert inferred_symbol("Chỉ thị", "5", _org("Bộ Chính trị")) == "05-CT/TW"
    assert inferred_symbol("Kế hoạch", "212", _org("Ban Thường vụ Tỉnh ủy Lai Châu")) == \
        "212-KH/TU"
    assert inferred_symbol("Chỉ thị", "16", _org("Quân ủy Trung ương")) == "16-CT/QUTW"
    # a State body's number carries no year in a bare citation: never inferred
    assert inferred_symbol("Quyết định", "88", _org("Thủ tướng Chính phủ", "state")) is None
    assert inferred_symbol("Nghị quyết", "3", None) is None


def _docs(text: str):
    ex = extract_text(text, Source("src:00000000000000dd", "x.txt", "", "", 0, "utf-8"))
    return ex


def test_number_only_citations_become_numbered_documents_with_their_links():
    ex = _docs("Ban Thường vụ Tỉnh ủy Sơn La vừa ban hành Kế hoạch số 204 thực hiện Kết luận "
               "số 72 ngày 3/2/2024 của Bộ Chính trị về tăng cường công tác dân tộc.\n"
               "Các cấp cần quán triệt Kết luận số 72 của Bộ Chính trị.\n")
    docs = {d.symbol: d for d in ex.documents}
    assert set(docs) == {"204-KH/TU", "72-KL/TW"}
    assert docs["204-KH/TU"].locality == "Sơn La" and docs["72-KL/TW"].locality is None
    assert str(docs["72-KL/TW"].date) == "2024-02-03"
    assert [(e.source_doc, e.target_doc) for e in ex.implements] == [
        ("doc:204-KH/TU@son-la", "doc:72-KL/TW")]


def test_case_variants_of_one_symbol_are_one_document():
    ex = _docs("KẾ HOẠCH THỰC HIỆN QUYẾT ĐỊNH SỐ 318/QĐ-TTG CỦA THỦ TƯỚNG\n\n"
               "Thực hiện Quyết định số 318/QĐ-TTg ngày 5/3/2023 của Thủ tướng Chính phủ.\n")
    assert [d.symbol for d in ex.documents].count("318/QĐ-TTg") == 1


def test_short_form_of_a_state_symbol_is_the_long_form_the_text_prints():
    ex = _docs("Thực hiện Nghị định số 45/2020/NĐ-CP ngày 8/4/2020 của Chính phủ, các sở triển "
               "khai. Theo Nghị định 45/NĐ-CP, hồ sơ được nộp trực tuyến; Quyết định 12/QĐ-TTg.\n")
    assert sorted(d.symbol for d in ex.documents) == ["12/QĐ-TTg", "45/2020/NĐ-CP"]


def test_a_date_after_a_scrambled_ngay_still_dates_the_document():
    from loaders.dates import date_after
    text = "Kết luận số 12-KL/TW, ngàỷ 24/01/2025 của Bộ Chính trị"
    assert str(date_after(text, text.index(",") )[0]) == "2025-01-24"


def test_evidence_spans_point_into_the_original_text():
    text = "Căn cứLuật Tổ chức; Căn cứ Kết luận số115-KL/TWngày 16/01/2025 của Bộ Chính trị.\n"
    ex = _docs(text)
    (doc,) = ex.documents
    assert doc.symbol == "115-KL/TW" and str(doc.date) == "2025-01-16"
    assert text[doc.evidence.start:doc.evidence.end].endswith("115-KL/TW")
    assert "số115-KL/TWngày" in doc.evidence.sentence  # the sentence as printed


@pytest.mark.parametrize("printed, found", [
    ("Số: 306/CTĐ-KHTC", ["306/CTĐ-KHTC"]),  # a department of a ministry, after "Số"
    ("theo công văn số 77/ĐKT-VP ngày 2/3/2026", ["77/ĐKT-VP"]),
    ("tăng trưởng năm 2024/KT-XH bền vững", []),  # no "Số": not a symbol
])
def test_an_unknown_body_code_is_a_letter_only_where_the_text_says_number(printed, found):
    assert [r.symbol for r in find_symbols(printed)] == found


def test_a_ministrys_own_circular_takes_no_province_from_its_body():
    text = ("BỘ TÀI CHÍNH\nSố: 19/2026/TT-BTC\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Độc lập - Tự do - Hạnh phúc\nHà Nội, ngày 3 tháng 2 năm 2026\nTHÔNG TƯ\n"
            "HƯỚNG DẪN QUẢN LÝ KINH PHÍ SỐ HÓA\n"
            "Điều 1. Thông tư áp dụng cho Đà Nẵng, Đà Nẵng và các tỉnh thí điểm khác.\n")
    ex = extract_text(text, Source("src:c", "c.txt", "c.txt", "0", len(text), "utf-8"))
    own = next(d for d in ex.documents if d.is_subject)
    assert (own.symbol, own.level, own.locality) == ("19/2026/TT-BTC", "central", None)
