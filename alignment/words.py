"""Words of a task text, as alignment compares them: segmented words, not syllables.

Vietnamese writes a word as several syllables ("cán bộ", "quy hoạch"); comparing syllables
makes unrelated words meet ("kỳ" of "nhiệm kỳ" and "kỷ" of "kỷ luật" once accents are folded,
"đột" of "đột xuất" and "đột phá"). Texts are segmented into words by underthesea's CRF word
segmenter (Apache-2.0; its model ships inside the package, nothing is downloaded), then
multi-syllable terms of the domain (alignment/data/terms.txt) are joined by longest match where
the segmenter split them ("người đứng đầu", "chạy chức"). Words keep their tone marks (only
case is folded, tone marks placed the modern way), so "kỳ"/"kỷ", "dõi"/"đổi", "nghị"/"nghĩ"
stay apart. Function words and plan boilerplate (alignment/data/stopwords.txt) are dropped.

>>> content_words("Theo dõi, đôn đốc việc đổi mới công tác cán bộ")
['theo dõi', 'đôn đốc', 'đổi mới', 'công tác cán bộ']
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from pathlib import Path

from graph.keys import modern_tones

DATA = Path(__file__).with_name("data")
STOPWORDS_FILE = DATA / "stopwords.txt"
TERMS_FILE = DATA / "terms.txt"
PROCEDURAL_FILE = DATA / "procedural.txt"
MAX_TERM = 6  # syllables in the longest domain term tried
SUFFIXES = {("hóa",)}  # written apart by the segmenter, joined to the word before

_SYLLABLE = re.compile(r"[^\W_]+", re.UNICODE)
_PUNCTUATION = re.compile(r"[,;:.!?()\[\]\n\"“”'‘’…]+")


def _lines(path: Path) -> list[str]:
    return [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()
            if ln.strip() and not ln.lstrip().startswith("#")]


def _written(text: str) -> str:
    """NFC, modern tone placement; case kept."""
    return modern_tones(unicodedata.normalize("NFC", text))


def normalise(text: str) -> str:
    """NFC, modern tone placement, lower case: the only folding words get."""
    return _written(text).lower()


@cache
def stopwords() -> frozenset[str]:
    """Words (one or more syllables, with tone marks) that carry nothing for alignment."""
    return frozenset(" ".join(_SYLLABLE.findall(normalise(w))) for w in _lines(STOPWORDS_FILE))


@cache
def procedural() -> frozenset[str]:
    """Words of organising a plan itself (drafting, following up, reporting on it)."""
    return frozenset(" ".join(_SYLLABLE.findall(normalise(w))) for w in _lines(PROCEDURAL_FILE))


@cache
def terms() -> frozenset[tuple[str, ...]]:
    """Multi-syllable terms of the domain, as syllable tuples."""
    out = (tuple(_SYLLABLE.findall(normalise(t))) for t in _lines(TERMS_FILE))
    return frozenset(t for t in out if len(t) > 1)


@cache
def _segmenter():
    from underthesea import word_tokenize  # imported on first use: it loads a model

    return word_tokenize


@lru_cache(maxsize=1 << 16)
def _piece(piece: str) -> tuple[tuple[str, ...], ...]:
    """The segmenter's words (lower case) of a piece of text holding no punctuation (cached:
    plans repeat their phrases, and the segmenter is the costly part of alignment)."""
    return tuple(syl for w in _segmenter()(piece)
                 if (syl := tuple(x.lower() for x in _SYLLABLE.findall(w))))


def _segment(text: str) -> list[tuple[str, ...]]:
    """The segmenter's words as syllable tuples; punctuation as () (a boundary). Pieces
    between punctuation marks are segmented apart: words never span punctuation."""
    out: list[tuple[str, ...]] = []
    for piece in _PUNCTUATION.split(text):
        if piece := piece.strip():  # a capital opening a sentence marks no name
            out.extend(_piece(piece[0].lower() + piece[1:]))
        out.append(())
    return out[:-1]


def _join_suffixes(segmented: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """Join a suffix the segmenter writes apart to the word before it ("cụ thể" + "hóa":
    the segmenter's convention splits the Sino-Vietnamese "-hóa" of "chuẩn hóa")."""
    out: list[tuple[str, ...]] = []
    for w in segmented:
        if w in SUFFIXES and out and out[-1]:
            out[-1] += w
        else:
            out.append(w)
    return out


def _join_terms(segmented: list[tuple[str, ...]]) -> list[str]:
    """Join runs of the segmenter's words that spell a domain term, longest first."""
    known = terms()
    segmented = _join_suffixes(segmented)
    out: list[str] = []
    i = 0
    while i < len(segmented):
        best, syl, j = i + 1, segmented[i], i + 1
        while j < len(segmented) and syl and segmented[j] and \
                len(syl) + len(segmented[j]) <= MAX_TERM:
            syl += segmented[j]
            j += 1
            if syl in known:
                best = j
        out.append(" ".join(s for w in segmented[i:best] for s in w))
        i = best
    return out


@lru_cache(maxsize=1 << 14)
def segment(text: str) -> tuple[str, ...]:
    """All words of a text, lower case with tone marks; "" where punctuation was. The
    segmenter reads the text as written (capitals mark names: "Bộ Chính trị").

    >>> segment("Người đứng đầu chịu trách nhiệm; chống chạy chức")
    ('người đứng đầu', 'chịu', 'trách nhiệm', '', 'chống', 'chạy chức')
    """
    return tuple(_join_terms(_segment(_written(text))))


@lru_cache(maxsize=1 << 12)
def parts(word: str) -> tuple[str, ...]:
    """The shorter words a word holds: for a joined domain term, the segmenter's words of two
    syllables or more it is made of ("công tác cán bộ" -> "công tác", "cán bộ"); for any
    word, the domain terms inside it ("nghiêm kỷ luật" -> "kỷ luật")."""
    syl = tuple(word.split())
    if len(syl) < 2:
        return ()
    out: list[str] = []
    if syl in terms():
        out += [" ".join(w) for w in _segment(word) if len(w) > 1 and w != syl]
    for n in range(2, len(syl)):
        for i in range(len(syl) - n + 1):
            if syl[i:i + n] in terms():
                out.append(" ".join(syl[i:i + n]))
    return tuple(dict.fromkeys(out))


def _content(w: str) -> bool:
    return bool(w) and w not in stopwords() and not w.replace(" ", "").isdigit()


def content_words(text: str) -> list[str]:
    """The words of a text that can match: no punctuation, stop-words or numbers."""
    return [w for w in segment(text) if _content(w)]


def runs(text: str) -> list[list[str]]:
    """Maximal runs of adjacent content words (a stop-word or punctuation ends a run): the
    word pairs of a text are taken inside runs only."""
    return [list(r) for r in word_runs(text)]


@lru_cache(maxsize=1 << 14)
def word_runs(text: str) -> tuple[tuple[str, ...], ...]:
    """`runs`, as tuples, cached (a task's text is read again to explain each of its links)."""
    out: list[list[str]] = [[]]
    for w in segment(text):
        if _content(w):
            out[-1].append(w)
        elif out[-1]:
            out.append([])
    return tuple(tuple(r) for r in out if r)


@lru_cache(maxsize=1 << 14)
def procedural_share(text: str) -> float:
    """The share of a text's words (function words aside) that organise a plan rather than
    name cadre work: procedural words and numbers (dates, numbers of the documents cited).

    >>> round(procedural_share("Tổng hợp, báo cáo kết quả thực hiện Kế hoạch"), 2)
    1.0
    """
    proc = procedural()
    n = k = 0
    for w in segment(text):
        if not w:
            continue
        if w in proc or w.replace(" ", "").isdigit():
            n, k = n + 1, k + 1
        elif w not in stopwords():
            n += 1
    return k / n if n else 0.0
