"""The controlled terms of the vocabulary: document types, levels and cadre-work themes.

Every package reads them here (DESIGN §1): a type, a level or a theme no ontology file declares
does not exist for kg. Each is parsed once per process.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import RDF, RDFS, Graph, Literal, Namespace
from rdflib.namespace import SKOS
from rdflib.term import Node, URIRef

from ontology.schema import KG, DocType, load_schema, ontology_graph

THEMES_FILE = Path(__file__).with_name("themes.ttl")
THEME = Namespace("https://kg.example.org/themes#")
UNKNOWN_TYPE_CODE = "VB"  # "văn bản": the code of a document whose type is not known


@dataclass(frozen=True)
class Theme:
    id: str  # local name of the concept: "evaluation", "succession" ...
    label_vi: str
    label_en: str
    triggers: tuple[str, ...]  # skos:altLabel @vi: the words that tag a text with it


def doc_types() -> tuple[DocType, ...]:
    """The document types the ontology declares (subclasses of kg:Document with a code)."""
    return load_schema().doc_types


@cache
def doc_type_names() -> frozenset[str]:
    """The Vietnamese names of the declared types: the values Document.type may take."""
    return frozenset(t.name for t in doc_types())


@cache
def doc_type_code(name: str | None) -> str:
    """The code a type gives identifiers: "Kế hoạch" -> "KH"; "VB" for an unknown type.

    >>> doc_type_code("Kế hoạch"), doc_type_code(None)
    ('KH', 'VB')
    """
    return next((t.code for t in doc_types() if t.name == name), UNKNOWN_TYPE_CODE)


@cache
def levels() -> tuple[str, ...]:
    """The levels of the administrative system from the top down (the values of
    Document.level), in the order of their kg:rank.

    >>> levels()
    ('central', 'provincial', 'district', 'commune', 'unknown')
    """
    g = ontology_graph()
    ranked = sorted(g.subjects(RDF.type, KG.Level), key=lambda lv: int(str(g.value(lv, KG.rank))))
    return tuple(_label(g, lv, "en") for lv in ranked)


def level_colours() -> dict[str, str]:
    """Level -> the explorer's colour for it."""
    return load_schema().levels


def _label(g: Graph, s: Node, lang: str, p: URIRef = RDFS.label) -> str:
    return next((str(o) for o in g.objects(s, p)
                 if isinstance(o, Literal) and o.language == lang), "")


@cache
def themes() -> tuple[Theme, ...]:
    """The concepts of the SKOS theme scheme (themes.ttl), in the order of their ids."""
    g = Graph()
    g.parse(THEMES_FILE, format="turtle")
    out = []
    for c in sorted(g.subjects(RDF.type, SKOS.Concept), key=str):
        if (c, SKOS.inScheme, THEME["kg-themes"]) not in g:
            continue
        words = sorted({str(o) for o in g.objects(c, SKOS.altLabel)
                        if isinstance(o, Literal) and o.language == "vi"})
        out.append(Theme(str(c).rsplit("#", 1)[-1], _label(g, c, "vi", SKOS.prefLabel),
                         _label(g, c, "en", SKOS.prefLabel), tuple(words)))
    return tuple(out)


@cache
def theme_labels() -> dict[str, str]:
    """Theme id (a Theme node's `name`) -> its Vietnamese preferred label (`name_vi`)."""
    return {t.id: t.label_vi for t in themes()}
