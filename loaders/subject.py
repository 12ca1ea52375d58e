"""The document a text *is*: a plan or resolution whose own title opens the text.

"KẾ HOẠCH" (or NGHỊ QUYẾT, CHƯƠNG TRÌNH …) on a line of its own or leading a capitalised title
line, near the top; the header may give its number ("Số: 12/KH-UBND"), its issuer and its date
("…, ngày 5 tháng 11 năm 2018"); otherwise the preamble names the issuer ("UBND tỉnh ban hành
Kế hoạch …").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from loaders.dates import parse_date
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
    for line in re.finditer(r"[^\n]*", text[m.end() + 1:]):
        s = line.group().strip()
        if not s or not s.isupper():
            break
        lines.append(s)
        end = m.end() + 1 + line.end()
    title = " ".join(lines).strip() or None
    symbol = None
    n = _NUMBER.search(text, 0, m.start())
    if n:
        refs = find_symbols(n.group(1))
        symbol = refs[0].symbol if refs else None
    d = _PLACE_DATE.search(text, 0, m.start())
    date = parse_date(d.group()) if d else None
    header_orgs = [o for o in orgs if o.end <= m.start()]
    issuer = header_orgs[0] if header_orgs else None
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
