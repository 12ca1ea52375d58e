"""The document a text *is*: a plan or resolution whose own title opens the text.

"KẾ HOẠCH" (or NGHỊ QUYẾT, CHƯƠNG TRÌNH …) on a line of its own or leading a capitalised title
line, near the top, then its summary (trích yếu: capitals, or a lower-case block "thực hiện Nghị
quyết số …" closed by a blank line); the header may give its number ("Số: 12/KH-UBND"), its
issuer placed in its province and unit (loaders.header) and its date ("…, ngày 5 tháng 11 năm
2018"); otherwise the preamble names the issuer ("UBND tỉnh ban hành Kế hoạch …").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from graph.keys import fold
from loaders.dates import parse_date
from loaders.header import read_header
from loaders.issuers import Org
from loaders.issuers import find_organisations as find_issuers
from loaders.localities import province
from loaders.matching import line_start
from loaders.organisations import find_organisations
from loaders.references import find_symbols, printed_types, type_words
from loaders.unnumbered import ISSUING_VERB


def title_words() -> list[str]:
    """Type words as a title block prints them ("KẾ HOẠCH", "BỘ LUẬT"), longest first; codes
    ("NQ", "KH") never stand alone as a title line."""
    words = {w.upper() for ws in printed_types().values() for w in ws if w != w.upper()}
    return [re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w))]

_TYPE_LINE = re.compile(
    rf"^[ \t]*({'|'.join(title_words())})(?![\w])[ \t]*([^\n]*)$", re.MULTILINE)
_NUMBER = re.compile(r"^[ \t]*Số\s*:?\s*(\S[^\n]*)$", re.MULTILINE)
_PLACE_DATE = re.compile(r"^[^\n,]{0,40},\s*(?:ngày\s+)?(?:\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}"
                         r"|\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4})", re.MULTILINE)
# the place-date printed in the right column of a header laid out side by side (a PDF's text
# keeps both columns on one line: "Số: 45/KH-UBND        Bắc Giang, ngày 03 tháng 4 năm 2026")
_COLUMN_DATE = re.compile(r"(?<=\S)[ \t]{3,}" + _PLACE_DATE.pattern.removeprefix("^"))
_ISSUES = re.compile(rf"{ISSUING_VERB}\s+", re.IGNORECASE)
# "… Quyết định số X của Thủ tướng Chính phủ về việc ban hành …": a cited document's body
_OF = re.compile(r"\b(?:của|do)\s+$", re.IGNORECASE)
SUMMARY_LINES = 3
_LINE = re.compile(r"[^\n]*")
_NOT_SUMMARY = re.compile(r"[:;,]\s*$")  # a preamble's clause ("… ban hành Kế hoạch như sau:")
_PART = re.compile(r"[IVX]{1,5}\s*[.\-–]\s")  # "I. MỤC ĐÍCH, YÊU CẦU": the body has begun


def _block(text: str, pos: int) -> tuple[list[tuple[int, int]], bool]:
    """Spans of the lines from `pos` up to a blank line or a part heading, and whether a blank
    line (or the end) closed them."""
    out: list[tuple[int, int]] = []
    while pos < len(text):  # blank lines (looked for without copying the rest of the text)
        nl = text.find("\n", pos)
        if text[pos:nl if nl >= 0 else len(text)].strip():
            break
        pos = nl + 1 if nl >= 0 else len(text)
    while pos < len(text):
        m = _LINE.match(text, pos)
        if m is None or not m.group().strip():  # (`_LINE` matches everywhere, maybe empty)
            break
        if _PART.match(m.group().strip()):
            return out, False
        out.append(m.span())
        pos = m.end() + 1
    return out, True


_SUMMARY_HEAD = re.compile(r"(?:Về việc|V/v|Về)\s", re.IGNORECASE)


def capitals(line: str) -> bool:
    """Is a title line printed in capitals (a symbol's lower-case letters aside: "…/QĐ-TTg")?"""
    letters = "".join(filter(str.isalpha, line))
    return bool(letters) and sum(map(str.isupper, letters)) >= 0.9 * len(letters)


@dataclass(frozen=True)
class SubjectDoc:
    start: int
    end: int  # end of the title block
    type: str
    title: str | None
    symbol: str | None
    issuer: Org | None
    date: dt.date | None
    province: str | None = None  # printed in the page's metadata ("Nơi ban hành: Tỉnh …")


HEAD_CHARS = 6000  # the header block sits in the head of a page, after its furniture
_META_NUMBER = re.compile(r"Số hiệu\s*:?\s*")
_META_DATE = re.compile(r"Ngày ban hành\s*:?\s*(\d{1,2}/\d{1,2}/\d{4})")
_META_PLACE = re.compile(r"(?:Nơi|Cơ quan) ban hành\s*:?\s*([^\n:]*?)"
                         r"(?=\s+(?:Người ký|Ngày|Số|Loại|Lĩnh vực|Tình trạng)\b|\s*$)",
                         re.MULTILINE)
_MOTTO = re.compile(r"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|ĐẢNG CỘNG SẢN VIỆT NAM"
                    r"|Độc lập\s*[-–]\s*Tự do", re.IGNORECASE)
_BODY_START = re.compile(r"^[ \t]*(?:Căn cứ|Thực hiện|Triển khai|Xét đề nghị|Điều 1|Kính gửi"
                         r"|Nhằm|Để (?:triển khai|thực hiện|tiếp tục|cụ thể))\b", re.MULTILINE)
_LETTER = re.compile(r"^[ \t]*V/v\b", re.MULTILINE)


@dataclass(frozen=True)
class Metadata:
    """The fields a legal-database page prints above the document."""

    symbol: str | None
    date: dt.date | None
    province: str | None


def read_metadata(text: str, end: int) -> Metadata:
    """"Số hiệu: …", "Ngày ban hành: …", "Nơi ban hành: Tỉnh …" printed in `text[:end]`."""
    symbol = None
    m = _META_NUMBER.search(text, 0, end)
    if m:
        refs = find_symbols(text[m.end():m.end() + 60])
        symbol = refs[0].symbol if refs and refs[0].start == 0 else None
    d = _META_DATE.search(text, 0, end)
    place = _META_PLACE.search(text, 0, end)
    p = province(place.group(1)) if place else None
    return Metadata(symbol, parse_date(d.group(1)) if d else None, p.name if p else None)


def _head_end(text: str) -> int:
    """Where the body starts (`_BODY_START.search(text, 0, HEAD_CHARS)`, tried only at line
    starts: a pattern led by "^" is otherwise tried at every character)."""
    at = 0
    while 0 <= at < HEAD_CHARS:
        if _BODY_START.match(text, at, HEAD_CHARS):
            return at
        at = text.find("\n", at, HEAD_CHARS)
        at = at + 1 if at >= 0 else -1
    return min(len(text), HEAD_CHARS)


def _header_symbol(text: str, end: int) -> str | None:
    """The symbol on the last "Số: …" line of the header before `end`."""
    for n in reversed(list(_NUMBER.finditer(text, 0, end))):
        refs = find_symbols(n.group(1))
        if refs and refs[0].start <= 2:
            return refs[0].symbol
    return None


def _place_date(text: str, head: int) -> re.Match[str] | None:
    """The header's place-date line ("Hà Nội, ngày 5 tháng 11 năm 2018"), or the same in the
    right column of a line."""
    return line_start(_PLACE_DATE).search(text, 0, head) or _COLUMN_DATE.search(text, 0, head)


def find_subject(text: str, orgs: list[Org]) -> SubjectDoc | None:
    """The text's own document, if its header or title block opens the text (after any page
    furniture: menus, metadata fields, related-document lists, table residue)."""
    head = _head_end(text)
    meta = read_metadata(text, head)
    m = next((t for t in _TYPE_LINE.finditer(text, 0, head)
              if not t.group(2) or capitals(t.group(2))), None)
    if m is None:
        return _letter(text, head, meta, orgs) or _addressed(text, head)
    before = text[:m.start()].strip()
    headed = (_MOTTO.search(text, 0, m.start()) or line_start(_NUMBER).search(text, 0, m.start())
              or meta.symbol or "\n" not in before)  # or the title opens the text
    if not headed:
        return None
    type_name = type_words()[fold(m.group(1))]
    end, lines = m.end(), [m.group(2)] if m.group(2) else []
    block, closed = _block(text, m.end() + 1)
    summary = closed and 0 < len(block) <= SUMMARY_LINES and not _NOT_SUMMARY.search(
        text[block[-1][0]:block[-1][1]]) and not _BODY_START.match(
        text, block[0][0])  # a block of its own: the summary (trích yếu), not a preamble
    for i, (a, b) in enumerate(block):
        s = text[a:b].strip()
        if not (capitals(s) or summary or (i == 0 and _SUMMARY_HEAD.match(s))):
            break
        lines.append(s)
        end = b
    of = _OF_ISSUER.match(m.group(2))
    if of is not None:  # "CHỈ THỊ CỦA THỦ TƯỚNG CHÍNH PHỦ": the issuer, not the title's words
        lines = lines[1:]
    title = " ".join(lines).strip() or None
    symbol = _header_symbol(text, m.start()) or meta.symbol
    d = _place_date(text, head)
    date = parse_date(d.group()) if d else meta.date
    header_orgs = [o for o in orgs if o.end <= m.start()]
    issuer = read_header(text, m.start()) or (
        _named_in(text, m.start(2) + of.end(), m.end(2)) if of is not None else None) or (
        header_orgs[0] if header_orgs else None)
    if issuer is None:
        issuer = _preamble_issuer(text, end, orgs, type_name)
    if issuer is not None and issuer.province is None and meta.province:
        issuer = replace(issuer, province=meta.province)
    return SubjectDoc(m.start(1), end, type_name, title, symbol, issuer, date, meta.province)


_OF_ISSUER = re.compile(r"CỦA\s+(?=\S)")


def _named_in(text: str, a: int, b: int) -> Org | None:
    """The body named in `text[a:b]`, the rest of a type line "QUYẾT ĐỊNH CỦA <body>" (older
    documents name their issuer there): the issuer finder's mention (placed in its province),
    else the gazetteer's body printed in capitals ("THỦ TƯỚNG CHÍNH PHỦ")."""
    own = find_issuers(text[a:b])
    if own:
        o = max(own, key=lambda o: o.end - o.start)
        return replace(o, start=a + o.start, end=a + o.end)
    known = find_organisations(text, a, b)
    if not known:
        return None
    k = max(known, key=lambda k: k.end - k.start)
    return Org(k.start, k.end, text[k.start:k.end], k.entry.name, k.entry.level, k.entry.kind,
               None)


def _letter(text: str, head: int, meta: Metadata, orgs: list[Org]) -> SubjectDoc | None:
    """A document whose page kept the header but lost the title block, or an official letter
    (công văn: a "V/v" summary, no type line): its type is the code of its header number."""
    n = line_start(_NUMBER).search(text, 0, head)
    if n is None or not _MOTTO.search(text, 0, head):
        return None
    symbol = _header_symbol(text, head)
    if symbol is None:
        return None
    v = line_start(_LETTER).search(text, 0, head)
    ref = find_symbols(symbol)[0]
    type_name = "Công văn" if v is not None or ref.type is None else ref.type
    d = _place_date(text, head)
    issuer = read_header(text, n.start())
    start = v.start() if v is not None else n.start()
    line_end = text.find("\n", start)
    end = len(text) if line_end < 0 else line_end
    title = text[v.start():end].strip() if v is not None else None
    return SubjectDoc(start, end, type_name, title, symbol, issuer,
                      parse_date(d.group()) if d else meta.date, meta.province)


_ADDRESSED = re.compile(r"^[ \t]*Kính gửi\s*:", re.MULTILINE)
ADDRESS_LINES = 3  # a letter whose header was lost opens with its addressees


def _addressed(text: str, head: int) -> SubjectDoc | None:
    """A letter that opens, after no more than a few lines, with "Kính gửi:": the text is an
    official letter (công văn) even though its header and number were lost."""
    m = line_start(_ADDRESSED).search(text, 0, head + 40)
    lines = [x for x in text[:m.start()].split("\n") if x.strip()] if m else []
    if m is None or len([x for x in lines if not x.startswith("# source:")]) > ADDRESS_LINES:
        return None
    return SubjectDoc(m.start(), m.end(), "Công văn", None, None, None, None)


_TYPE_AFTER = re.compile(rf"({'|'.join(title_words())})(?!\w)", re.IGNORECASE)


def _preamble_issuer(text: str, end: int, orgs: list[Org], type_name: str) -> Org | None:
    """The body that the opening paragraph says issued the text ("UBND tỉnh ban hành Kế hoạch
    …"); not one that issued a document of another type ("Bộ Chính trị đã ban hành Nghị quyết
    số …" opening a Chỉ thị tells of the document it carries out)."""
    body = len(text[:end]) + len(text[end:]) - len(text[end:].lstrip())
    para_end = text.find("\n", body)
    para_end = len(text) if para_end < 0 else para_end
    for v in _ISSUES.finditer(text, end, para_end):
        before = [o for o in orgs if end <= o.start and o.end <= v.start()]
        issued = _TYPE_AFTER.match(text, v.end())
        if issued is not None and type_words()[fold(issued.group(1))] != type_name:
            continue
        if before and v.start() - before[-1].end <= 20 and not _OF.search(
                text, max(0, before[-1].start - 8), before[-1].start):
            return before[-1]
    return None
