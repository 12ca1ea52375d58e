"""Paragraphs as a reader sees them, for the target finder.

Texts converted from PDF or web pages wrap lines inside sentences ("a) Đến hết năm 2025: Có ≥"
then "30% doanh nghiệp …" on the next line). A line break is soft — the paragraph goes on —
when the line does not end a sentence and the next line neither is blank nor opens a numbered
or bulleted item, and it starts in lower case or with a digit (or closes a bold run the line
opened). Short lead-in lines (numbered or bold headings, lines ending with ":") are headings:
their wording sets the tense and year of the items below them. The source line
("# source: …") and the recipient block ("Nơi nhận: - …") hold no values to report.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

_ENDS_SENTENCE = re.compile(r"[.;!?](?:\s*[)\"”'])?\s*$")
_MARKUP = " \t*|_>#"
_NUMBERED = re.compile(r"(?:(?P<roman>[ivxlc]{1,5})\s*[.)\-–]\s|(?P<dec>\d{1,2}(?:\.\d{1,2}){0,3})"
                       r"[.)](?!\d)\s*|(?P<dec2>\d{1,2}(?:\.\d{1,2}){1,3})\s|(?P<letter>[a-zđ])\)\s"
                       r"|(?P<paren>\(\d{1,2}\))\s)")
_MARKER = re.compile(rf"[-+•–]\s|{_NUMBERED.pattern}")
_SOURCE = "# source:"
_RECIPIENTS = "noi nhan"
_HEADING_MAX = 120
LEAD_IN = 7  # a line ending with ":" introduces what follows, below any numbered heading


@dataclass(frozen=True)
class Paragraph:
    """[start, end) of a paragraph in the text; `hits`: it may hold a value."""

    start: int
    end: int
    level: int | None  # a heading's depth (see _heading_level); None for other paragraphs
    hits: bool

    @property
    def heading(self) -> bool:
        return self.level is not None


def _lines(text: str) -> list[tuple[int, int]]:
    out, at = [], 0
    for line in text.split("\n"):
        out.append((at, at + len(line)))
        at += len(line) + 1
    return out


def _soft(text: str, folded: str, prev: tuple[int, int], nxt: tuple[int, int]) -> bool:
    """Does the line break between `prev` and `nxt` fall inside a paragraph?"""
    a, b = nxt
    body = folded[a:b].lstrip(_MARKUP)
    if not body or _MARKER.match(body):
        return False
    head = text[prev[0]:prev[1]].rstrip()
    if not head.strip(_MARKUP) or _ENDS_SENTENCE.search(head.rstrip("*_| ")):
        return False
    first = text[b - len(body)] if body else ""
    return first.islower() or first.isdigit() or head.count("**") % 2 == 1


def _heading_level(text: str, folded: str, a: int, b: int) -> int | None:
    """The depth of a heading (0 outermost: roman numerals, capitals), None if not one."""
    raw = text[a:b].strip(_MARKUP + "\n")
    if not raw or len(raw) > _HEADING_MAX:
        return None
    body = folded[a:b].lstrip(_MARKUP)
    m = _NUMBERED.match(body)
    letters = [c for c in raw if c.isalpha()]
    if (m and m["roman"]) or (len(letters) > 3 and all(c.isupper() for c in letters)):
        return 0
    if raw.endswith(":"):
        return LEAD_IN
    if _ENDS_SENTENCE.search(raw):
        return None
    if m:
        dec = m["dec"] or m["dec2"]
        return 1 + dec.count(".") if dec else (5 if m["letter"] else 6)
    return 1 if text[a:b].lstrip().startswith("**") else None


def paragraphs(text: str, folded: str, hits: list[int]) -> Iterator[Paragraph]:
    """The paragraphs of `text` in order (`folded` is its one-for-one fold; `hits` the offsets
    where a value may be), without the source line and the recipient block."""
    lines = _lines(text)
    hits = sorted(hits)
    i, n = 0, len(lines)
    while i < n:
        a, b = lines[i]
        body = folded[a:b].lstrip(_MARKUP)
        if folded.startswith(_SOURCE, a):
            i += 1
            continue
        if body.startswith(_RECIPIENTS):
            i = _after_recipients(folded, lines, i + 1)
            continue
        j = i
        while j + 1 < n and _soft(text, folded, lines[j], lines[j + 1]):
            j += 1
        start, end = a, lines[j][1]
        k = bisect.bisect_left(hits, start)
        has = k < len(hits) and hits[k] < end
        if text[start:end].strip():
            level = None if has else _heading_level(text, folded, start, end)
            yield Paragraph(start, end, level, has)
        i = j + 1


def _after_recipients(folded: str, lines: list[tuple[int, int]], i: int) -> int:
    """The first line after a recipient list ("- Như Điều 3; - Lưu: VT")."""
    while i < len(lines):
        a, b = lines[i]
        body = folded[a:b].strip(_MARKUP)
        if body and not body.startswith(("-", "+", "•")):
            break
        i += 1
    return i
