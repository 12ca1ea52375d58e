"""Text as the document and link extractors read it: web-to-text and PDF damage undone.

Pure and deterministic. Most repairs keep the length (markup and pipes become spaces or line
breaks, a hard line wrap becomes a space), so offsets of the normalised text are offsets of the
original; the few that insert characters (a space between glued words: "số39-NQ/TWngày") are
recorded, and `Normalised.original` maps an offset back. Line structure is kept where it carries
meaning: list items, headings and header lines start on lines of their own.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from loaders.matching import spaces_at

# Same-length character repairs: non-breaking and zero-width spaces, markdown emphasis.
_SPACES = re.compile("[\u00a0\u202f\u2007\u200b\u200c\u200d\ufeff*]")
# A table cell separator: cells become lines of their own (a pipe-only line a blank line).
_PIPE = re.compile(r"\|")
_LOWER = "a-zàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
_UPPER = "A-ZÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ"
# Where a line starts something of its own: a list item, a heading, a table rule, an article.
_OWN_LINE = re.compile(
    rf"(?:[-+•–]\s|\d+(?:\.\d+)*\s*[.)](?!\d)|\d{{1,2}}/\s|[a-zđ][)/]|\(\d+\)|[IVXLC]+\s*[.\-–/)]\s"
    rf"|(?:Điều|Điếu|Chương|Mục|Phần)\s+\d|(?:Phần|PHẦN)\s+[IVX]+\b"
    rf"|[-=_.]{{3,}}|Nơi nhận|Kính gửi|Căn cứ|Số\b"
    rf"|[{_UPPER}][{_UPPER}]+\s*[.:]?\s*$"
    rf"|[^,\n]{{1,40}},\s*ngày\s+\d"  # a header's place-date line ("Quảng Nam, ngày 22 …")
    # a news lede opening on its day, under a headline without a stop ("Ngày 10/9/2024, …")
    rf"|(?:Ngày|Sáng|Chiều|Tối|Trưa|Vào ngày)\s+\d{{1,2}}\s*[/-]\s*\d{{1,2}}"
    rf"(?:\s*[/-]\s*\d{{4}})?\s*,"
    # a body's line in a header ("ĐẢNG BỘ HUYỆN X" / "ĐẢNG ỦY XÃ Y"), the motto
    rf"|(?:ĐẢNG (?:ỦY|UỶ|BỘ)|HUYỆN ỦY|TỈNH ỦY|THÀNH ỦY|QUẬN ỦY|THỊ ỦY|ỦY BAN|UỶ BAN|HỘI ĐỒNG"
    rf"|BAN |SỞ |BỘ |CHỦ TỊCH|VĂN PHÒNG|CỘNG HÒA|ĐẢNG CỘNG SẢN)\b)")
_SENTENCE_END = re.compile(r"[.;!?]\s*$")
_SYMBOL_CUT = re.compile(r"(?<![\w/-])\d{1,5}[a-z]?\s*[/-]\s*(?:[A-ZĐ][A-Za-zĐđ]*\s*-\s*)?$")
_SYMBOL_REST = re.compile(r"[A-ZĐ][A-Za-zĐđ]{0,9}(?:\s*[-/]\s*[A-ZĐ0-9][A-Za-zĐđ0-9]{0,9})*"
                          r"\s*(?:$|[,;.)]|\s+(?:ngày|của|về|năm)\b)")
WRAP_SHARE = 0.4  # a line this share of the wrap width long may go on on the next line
_CITED = re.compile(r"(?:Nghị quyết|Nghị định|Quyết định|Chỉ thị|Kế hoạch|Chương trình|Kết luận"
                    r"|Công văn|Văn bản|Thông tư|Hướng dẫn|Quy định|Đề án)\s+(?:số\s*)?\d")
# Words glued by PDF extraction: a "số" stuck to its number, a symbol stuck to the next word,
# a lower-case word stuck to a capitalised one ("Căn cứLuật").
# (one pattern per kind, each led by a literal or by a rare character, the letter before it
# looked behind at: one alternation of look-behinds was five times slower, and a pattern led
# by a lower-case letter is tried at nearly every character); the space goes before
# character `offset` of the match
_GLUES = ((re.compile(r"số\d"), 2),
          *((re.compile(rf"{w}(?<=[A-ZĐƯ]{w})(?![{_LOWER}])"), 0)
            for w in ("ngày", "của", "về", "năm", "và")),
          (re.compile(rf"ngày(?<=[{_LOWER}]ngày)\s+\d"), 0))
# A lower-case word glued to a capitalised one: the capital is looked for, the letter before
# it looked behind at; matches taken left to right as "[a-z][A-Z][a-z]" would be, without
# overlaps (the space goes before the capital).
_GLUED_CAPITAL = re.compile(rf"[{_UPPER}](?<=[{_LOWER}][{_UPPER}])[{_LOWER}]")


@dataclass(frozen=True)
class Normalised:
    """The repaired text and where its characters came from."""

    text: str
    inserts: tuple[int, ...] = field(default=())  # offsets (in `text`) of inserted characters

    def original(self, pos: int) -> int:
        """The offset in the original text of offset `pos` of the normalised text."""
        return pos - bisect.bisect_left(self.inserts, pos)

    def normalised(self, pos: int) -> int:
        """The offset in the normalised text of offset `pos` of the original text."""
        shift = 0
        for at in self.inserts:  # ascending; at - shift is the original offset it precedes
            if at - shift > pos:
                break
            shift += 1
        return pos + shift


_HAS_LOWER = re.compile(rf"[{_LOWER}]")
_HAS_LETTER = re.compile(rf"[{_LOWER}{_UPPER}]")
_ALNUM = re.compile(r"[^\W_]")


def _is_upper_line(s: str) -> bool:
    return _HAS_LOWER.search(s) is None and _HAS_LETTER.search(s) is not None


def _joins(a: str, b: str, width: int) -> bool:
    """Is the break between two stripped lines a hard wrap inside one sentence or cell?
    A line that ends short of the text's wrap `width` ends its paragraph, unless the next line
    goes on in lower case or with a number."""
    if not a or not b or a[0] == "#" or a[-1] == "|":
        return False
    if a[-1] in "-/" and _SYMBOL_CUT.search(a) and _SYMBOL_REST.match(b):
        return True  # a symbol cut at its dash or slash: "Số: 1021/KH-" / "UBND"
    if _OWN_LINE.match(b):
        return False
    first = b[0]
    if _ALNUM.search(a) is None:
        return False  # a rule line ("-------") under a header cell
    if first.islower():  # (not under a line in capitals: "KẾ HOẠCH" / "thực hiện …" is a
        return not _is_upper_line(a)  # title and its summary)
    if a[-1] == ":":
        return first.isdigit()
    if a[-1] == ";" and _CITED.match(b):
        return True  # a list of cited documents goes on: "…;" / "Quyết định số …"
    if _SENTENCE_END.search(a) or not (first.isalnum() or first in "(“\""):
        return False
    if first.isdigit():
        return True
    upper = _is_upper_line(a)
    if upper != _is_upper_line(b):
        return False  # "ỦY BAN NHÂN DÂN" / "Độc lập - Tự do": header lines of two kinds
    return upper or len(a) >= WRAP_SHARE * width


def wrap_width(lines: list[str]) -> int:
    """The width a text was wrapped at: the length most of its lines stay within."""
    sizes = sorted(map(len, filter(None, map(str.strip, lines))))
    return sizes[int(0.9 * (len(sizes) - 1))] if sizes else 0


def join_wrapped(text: str) -> str:
    """Hard-wrapped lines rejoined (the line break becomes a space: same length)."""
    lines = text.split("\n")
    stripped = [x.strip() for x in lines]
    width = wrap_width(stripped)
    breaks = []  # offsets of the line breaks that become spaces
    pos = 0
    for i in range(len(lines) - 1):
        pos += len(lines[i])
        if stripped[i] and stripped[i + 1] and _joins(stripped[i], stripped[i + 1], width):
            breaks.append(pos)
        pos += 1
    return spaces_at(text, breaks)


def _glued_capitals(text: str) -> list[int]:
    out, end = [], 0
    for m in _GLUED_CAPITAL.finditer(text):
        if m.start() - 1 >= end:  # the three letters do not overlap the last ones taken
            out.append(m.start())
            end = m.start() + 2
    return out


def _unglue(text: str) -> Normalised:
    at = sorted({m.start() + offset for pat, offset in _GLUES for m in pat.finditer(text)}
                .union(_glued_capitals(text)))
    if not at:
        return Normalised(text)
    out: list[str] = []
    last = 0
    for pos in at:
        out.append(text[last:pos])
        out.append(" ")
        last = pos
    out.append(text[last:])
    return Normalised("".join(out), tuple(pos + i for i, pos in enumerate(at)))


def normalise(text: str) -> Normalised:
    """The text the document and link extractors read.

    >>> n = normalise("Số: 12/KH-UBND | **Hà Nội**, ngày 5\\ntháng 3 năm 2020 |")
    >>> n.text
    'Số: 12/KH-UBND \\n   Hà Nội  , ngày 5 tháng 3 năm 2020 \\n'
    >>> normalise("Nghị quyết số39-NQ/TWngày 5/3/2019").text
    'Nghị quyết số 39-NQ/TW ngày 5/3/2019'
    """
    s = _PIPE.sub("\n", join_wrapped(_SPACES.sub(" ", text)))
    return _unglue(s)
