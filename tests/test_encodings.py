"""Legacy Vietnamese encodings are detected and decoded; the false-detection rate on texts
written for this test is measured (docs/READERS.md quotes it)."""

from __future__ import annotations

import unicodedata

import pytest

from loaders import SourceError
from loaders.readers.legacy import encode_tcvn3, encode_vni
from loaders.readers.text import decode

# Sentences written for this test (not from any corpus), short and long.
VIETNAMESE = [
    "Ủy ban nhân dân tỉnh giao Sở Tài chính bố trí kinh phí.",
    "Các xã hoàn thành việc rà soát hộ nghèo trước tháng mười.",
    "Đẩy mạnh ứng dụng công nghệ số trong quản lý đất đai.",
    "Trường học vùng cao được ưu tiên sửa chữa phòng ở cho học sinh.",
    "Huy động nguồn lực xã hội hóa để xây dựng nhà văn hóa thôn.",
    "Bảo vệ rừng đầu nguồn, ngăn chặn khai thác gỗ trái phép.",
    "Tổ chức hội nghị sơ kết sáu tháng, báo cáo Thường trực Tỉnh ủy.",
    "Phấn đấu đến năm 2030 tỷ lệ đô thị hóa đạt trên bốn mươi phần trăm.",
    "Nâng cao chất lượng khám chữa bệnh ở trạm y tế xã.",
    "Mỗi huyện xây dựng ít nhất một sản phẩm đặc trưng của địa phương.",
    "Kiểm tra việc chấp hành quy định về an toàn thực phẩm dịp Tết.",
    "Hỗ trợ ngư dân đóng mới tàu cá vươn khơi bám biển.",
    "Sở Giao thông vận tải chủ trì, phối hợp với công an tỉnh.",
    "Đào tạo nghề cho lao động nông thôn gắn với nhu cầu doanh nghiệp.",
    "Giữ vững an ninh chính trị, trật tự an toàn xã hội trên địa bàn.",
    "Hà Nội", "Quảng Ninh", "Thừa Thiên Huế", "Bà Rịa - Vũng Tàu", "Đắk Lắk",
]
# Non-Vietnamese texts in Western code pages: must not be taken for Vietnamese.
FOREIGN = [
    ("Déjà vu, façade, garçon à la crème brûlée.", "latin-1"),
    ("Über die Brücke gehen Müller und Schäfer.", "latin-1"),
    ("El niño comió piñata en la mañana señorial.", "latin-1"),
    ("São Paulo não é a capital, disse João.", "latin-1"),
    ("Ærlig talt, blåbær og smørrebrød er godt.", "latin-1"),
    ("Señor Müller’s café — “naïve” résumé.", "cp1252"),
]
LEGACY = {"cp1258": None, "tcvn3": encode_tcvn3, "vni": encode_vni}


def to_cp1258(text: str) -> bytes:
    tones = set("\u0300\u0301\u0303\u0309\u0323")
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        tone = "".join(c for c in parts if c in tones)
        out.append(unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
                   + tone)
    return "".join(out).encode("cp1258")


def encode(text: str, enc: str) -> bytes:
    return to_cp1258(text) if enc == "cp1258" else LEGACY[enc](text)


@pytest.mark.parametrize("enc", sorted(LEGACY))
def test_legacy_encodings_round_trip(enc):
    text = "\n".join(VIETNAMESE)
    got, found = decode(encode(text, enc))
    assert found == enc
    if enc == "tcvn3":  # capitals with marks were a separate font: the letters, not the case
        got, text = got.lower(), text.lower()
    assert unicodedata.normalize("NFC", got) == text


@pytest.mark.parametrize("enc", ["utf-8", "utf-16-le", "utf-16-be"])
def test_unicode_with_and_without_bom(enc):
    text = "\n".join(VIETNAMESE[:3]) + " plain ASCII words " * 20
    boms = {"utf-8": b"\xef\xbb\xbf", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}
    assert decode(boms[enc] + text.encode(enc))[0] == text
    assert decode(text.encode(enc))[0] == text


def false_detection_rate() -> tuple[int, int]:
    """(wrong, trials): each sentence alone in each legacy encoding, and each foreign text."""
    wrong = trials = 0
    for s in VIETNAMESE:
        for enc in LEGACY:
            trials += 1
            try:
                text, found = decode(encode(s, enc))
            except SourceError:
                found, text = None, ""
            wrong += found != enc or unicodedata.normalize("NFC", text).lower() != s.lower()
    for s, codec in FOREIGN:
        trials += 1
        try:
            decode(s.encode(codec))
            wrong += 1
        except SourceError:
            pass
    return wrong, trials


def test_false_detection_rate_is_low():
    wrong, trials = false_detection_rate()
    assert trials == 3 * len(VIETNAMESE) + len(FOREIGN)
    assert wrong / trials <= 0.05, f"{wrong}/{trials} wrong"
