"""Sentences and paragraphs as link rules need them: a sentence runs across ";" and ":" (the
cue "Thực hiện A; B, X ban hành C" is one sentence), unlike TextContext's finer spans.
"""

from __future__ import annotations

import re

_END = re.compile(r"(?<=[.!?])\s+(?=[\"'“(]?[A-ZÀ-Ỹ0-9Đ])|\n+")


def sentences(text: str) -> list[tuple[int, int]]:
    """Spans of full sentences; a line break always ends one."""
    spans, start = [], 0
    for m in _END.finditer(text):
        if text[start:m.start()].strip():
            spans.append((start, m.start()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of non-empty lines (paragraphs of press text, items of plans)."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", text)]


def span_at(spans: list[tuple[int, int]], offset: int) -> tuple[int, int]:
    """The span containing `offset` (or the last one starting before it)."""
    best = (0, 0)
    for a, b in spans:
        if a <= offset:
            best = (a, b)
            if offset < b:
                break
        else:
            break
    return best
