"""Implied links through a named programme.

One document approves or issues a programme ("Quyết định số … phê duyệt Đề án <name>"), another
carries the programme out by its name ("Kế hoạch triển khai Đề án <name>", "Chỉ thị … về đẩy
mạnh thực hiện Chương trình <name>", a plan whose title is the programme's name): the second
implements the first, implied (the text never cites the first by its number there).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.keys import fold

_KIND = r"(Chiến\s+lược|Chương\s+trình|Đề\s+án|Quy\s+hoạch)"
_QUOTE = r"[“\"]?\s*"
_APPROVES = re.compile(
    rf"(?:phê\s+duyệt|ban\s+hành)\s+(?:kèm\s+theo\s+)?{_QUOTE}{_KIND}\s+{_QUOTE}", re.IGNORECASE)
_CARRIES = re.compile(rf"(?:thực\s+hiện|triển\s+khai)\s+(?:các\s+)?{_QUOTE}{_KIND}\s+{_QUOTE}",
                      re.IGNORECASE)
# where a programme's name ends: punctuation, or its period, place or issuer
_NAME_END = re.compile(r"[;.(”\"\n:]|\s(?:giai\s+đoạn|đến\s+năm|năm\s+\d|tại|trên\s+địa\s+bàn|của"
                       r"|theo)(?![\w])", re.IGNORECASE)
_REPORTS = re.compile(r"báo\s+cáo|kết\s+quả|sơ\s+kết|tổng\s+kết|đánh\s+giá", re.IGNORECASE)
NAME_WORDS = 12
APPROVES_WITHIN = 40  # "… ngày … của X về việc phê duyệt …": the description's first words
CARRIES_WITHIN = 100  # "… của Bộ X về ban hành Kế hoạch … để thực hiện …": long descriptions
SAME_WORDS = 3  # names agree on this many words (fewer only when one name has no more)
TITLE_WORDS = 5  # a title that is the programme's name: this many words at least


@dataclass(frozen=True)
class Named:
    """A document approving or carrying out a programme, and the programme's name."""

    uid: str
    kind: str  # folded kind word: "chien luoc", "chuong trinh" …
    words: tuple[str, ...]  # folded words of the name, the kind word excluded
    start: int
    end: int


def name_at(text: str, pos: int) -> tuple[str, ...]:
    """The folded words of a programme's name starting at `pos`."""
    m = _NAME_END.search(text, pos, pos + 300)
    end = m.start() if m else min(len(text), pos + 300)
    words = re.findall(r"\w+", fold(text[pos:end]))
    return tuple(words[:NAME_WORDS])


def _found(pattern: re.Pattern[str], text: str, uid: str, start: int, stop: int) -> Named | None:
    m = pattern.search(text, start, stop)
    if m is None or _REPORTS.search(text, start, m.start()):
        return None  # "… về việc báo cáo thực hiện Chiến lược …" reports, carries nothing out
    words = name_at(text, m.end())
    if words[:2] == ("hanh", "dong"):
        words = words[2:]  # "Chương trình hành động của Chính phủ": a kind, not a name
    if len(words) < 2 or (words[0] == "so" and words[1][:1].isdigit()):
        return None  # no name, or a numbered document ("Chương trình số 12-CTr/TU")
    return Named(uid, fold(m.group(1)), words, m.start(), m.end())


def approved(text: str, uid: str, tail_end: int, stop: int) -> Named | None:
    """The programme a document's description says it approves or issues."""
    return _found(_APPROVES, text, uid, tail_end, min(stop, tail_end + APPROVES_WITHIN))


def carried(text: str, uid: str, start: int, stop: int) -> Named | None:
    """The programme a document's description or title says it carries out."""
    return _found(_CARRIES, text, uid, start, stop)


def same(a: Named, b: Named, least: int = SAME_WORDS) -> bool:
    """Do two names name one programme (same kind, same first words)?"""
    if a.kind != b.kind:
        return False
    n = min(len(a.words), len(b.words), least)
    return n >= 2 and a.words[:n] == b.words[:n]


def title_names(title_words: tuple[str, ...], programme: Named) -> bool:
    """Is a title the programme's name ("KẾ HOẠCH / GIÁO DỤC HƯỚNG NGHIỆP VÀ …" for the Đề án
    "Giáo dục hướng nghiệp và …")?"""
    n = TITLE_WORDS
    return len(programme.words) >= n and title_words[:n] == programme.words[:n]


# (an issuer the organisation gazetteer missed may come first: "… của Bộ Tài chnh về …")
_ABOUT = re.compile(r"\s*(?:,\s*)?(?:(?:của|do)\s+[^,;.\n]{0,40}?\s+)?về\s+(?:việc\s+)?[“\"]?\s*",
                    re.IGNORECASE)
SUBJECT_WORDS = 6  # a subject this many words long names one campaign, not a field


def subject_at(text: str, tail_end: int) -> tuple[str, ...]:
    """The subject a document's description gives ("… về việc <subject>"): its first folded
    words, or () when none is printed."""
    m = _ABOUT.match(text, tail_end)
    if m is None:
        return ()
    words = name_at(text, m.end())
    return words[:SUBJECT_WORDS] if len(words) >= SUBJECT_WORDS else ()
