"""Keys for matching and identity: accent/case folding, slugs, normalised symbols."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACE = re.compile(r"\s+")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_CENTRE = re.compile(r"T\.?[ƯW]\b|t\.?ư\b")
_SO = re.compile(r"^so[:.]?")
_WORD = re.compile(r"\w+")


class _Reordered(Exception):
    """A spacing mark NFD may reorder: the text is folded the slow, literal way."""


class _StripMarks(dict):
    """str.translate table: a character -> its NFD without combining marks (Mn), "đ" -> "d".

    Filled on demand. Per character this equals NFD of the whole text with the marks dropped,
    except around spacing marks with a combining class, which NFD may reorder: those raise.
    """

    def __missing__(self, code: int) -> str:
        parts = unicodedata.normalize("NFD", chr(code))
        if any(unicodedata.combining(c) and unicodedata.category(c) != "Mn" for c in parts):
            raise _Reordered
        out = "".join(c for c in parts if unicodedata.category(c) != "Mn")
        self[code] = out.replace("đ", "d").replace("Đ", "D")
        return self[code]


_MARKS = _StripMarks()


def _strip_marks(text: str) -> str:
    if text.isascii():
        return text
    try:
        return text.translate(_MARKS)
    except _Reordered:
        s = unicodedata.normalize("NFD", text)
        s = "".join(c for c in s if unicodedata.category(c) != "Mn")
        return s.replace("đ", "d").replace("Đ", "D")


def fold(text: str | None) -> str:
    """Accent- and case-insensitive form: "Quảng Ninh" -> "quang ninh", "Đ" -> "d".

    >>> fold("  Nghị  Quyết 26-NQ/TƯ ")
    'nghi quyet 26-nq/tu'
    """
    if not text:
        return ""
    return _SPACE.sub(" ", _strip_marks(text)).strip().lower()


class _WordChars(dict):
    """str.translate table: a character -> its folded form (as `fold`: marks dropped, "đ" ->
    "d", lower case) when it belongs to a word (letters, digits, "_"), else a space."""

    def __missing__(self, code: int) -> str:
        out = _MARKS[code].lower()
        self[code] = out if (out.isalnum() or out == "_") else " "
        return self[code]


_WORD_CHARS = _WordChars()


def search_words(text: str | None) -> str | None:
    """The words of a text, folded, one space apart: what `kg search` matches a query's words
    against, in both stores (queries/search.py). Punctuation goes, so a word is a word.
    One translate and a split (a regex over `fold`'s output took twice as long).

    >>> search_words("Cán bộ (cấp chiến lược), Đảng")
    'can bo cap chien luoc dang'
    """
    if not text:
        return None
    try:
        words = text.translate(_WORD_CHARS)
    except _Reordered:  # a mark NFD may move: the slow, literal way
        words = " ".join(_WORD.findall(fold(text)))
    return " ".join(words.split()) or None


@lru_cache(maxsize=1 << 16)
def slug(text: str | None) -> str:
    """Readable ASCII identifier fragment: "Hải Phòng" -> "hai-phong".

    Cached: identifiers repeat (one document's uid in each of its tasks' uids)."""
    return _NOT_SLUG.sub("-", fold(text)).strip("-")


def symbol_key(symbol: str | None) -> str:
    """Matching key of a document symbol: folded, no spaces, "TƯ" == "TW", "Số" dropped.

    >>> symbol_key("Số 21 – NQ/TƯ")
    '21-nq/tw'
    """
    s = _CENTRE.sub("TW", symbol or "")  # "TƯ", "T.Ư" are the Centre, not TU
    s = fold(s).replace(" ", "").replace("–", "-").replace("—", "-")
    return _SO.sub("", s)


# "o"/"u" (not after "q") + a toned vowel ending the word; led by the "o"/"u", which the regex
# engine scans for quickly, the "q" checked behind it.
_OLD_TONES = re.compile(r"([oOuU])(?<![qQ].)([àáảãạèéẻẽẹỳýỷỹỵÀÁẢÃẠÈÉẺẼẸỲÝỶỸỴ])(?!\w)")


def _move_tone(m: re.Match[str]) -> str:
    first, second = m.group(1), unicodedata.normalize("NFD", m.group(2))
    base, tone = second[0], second[1:]
    return unicodedata.normalize("NFC", first + tone) + base


@lru_cache(maxsize=256)
def modern_tones(text: str) -> str:
    """Put word-final tone marks the modern way, keeping the length: "Hoà" -> "Hòa", "uỷ" -> "ủy".

    Cached: the extractors of one text each read it with modern tones.

    >>> modern_tones("Thanh Hoá, Uỷ ban, quý, hoàng")
    'Thanh Hóa, Ủy ban, quý, hoàng'
    """
    return text if text.isascii() else _OLD_TONES.sub(_move_tone, text)
