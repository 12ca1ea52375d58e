"""Evidence for the page: ordered by worth, duplicates folded, every sentence stored once.

A link's evidence is ordered so that the sentence that *makes* the link comes first:

    0  explicit, read from the implementing document's own text, naming the document implemented
    1  explicit, from the implementing document's own text
    2  explicit, from another text
    3  implied (highest confidence first)

The same sentence read from several files is one entry (the other files in `also`). Sentences
and file names are interned in `Texts`: the page keeps one copy of each, and a node's and a
link's evidence point into it. An entry is {"s": sentence index, "f": file index, "a": span
start, "b": span end, "m": method, "c": confidence, "w": worth as above, "also": [file index]}.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

_MARKS = re.compile("[\u0300-\u036f]+")  # combining marks: every Vietnamese tone and hat


@lru_cache(maxsize=1 << 16)
def fold(text: str | None) -> str:
    """Lower case, no accents, đ as d, single spaces: for matching, never for display."""
    t = _MARKS.sub("", unicodedata.normalize("NFD", text or ""))
    return re.sub(r"\s+", " ", t.replace("đ", "d").replace("Đ", "D").lower()).strip()


class Texts:
    """Each distinct string once; values are their indices."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self._index: dict[str, int] = {}

    def __call__(self, text: str | None) -> int | None:
        if text is None:
            return None
        if text not in self._index:
            self._index[text] = len(self.items)
            self.items.append(text)
        return self._index[text]


def worth(ev: dict[str, Any], own_sources: set[str], parent_symbol: str | None) -> int:
    """0 best … 3: see the module docstring."""
    if ev.get("basis") == "implied" or ev.get("method") not in (None, "explicit"):
        return 3
    if ev.get("source") not in own_sources:
        return 2
    if parent_symbol and fold(parent_symbol) in fold(ev.get("sentence")):
        return 0
    return 1


def ordered(evidence: Iterable[dict[str, Any]], texts: Texts, own_sources: set[str] = frozenset(),
            parent_symbol: str | None = None) -> list[dict[str, Any]]:
    """Evidence entries by worth (then confidence, file, position), each sentence once."""
    def key(ev: dict[str, Any]) -> tuple:
        return (worth(ev, own_sources, parent_symbol), -(ev.get("confidence") or 0),
                ev.get("source_name") or "", ev.get("span_start") or 0)

    out: list[dict[str, Any]] = []
    seen: dict[str, dict[str, Any]] = {}
    for ev in sorted(evidence, key=key):
        sentence = ev.get("sentence")
        if not sentence:
            continue
        name = ev.get("source_name")
        same = seen.get(fold(sentence))
        if same is not None:
            f = texts(name)
            if f is not None and f != same["f"] and f not in same["also"]:
                same["also"].append(f)
            continue
        entry = {"s": texts(sentence), "f": texts(name), "a": ev.get("span_start"),
                 "b": ev.get("span_end"), "m": ev.get("method"), "c": ev.get("confidence"),
                 "w": worth(ev, own_sources, parent_symbol), "also": []}
        seen[fold(sentence)] = entry
        out.append(entry)
    return out
