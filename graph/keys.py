"""Keys for matching and identity: accent/case folding, slugs, normalised symbols."""

from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"\s+")


def fold(text: str | None) -> str:
    """Accent- and case-insensitive form: "Quảng Ninh" -> "quang ninh", "Đ" -> "d".

    >>> fold("  Nghị  Quyết 26-NQ/TƯ ")
    'nghi quyet 26-nq/tu'
    """
    if not text:
        return ""
    s = unicodedata.normalize("NFD", text)
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    s = s.replace("đ", "d").replace("Đ", "D")
    return _SPACE.sub(" ", s).strip().lower()


def slug(text: str | None) -> str:
    """Readable ASCII identifier fragment: "Hải Phòng" -> "hai-phong"."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def symbol_key(symbol: str | None) -> str:
    """Matching key of a document symbol: folded, no spaces, "TƯ" == "TW", "Số" dropped.

    >>> symbol_key("Số 21 – NQ/TƯ")
    '21-nq/tw'
    """
    s = re.sub(r"T\.?[ƯW]\b|t\.?ư\b", "TW", symbol or "")  # "TƯ", "T.Ư" are the Centre, not TU
    s = fold(s).replace(" ", "").replace("–", "-").replace("—", "-")
    return re.sub(r"^so[:.]?", "", s)


_OLD_TONES = re.compile(r"(?<![qQ])([oOuU])([àáảãạèéẻẽẹỳýỷỹỵÀÁẢÃẠÈÉẺẼẸỲÝỶỸỴ])(?!\w)")


def _move_tone(m: re.Match[str]) -> str:
    first, second = m.group(1), unicodedata.normalize("NFD", m.group(2))
    base, tone = second[0], second[1:]
    return unicodedata.normalize("NFC", first + tone) + base


def modern_tones(text: str) -> str:
    """Put word-final tone marks the modern way, keeping the length: "Hoà" -> "Hòa", "uỷ" -> "ủy".

    >>> modern_tones("Thanh Hoá, Uỷ ban, quý, hoàng")
    'Thanh Hóa, Ủy ban, quý, hoàng'
    """
    return _OLD_TONES.sub(_move_tone, text)
