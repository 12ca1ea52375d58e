"""Reading files: encodings are detected, never guessed; bad files fail with one clear error."""

from __future__ import annotations

import hashlib
import unicodedata

import pytest

from loaders import SourceError, read_source

TEXT = "Thực hiện Nghị quyết 26-NQ/TW, Tỉnh ủy Quảng Ninh ban hành Kế hoạch.\nĐợt 1: hoà nhập."
TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def to_cp1258(text: str) -> bytes:
    """Windows-1258 bytes as Vietnamese software writes them: base letter + combining tone."""
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        tone = "".join(c for c in parts if c in TONES)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
        out.append(base + tone)
    return "".join(out).encode("cp1258")


def write(tmp_path, name: str, data: bytes):
    p = tmp_path / name
    p.write_bytes(data)
    return p


@pytest.mark.parametrize("data, encoding", [
    (TEXT.encode("utf-8"), "utf-8"),
    (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
    (b"\xff\xfe" + TEXT.encode("utf-16-le"), "utf-16-le"),
    (b"\xfe\xff" + TEXT.encode("utf-16-be"), "utf-16-be"),
    (TEXT.encode("utf-16-le"), "utf-16-le"),
    (to_cp1258(TEXT), "cp1258"),
])
def test_encodings_are_detected(tmp_path, data, encoding):
    source, text = read_source(write(tmp_path, "a.txt", data))
    assert text == TEXT
    assert source.encoding == encoding


def test_cp1258_is_normalised_to_nfc(tmp_path):
    raw = to_cp1258(TEXT)
    assert b"\xcc" in raw or b"\xec" in raw or b"\xd2" in raw  # combining tone bytes present
    _, text = read_source(write(tmp_path, "a.txt", raw))
    assert unicodedata.is_normalized("NFC", text)
    assert "Nghị quyết" in text


def test_newlines_and_source_identity(tmp_path):
    raw = "Dòng một\r\nDòng hai\rDòng ba".encode()
    p = write(tmp_path, "b.txt", raw)
    source, text = read_source(p)
    assert text == "Dòng một\nDòng hai\nDòng ba"
    assert source.uid == "src:" + hashlib.sha256(raw).hexdigest()[:16]
    assert source.name == "b.txt" and source.path == str(p.resolve())


def test_bytes_valid_in_no_encoding_name_the_file(tmp_path):
    p = write(tmp_path, "junk.txt", bytes(range(1, 256)) * 3)
    with pytest.raises(SourceError, match=r"junk\.txt"):
        read_source(p)


def test_latin1_text_is_not_taken_for_vietnamese(tmp_path):
    p = write(tmp_path, "fr.txt", "Déjà vu, façade, garçon à la crème.".encode("latin-1"))
    with pytest.raises(SourceError, match="supported encoding"):
        read_source(p)


def test_empty_and_unsupported_files(tmp_path):
    with pytest.raises(SourceError, match="empty"):
        read_source(write(tmp_path, "e.txt", b"  \n"))
    with pytest.raises(SourceError, match="unsupported file type"):
        read_source(write(tmp_path, "a.xyz", b"some bytes"))
