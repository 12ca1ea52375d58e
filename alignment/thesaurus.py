"""Concepts of cadre work a text names, from the SKOS thesaurus alignment/data/thesaurus.ttl.

Local plans and central tasks often name the same kind of cadre work in different words
("kiểm định chất lượng đầu vào" for recruitment, "chính sách hỗ trợ ... nghỉ hưu trước tuổi"
for cadres' benefits). A text holding a label of a concept (prefLabel, altLabel or
hiddenLabel, matched on whole syllables, case folded, tone marks kept) names the concept.

>>> sorted(concepts("Kiểm định chất lượng đầu vào công chức"))
['recruitment']
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from pathlib import Path

from alignment.words import DATA, normalise

THESAURUS_FILE: Path = DATA / "thesaurus.ttl"
GROUPS = "cadre-groups"  # the concept of specific groups of cadres (young, ethnic, science)

_SYLLABLE = re.compile(r"[^\W_]+", re.UNICODE)


@cache
def labels() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(concept id, label as syllables) for every label of every concept of the scheme."""
    from rdflib import Graph, Literal, Namespace
    from rdflib.namespace import RDF, SKOS

    th = Namespace("https://kg.example.org/alignment-thesaurus#")
    g = Graph()
    g.parse(THESAURUS_FILE, format="turtle")
    out = set()
    for c in g.subjects(RDF.type, SKOS.Concept):
        if (c, SKOS.inScheme, th["alignment-thesaurus"]) not in g:
            continue
        cid = str(c).rsplit("#", 1)[-1]
        for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel):
            for o in g.objects(c, p):
                if isinstance(o, Literal) and o.language == "vi":
                    out.add((cid, tuple(_SYLLABLE.findall(normalise(str(o))))))
    return tuple(sorted(x for x in out if x[1]))


@cache
def _by_first() -> dict[str, tuple[tuple[str, tuple[str, ...]], ...]]:
    idx: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for cid, syl in labels():
        idx.setdefault(syl[0], []).append((cid, syl))
    return {k: tuple(v) for k, v in idx.items()}


@lru_cache(maxsize=1 << 14)
def concepts(text: str) -> frozenset[str]:
    """The ids of the concepts whose labels the text holds."""
    syl = _SYLLABLE.findall(normalise(text))
    idx = _by_first()
    found = set()
    for i, s in enumerate(syl):
        for cid, label in idx.get(s, ()):
            if tuple(syl[i:i + len(label)]) == label:
                found.add(cid)
    return frozenset(found)
