"""Identities are deterministic and readable; local symbols never merge across provinces."""

from __future__ import annotations

from pathlib import Path

from graph.batch import to_batch
from graph.model import Source
from loaders.identity import numbered_uid, organisation_uid, unnumbered_uid
from loaders.pipeline import extract_text

FIXTURES = Path(__file__).parent / "fixtures" / "texts"
SRC = Source("src:00000000000000aa", "roundup.txt", "", "", 0, "utf-8")


def test_uid_shapes():
    assert numbered_uid("26-NQ/TW", False, "Hải Phòng", "src:x") == "doc:26-NQ/TW"
    assert numbered_uid("123-KH/TU", True, "Hải Phòng", "src:x") == "doc:123-KH/TU@hai-phong"
    assert numbered_uid("86-KH/TU", True, None, "src:x") == "doc:86-KH/TU@src:x"
    assert unnumbered_uid("Đề án", "Nâng cao chất lượng", None, "src:x") == \
        "doc:DA:nang-cao-chat-luong@src:x"
    assert organisation_uid("Ban Thường vụ Tỉnh ủy", "Quảng Ninh") == \
        "org:ban-thuong-vu-tinh-uy@quang-ninh"


def test_same_symbol_in_two_provinces_is_two_documents():
    text = (FIXTURES / "roundup.txt").read_text(encoding="utf-8")
    ex = extract_text(text, SRC)
    plans = sorted(d.uid for d in ex.documents if d.symbol == "15-KH/TU")
    assert plans == ["doc:15-KH/TU@ca-mau", "doc:15-KH/TU@thai-nguyen"]
    again = extract_text(text, SRC)
    assert [d.uid for d in again.documents] == [d.uid for d in ex.documents]


def test_back_reference_is_not_a_new_document():
    text = (FIXTURES / "roundup.txt").read_text(encoding="utf-8")
    ex = extract_text(text, SRC)
    unnumbered = [d for d in ex.documents if d.symbol is None]
    assert [(d.type, d.locality, d.issuer) for d in unnumbered] == [
        ("Đề án", "Cà Mau", "Tỉnh ủy Cà Mau")]


def test_issuer_organisations_have_uids():
    text = (FIXTURES / "roundup.txt").read_text(encoding="utf-8")
    ex = extract_text(text, SRC)
    names = {o.uid: o.name for o in ex.organisations}
    assert names["org:ban-thuong-vu-tinh-uy-ca-mau@ca-mau"] == "Ban Thường vụ Tỉnh ủy Cà Mau"
    assert "org:bo-chinh-tri" in names


def test_one_uid_per_organisation_in_the_batch():
    """The records the pipeline makes and the nodes the batch writes share one uid per body: a
    provincial issuer, a department leading a task, a ministry leading a task of a local plan."""
    text = (FIXTURES / "roundup.txt").read_text(encoding="utf-8")
    plan = (FIXTURES / "plan.txt").read_text(encoding="utf-8") + (
        "\nII. NHIỆM VỤ\n1. Bộ Nội vụ chủ trì, phối hợp chặt chẽ với Sở Nội vụ hướng dẫn.\n")
    for t in (text, plan):
        b = to_batch(extract_text(t, SRC))
        uids: dict[str, set[str]] = {}
        for n in b.nodes:
            if n.label == "Organisation":
                uids.setdefault(n.props["name"], set()).add(n.uid)
        assert all(len(u) == 1 for u in uids.values()), uids
    assert uids["Bộ Nội vụ"] == {"org:bo-noi-vu"}
    assert uids["Sở Nội vụ"] == {"org:so-noi-vu@ben-tre"}


def _plans(text: str, source: str = "src:00000000000000ee") -> dict[str | None, list]:
    ex = extract_text(text, Source(source, "t.txt", "", "", 0, "utf-8"))
    out: dict[str | None, list] = {}
    for d in ex.documents:
        out.setdefault(d.symbol, []).append(d)
    return out


def test_commune_plans_numbered_alike_stay_apart():
    """Communes number their plans from 01: "05-KH/ĐU" of two communes of one province are two
    documents; each keeps the province as its locality and names its commune in its issuer."""
    text = (FIXTURES / "commune_plan.txt").read_text(encoding="utf-8")
    a = _plans(text)["05-KH/ĐU"][0]
    b = _plans(text.replace("HÓA SƠN", "TRỌNG HÓA"))["05-KH/ĐU"][0]
    assert (a.uid, b.uid) == ("doc:05-KH/ĐU@quang-binh/xa-hoa-son",
                              "doc:05-KH/ĐU@quang-binh/xa-trong-hoa")
    assert a.locality == b.locality == "Quảng Bình"
    assert (a.issuer, b.issuer) == ("Ban Chấp hành Đảng bộ xã Hóa Sơn",
                                    "Ban Chấp hành Đảng bộ xã Trọng Hóa")


def test_district_plan_cited_with_and_without_its_district_is_one_document():
    text = ("Ban Thường vụ Tỉnh ủy Quảng Bình chỉ đạo. Kế hoạch số 40-KH/HU của Ban Thường vụ "
            "Huyện ủy Minh Hóa đã được triển khai. Đến nay, Kế hoạch số 40-KH/HU đạt kết quả.")
    plans = _plans(text)["40-KH/HU"]
    assert [d.uid for d in plans] == ["doc:40-KH/HU@quang-binh/huyen-minh-hoa"]
    assert plans[0].issuer == "Ban Thường vụ Huyện ủy Minh Hóa"


def test_district_plan_whose_unit_is_never_named_is_qualified_by_its_source():
    text = "Tỉnh ủy Quảng Bình chỉ đạo các huyện. Kế hoạch số 40-KH/HU của Ban Thường vụ Huyện ủy."
    plan = _plans(text, "src:00000000000000ef")["40-KH/HU"][0]
    assert plan.uid == "doc:40-KH/HU@src:00000000000000ef"
    assert (plan.locality, plan.level) == ("Quảng Bình", "district")


def test_commune_peoples_committee_plan_carries_its_unit():
    text = ("Tỉnh ủy Quảng Bình chỉ đạo. Kế hoạch số 12/KH-UBND của UBND xã Hóa Sơn; Kế hoạch "
            "số 103/KH-UBND của UBND tỉnh Quảng Bình.")
    plans = _plans(text)
    assert plans["12/KH-UBND"][0].uid == "doc:12/KH-UBND@quang-binh/xa-hoa-son"
    assert plans["103/KH-UBND"][0].uid == "doc:103/KH-UBND@quang-binh"
