"""Identities are deterministic and readable; local symbols never merge across provinces."""

from __future__ import annotations

from pathlib import Path

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
    assert names["org:ban-thuong-vu-tinh-uy-ca-mau"] == "Ban Thường vụ Tỉnh ủy Cà Mau"
    assert "org:bo-chinh-tri" in names
