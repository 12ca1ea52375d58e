"""Dates as Vietnamese texts print them: "ngày 19-5-2018", "19/5/2018", "5.3.2019",
"ngày 19 tháng 5 năm 2018". Only dates attached to a document count; page and publication
dates of news headers are never attached to anything.
"""

from __future__ import annotations

import datetime as dt
import re

_DMY = r"(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*((?:19|20)\d{2})(?![\d])"
_WORDS = r"(\d{1,2})\s+tháng\s+(\d{1,2})\s*,?\s+năm\s+((?:19|20)\d{2})"
DATE = re.compile(rf"(?<![\d/.-])(?:{_DMY}|{_WORDS})", re.IGNORECASE)

# "ngày" with its tone marks lost or scrambled ("ngay", "ngàỷ"), as some reposts print it
_NGAY = "ng[aàáảãạ][yỳýỷỹỵ]"
# A date right after a document reference: ", ngày 19-5-2018", "ban hành ngày ...", "(19/5/2018)"
_AFTER = re.compile(
    # (not a news lede's day on the next line: "… Chỉ thị số 23/CT-TTg" / "Ngày 10/9, …")
    rf"(?![ \t]*\n\s*(?-i:N|V))"
    rf"\s*,?\s*(?:(?:được\s+)?ban\s+hành\s+)?{_NGAY}\s*:?\s*(?:{_DMY}|{_WORDS})"
    rf"|\s*\(\s*(?:ngày\s+)?{_DMY}\s*\)", re.IGNORECASE)
# "Ngày 19-5-2018, <issuer> (đã) ban hành <document>"
# (after an editor's tag: "LTS: Ngày 14-11-2016, …")
_LEADING = re.compile(
    rf"^\s*(?:[A-ZĐ]{{2,5}}\s*:\s*)?(?:Ngày|Vào ngày|Hôm)\s+(?:{_DMY}|{_WORDS})\s*,?",
    re.IGNORECASE)


def _make(groups: tuple[str | None, ...]) -> dt.date | None:
    nums = [g for g in groups if g is not None]
    if len(nums) < 3:
        return None
    d, m, y = (int(x) for x in nums[:3])
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def parse_date(text: str) -> dt.date | None:
    """The first day-month-year date in `text`.

    >>> parse_date("ngày 5.3.2019"), parse_date("ngày 19 tháng 5 năm 2018")
    (datetime.date(2019, 3, 5), datetime.date(2018, 5, 19))
    """
    m = DATE.search(text)
    return _make(m.groups()) if m else None


def date_after(text: str, pos: int) -> tuple[dt.date, int] | None:
    """(date, end offset) of a date printed right after `pos` (a document reference's end)."""
    m = _AFTER.match(text, pos)
    if not m:
        return None
    d = _make(m.groups())
    return (d, m.end()) if d else None


def leading_date(sentence: str) -> dt.date | None:
    """The date that opens a sentence ("Ngày 19-5-2018, ..."), which dates what it tells."""
    m = _LEADING.match(sentence)
    return _make(m.groups()) if m else None


# "… Ngày 15/01/2024, <issuer> ban hành …" inside a sentence: a headline without a stop glued
# to its lede (the capital "Ngày" opens a clause; a lower-case "ngày" dates a citation)
_OPENS_CLAUSE = re.compile(rf"(?<=\s)(?:Ngày|Vào ngày)\s+(?:{_DMY}|{_WORDS})\s*,")


def clause_date(text: str, start: int, end: int) -> dt.date | None:
    """The date opening the last clause of text[start:end] that a capital "Ngày" opens."""
    found = list(_OPENS_CLAUSE.finditer(text, start, end))
    return _make(found[-1].groups()) if found else None
