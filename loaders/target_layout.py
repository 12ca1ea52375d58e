"""Paragraphs as a reader sees them, for the target finder.

Texts converted from PDF or web pages wrap lines inside sentences ("a) Đến hết năm 2025: Có ≥"
then "30% doanh nghiệp …" on the next line). A line break is soft — the paragraph goes on —
when the line does not end a sentence and the next line neither is blank nor opens a numbered
or bulleted item, and it starts in lower case or with a digit (or closes a bold run the line
opened). Short lead-in lines (numbered or bold headings, lines ending with ":") are headings:
their wording sets the tense and year of the items below them (a heading closes those of its
depth and deeper). The source line ("# source: …") and the recipient block ("Nơi nhận: - …")
hold no values to report.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

_ENDS_SENTENCE = re.compile(r"[.;!?](?:\s*[)\"”'])?\s*$")
_MARKUP = " \t*|_>#"
_MARKUP_RUN = re.compile(r"[ \t*|_>#]*")
_NUMBERED = re.compile(r"(?:(?P<roman>[ivxlc]{1,5})\s*[.)\-–]\s|(?P<dec>\d{1,2}(?:\.\d{1,2}){0,3})"
                       r"[.)](?!\d)\s*|(?P<dec2>\d{1,2}(?:\.\d{1,2}){1,3})\s|(?P<letter>[a-zđ])\)\s"
                       r"|(?P<paren>\(\d{1,2}\))\s)")
_MARKER = re.compile(rf"[-+•–]\s|{_NUMBERED.pattern}")
_SOURCE = "# source:"
_RECIPIENTS = re.compile(r"\n[ \t*|_>]*noi nhan")
# Lines that may be headings: numbered or bold, or ending with ":" (each pattern opens with a
# literal, so the scan jumps from one line break to the next).
_HEADING_LINE = re.compile(r"\n[ \t*|_>]*(?:\*\*|[ivxlc]{1,5}\s*[.)\-–]\s|\d{1,2}(?:\.\d{1,2}){0,3}"
                           r"[.)]|\d{1,2}(?:\.\d{1,2}){1,3}\s|[a-zđ]\)\s|\(\d{1,2}\)\s)")
_LEAD_IN_END = re.compile(r":[ \t*_|]*(?=\n)")
_HEADING_MAX = 120
_FAR = 1 << 62  # sorts after any span starting at the same offset
LEAD_IN = 7  # a line ending with ":" introduces what follows, below any numbered heading


@dataclass(frozen=True)
class Heading:
    """A short lead-in above a list: [start, end) in the text, its depth (0 outermost)."""

    start: int
    end: int
    level: int


def _line(text: str, pos: int) -> tuple[int, int]:
    """The line holding `pos`, without its newline."""
    end = text.find("\n", pos)
    return text.rfind("\n", 0, pos) + 1, len(text) if end < 0 else end


def _prev(text: str, line: tuple[int, int]) -> tuple[int, int] | None:
    return _line(text, line[0] - 1) if line[0] > 0 else None


def _next(text: str, line: tuple[int, int]) -> tuple[int, int] | None:
    return _line(text, line[1] + 1) if line[1] < len(text) else None


def _soft(text: str, folded: str, prev: tuple[int, int], nxt: tuple[int, int]) -> bool:
    """Does the line break between `prev` and `nxt` fall inside a paragraph?"""
    at = _after_markup(folded, nxt[0])
    if at >= nxt[1] or _MARKER.match(folded, at):
        return False
    head = text[prev[0]:prev[1]].rstrip()
    if not head.strip(_MARKUP) or _ENDS_SENTENCE.search(head.rstrip("*_| ")):
        return False
    first = text[at]
    return first.islower() or first.isdigit() or head.count("**") % 2 == 1


def _paragraph(text: str, folded: str, pos: int, limit: int | None = None
               ) -> tuple[int, int] | None:
    """The paragraph holding `pos`: its line, extended over soft breaks both ways; None when
    it grows past `limit` characters (a heading is short: longer ones need not be followed)."""
    first = last = _line(text, pos)
    if limit is not None and last[1] - first[0] > limit:
        return None
    # A line opening with a marker starts its paragraph: no soft break can come before it.
    opens = _MARKER.match(folded, _after_markup(folded, first[0]))
    while not opens and (p := _prev(text, first)) is not None and _soft(text, folded, p, first):
        first = p
        if limit is not None and last[1] - first[0] > limit:
            return None
    while (n := _next(text, last)) is not None and _soft(text, folded, last, n):
        last = n
        if limit is not None and last[1] - first[0] > limit:
            return None
    return first[0], last[1]


def _after_markup(folded: str, pos: int) -> int:
    m = _MARKUP_RUN.match(folded, pos)
    return m.end() if m else pos


def _heading_level(text: str, folded: str, a: int, b: int) -> int | None:
    """The depth of a heading (0 outermost: roman numerals, capitals), None if not one."""
    raw = text[a:b].strip(_MARKUP + "\n")
    if not raw or len(raw) > _HEADING_MAX:
        return None
    m = _NUMBERED.match(folded, _after_markup(folded, a))
    if (m and m["roman"]) or (raw.isupper() and sum(c.isalpha() for c in raw) > 3):
        return 0
    if raw.endswith(":"):
        return LEAD_IN
    if _ENDS_SENTENCE.search(raw):
        return None
    if m:
        dec = m["dec"] or m["dec2"]
        return 1 + dec.count(".") if dec else (5 if m["letter"] else 6)
    return 1 if text[a:b].lstrip().startswith("**") else None


class Layout:
    """The paragraphs of a text that may hold a value, and the headings above any offset.

    Only the lines around hits are read; a heading-like line (numbered, bold, ending with ":")
    is read when a paragraph below it asks what governs it, at most once, and the walk up
    stops at an outermost heading or after `reach` candidates (a section's own headings)."""

    def __init__(self, text: str, folded: str, hits: list[int], reach: int = 16) -> None:
        self.text, self.folded, self.reach = text, folded, reach
        self.skip = _skipped(text, folded)
        self.hits = [h for h in sorted(hits) if not _inside(self.skip, h)]
        self._candidates: list[int] | None = None  # found when first asked for
        self._read: dict[int, Heading | None] = {}

    @property
    def candidates(self) -> list[int]:
        """Starts of the lines that may be headings, in order."""
        if self._candidates is None:
            folded = self.folded
            heads = {0, *(m.start() + 1 for m in _HEADING_LINE.finditer(folded))}
            heads |= {folded.rfind("\n", 0, m.start()) + 1
                      for m in _LEAD_IN_END.finditer(folded)}
            self._candidates = sorted(heads)
        return self._candidates

    def paragraphs(self) -> Iterator[tuple[int, int]]:
        """[start, end) of each paragraph holding a hit, in order."""
        done = -1
        for pos in self.hits:
            if pos > done:
                a, done = _paragraph(self.text, self.folded, pos) or (pos, pos)
                yield a, done

    def above(self, pos: int) -> Iterator[Heading]:
        """The headings governing `pos`, nearest first: each one shallower than those below
        it, up to an outermost one."""
        i = bisect.bisect_left(self.candidates, pos) - 1
        depth = _FAR
        for _ in range(self.reach):
            if i < 0 or depth == 0:
                return
            h = self._heading(self.candidates[i])
            i -= 1
            if h is not None and h.end <= pos and h.level < depth:
                depth = h.level
                yield h

    def _heading(self, at: int) -> Heading | None:
        if at not in self._read:
            a, b = _line(self.text, at)
            if b - a > _HEADING_MAX + 8 or _ENDS_SENTENCE.search(self.text, a, b):
                self._read[at] = None  # too long, or ends a sentence: no heading
                return None
            span = _paragraph(self.text, self.folded, at, _HEADING_MAX + 8)
            level = None
            if span is not None and not _holds(self.hits, *span):
                level = _heading_level(self.text, self.folded, *span)
            self._read[at] = None if level is None or span is None else Heading(
                span[0], span[1], level)
        return self._read[at]


def _holds(hits: list[int], a: int, b: int) -> bool:
    k = bisect.bisect_left(hits, a)
    return k < len(hits) and hits[k] < b


def _skipped(text: str, folded: str) -> list[tuple[int, int]]:
    """Spans holding no values to report: the source line, recipient blocks."""
    out = []
    if text.startswith(_SOURCE):
        out.append(_line(text, 0))
    for m in _RECIPIENTS.finditer(folded):
        line = _line(text, m.start() + 1)
        end = line[1]
        while (n := _next(text, line)) is not None:
            body = folded[n[0]:n[1]].strip(_MARKUP)
            if body and not body.startswith(("-", "+", "•")):
                break
            line, end = n, n[1]
        out.append((m.start() + 1, end))
    return sorted(out)


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    """Is `pos` within one of the sorted, disjoint `spans`?"""
    i = bisect.bisect_right(spans, (pos, _FAR)) - 1
    return i >= 0 and spans[i][0] <= pos <= spans[i][1]
