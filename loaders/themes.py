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
from loaders.matching import alternation, fold_same_length

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


def tag_themes(text: str) -> tuple[ThemeTag, ...]:
    """Themes of a text with the words (as written) that triggered each.

    >>> [t.theme for t in tag_themes("Luan chuyen can bo va danh gia")]
    ['evaluation', 'rotation']
    """
    folded = fold_same_length(text)
    out = []
    for theme_id, rx in _matchers():
        words = []
        for m in rx.finditer(folded):
            w = " ".join(text[m.start():m.end()].split())
            if w not in words:
                words.append(w)
        if words:
            out.append(ThemeTag(theme_id, tuple(words)))
    return tuple(out)
