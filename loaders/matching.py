"""Accent- and case-insensitive phrase matching that keeps character offsets.

Gazetteers (agencies, themes, cue words) are written with Vietnamese accents; texts arrive with
or without them ("Sở Nội vụ", "So Noi vu"). Both sides are folded character by character, so a
match in the folded text is a match at the same offsets in the original.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache

# the regex parser (Python 3.11+; private modules the stubs do not declare)
from re import _constants as _sre_constants  # type: ignore[attr-defined]
from re import _parser as _sre_parse  # type: ignore[attr-defined]

import numpy as np


class _FoldTable(dict):
    """str.translate table folding one character to one character, filled on demand."""

    def __missing__(self, code: int) -> str:
        c = chr(code)
        if c in "đĐ":
            out = "d"
        else:
            base = unicodedata.normalize("NFD", c)[0].lower()
            out = base if len(base) == 1 else c
        self[code] = out
        return out


_TABLE = _FoldTable()
_ARRAY_SIZE = 0x3000  # Latin, Vietnamese, combining marks, punctuation, arrows, maths


@cache
def _fold_array() -> np.ndarray:
    """`_TABLE` as an array over the first code points: a text folds as one array lookup
    (str.translate looks every character up in a dict, seven times slower)."""
    return np.array([ord(_TABLE[i]) for i in range(_ARRAY_SIZE)], dtype=np.uint32)


@lru_cache(maxsize=64)
def fold_same_length(text: str) -> str:
    """Fold accents and case one character for one character: offsets are preserved.

    Cached: extractors fold the same text many times (a string read once, such as a task's
    text, is folded by `fold_same_length.__wrapped__`, so as not to push the texts out).

    >>> fold_same_length("Sở Nội vụ")
    'so noi vu'
    """
    if text.isascii():
        return text.lower()
    if len(text) < 256:  # (below, the array's set-up costs more than the lookups save)
        return text.translate(_TABLE)
    if len(text) > _CHUNK:  # a long text piece by piece: the arrays of one piece at a time
        return "".join(fold_same_length.__wrapped__(text[i:i + _CHUNK])
                       for i in range(0, len(text), _CHUNK))
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    if codes.max() >= _ARRAY_SIZE:  # a rare character beyond the array
        return text.translate(_TABLE)
    return _fold_array()[codes].tobytes().decode("utf-32-le")


_CHUNK = 1 << 20  # characters folded at once (four arrays of 4 MB, not of 4 bytes a character)


def _trie_regex(trie: dict[str, dict], end: str = "") -> str:
    """Regex source of a character trie: shared prefixes are matched once."""
    branches = []
    for ch in sorted(trie, key=lambda c: (c == end, c)):
        if ch == end:
            continue
        piece = r"\s+" if ch == " " else re.escape(ch)
        branches.append(piece + _trie_regex(trie[ch], end))
    optional = end in trie
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if optional:  # a phrase ends here; longer ones are tried first (greedy)
        return f"(?:{body})?"
    return body


def _trie(phrases: Iterable[str]) -> dict[str, dict]:
    trie: dict[str, dict] = {}
    for p in phrases:
        words = p.split()
        if not words:
            continue
        node = trie
        for ch in " ".join(words):
            node = node.setdefault(ch, {})
        node[""] = {}
    return trie


def whole_words(phrases: Iterable[str], before: str = r"[\w&]", after: str | None = r"[\w&]",
                only_first: bool = False) -> str:
    """Regex source of `(?<!before)(?:phrases)(?!after)`: the phrases (longest first, spaces
    flexible, shared prefixes tried once) with no character of the class `before` just before
    and none of `after` (if given) just after them.

    Each branch consumes its first letter and then looks behind it, so the regex engine
    scans for first letters instead of trying the whole pattern at every offset. With
    `only_first` a match is that first letter alone, the rest being looked ahead at.

    >>> re.findall(whole_words(["Hà Nam", "Hà Nội", "Hà"]), "Hà  Nội, Hàn, Hà")
    ['Hà  Nội', 'Hà']
    """
    trie = _trie(phrases)
    end = "" if after is None else f"(?!{after})"
    if not trie:
        return rf"(?<!{before}){end}"
    branches = []
    for ch in sorted(trie):
        c, rest = re.escape(ch), _trie_regex(trie[ch])
        tail = f"(?=(?:{rest}){end})" if only_first else rest
        branches.append(f"{c}(?<!{before}{c}){tail}")
    body = "(?:" + "|".join(branches) + ")"
    return body if only_first else body + end


def alternation(phrases: Iterable[str]) -> re.Pattern[str]:
    """One compiled regex matching any of the phrases in folded text, longest match first,
    on word boundaries, spaces flexible. Built as a trie so long gazetteers stay fast."""
    return re.compile(whole_words(fold_same_length(p) for p in phrases))


def starts(phrases: Iterable[str]) -> re.Pattern[str]:
    """The first letter wherever `alternation(phrases)` matches: run once over a text, it
    tells where each of several alternations of these phrases is worth trying."""
    return re.compile(whole_words((fold_same_length(p) for p in phrases), only_first=True))


def finditer_at(pattern: re.Pattern[str], text: str,
                offsets: Iterable[int]) -> Iterator[re.Match[str]]:
    """The matches of `pattern.finditer(text)`, trying only `offsets` (ascending, and holding
    every offset where the pattern matches). Patterns never match the empty string here."""
    end = 0
    for at in offsets:
        if at >= end and (m := pattern.match(text, at)):
            yield m
            end = m.end()


def spaces_at(text: str, breaks: list[int]) -> str:
    """`text` with the characters at `breaks` (line breaks, in order) made spaces: a rejoin
    that keeps every offset."""
    if not breaks:
        return text
    pieces, last = [], 0
    for at in breaks:
        pieces.append(text[last:at])
        last = at + 1
    pieces.append(text[last:])
    return " ".join(pieces)


class Spans:
    """Spans [a, b) gathered in any order, asked whether a span overlaps one of them.

    Each span is filed under the blocks of offsets it covers, so a question reads only the
    spans near it: a list scanned whole for every question made long texts quadratic.
    `overlaps(a, b)` answers exactly `any(x < b and a < y for x, y in spans)`, empty spans
    included.
    """

    _SHIFT = 8  # blocks of 256 characters

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._blocks: dict[int, list[tuple[int, int]]] = {}
        for a, b in spans:
            self.add(a, b)

    def add(self, a: int, b: int) -> None:
        # every offset p with a <= p < b (p = a when the span is empty) lies in the blocks
        # filed under; two spans overlap only where such an offset is common to both
        k, last = a >> self._SHIFT, (b - 1 if b > a else a) >> self._SHIFT
        blocks = self._blocks
        while k <= last:
            held = blocks.get(k)
            if held is None:
                blocks[k] = [(a, b)]
            else:
                held.append((a, b))
            k += 1

    def overlaps(self, a: int, b: int) -> bool:
        k, last = a >> self._SHIFT, (b - 1 if b > a else a) >> self._SHIFT
        blocks = self._blocks
        while k <= last:
            for x, y in blocks.get(k, ()):
                if x < b and a < y:
                    return True
            k += 1
        return False


def first_chars(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Every character a match of `pattern` can start with, or None when that cannot be told
    from its syntax (a negated or category class, a case-insensitive part, a pattern that may
    match the empty string). Look-arounds consume nothing and are skipped: the set may be
    larger than needed, never smaller, so a scan may try the pattern only where the text has
    one of these characters."""
    if pattern.flags & re.IGNORECASE:
        return None
    found, nullable = _first_of(_sre_parse.parse(pattern.pattern, pattern.flags))
    return None if found is None or nullable else frozenset(found)


def _first_of(items) -> tuple[set[str] | None, bool]:
    """(first characters, may match empty) of a parsed sequence."""
    out: set[str] = set()
    for op, av in items:
        found, nullable = _first_item(op, av)
        if found is None:
            return None, False
        out |= found
        if not nullable:
            return out, False
    return out, True


_RANGE_MAX = 512  # a class spanning more code points is not spelled out


def _first_item(op, av) -> tuple[set[str] | None, bool]:
    c = _sre_constants
    if op is c.LITERAL:
        return {chr(av)}, False
    if op is c.IN:
        chars: set[str] = set()
        for o, a in av:
            if o is c.LITERAL:
                chars.add(chr(a))
            elif o is c.RANGE and a[1] - a[0] <= _RANGE_MAX:
                chars.update(map(chr, range(a[0], a[1] + 1)))
            else:
                return None, False
        return chars, False
    if op is c.SUBPATTERN:
        _group, add_flags, _del, sub = av
        return (None, False) if add_flags & re.IGNORECASE else _first_of(sub)
    if op is c.BRANCH:
        out: set[str] = set()
        nullable = False
        for branch in av[1]:
            found, empty = _first_of(branch)
            if found is None:
                return None, False
            out |= found
            nullable = nullable or empty
        return out, nullable
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", c.MAX_REPEAT)):
        lo, _hi, sub = av
        found, empty = _first_of(sub)
        return (None, False) if found is None else (found, lo == 0 or empty)
    if op in (c.ASSERT, c.ASSERT_NOT, c.AT):
        return set(), True
    return None, False


class LineStart:
    """`pattern.search` for a pattern that opens with "^" in MULTILINE mode, which the regex
    engine tries at every character: the same match, tried at the start of the text and
    after the line breaks a scan for them finds (a pattern of another form is searched as
    it is)."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        src, c = pattern.pattern, _sre_constants
        parsed = _sre_parse.parse(src, pattern.flags)
        # "^" then the rest, with no alternation at the top ("^a|b" is not anchored)
        anchored = (pattern.flags & re.MULTILINE and src.startswith("^") and len(parsed) > 0
                    and parsed[0] == (c.AT, c.AT_BEGINNING))
        self._breaks = re.compile(rf"\n(?={src[1:]})", pattern.flags) if anchored else None

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        end = len(text) if endpos is None else min(endpos, len(text))
        if self._breaks is None or not 0 <= pos < end:  # (and the edge cases as re has them)
            return self.pattern.search(text, pos, end)
        if pos == 0 or text[pos - 1] == "\n":
            m = self.pattern.match(text, pos, end)
            if m is not None:
                return m
        b = self._breaks.search(text, pos, end)
        return None if b is None else self.pattern.match(text, b.end(), end)


@cache
def line_start(pattern: re.Pattern[str]) -> LineStart:
    """The `LineStart` search of a pattern (made once per pattern)."""
    return LineStart(pattern)


class LeadSearch:
    """`pattern.search` led by the characters a match can start with (`first_chars`): the
    regex engine finds no prefix in a pattern that opens with a look-behind and tries it at
    every character; here a scan for those characters finds where it is worth trying. The
    same match (a look-behind sees the text before `pos` either way)."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        chars = first_chars(pattern)
        self._lead = None if chars is None else re.compile(
            "[" + "".join(re.escape(c) for c in sorted(chars)) + "]")

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        end = len(text) if endpos is None else endpos
        if self._lead is None:
            return self.pattern.search(text, pos, end)
        match = self.pattern.match
        for c in self._lead.finditer(text, pos, end):
            m = match(text, c.start(), end)
            if m is not None:
                return m
        return None


@cache
def lead_search(pattern: re.Pattern[str]) -> LeadSearch:
    """The `LeadSearch` of a pattern (made once per pattern)."""
    return LeadSearch(pattern)
