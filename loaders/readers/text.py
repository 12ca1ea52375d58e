"""Plain text in any encoding a Vietnamese office has produced, detected and decoded to NFC.

Unicode first: UTF-8 (BOM or not), UTF-16 (BOM, or BOM-less when the zero bytes sit on one
parity). Bytes that are not UTF-8 are decoded as each legacy encoding — Windows-1258 (base
letters + combining tones), TCVN3 (ABC) and VNI — and the one whose words are Vietnamese
syllables wins; text none of them reads as Vietnamese is refused, never guessed.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from loaders.errors import SourceError
from loaders.readers.base import Reading, clean
from loaders.readers.legacy import decode_tcvn3, decode_vni

FORMAT = "text"
SUFFIXES = (".txt", ".text")
MIME = ("text/plain", "text/markdown")

_TONE_MARKS = set("\u0300\u0301\u0303\u0309\u0323")
_SHAPE_MARKS = set("\u0302\u0306\u031b")
_VIET_BASES = set("abcdefghiklmnopqrstuvxyđ")
_WORD = re.compile(r"[^\W\d_]+")
# The share of accented words that must be Vietnamese syllables for a legacy decoding to win.
MIN_SYLLABLES = 0.9
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _utf16_without_bom(raw: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when zero bytes sit on one parity only (ASCII-heavy text)."""
    if len(raw) < 4 or len(raw) % 2:
        return None
    even, odd = raw[0::2], raw[1::2]
    zeros_even, zeros_odd = even.count(0), odd.count(0)
    half = len(raw) // 2
    if zeros_odd > 0.3 * half and zeros_even == 0:
        return "utf-16-le"
    if zeros_even > 0.3 * half and zeros_odd == 0:
        return "utf-16-be"
    return None


_MARKED_ON = {"\u0302": "aeo", "\u0306": "a", "\u031b": "ou"}  # circumflex, breve, horn
# Vowel groups a Vietnamese syllable can have (marks on the letters: ư ơ ô ê â ă).
_NUCLEI_TEXT = (
    "a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi oo ua uâ uê ui "
    "uô uơ uy ưa ưi ưu ươ yê iêu yêu oai oay oao oeo uây uôi ươi ươu uyê uya uyu"
)
_NUCLEI = frozenset(_NUCLEI_TEXT.split())


def is_syllable(word: str) -> bool:
    """A word written as a Vietnamese syllable: its letters, marks on the letters that carry
    them, one vowel group of the language, at most one tone, on a vowel."""
    parts = unicodedata.normalize("NFD", word.lower())
    tones = 0
    letters = ""
    for i, c in enumerate(parts):
        if c in _TONE_MARKS:
            tones += 1
            if i == 0 or parts[i - 1] not in "aeiouy\u0302\u0306\u031b":
                return False
        elif c in _SHAPE_MARKS:
            if not letters or letters[-1] not in _MARKED_ON[c]:
                return False
            letters = letters[:-1] + unicodedata.normalize("NFC", letters[-1] + c)
        elif c in _VIET_BASES:
            letters += c
        else:
            return False
    if tones > 1:
        return False
    if letters.startswith("qu") or (letters.startswith("gi") and len(letters) > 2
                                    and letters[2] in "aăâeêoôơuư"):
        letters = letters[0] + letters[2:]
    groups = re.findall(r"[aăâeêioôơuưy]+", letters)
    return len(groups) == 1 and groups[0] in _NUCLEI


def vietnamese_share(text: str) -> tuple[float, int]:
    """(share of the words with non-ASCII letters that are Vietnamese syllables, their count)."""
    words = [w for w in _WORD.findall(text) if not w.isascii()]
    if not words:
        return 0.0, 0
    return sum(map(is_syllable, words)) / len(words), len(words)


def _legacy(raw: bytes) -> tuple[str, str] | None:
    """The legacy decoding whose words read best as Vietnamese, if one reads well enough."""
    best: tuple[float, int, str, str] | None = None
    for enc, decode in (("cp1258", lambda b: b.decode("cp1258")), ("tcvn3", decode_tcvn3),
                        ("vni", decode_vni)):
        try:
            text = decode(raw)
        except UnicodeDecodeError:
            continue
        if len(_CONTROL.findall(text)) > 0.001 * len(text) + 1:
            continue
        share, n = vietnamese_share(unicodedata.normalize("NFC", text))
        if n and (best is None or (share, n) > best[:2]):
            best = (share, n, text, enc)
    if best is None or best[0] < MIN_SYLLABLES:
        return None
    return best[2], best[3]


def decode(raw: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """(text, encoding) of raw bytes; raises SourceError when no supported encoding fits."""
    if raw.startswith(codecs.BOM_UTF8):
        try:
            return raw[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as e:
            raise SourceError(name, f"has a UTF-8 BOM but invalid UTF-8 at byte {e.start}") from e
    for bom, enc in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if raw.startswith(bom):
            try:
                return raw[2:].decode(enc), enc
            except UnicodeDecodeError as e:
                raise SourceError(name, f"has a UTF-16 BOM but is not valid {enc}") from e
    enc16 = _utf16_without_bom(raw)
    if enc16:
        try:
            return raw.decode(enc16), enc16
        except UnicodeDecodeError:
            pass
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        utf8_error = e
    else:
        if len(_CONTROL.findall(text)) > 0.01 * len(text) + 1:
            raise SourceError(name, "is binary, not text (control bytes throughout)")
        return text, "utf-8"
    legacy = _legacy(raw)
    if legacy is not None:
        return legacy
    raise SourceError(name, "is not text in a supported encoding (UTF-8, UTF-16, Windows-1258, "
                            f"TCVN3, VNI); invalid UTF-8 at byte {utf8_error.start}")


def read(raw: bytes, name: str) -> Reading:
    """A text file: decoded (encoding detected), NFC."""
    text, encoding = decode(raw, name)
    return Reading(clean(text, tidy=False), FORMAT, encoding)


_FILE_NAME = re.compile(r"^[\w.-]+\.(?:docx?|pdf|rtf|odt)$|^[^\s]*_[^\s]*$", re.IGNORECASE)


def fix_title(title: str | None) -> str | None:
    """A file's declared title, or None when it is a file name; a title stored in a legacy
    font's code page ("uû ban nh©n d©n" for "uỷ ban nhân dân", TCVN3 read as Latin-1) is
    decoded again."""
    title = re.sub(r"^Microsoft Word\s*-\s*", "", " ".join((title or "").split()))
    if not title or _FILE_NAME.match(title):
        return None
    share, _ = vietnamese_share(title)
    if title.isascii() or share >= MIN_SYLLABLES:
        return title
    try:
        raw = title.encode("cp1252")
    except UnicodeEncodeError:
        return title
    legacy = _legacy(raw)
    return unicodedata.normalize("NFC", legacy[0]) if legacy else title


# A line typed in a legacy font shows Latin-1 letters and none of the letters only Vietnamese
# Unicode has (checked first: most lines are left at once).
_LATIN1 = re.compile("[\u00a0-\u00ff]")
_VIET_ONLY = re.compile("[ăđĩũơưĂĐĨŨƠƯ\u1ea0-\u1ef9]")


def repair_legacy_fonts(text: str) -> tuple[str, int]:
    """(text, lines repaired): lines typed in a TCVN3 or VNI font inside a Unicode file
    (Word, PDF and web pages made with ".VnTime" or "VNI-Times" show "Céng hoµ" for "Cộng
    hoà") decoded again, when their letters read as Vietnamese only that way."""
    out, fixed = [], 0
    for line in text.split("\n"):
        if _LATIN1.search(line) and not _VIET_ONLY.search(line) and \
                vietnamese_share(line)[0] < MIN_SYLLABLES:
            try:
                legacy = _legacy(line.encode("cp1252"))
            except UnicodeEncodeError:
                legacy = None
            if legacy is not None and legacy[1] != "cp1258":
                line, fixed = unicodedata.normalize("NFC", legacy[0]), fixed + 1
        out.append(line)
    return "\n".join(out), fixed
