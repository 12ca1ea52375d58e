"""A text prepared for extraction: sentence spans, evidence, and what is in force where.

Extractors are pure functions of a `TextContext`; they never read files.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property

from graph.model import Document, Evidence, Source
from loaders.normalise import Normalised

# A sentence ends at . ; ! ? followed by space and an upper-case letter, or at a line break:
# the boundary is the space (group 1) after the mark, or the run of line breaks (the whole
# match). ("(?<=[.!?;:])\s+(?=…)|\n+", written to start with the mark or break it consumes,
# so the regex engine jumps from one to the next, not from space to space.)
_BOUNDARY = re.compile(r"[\n.!?;:](?:(?<=[.!?;:])(\s+)(?=[\"'“(]?[A-ZÀ-Ỹ0-9])|(?<=\n)\n*)")


_INK = re.compile(r"\S")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences (and list items, which sit on lines of their own)."""
    spans, start = [], 0
    # (group 1 is the only group: `lastindex` says whether it took part)
    for a, b in [m.span(1) if m.lastindex else m.span() for m in _BOUNDARY.finditer(text)]:
        if a > start:
            spans.append((start, a))
        start = b
    if start < len(text):
        spans.append((start, len(text)))
    # (no copies of the text; a span that opens with ink needs no search)
    return [(a, b) for a, b in spans if not text[a].isspace() or _INK.search(text, a, b)]


@dataclass
class TextContext:
    """The normalised text of one source, with lookups shared by all extractors."""

    text: str
    source: Source
    documents: list[Document] = field(default_factory=list)  # filled by the pipeline
    # (offset, province) sections; a None province returns to the whole text's
    localities: list[tuple[int, str | None]] = field(default_factory=list)
    default_locality: str | None = None  # the province the whole text is about, if any
    origin: tuple[str, Normalised] | None = None  # (original text, map) when `text` is repaired
    _sections: tuple[list, int, list[int]] | None = field(default=None, repr=False,
                                                          compare=False)

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """Sentence spans, computed when first needed (a context may never need them)."""
        return sentence_spans(self.text)

    @cached_property
    def _starts(self) -> list[int]:
        return [a for a, _ in self.sentences]

    def sentence_span(self, offset: int) -> tuple[int, int]:
        i = max(0, bisect.bisect_right(self._starts, offset) - 1)
        return self.sentences[i] if self.sentences else (0, len(self.text))

    def evidence(self, start: int, end: int, method: str = "explicit",
                 confidence: float = 1.0) -> Evidence:
        """Evidence for the span [start, end): the sentence(s) that contain it."""
        sents = self.sentences  # (`sentence_span` of start and of end - 1, inlined)
        if sents:
            starts, right = self._starts, bisect.bisect_right
            a = sents[max(0, right(starts, start) - 1)][0]
            b = sents[max(0, right(starts, max(start, end - 1)) - 1)][1]
        else:
            a, b = 0, len(self.text)
        if self.origin is None:
            return Evidence(self.source.uid, self.text[a:b].strip(), start, end, method,
                            confidence)
        original, norm = self.origin
        inserts = norm.inserts
        if inserts:  # (`norm.original` of each, inlined)
            left = bisect.bisect_left
            a, b = a - left(inserts, a), b - left(inserts, b)
            start, end = start - left(inserts, start), end - left(inserts, end)
        sentence = " ".join(original[a:b].split())
        return Evidence(self.source.uid, sentence, start, end, method, confidence)

    def _section_starts(self) -> list[int]:
        """The sections' offsets (ascending), kept while `localities` is the same list: a list
        built for every lookup made long texts quadratic."""
        held = self._sections
        if held is None or held[0] is not self.localities or held[1] != len(self.localities):
            held = self._sections = (self.localities, len(self.localities),
                                     [o for o, _ in self.localities])
        return held[2]

    def locality_at(self, offset: int) -> str | None:
        """The province the text is talking about at `offset` (section heading or whole text)."""
        i = bisect.bisect_right(self._section_starts(), offset) - 1
        return (self.localities[i][1] or self.default_locality) if i >= 0 else \
            self.default_locality

    def section_start(self, offset: int) -> int:
        """Where the province section holding `offset` starts (0 before the first heading)."""
        starts = self._section_starts()
        i = bisect.bisect_right(starts, offset) - 1
        return starts[i] if i >= 0 else 0
