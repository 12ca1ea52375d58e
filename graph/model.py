"""The typed records that extraction produces and the graph is built from.

One `Extraction` per source text. Every record carries the `Evidence` it was read from, so
`kg extract`, `kg load`, `kg show`, the explorer and the RDF export all tell the same story.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

LEVELS = ("central", "provincial", "district", "commune", "unknown")


@dataclass(frozen=True)
class Evidence:
    """Where a fact was read: the source, the sentence, the character span, how, how sure."""

    source: str  # Source uid ("src:" + content hash prefix)
    sentence: str
    start: int  # character offsets into the NFC-normalised text
    end: int
    method: str = "explicit"
    confidence: float = 1.0


@dataclass(frozen=True)
class Source:
    """One input file, identified by the hash of its content."""

    uid: str
    name: str
    path: str
    sha256: str
    chars: int
    encoding: str
    url: str | None = None  # where the text was published, when known (locality evidence)
    format: str = "text"  # the reader that read it: text, pdf, docx, doc, html
    title: str | None = None  # the title the file or page declares
    site: str | None = None  # the site it was published on (og:site_name or the URL's host)
    published: str | None = None  # ISO date the file, page or manifest states
    fetched: str | None = None  # ISO date a URL was fetched
    locality: str | None = None  # the province the user says it came from (--locality/manifest)


@dataclass(frozen=True)
class Document:
    """A directive document mentioned in (or constituted by) a text."""

    uid: str  # global identity, see loaders.identity
    symbol: str | None  # normalised số ký hiệu, e.g. "123-KH/TU"; None when unnumbered
    type: str | None  # Vietnamese type name: "Kế hoạch", "Nghị quyết" ...
    issuer: str | None
    level: str  # one of LEVELS
    locality: str | None  # province name as of the document's date; None if central/unknown
    date: dt.date | None
    evidence: Evidence
    title: str | None = None
    is_subject: bool = False  # the text *is* this document (a plan's own text)


@dataclass(frozen=True)
class Implements:
    """`source_doc` was issued to implement `target_doc` (uids)."""

    source_doc: str
    target_doc: str
    basis: str  # explicit | implied
    evidence: Evidence


@dataclass(frozen=True)
class Relation:
    """Another relation between two documents of a text (uids): `kind` is its relationship type
    in the ontology — BASED_ON (the legal basis, "Căn cứ …"), REPLACES, REPEALS, AMENDS.
    Never an implements link: trace, coverage and gaps do not read these."""

    kind: str
    source_doc: str
    target_doc: str
    evidence: Evidence


@dataclass(frozen=True)
class Alias:
    """An informal name ("Nghị quyết Trung ương 7 khóa XII") and the documents it stands for."""

    text: str
    refers_to: tuple[str, ...]  # symbols of central documents
    evidence: Evidence


@dataclass(frozen=True)
class Deadline:
    """A deadline as printed and as a structure that can be queried."""

    text: str
    kind: str  # date | quarter | year | from_year | recurring | school_year | unknown
    year: int | None = None
    quarter: int | None = None
    date: dt.date | None = None
    recurrence: str | None = None  # yearly | on_demand | periodic


@dataclass(frozen=True)
class ThemeTag:
    theme: str  # SKOS concept id (local name)
    words: tuple[str, ...]  # the words that triggered it


@dataclass(frozen=True)
class Task:
    """A numbered task of a plan, with its assignment."""

    uid: str
    document: str  # uid of the plan it belongs to
    label: str  # numbering path as printed, outermost first: "III.2.2 (1)"
    text: str
    evidence: Evidence
    lead: str | None = None  # organisation name (chủ trì)
    support: tuple[str, ...] = ()  # phối hợp
    deadline: Deadline | None = None
    themes: tuple[ThemeTag, ...] = ()
    order: int = 0  # position within the document


@dataclass(frozen=True)
class Target:
    """A numeric target (promised) or achievement (reported)."""

    uid: str
    kind: str  # target | achievement
    subject: str | None  # locality (or body) it is about
    text: str
    value: float | None
    evidence: Evidence
    document: str | None = None  # uid of the document that sets or reports it, if known
    low: float | None = None
    high: float | None = None
    unit: str | None = None  # percent | count | vnd ...
    qualifier: str | None = None  # trên | trở lên | khoảng | range ...
    year: int | None = None
    indicator: str | None = None


@dataclass(frozen=True)
class Organisation:
    """An organisation named as issuer, lead or supporter."""

    uid: str
    name: str
    level: str
    kind: str  # party | state | front | other
    locality: str | None
    evidence: Evidence


@dataclass(frozen=True)
class Locality:
    """A province-level unit of the gazetteer, the era it exists in, and its 2025 successor."""

    name: str
    kind: str | None
    era: str  # before2025 | after2025 | both (ontology kg:era)
    evidence: Evidence
    merged_into: str | None = None  # the post-2025 unit it became part of, if another


@dataclass
class Extraction:
    """Everything read from one source text."""

    source: Source
    text: str
    documents: list[Document] = field(default_factory=list)
    implements: list[Implements] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)  # legal basis, replaces, amends …
    aliases: list[Alias] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)
    localities: list[Locality] = field(default_factory=list)  # gazetteer records (reference data)
    context_locality: str | None = None  # the province the text is about, if it says
    # a task's lead or partner as printed -> the body's one name ("Sở KH&CN" -> "Sở Khoa học
    # và Công nghệ"), so that a body named two ways is one Organisation
    org_names: dict[str, str] = field(default_factory=dict)

    def document(self, uid: str) -> Document | None:
        return next((d for d in self.documents if d.uid == uid), None)
