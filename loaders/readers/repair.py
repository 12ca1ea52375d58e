"""Wrong code points some producers put in text layers, repaired to the letters printed.

Word 2010's PDF export maps the glyphs of Ư/ư to Ƣ/ƣ (U+01A2/3, letters no Vietnamese text
uses), and in the same files Ò/ò to Õ/õ. Ƣ/ƣ are always replaced; Õ/õ only in a text that
carries Ƣ/ƣ (the producer's mark) and only in syllables that are not Vietnamese words with õ
(data: loaders/data/tilde_o_syllables.txt), since "rõ" and "theo dõi" are real.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data" / "tilde_o_syllables.txt"
_OI = str.maketrans({"Ƣ": "Ư", "ƣ": "ư"})
_WORD_WITH_TILDE_O = re.compile(r"\w*[Õõ]\w*")


@cache
def _tilde_o_words() -> frozenset[str]:
    lines = DATA.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))


def _grave(m: re.Match) -> str:
    w = m.group()
    if w.lower() in _tilde_o_words():
        return w
    return w.replace("õ", "ò").replace("Õ", "Ò")


def repair_word2010(text: str) -> tuple[str, bool]:
    """(text with Word 2010's wrong code points replaced, whether any were found)."""
    if "ƣ" not in text and "Ƣ" not in text:
        return text, False
    return _WORD_WITH_TILDE_O.sub(_grave, text.translate(_OI)), True
