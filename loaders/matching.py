"""Accent- and case-insensitive phrase matching that keeps character offsets.

Gazetteers (agencies, themes, cue words) are written with Vietnamese accents; texts arrive with
or without them ("Sở Nội vụ", "So Noi vu"). Both sides are folded character by character, so a
match in the folded text is a match at the same offsets in the original.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache


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


@lru_cache(maxsize=64)
def fold_same_length(text: str) -> str:
    """Fold accents and case one character for one character: offsets are preserved.

    Cached: extractors fold the same text many times.

    >>> fold_same_length("Sở Nội vụ")
    'so noi vu'
    """
    if text.isascii():
        return text.lower()
    return text.translate(_TABLE)


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


def alternation(phrases: Iterable[str]) -> re.Pattern[str]:
    """One compiled regex matching any of the phrases in folded text, longest match first,
    on word boundaries, spaces flexible. Built as a trie so long gazetteers stay fast."""
    trie: dict[str, dict] = {}
    for p in phrases:
        words = fold_same_length(p).split()
        if not words:
            continue
        node = trie
        for ch in " ".join(words):
            node = node.setdefault(ch, {})
        node[""] = {}
    return re.compile(rf"(?<![\w&])(?:{_trie_regex(trie)})(?![\w&])")
