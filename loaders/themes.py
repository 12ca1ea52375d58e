"""Tag texts with cadre-work themes from the SKOS scheme in ontology/themes.ttl.

A theme applies when one of its trigger words (skos:altLabel @vi, or its @vi prefLabel) occurs
in the text, accent- and case-insensitively, on word boundaries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import Graph, Literal, Namespace
from rdflib.namespace import RDF, SKOS

from graph.model import ThemeTag
from loaders.matching import alternation, fold_same_length, starts

THEMES_FILE = Path(__file__).resolve().parent.parent / "ontology" / "themes.ttl"
THEME = Namespace("https://kg.example.org/themes#")


@dataclass(frozen=True)
class Theme:
    id: str  # local name of the concept: "evaluation", "succession" ...
    label_vi: str
    label_en: str
    triggers: tuple[str, ...]


def _label(g: Graph, s: object, p: object, lang: str) -> str:
    return next((str(o) for o in g.objects(s, p) if isinstance(o, Literal) and o.language == lang),
                "")


@cache
def themes() -> tuple[Theme, ...]:
    """The concepts of the scheme, parsed once per process."""
    g = Graph()
    g.parse(THEMES_FILE, format="turtle")
    out = []
    for c in sorted(g.subjects(RDF.type, SKOS.Concept)):
        if (c, SKOS.inScheme, THEME["kg-themes"]) not in g:
            continue
        vi = _label(g, c, SKOS.prefLabel, "vi")
        words = sorted({str(o) for o in g.objects(c, SKOS.altLabel)
                        if isinstance(o, Literal) and o.language == "vi"})
        out.append(Theme(str(c).rsplit("#", 1)[-1], vi, _label(g, c, SKOS.prefLabel, "en"),
                         tuple(words)))
    return tuple(out)


@cache
def _matchers() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((t.id, alternation([*t.triggers, t.label_vi])) for t in themes())


@cache
def _anywhere() -> re.Pattern[str]:
    """Where any theme's word is: the only offsets a theme is tried at."""
    return starts(w for t in themes() for w in (*t.triggers, t.label_vi))


@cache
def _by_initial() -> dict[str, tuple[tuple[str, re.Pattern[str]], ...]]:
    """First letter of a folded trigger word -> the themes with such a word, in scheme order."""
    out: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
    for t, matcher in zip(themes(), _matchers(), strict=True):
        words = (fold_same_length(w).lstrip() for w in (*t.triggers, t.label_vi))
        for initial in dict.fromkeys(w[0] for w in words if w):
            out.setdefault(initial, []).append(matcher)
    return {k: tuple(v) for k, v in out.items()}


def tag_themes(text: str) -> tuple[ThemeTag, ...]:
    """Themes of a text with the words (as written) that triggered each.

    >>> [t.theme for t in tag_themes("Luan chuyen can bo va danh gia")]
    ['evaluation', 'rotation']
    """
    folded = fold_same_length(text)
    words: dict[str, list[str]] = {}
    ends: dict[str, int] = {}  # each theme's matches do not overlap (as in finditer)
    by_initial = _by_initial()
    for at in (m.start() for m in _anywhere().finditer(folded)):
        for theme_id, rx in by_initial[folded[at]]:
            if at >= ends.get(theme_id, 0) and (m := rx.match(folded, at)):
                ends[theme_id] = m.end()
                w = " ".join(text[m.start():m.end()].split())
                seen = words.setdefault(theme_id, [])
                if w not in seen:
                    seen.append(w)
    return tuple(ThemeTag(tid, tuple(words[tid])) for tid, _ in _matchers() if tid in words)
