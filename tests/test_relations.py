"""Relations besides implements, read from texts written for these tests: the legal basis
("Căn cứ …" -> BASED_ON) and changes (REPLACES, REPEALS, AMENDS), each with its evidence."""

from __future__ import annotations

from graph.model import Relation, Source
from loaders.pipeline import extract_text
from loaders.relations import kinds
from ontology import load_schema

SUBJECT = "doc:73/QĐ-UBND@quang-tri"

DECISION = """ỦY BAN NHÂN DÂN
TỈNH QUẢNG TRỊ
Số: 73/QĐ-UBND
Quảng Trị, ngày 14 tháng 8 năm 2024

QUYẾT ĐỊNH
Về việc ban hành Quy chế quản lý bến thuyền du lịch

ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ

Căn cứ Luật Đường thủy nội địa ngày 15/6/2004;
Căn cứ Nghị định số 48/2019/NĐ-CP ngày 5/6/2019 của Chính phủ về phương tiện thủy; \
Nghị định số 14/2023/NĐ-CP ngày 7/4/2023 của Chính phủ sửa đổi, bổ sung một số điều tại \
Nghị định số 48/2019/NĐ-CP;
Căn cứ Quyết định số 2211/QĐ-TTg ngày 3/12/2021 của Thủ tướng về Đề án phát \
triển du lịch thực hiện Nghị quyết số 08-NQ/TW;
Căn cứ Nghị quyết số 55/NQ-CP ngày 2/2/2022 của Chính phủ ban hành Chương trình du lịch \
đường sông của Chính phủ;
Theo đề nghị của Giám đốc Sở Văn hóa, Thể thao và Du lịch.

QUYẾT ĐỊNH:

Điều 1. Phê duyệt Quy chế quản lý bến thuyền du lịch kèm theo Quyết định này.
Điều 2. Quyết định này có hiệu lực sau mười ngày và thay thế Quyết định số 19/QĐ-UBND \
ngày 9/3/2018 của UBND tỉnh.
Điều 3. Bãi bỏ Quyết định số 27/2016/QĐ-UBND ngày 1/7/2016 của UBND tỉnh Quảng Trị.
Điều 4. Căn cứ Quyết định số 301/QĐ-UBND ngày 2/2/2024, các huyện rà soát bến thuyền.
Giao Sở Tư pháp tham mưu UBND tỉnh sửa đổi, bổ sung Quyết định số 88/2020/QĐ-UBND \
ngày 4/4/2020 cho phù hợp.
Quyết định số 5/2015/QĐ-UBND đã được sửa đổi, bổ sung theo Quyết định số 6/2019/QĐ-UBND.
"""


def _source(text: str) -> Source:
    return Source("src:relations", "t.txt", "t.txt", "x", len(text), "utf-8")


def _relations(text: str) -> list[Relation]:
    return extract_text(text, _source(text)).relations


def _triples(rels: list[Relation]) -> set[tuple[str, str, str]]:
    return {(r.kind, r.source_doc, r.target_doc) for r in rels}


def test_the_preamble_basis_is_based_on_for_the_own_document():
    based = {r.target_doc for r in _relations(DECISION) if r.kind == "BASED_ON"}
    assert based == {"doc:48/2019/NĐ-CP", "doc:14/2023/NĐ-CP", "doc:2211/QĐ-TTg",
                     "doc:55/NQ-CP"}
    # a document inside a cited document's description is not the basis, nor is a law cited
    # by name only, nor a "Căn cứ" of the body (Điều 4)
    assert "doc:08-NQ/TW" not in based
    assert not any("301" in uid for uid in based)
    assert all(r.source_doc == SUBJECT for r in _relations(DECISION) if r.kind == "BASED_ON")


def test_a_cue_in_a_description_never_makes_the_text_an_issuer():
    rels = _relations(DECISION)
    # "… của Chính phủ ban hành Chương trình …": the programme is the Government's, and
    # nothing is based on the Government's programme either
    assert {r.source_doc for r in rels if r.kind == "BASED_ON"} == {SUBJECT}


def test_changes_made_by_the_own_document_and_by_a_cited_one():
    got = _triples(_relations(DECISION))
    assert ("REPLACES", SUBJECT, "doc:19/QĐ-UBND@quang-tri") in got
    assert ("REPEALS", SUBJECT, "doc:27/2016/QĐ-UBND@quang-tri") in got
    assert ("AMENDS", "doc:14/2023/NĐ-CP", "doc:48/2019/NĐ-CP") in got
    # the passive: the later decision amends the earlier one
    assert ("AMENDS", "doc:6/2019/QĐ-UBND@quang-tri", "doc:5/2015/QĐ-UBND@quang-tri") in got
    # a task to amend or replace a decision is no change made by anyone yet
    assert not any("88/2020" in b for _, _, b in got)


def test_each_relation_carries_its_evidence():
    text = DECISION
    for r in _relations(text):
        ev = r.evidence
        assert ev.source == "src:relations" and ev.method == "explicit" and ev.confidence == 1.0
        assert 0 <= ev.start < ev.end <= len(text)
        assert text[ev.start:ev.end] in ev.sentence or ev.sentence in text[ev.start:ev.end]
    replaces = next(r for r in _relations(text) if r.kind == "REPLACES")
    assert text[replaces.evidence.start:replaces.evidence.end].startswith("Quyết định này")
    assert "thay thế Quyết định số 19/QĐ-UBND" in replaces.evidence.sentence
    basis = next(r for r in _relations(text) if r.target_doc == "doc:2211/QĐ-TTg")
    assert text[basis.evidence.start:basis.evidence.end].startswith("Căn cứ Quyết định số 2211")


def test_a_title_that_repeals_and_a_clause_that_issues():
    text = """HỘI ĐỒNG NHÂN DÂN
TỈNH ĐIỆN BIÊN
Số: 12/2025/NQ-HĐND
Điện Biên, ngày 2 tháng 5 năm 2025

NGHỊ QUYẾT
Về việc bãi bỏ Nghị quyết số 40/2019/NQ-HĐND ngày 6/12/2019 của Hội đồng nhân dân tỉnh

Nghị quyết có hiệu lực từ ngày 15 tháng 5 năm 2025.
"""
    got = _triples(_relations(text))
    assert ("REPEALS", "doc:12/2025/NQ-HĐND@dien-bien", "doc:40/2019/NQ-HĐND@dien-bien") in got

    news = """Tin tức tỉnh Kon Tum

Căn cứ Chỉ thị số 21-CT/TW ngày 7/1/2023 của Ban Bí thư, Ban Thường vụ Tỉnh ủy Kon Tum \
ban hành Kế hoạch số 88-KH/TU ngày 3/3/2023 để các cấp ủy thực hiện.
"""
    got = _triples(_relations(news))
    assert ("BASED_ON", "doc:88-KH/TU@kon-tum", "doc:21-CT/TW") in got


def test_without_an_own_document_a_basis_clause_links_nothing():
    text = "Trang chủ\n\nCăn cứ Nghị định số 48/2019/NĐ-CP ngày 5/6/2019 của Chính phủ;\n"
    assert _relations(text) == []


def test_relation_kinds_are_document_links_of_the_ontology_and_never_implements():
    declared = {r.type for r in load_schema().document_links}
    assert kinds() <= declared
    assert kinds() == {"BASED_ON", "REPLACES", "REPEALS", "AMENDS"}
    assert "IMPLEMENTS" not in kinds()


def test_extraction_is_deterministic():
    assert _relations(DECISION) == _relations(DECISION)


def test_a_basis_clause_in_the_body_or_one_that_instructs_links_nothing():
    plan = """ỦY BAN NHÂN DÂN
TỈNH LAI CHÂU
Số: 150/KH-UBND
Lai Châu, ngày 9 tháng 9 năm 2024

KẾ HOẠCH
Phát triển hợp tác xã vùng cao

Căn cứ Quyết định số 340/QĐ-TTg ngày 12/3/2021 của Thủ tướng Chính phủ;
{instruction}
1. Mục đích
Nâng cao thu nhập cho hộ gia đình vùng cao.
Căn cứ Quyết định số 77/QĐ-UBND ngày 1/2/2024 của UBND tỉnh về giống cây trồng;
"""
    only = {("BASED_ON", "doc:150/KH-UBND@lai-chau", "doc:340/QĐ-TTg")}
    # the body begins at "1. Mục đích": a "Căn cứ" after it is no basis of the plan
    assert _triples(_relations(plan.format(instruction=""))) == only
    # "Căn cứ A, các huyện …" tells others what to do: no basis either
    instruction = "Căn cứ Quyết định số 78/QĐ-UBND của UBND tỉnh, các huyện lập danh sách."
    assert _triples(_relations(plan.format(instruction=instruction))) == only


def test_listed_documents_and_a_preamble_that_names_the_own_plan():
    text = """TỈNH ỦY BẠC LIÊU
Số: 61-KH/TU
Bạc Liêu, ngày 4 tháng 6 năm 2024

KẾ HOẠCH
Học tập chuyên đề năm 2024

Căn cứ Chỉ thị số 05-CT/TW và Quy định số 144-QĐ/TW của Bộ Chính trị, Ban Thường vụ \
Tỉnh ủy xây dựng Kế hoạch triển khai như sau:

I. MỤC ĐÍCH
"""
    got = _triples(_relations(text))
    own = "doc:61-KH/TU@bac-lieu"
    assert got == {("BASED_ON", own, "doc:05-CT/TW"), ("BASED_ON", own, "doc:144-QĐ/TW")}


def test_a_listed_document_that_makes_its_own_change_is_no_target():
    text = ("Các nghị định (số 48/2019/NĐ-CP, số 14/2023/NĐ-CP sửa đổi Nghị định số "
            "48/2019/NĐ-CP và số 16/2024/NĐ-CP sửa đổi Nghị định số 48/2019/NĐ-CP).\n")
    got = _triples(_relations(text))
    assert got == {("AMENDS", "doc:14/2023/NĐ-CP", "doc:48/2019/NĐ-CP"),
                   ("AMENDS", "doc:16/2024/NĐ-CP", "doc:48/2019/NĐ-CP")}
    both = _triples(_relations("Nghị định số 16/2024/NĐ-CP sửa đổi Nghị định số "
                               "48/2019/NĐ-CP và Nghị định số 14/2023/NĐ-CP.\n"))
    assert both == {("AMENDS", "doc:16/2024/NĐ-CP", "doc:48/2019/NĐ-CP"),
                    ("AMENDS", "doc:16/2024/NĐ-CP", "doc:14/2023/NĐ-CP")}
