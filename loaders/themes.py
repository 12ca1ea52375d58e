"""Tag texts with the cadre-work themes the ontology declares (ontology.terms.themes).

A theme applies when one of its trigger words (skos:altLabel @vi, or its @vi prefLabel) occurs
in the text, accent- and case-insensitively, on word boundaries.
"""

from __future__ import annotations

import re
from functools import cache

from graph.model import ThemeTag
from loaders.matching import alternation, fold_same_length, starts
from ontology.terms import Theme, themes

__all__ = ["Theme", "tag_themes", "themes"]


@cache
def _matchers() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((t.id, alternation([*t.triggers, t.label_vi])) for t in themes())


@cache
def _anywhere() -> re.Pattern[str]:
    """Where any theme's word is: the only offsets a theme is tried at."""
    return starts(w for t in themes() for w in (*t.triggers, t.label_vi))


_WORD = re.compile(r"\w*")


@cache
def _by_first_word() -> dict[str, tuple[tuple[str, re.Pattern[str]], ...]]:
    """The first word (run of word characters, maybe empty) of a folded trigger -> the themes
    with such a trigger, in scheme order. A trigger matches only where the text's word is
    its first word: the character after that word in the trigger is a space, another
    non-word character or the end (where the matcher wants no word character), so the word
    printed there ends where the trigger's does."""
    out: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
    for t, matcher in zip(themes(), _matchers(), strict=True):
        words = (fold_same_length(w).strip() for w in (*t.triggers, t.label_vi))
        for first in dict.fromkeys(m.group() for w in words if w and (m := _WORD.match(w))):
            out.setdefault(first, []).append(matcher)
    return {k: tuple(v) for k, v in out.items()}


def tag_themes(text: str, folded: str | None = None) -> tuple[ThemeTag, ...]:
    """Themes of a text with the words (as written) that triggered each; `folded` is the
    text folded (`fold_same_length`) when the caller has it already.

    >>> [t.theme for t in tag_themes("Luan chuyen can bo va danh gia")]
    ['evaluation', 'rotation']
    """
    if folded is None:  # a task's text: not kept in the shared cache
        folded = fold_same_length.__wrapped__(text)
    words: dict[str, list[str]] = {}
    ends: dict[str, int] = {}  # each theme's matches do not overlap (as in finditer)
    by_word, word = _by_first_word(), _WORD.match
    for hit in _anywhere().finditer(folded):
        at = hit.start()
        first = word(folded, at)
        for theme_id, rx in by_word.get(first.group() if first else "", ()):
            if at >= ends.get(theme_id, 0) and (m := rx.match(folded, at)):
                ends[theme_id] = m.end()
                w = " ".join(text[m.start():m.end()].split())
                seen = words.setdefault(theme_id, [])
                if w not in seen:
                    seen.append(w)
    if not words:
        return ()
    order = _order()
    return tuple(ThemeTag(tid, tuple(words[tid])) for tid in sorted(words, key=order.__getitem__))


@cache
def _order() -> dict[str, int]:
    """Each theme's place in the scheme: the order tags are given in."""
    return {tid: i for i, (tid, _) in enumerate(_matchers())}
