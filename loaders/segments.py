"""Sentences and paragraphs as link rules need them: a sentence runs across ";" and ":" (the
cue "Thực hiện A; B, X ban hành C" is one sentence), unlike TextContext's finer spans.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Sequence
from functools import lru_cache

# Spaces after . ! ? before a capital (group 1), or line breaks (the whole match): written to
# start with the mark or break it consumes, so the regex engine jumps from one to the next
# ("(?<=[.!?])\s+(?=…)|\n+").
_END = re.compile(r"[\n.!?](?:(?<=[.!?])(\s+)(?=[\"'“(]?[A-ZÀ-Ỹ0-9Đ])|(?<=\n)\n*)")


_INK = re.compile(r"\S")


@lru_cache(maxsize=4)
def sentences(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of full sentences; a line break always ends one (cached: rules of several steps
    read the sentences of one text)."""
    spans, start = [], 0
    # (group 1 is the only group: `lastindex` says whether it took part)
    for a, b in [m.span(1) if m.lastindex else m.span() for m in _END.finditer(text)]:
        if start < a and (not text[start].isspace() or _INK.search(text, start, a)):
            spans.append((start, a))
        start = b
    if _INK.search(text, start):
        spans.append((start, len(text)))
    return tuple(spans)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of non-empty lines (paragraphs of press text, items of plans): each whole line
    holding a non-space character (as the pattern "[^\\n]*\\S[^\\n]*" finds them,
    without trying that pattern at every character)."""
    out, at = [], 0
    for line in text.split("\n"):
        if not line.isspace() and line:
            out.append((at, at + len(line)))
        at += len(line) + 1
    return out


def span_at(spans: Sequence[tuple[int, int]], offset: int) -> tuple[int, int]:
    """The span containing `offset` (or the last one starting before it); spans in order."""
    i = bisect.bisect_right(spans, (offset, math.inf)) - 1
    return spans[i] if i >= 0 else (0, 0)
