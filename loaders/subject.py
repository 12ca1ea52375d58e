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
from dataclasses import dataclass

from loaders.dates import parse_date
from loaders.header import read_header
from loaders.issuers import Org
from loaders.references import find_symbols
from loaders.unnumbered import ISSUING_VERB

HEAD_LINES = 15
_TYPE_LINE = re.compile(
    r"^[ \t]*(KẾ HOẠCH|NGHỊ QUYẾT|CHƯƠNG TRÌNH HÀNH ĐỘNG|CHƯƠNG TRÌNH|QUY ĐỊNH|HƯỚNG DẪN|ĐỀ ÁN"
    r"|CHỈ THỊ|QUYẾT ĐỊNH|KẾT LUẬN)(?![\w])[ \t]*([^\n]*)$", re.MULTILINE)
_NUMBER = re.compile(r"^[ \t]*Số\s*:?\s*(\S[^\n]*)$", re.MULTILINE)
_PLACE_DATE = re.compile(r"^[^\n]{0,40},\s*ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}",
                         re.MULTILINE)
_ISSUES = re.compile(rf"{ISSUING_VERB}\s+", re.IGNORECASE)
SUMMARY_LINES = 3
_LINE = re.compile(r"[^\n]*")
_NOT_SUMMARY = re.compile(r"[:;,]\s*$")  # a preamble's clause ("… ban hành Kế hoạch như sau:")
_PART = re.compile(r"[IVX]{1,5}\s*[.\-–]\s")  # "I. MỤC ĐÍCH, YÊU CẦU": the body has begun


def _block(text: str, pos: int) -> tuple[list[tuple[int, int]], bool]:
    """Spans of the lines from `pos` up to a blank line or a part heading, and whether a blank
    line (or the end) closed them."""
    out = []
    while pos < len(text):
        m = _LINE.match(text, pos)
        if not m.group().strip():
            break
        if _PART.match(m.group().strip()):
            return out, False
        out.append(m.span())
        pos = m.end() + 1
    return out, True


@dataclass(frozen=True)
class SubjectDoc:
    start: int
    end: int  # end of the title block
    type: str
    title: str | None
    symbol: str | None
    issuer: Org | None
    date: dt.date | None


def _head_end(text: str) -> int:
    pos = 0
    for _ in range(HEAD_LINES):
        nl = text.find("\n", pos)
        if nl < 0:
            return len(text)
        pos = nl + 1
    return pos


def find_subject(text: str, orgs: list[Org]) -> SubjectDoc | None:
    """The text's own document, if its title opens the text."""
    head = _head_end(text)
    m = _TYPE_LINE.search(text, 0, head)
    if not m or (m.group(2) and not m.group(2).isupper()):
        return None
    type_name = m.group(1).capitalize().replace("hành động", "").strip()
    end, lines = m.end(), [m.group(2)] if m.group(2) else []
    block, closed = _block(text, m.end() + 1)
    summary = closed and 0 < len(block) <= SUMMARY_LINES and not _NOT_SUMMARY.search(
        text[block[-1][0]:block[-1][1]])  # a block of its own: the summary (trích yếu)
    for a, b in block:
        s = text[a:b].strip()
        if not (s.isupper() or summary):
            break
        lines.append(s)
        end = b
    title = " ".join(lines).strip() or None
    symbol = None
    n = _NUMBER.search(text, 0, m.start())
    if n:
        refs = find_symbols(n.group(1))
        symbol = refs[0].symbol if refs else None
    d = _PLACE_DATE.search(text, 0, m.start())
    date = parse_date(d.group()) if d else None
    header_orgs = [o for o in orgs if o.end <= m.start()]
    issuer = read_header(text, m.start()) or (header_orgs[0] if header_orgs else None)
    if issuer is None:
        body = len(text[:end]) + len(text[end:]) - len(text[end:].lstrip())
        para_end = text.find("\n", body)
        para_end = len(text) if para_end < 0 else para_end
        for v in _ISSUES.finditer(text, end, para_end):
            before = [o for o in orgs if end <= o.start and o.end <= v.start()]
            if before and v.start() - before[-1].end <= 20:
                issuer = before[-1]
                break
    return SubjectDoc(m.start(1), end, type_name, title, symbol, issuer, date)
