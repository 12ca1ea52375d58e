"""Vietnamese byte encodings of the pre-Unicode office: TCVN3 (ABC) and VNI, decoded to NFC.

TCVN3 (TCVN 5712:1993, the ".Vn" fonts) gives each precomposed lower-case letter one byte;
upper-case accented letters were set in a separate ".VnTimeH" font with the lower-case codes,
so they decode lower-case (the letters are right, the case is lost). VNI (the "VNI-" fonts)
writes a base letter followed by a byte for its marks, on Windows-1252 code points.
"""

from __future__ import annotations

import re
import unicodedata

# TCVN3 bytes 0xA1-0xFE (the rest is ASCII).
_TCVN3 = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xC6: "ặ",
    0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
    0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
    0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
}
_TCVN3_TABLE = {i: chr(i) for i in range(0x80)} | _TCVN3

GRAVE, ACUTE, HOOK, TILDE, DOT = "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"
CIRCUMFLEX, BREVE, HORN = "\u0302", "\u0306", "\u031b"

# VNI mark bytes (as Windows-1252 characters), lower and upper case: the marks they add.
_TONES = {"ø": GRAVE, "ù": ACUTE, "û": HOOK, "õ": TILDE, "ï": DOT}
_HATS = {"â": "", "à": GRAVE, "á": ACUTE, "å": HOOK, "ã": TILDE, "ä": DOT}  # + circumflex
_BOWLS = {"ê": "", "è": GRAVE, "é": ACUTE, "ú": HOOK, "ü": TILDE, "ë": DOT}  # + breve (ă)
_VNI_MARKS: dict[str, tuple[str, str]] = {}  # byte -> (family, tone); family "" "^" "("
for _table, _family in ((_TONES, ""), (_HATS, "^"), (_BOWLS, "(")):
    for _k, _tone in _table.items():
        _VNI_MARKS[_k] = (_family, _tone)
        _VNI_MARKS[_k.upper()] = (_family, _tone)
# Letters VNI writes as one byte: ơ ư đ and the toned i's.
_VNI_LETTERS = {"ô": "ơ", "Ô": "Ơ", "ö": "ư", "Ö": "Ư", "ñ": "đ", "Ñ": "Đ",
                "ì": "ì", "Ì": "Ì", "í": "í", "Í": "Í", "æ": "ỉ", "Æ": "Ỉ",
                "ó": "ĩ", "Ó": "Ĩ", "ò": "ị", "Ò": "Ị"}
_VOWELS = set("aeiouyAEIOUY") | set("ơưƠƯ")


def decode_tcvn3(raw: bytes) -> str:
    """TCVN3 (ABC) bytes as NFC text; bytes outside the table decode as Windows-1252.

    A lower-case letter inside an otherwise upper-case word came from the H-font: upper-cased.
    """
    text = "".join(_TCVN3_TABLE.get(b) or bytes([b]).decode("cp1252", "replace") for b in raw)
    return _WORD.sub(_recase, text)


_WORD = re.compile(r"\w{2,}")


def _recase(m: re.Match) -> str:
    w = m.group()
    upper = sum(c.isupper() for c in w)
    lower_ascii = any(c.islower() and c.isascii() for c in w)
    return w.upper() if upper >= 2 and not lower_ascii else w


def decode_vni(raw: bytes) -> str:
    """VNI bytes as NFC text: each base letter takes the mark byte that follows it."""
    chars = raw.decode("cp1252", errors="replace")
    out: list[str] = []
    i = 0
    while i < len(chars):
        c = chars[i]
        base = _VNI_LETTERS.get(c, c)
        nxt = chars[i + 1] if i + 1 < len(chars) else ""
        mark = _VNI_MARKS.get(nxt) if base in _VOWELS else None
        if mark is not None:
            family, tone = mark
            if family == "^" and base.lower() in "aeo":
                out.append(base + CIRCUMFLEX + tone)
                i += 2
                continue
            if family == "(" and base.lower() == "a":
                out.append(base + BREVE + tone)
                i += 2
                continue
            if family == "":
                out.append(base + tone)
                i += 2
                continue
        out.append(base)
        i += 1
    return unicodedata.normalize("NFC", "".join(out))


_TCVN3_ENCODE = {v: k for k, v in _TCVN3.items()}
_TONE_OF = {v: k for k, v in _TONES.items()}
_HAT_OF = {v: k for k, v in _HATS.items()}
_BOWL_OF = {v: k for k, v in _BOWLS.items()}
_VNI_ENCODE = {v: k for k, v in _VNI_LETTERS.items()}


def encode_tcvn3(text: str) -> bytes:
    """Text as TCVN3 bytes (upper-case accented letters as the H-font's lower-case codes):
    what old files hold, for tests and measurements."""
    out = bytearray()
    for c in unicodedata.normalize("NFC", text):
        code = _TCVN3_ENCODE.get(c) or _TCVN3_ENCODE.get(c.lower())
        out.extend([code] if code else c.encode("cp1252"))
    return bytes(out)


def encode_vni(text: str) -> bytes:
    """Text as VNI bytes (a base letter, then its mark byte): for tests and measurements."""
    out: list[str] = []
    for c in unicodedata.normalize("NFC", text):
        if c in _VNI_ENCODE and c.lower() not in "ìí":
            out.append(_VNI_ENCODE[c])
            continue
        parts = unicodedata.normalize("NFD", c)
        base, marks = parts[0], parts[1:]
        tone = next((m for m in marks if m in _TONE_OF), "")
        upper = base.isupper()
        if HORN in marks:
            base = _VNI_ENCODE["ơ" if base.lower() == "o" else "ư"]
            base = base.upper() if upper else base
            mark = _TONE_OF.get(tone, "")
        elif CIRCUMFLEX in marks:
            mark = _HAT_OF[tone]
        elif BREVE in marks:
            mark = _BOWL_OF[tone]
        elif base.lower() == "i" and tone:
            out.append(_VNI_ENCODE[unicodedata.normalize("NFC", c)])
            continue
        else:
            mark = _TONE_OF.get(tone, "")
        out.append(base + (mark.upper() if upper else mark))
    return "".join(out).encode("cp1252")
