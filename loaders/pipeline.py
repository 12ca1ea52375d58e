"""Text in, Extraction out: the declared order of pure steps (eyecite style).

read -> context (sections, the text's province) -> documents and nicknames -> implements ->
tasks, targets and organisations (loaders.plan) -> Extraction.
"""

from __future__ import annotations

from pathlib import Path

from graph.gcpause import gc_paused
from graph.keys import modern_tones
from graph.model import Document, Extraction, Locality, Organisation, Source
from loaders.context import TextContext
from loaders.documents import find_documents
from loaders.identity import organisation_uid
from loaders.implements import find_implements
from loaders.localities import (
    dominant_province,
    era,
    kind_label,
    paragraph_openers,
    province,
    section_headings,
    source_locality,
    successor,
)
from loaders.matching import fold_same_length
from loaders.normalise import normalise
from loaders.organisations import canonical_name
from loaders.plan import extract_plan
from loaders.read import read_source
from loaders.readers import Input
from loaders.relations import find_relations
from loaders.segments import sentences
from loaders.structure import parse_outline


def context(text: str, source: Source) -> TextContext:
    """The text with its sections and the province it is about, if it names one."""
    ctx = TextContext(text, source)
    ctx.localities = sorted([*section_headings(text), *paragraph_openers(text)],
                            key=lambda section: section[0])
    said = province(source.locality)  # the user's word (--locality, a manifest's row)
    ctx.default_locality = source_locality(
        source.url, dominant_province(text) or (said.name if said else None))
    return ctx


def gazetteer_records(docs: list[Document]) -> list[Locality]:
    """Reference records of the provinces the documents belong to (with their 2025 successor)."""
    out: dict[str, Locality] = {}
    for d in docs:
        p = province(d.locality)
        if p is not None and p.name not in out:
            out[p.name] = Locality(p.name, kind_label(p), era(p.name), d.evidence,
                                   successor(p.name))
    return list(out.values())


def document_context(text: str, source: Source, ctx: TextContext | None = None) -> TextContext:
    """The repaired text the document and link rules read (loaders.normalise), its evidence
    mapped back to the original text; sections and province as `ctx` (the original's) found."""
    ctx = ctx or context(text, source)
    norm = normalise(text)
    dctx = TextContext(norm.text, source, origin=(text, norm))
    if norm.text == text:  # nothing repaired: one sentence split serves both contexts
        dctx.sentences = ctx.sentences
    dctx.localities = [(norm.normalised(o), p) for o, p in ctx.localities]
    dctx.default_locality = ctx.default_locality
    return dctx


# A text this long (characters) is not kept in the caches of whole texts once extracted:
# its folded copies, sentences and outline would outlive it by several times its size
_LONG = 1_000_000


def _forget_texts() -> None:
    """Empty the caches keyed by whole texts (they serve the steps of one extraction)."""
    for cached in (fold_same_length, modern_tones, sentences, parse_outline):
        cached.cache_clear()


def extract_text(text: str, source: Source) -> Extraction:
    """Everything the extractors read from one text."""
    try:
        with gc_paused:
            return _extract(text, source)
    finally:
        if len(text) >= _LONG:
            _forget_texts()


def _extract(text: str, source: Source) -> Extraction:
    ctx = context(text, source)
    dctx = document_context(text, source, ctx)
    found = find_documents(dctx)
    links = find_implements(dctx, found.documents, found.mentions, found.subject)
    relations = find_relations(dctx, found.mentions, found.subject)
    found.documents = _passing_congress_dropped(found.documents, [*links, *relations])
    ctx.documents = found.documents
    plan = extract_plan(ctx)
    kept = {d.uid for d in found.documents}
    orgs: dict[str, Organisation] = {}
    for doc, org in (pair for pair in found.issuers if pair[0].uid in kept):
        name = doc.issuer or org.name
        uid = organisation_uid(name, doc.locality)
        orgs.setdefault(uid, Organisation(uid, name, org.level, org.kind, doc.locality,
                                          doc.evidence))
    for o in plan.organisations:
        orgs.setdefault(o.uid, o)
    return Extraction(source=source, text=text, documents=found.documents, implements=links,
                      relations=relations,
                      aliases=found.aliases, tasks=list(plan.tasks),
                      targets=list(plan.targets),
                      organisations=list(orgs.values()),
                      localities=gazetteer_records(found.documents),
                      context_locality=ctx.default_locality,
                      org_names=_org_names(plan.tasks))


def _passing_congress_dropped(documents: list[Document], links) -> list[Document]:
    """Without the national congress's resolution where no link reaches it: "toàn Đảng thực
    hiện Nghị quyết Đại hội XIII" names it in passing, as texts of every kind do; it is a
    document of the text only where the text carries it out (issue 15: a congress resolution
    merely evaluated is no document)."""
    ends = {u for link in links for u in (link.source_doc, link.target_doc)}
    return [d for d in documents if d.symbol or d.is_subject or d.level != "central"
            or d.uid in ends or not (d.issuer or "").startswith("Đại hội")]


def _org_names(tasks) -> dict[str, str]:
    """Leads and partners printed other than by the body's one name, and that name."""
    printed = {p for t in tasks for p in (t.lead, *t.support) if p}
    return {p: n for p in sorted(printed) if (n := canonical_name(p)) != p}


def extract_file(path: str | Path | Input) -> Extraction:
    """Read one file and extract from it; SourceError if it cannot be read."""
    source, text = read_source(path)
    return extract_text(text, source)
