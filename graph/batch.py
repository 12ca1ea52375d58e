"""A batch: the nodes and relationships one source asserts, in the ontology's names.

`to_batch` is the one place where typed extraction records become graph records, so the
graph carries exactly what `kg extract` reports (one extraction, two outputs).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from graph.ids import (
    alias_uid,
    document_uid_for_symbol,
    locality_uid,
    organisation_uid,
    theme_uid,
)
from graph.keys import fold, search_words, symbol_key
from graph.model import Evidence, Extraction, Source
from ontology import theme_labels


@dataclass(frozen=True)
class Node:
    label: str
    uid: str
    props: Mapping[str, Any]
    evidence: Evidence | None = None  # stored as a MENTIONED_IN relationship to the source


@dataclass(frozen=True)
class Edge:
    type: str
    src_label: str
    src: str
    dst_label: str
    dst: str
    evidence: Evidence
    props: Mapping[str, Any] = field(default_factory=dict)


@dataclass
class Batch:
    """Everything one source asserts. Written and retracted as a unit."""

    source: Source
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)

    def node(self, label_: str, uid: str, evidence: Evidence | None, **props: Any) -> str:
        self.nodes.append(Node(label_, uid, props, evidence))
        return uid

    def edge(self, type_: str, src: tuple[str, str], dst: tuple[str, str], evidence: Evidence,
             **props: Any) -> None:
        self.edges.append(Edge(type_, src[0], src[1], dst[0], dst[1], evidence, props))


def to_batch(ex: Extraction) -> Batch:
    """Graph records for one extraction: documents, links, tasks, targets, with evidence."""
    b = Batch(ex.source)
    for d in ex.documents:
        b.node("Document", d.uid, d.evidence, symbol=d.symbol, type=d.type, issuer=d.issuer,
               level=d.level, locality=d.locality, issued=d.date,
               issued_year=d.date.year if d.date else None, title=d.title,
               name=d.symbol or d.title or d.type, symbol_key=symbol_key(d.symbol) or None,
               key=fold(" ".join(filter(None, [symbol_key(d.symbol), d.type, d.title,
                                                d.issuer, d.locality]))),
               search=search_words(d.title))
        if d.locality:
            place = _locality(b, d.locality, d.evidence)
            b.edge("RELEVANT_FOR", ("Document", d.uid), ("Locality", place), d.evidence)
        if d.issuer:
            org = _organisation(b, d.issuer, d.level, d.locality, d.evidence)
            b.edge("ISSUED_BY", ("Document", d.uid), ("Organisation", org), d.evidence)
    for link in ex.implements:
        b.edge("IMPLEMENTS", ("Document", link.source_doc), ("Document", link.target_doc),
               link.evidence, basis=link.basis)
    for rel in ex.relations:  # the ontology declares each kind (rows refuse any other)
        b.edge(rel.kind, ("Document", rel.source_doc), ("Document", rel.target_doc), rel.evidence)
    for a in ex.aliases:
        uid = alias_uid(a.text)
        b.node("Alias", uid, a.evidence, text=a.text, key=fold(a.text))
        for sym in a.refers_to:
            doc = document_uid_for_symbol(sym)
            b.node("Document", doc, a.evidence, symbol=sym, level="central",
                   name=sym, symbol_key=symbol_key(sym), key=symbol_key(sym))
            b.edge("REFERS_TO", ("Alias", uid), ("Document", doc), a.evidence)
    docs = {d.uid: d for d in ex.documents}
    central = {o.name for o in ex.organisations if o.level == "central"}  # a Bộ in a local plan
    for t in ex.tasks:
        plan = docs.get(t.document)
        locality = plan.locality if plan else None
        dl = t.deadline
        b.node("Task", t.uid, t.evidence, label=t.label, text=t.text, search=search_words(t.text),
               ord=t.order,
               lead=t.lead, support=list(t.support), locality=locality,
               deadline=dl.text if dl else None, deadline_kind=dl.kind if dl else None,
               deadline_year=dl.year if dl else None, deadline_quarter=dl.quarter if dl else None,
               deadline_date=dl.date if dl else None, recurrence=dl.recurrence if dl else None)
        b.edge("HAS_TASK", ("Document", t.document), ("Task", t.uid), t.evidence)
        level = plan.level if plan else "unknown"
        roles = ([("LEAD", t.lead)] if t.lead else []) + [("SUPPORT", s) for s in t.support]
        for role, printed in roles:
            name = ex.org_names.get(printed, printed)
            org = _organisation(b, name, "central" if name in central else level, locality,
                                t.evidence)
            b.edge(role, ("Task", t.uid), ("Organisation", org), t.evidence)
        for tag in t.themes:
            th = theme_uid(tag.theme)
            b.node("Theme", th, None, name=tag.theme, name_vi=theme_labels().get(tag.theme),
                   key=fold(tag.theme))
            b.edge("HAS_THEME", ("Task", t.uid), ("Theme", th), t.evidence,
                   words=list(tag.words))
    for tg in ex.targets:
        b.node("Target", tg.uid, tg.evidence, kind=tg.kind, subject=tg.subject, text=tg.text,
               value=tg.value, low=tg.low, high=tg.high, unit=tg.unit, qualifier=tg.qualifier,
               year=tg.year, indicator=tg.indicator)
        if tg.document:
            b.edge("HAS_TARGET", ("Document", tg.document), ("Target", tg.uid), tg.evidence)
        if tg.subject:
            place = _locality(b, tg.subject, tg.evidence)
            b.edge("RELEVANT_FOR", ("Target", tg.uid), ("Locality", place), tg.evidence)
    for loc in ex.localities:
        uid = _locality(b, loc.name, loc.evidence, kind=loc.kind, era=loc.era)
        if loc.merged_into and loc.merged_into != loc.name:
            into = _locality(b, loc.merged_into, loc.evidence)
            b.edge("MERGED_INTO", ("Locality", uid), ("Locality", into), loc.evidence)
    for o in ex.organisations:
        b.node("Organisation", o.uid, o.evidence, name=o.name, level=o.level, kind=o.kind,
               locality=o.locality, key=fold(o.name), search=search_words(o.name))
    return b


def _locality(b: Batch, name: str, ev: Evidence, **props: Any) -> str:
    uid = locality_uid(name)
    b.node("Locality", uid, ev, name=name, key=fold(name), **props)
    return uid


def _organisation(b: Batch, name: str, level: str, locality: str | None, ev: Evidence) -> str:
    uid = organisation_uid(name, locality if level != "central" else None)
    b.node("Organisation", uid, ev, name=name, level=level,
           locality=locality if level != "central" else None, key=fold(name),
           search=search_words(name))
    return uid
