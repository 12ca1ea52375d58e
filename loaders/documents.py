"""Assemble Document records from references, nicknames and unnumbered mentions.

Extraction output states what the text says: a date or an issuer comes from the text, never
from the registry (the registry only settles a type the text leaves open, e.g. Party "QĐ").
Each mention keeps its span, so the link rules can work on positions.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from graph.keys import fold
from graph.keys import symbol_key as _symbol_key
from graph.model import Alias, Document, Evidence
from loaders import aliases as registry
from loaders.context import TextContext
from loaders.dates import clause_date, date_after, leading_date
from loaders.header import unit_name
from loaders.identity import below_province, numbered_uid, unnumbered_uid
from loaders.issuers import Org, as_orgs, find_organisations, issuer_after, qualified
from loaders.matching import Spans
from loaders.references import (
    Ref,
    body_code,
    find_short_citations,
    find_symbols,
    party_type_code,
    type_words,
)
from loaders.segments import sentences, span_at
from loaders.subject import SubjectDoc, find_subject
from loaders.unnumbered import ISSUING_VERB, find_unnumbered

symbol_key = lru_cache(maxsize=4096)(_symbol_key)  # (pure; a text cites its symbols often)

_ISSUED_BEFORE = re.compile(rf"{ISSUING_VERB}\s*(?:văn\s+bản\s+(?:số\s*)?)?$", re.IGNORECASE)
_ISSUED_ENDS = ("hành", "xong", "dựng", "qua", "bản", "số")  # last words `_ISSUED_BEFORE` allows
# a place standing for its authorities: "(Để thực hiện X,) tỉnh đã ban hành Kế hoạch số …"
_PLACE_ISSUES = re.compile(rf"(?:^|[,;:]\s*)(?:toàn\s+)?(?:tỉnh|thành\s+phố|huyện|thị\s+xã|quận"
                           rf"|xã|phường)(?:\s+(?:đã|cũng|vừa|đồng\s+thời))*\s+{ISSUING_VERB}"
                           rf"\s*(?:văn\s+bản\s+(?:số\s*)?)?$", re.IGNORECASE)
# between a body and the issuing verb, a clause naming another subject: "… của Ban Thường vụ
# Tỉnh ủy, Đảng ủy Khối đã ban hành …" (the body unrecognised, its clause still its own)
_OTHER_SUBJECT = re.compile(r"[,;]\s*(\w)")
_SUBJECT_ISSUES = re.compile(rf"[,;]\s*(\w)[^,;.:]{{0,40}}?\s{ISSUING_VERB}"
                             rf"\s*(?:văn\s+bản\s+(?:số\s*)?)?$", re.IGNORECASE)
_THIS = re.compile(r"\s+này(?![\w])")
_ORGAN = re.compile(r"^(?:ban thuong vu|thuong truc|ban chap hanh)\s+")
_AS_FOLLOWS = re.compile(r"như\s+sau\s*:?\s*$")
_GENERIC_TYPES = {"Nghị quyết", "Kế hoạch", "Chỉ thị", "Kết luận", "Quy định", "Đề án",
                  "Chương trình"}


@dataclass
class Mention:
    """Where the text names one document (or, for a nickname, several)."""

    start: int
    end: int
    tail_end: int  # end of the date / issuer printed after it
    uids: tuple[str, ...]
    issued: bool = False  # introduced by an issuing verb: the text tells of its issue
    type: str | None = None


@dataclass
class Found:
    """Everything the document step finds in one text."""

    documents: list[Document] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    aliases: list[Alias] = field(default_factory=list)
    issuers: list[tuple[Document, Org]] = field(default_factory=list)
    subject: str | None = None  # uid of the document the text is


@dataclass
class _Draft:
    uid: str
    symbol: str | None
    type: str | None
    level: str
    locality: str | None
    evidence: Evidence
    date: dt.date | None = None
    issuer: Org | None = None
    title: str | None = None
    is_subject: bool = False
    printed_type: bool = False


def _tail(text: str, orgs: list[Org], pos: int) -> tuple[dt.date | None, Org | None, int]:
    """Date and issuer printed right after a reference, in either order."""
    date, org, end = None, None, pos
    for _ in range(2):
        d = date_after(text, end) if date is None else None
        if d:
            date, end = d
            continue
        o = issuer_after(orgs, text, end) if org is None else None
        if o:
            org, end = o, o.end
            continue
        break
    return date, org, end


def _issuer_before(orgs: list[Org], text: str, ref_start: int, sent: tuple[int, int]) -> Org | None:
    head = text[sent[0]:ref_start]
    if not head.rstrip().casefold().endswith(_ISSUED_ENDS):
        return None  # (the pattern, tried at every character of the head, cannot match)
    m = _ISSUED_BEFORE.search(head)
    if not m:
        return None
    verb = sent[0] + m.start()
    before = as_orgs(orgs).within(sent[0], verb)
    if before and verb - before[-1].end <= 40 and not any(
            m.group(1).isupper() for m in _OTHER_SUBJECT.finditer(text, before[-1].end, verb)):
        return before[-1]
    return None


def _issued_by_unknown_subject(text: str, ref_start: int, sent: tuple[int, int]) -> bool:
    """Is the reference issued by a subject the issuer finder does not know: a place named
    for its authorities ("tỉnh đã ban hành …") or a clause's own subject after a comma
    ("…, Đảng ủy Khối đã ban hành …")?"""
    head = text[max(sent[0], ref_start - 60):ref_start]
    if not head.rstrip().casefold().endswith(_ISSUED_ENDS):
        return False
    if _PLACE_ISSUES.search(head):
        return True
    m = _SUBJECT_ISSUES.search(head)
    return m is not None and m.group(1).isupper()


_AT = re.compile(r"(?<!\s)\s+tại\s+(?:(?:văn\s+bản|công\s+văn)\s+)?(?:số\s*)?$",
                 re.IGNORECASE)


def _issuer_at(orgs: list[Org], text: str, ref_start: int, sent: tuple[int, int]) -> Org | None:
    """The body whose letter is cited as "… (hướng dẫn) của <body> tại Công văn số …"."""
    at = _AT.search(text, max(sent[0], ref_start - 40), ref_start)
    if at is None:
        return None
    return as_orgs(orgs).ending_at(at.start(), sent[0])


def _locality(ctx: TextContext, level: str, org: Org | None, pos: int) -> str | None:
    if level == "central":
        return None
    if org is not None and org.province:
        return org.province
    if org is not None and org.level == "central":
        return None
    return ctx.locality_at(pos)


def _body(name: str) -> str:
    """An issuer's name without its session or term: one body across its mentions."""
    return re.sub(r"\s+(?:lần thứ|khóa|nhiệm kỳ)\s.*$", "", name)


def _same_body(a: str, b: str) -> bool:
    """"Ủy ban nhân dân tỉnh" and "Ủy ban nhân dân tỉnh Bến Tre" name one body; so do
    "Ban Thường vụ Tỉnh ủy" and "Tỉnh ủy Cà Mau" (a committee and its standing board)."""
    fa, fb = (_ORGAN.sub("", fold(_body(n))) for n in (a, b))
    return fa.startswith(fb) or fb.startswith(fa)


def _formula(text: str, pos: int, sents: list[tuple[int, int]]) -> bool:
    """Does the sentence go on, after `pos`, with the preamble's closing formula ("… ban hành Kế
    hoạch thực hiện như sau:"), by which a plan names itself?"""
    _, end = span_at(sents, pos)
    return bool(_AS_FOLLOWS.search(text, pos, end))


def _organ(preamble: Org, header: Org) -> Org:
    """The issuer the preamble names ("Ban Thường vụ Huyện ủy ban hành …"), placed like the body
    the header prints ("HUYỆN ỦY CÔ TÔ"), when both are of one level: the more precise of the two.
    """
    if preamble.level != header.level or preamble.province or preamble.unit:
        return header
    name = f"{preamble.name} {unit_name(header.unit)}" if header.unit else qualified(
        preamble, header.province)
    return replace(preamble, name=name, province=header.province, unit=header.unit)


def _title_key(title: str) -> str:
    words = fold(re.sub(r"\([^)]*\)", " ", title)).split()
    return " ".join(words[:6])


def find_documents(ctx: TextContext) -> Found:
    """Documents, their mentions and the nicknames of a text."""
    text, src = ctx.text, ctx.source.uid
    sents = sentences(text)
    orgs = find_organisations(text)
    refs = find_symbols(text)
    drafts: dict[str, _Draft] = {}
    found = Found()

    def add(d: _Draft) -> _Draft:
        old = drafts.get(d.uid)
        if old is None:
            drafts[d.uid] = d
            return d
        old.date = old.date or d.date
        longer = d.issuer is not None and old.issuer is not None and len(d.issuer.name) > len(
            old.issuer.name) and fold(d.issuer.name).startswith(fold(_body(old.issuer.name)))
        if d.issuer is not None and (old.issuer is None or longer):
            old.issuer = d.issuer
        if d.printed_type and not old.printed_type:
            old.type, old.printed_type = d.type, True
        return old

    subject = find_subject(text, orgs)
    if subject is not None:
        _add_subject(ctx, subject, add, found)

    read = []
    for r in refs:
        sent = span_at(sents, r.start)
        date, org, tail_end = _tail(text, orgs, r.end)
        before = _issuer_before(orgs, text, r.start, sent)
        issuer = org or before or _issuer_at(orgs, text, r.start, sent)
        locality = _locality(ctx, r.level, issuer, r.start) if r.local else None
        read.append((r, sent, date, org, tail_end, before, issuer, locality))
    _placed_once(read)
    _shared_dates(text, read)
    units = _units([(r, issuer, locality) for r, _, _, _, _, _, issuer, locality in read])
    longer = long_forms([r.symbol for r in refs if r.symbol])  # (find_symbols sets each)
    for (r, sent, date, org, tail_end, before, issuer, locality), unit in zip(read, units,
                                                                                strict=True):
        issued = before is not None or _issued_by_unknown_subject(text, r.start, sent)
        if date is None and issued:  # the sentence's date, or its clause's (after a headline)
            date = leading_date(text[sent[0]:sent[1]]) or clause_date(text, sent[0], r.start)
        if r.symbol in longer:  # "61/NĐ-CP" cited after "61/2018/NĐ-CP": one decree
            r = replace(r, symbol=longer[r.symbol])
        symbol = r.symbol
        assert symbol is not None  # find_symbols gives every reference its symbol
        below = r.local and below_province(symbol, issuer.level if issuer else None)
        uid = numbered_uid(symbol, r.local, locality, src, unit, below)
        if subject is not None and subject.symbol and symbol_key(subject.symbol) == symbol_key(
                r.symbol):
            uid = found.subject or uid
        type_name = r.type
        known = registry.central(r.symbol)
        if not r.printed_type and known is not None:
            type_name = known.type
        level = r.level if r.level != "unknown" else (issuer.level if issuer else "unknown")
        add(_Draft(uid, r.symbol, type_name, level, locality,
                   ctx.evidence(r.start, r.end), date, issuer, printed_type=r.printed_type))
        found.mentions.append(Mention(r.start, r.end, tail_end, (uid,), issued, type_name))
        if org is not None and fold(org.surface).startswith("hoi nghi") and r.level == "central" \
                and not any(a.text == org.surface and a.refers_to == (symbol,)
                            for a in found.aliases):
            found.aliases.append(Alias(org.surface, (symbol,), ctx.evidence(org.start, org.end,
                                                                             "alias")))

    masked = Spans((r.start, r.end) for r in refs)
    _add_nicknames(ctx, refs, masked, drafts, add, found, orgs, sents)
    for o in orgs:
        if " " in o.surface and not o.surface.isupper():
            masked.add(o.start, o.end)
    _add_unnumbered(ctx, orgs, masked, sents, drafts, add, found)
    found.mentions.sort(key=lambda m: m.start)
    for d in sorted(drafts.values(), key=lambda d: not d.is_subject):  # the text's own first
        doc = Document(d.uid, d.symbol, d.type, qualified(d.issuer, d.locality) if d.issuer
                       else None, d.level, d.locality, d.date, d.evidence, d.title, d.is_subject)
        found.documents.append(doc)
        if d.issuer is not None:
            found.issuers.append((doc, d.issuer))
    return found


def long_forms(symbols: list[str]) -> dict[str, str]:
    """Short State symbols ("61/NĐ-CP") that stand for the one long form with a year the text
    prints ("61/2018/NĐ-CP": same number, type and issuer).

    >>> long_forms(["61/2018/NĐ-CP", "61/NĐ-CP", "7/QĐ-TTg"])
    {'61/NĐ-CP': '61/2018/NĐ-CP'}
    """
    found: dict[str, set[str]] = {}
    for s in symbols:
        parts = s.split("/")
        if len(parts) == 3 and parts[1].isdigit():
            found.setdefault(symbol_key(f"{parts[0]}/{parts[2]}"), set()).add(s)
    return {s: next(iter(found[symbol_key(s)])) for s in symbols
            if s.count("/") == 1 and len(found.get(symbol_key(s), ())) == 1}


_LIST_AND = re.compile(r"\s*(?:,|và|,\s*và)\s*(?:số\s*)?")


def _shared_dates(text: str, read: list) -> None:
    """"số 27-NQ/TW và số 28-NQ/TW ngày 21/5/2018": the date printed after a list of symbols
    belongs to every member of the list."""
    for i in range(len(read) - 2, -1, -1):
        r, sent, date, org, tail_end, before, issuer, locality = read[i]
        nxt = read[i + 1]
        if date is None and org is None and nxt[2] is not None and _LIST_AND.fullmatch(
                text, r.end, nxt[0].start):
            read[i] = (r, sent, nxt[2], org, tail_end, before, issuer, locality)


def _placed_once(read: list) -> None:
    """A local symbol the text places once by its issuer ("… số 9-CTr/TU … của Tỉnh ủy Lai
    Châu") keeps that province where it is cited again without it ("… số 9-CTr/TU … của Tỉnh
    ủy"), unless another date shows another document."""
    placed: dict[str, tuple[str, object]] = {}
    for r, _, date, _, _, _, issuer, _ in read:
        if r.local and issuer is not None and issuer.province:
            placed.setdefault(symbol_key(r.symbol), (issuer.province, date))
    for i, (r, sent, date, org, tail_end, before, issuer, locality) in enumerate(read):
        known = placed.get(symbol_key(r.symbol)) if r.local else None
        if known and (issuer is None or not issuer.province) and locality != known[0] and (
                date is None or known[1] is None or date == known[1]):
            read[i] = (r, sent, date, org, tail_end, before, issuer, known[0])


def _units(refs: list[tuple[Ref, Org | None, str | None]]) -> list[str | None]:
    """The unit (below the province) each reference's document belongs to: its issuer's, else
    that of the nearest reference to the same symbol in the same province that names one
    ("Kế hoạch số 95-KH/HU của Ban Thường vụ Huyện ủy Cô Tô" … "Kế hoạch số 95-KH/HU")."""
    own = [issuer.unit if issuer is not None else None for _, issuer, _ in refs]
    named: dict[tuple[str, str | None], list[int]] = {}
    for j, (q, _, loc) in enumerate(refs):
        if own[j]:
            named.setdefault((symbol_key(q.symbol), loc), []).append(j)
    out = []
    for i, (r, _, locality) in enumerate(refs):
        same = named.get((symbol_key(r.symbol), locality), [])
        near = min(same, key=lambda j: (j > i, abs(j - i)), default=None)
        out.append(own[i] or (own[near] if near is not None else None))
    return out


def _add_subject(ctx: TextContext, s: SubjectDoc, add, found: Found) -> None:
    locality = (s.issuer.province if s.issuer and s.issuer.province else None) or s.province \
        or ctx.default_locality
    if s.symbol:
        ref = find_symbols(s.symbol)[0]
        issuer_level = s.issuer.level if s.issuer else None
        unit = s.issuer.unit if s.issuer else None
        if issuer_level == "central" and not s.province:
            locality = None  # a ministry's letter to a province is not that province's
        uid = numbered_uid(s.symbol, ref.local, locality, ctx.source.uid, unit,
                           ref.local and below_province(s.symbol, issuer_level))
        level = ref.level if ref.level != "unknown" else (issuer_level or "unknown")
        if level == "central" and not ref.local:
            locality = None  # a ministry's circular is no province's, whatever its body names
    else:
        words = s.issuer.name if s.issuer else s.title or ""
        uid = unnumbered_uid(s.type, words, locality, ctx.source.uid)
        level = s.issuer.level if s.issuer else ("provincial" if locality else "unknown")
    add(_Draft(uid, s.symbol, s.type, level, locality, ctx.evidence(s.start, s.end), s.date,
               s.issuer, s.title, True, True))
    found.subject = uid
    found.mentions.append(Mention(s.start, s.end, s.end, (uid,), True, s.type))


def _add_nicknames(ctx: TextContext, refs: list[Ref], masked: Spans, drafts, add, found: Found,
                   orgs: list[Org], sents) -> None:
    text = ctx.text
    by_symbol = {symbol_key(d.symbol): d.uid for d in drafts.values() if d.symbol}
    for p in registry.find_plenum_mentions(text):
        if masked.overlaps(p.start, p.end):
            continue
        masked.add(p.start, p.end)
        named = [s for s in p.members if symbol_key(s) in by_symbol]
        refers = p.members if p.plural or len(named) != 1 else tuple(named)
        if not any(a.text == p.text for a in found.aliases):
            found.aliases.append(Alias(p.text, refers, ctx.evidence(p.start, p.end, "alias")))
        uids = tuple(by_symbol[symbol_key(s)] for s in refers if symbol_key(s) in by_symbol)
        found.mentions.append(Mention(p.start, p.end, p.end, uids, False, "Nghị quyết"))
    for r in find_short_citations(text, masked):
        masked.add(r.start, r.end)
        target = next((d for d in drafts.values() if d.symbol and d.type == r.type
                       and registry.same_number(d.symbol.split("-")[0].split("/")[0], r.number)),
                      None)
        known = registry.by_number(r.type, r.number)
        surface = text[r.start:r.end]
        date, org, tail_end = _tail(text, orgs, r.end)
        issuer = org or _issuer_before(orgs, text, r.start, span_at(sents, r.start))
        symbol = inferred_symbol(r.type, r.number, issuer) if target is None else None
        if symbol is not None:
            assert issuer is not None  # a symbol is inferred only from its issuer
            if known is not None and symbol_key(known.symbol) == symbol_key(symbol) and (
                    date is None or date == known.date):
                symbol = known.symbol
            ref = find_symbols(symbol)[0]
            locality = _locality(ctx, ref.level, issuer, r.start) if ref.local else None
            uid = numbered_uid(symbol, ref.local, locality, ctx.source.uid,
                               issuer.unit if issuer else None,
                               ref.local and below_province(symbol, issuer.level))
            if date is None and issuer is not org:
                date = leading_date(text[slice(*span_at(sents, r.start))])
            d = add(_Draft(uid, symbol, r.type, ref.level if ref.level != "unknown" else
                           issuer.level, locality, ctx.evidence(r.start, r.end, "inferred"),
                           date, issuer, printed_type=True))
            found.mentions.append(Mention(r.start, r.end, tail_end, (d.uid,),
                                          issuer is not org, r.type))
            continue
        if target is not None or known is not None:
            symbol = target.symbol if target is not None else known.symbol if known else None
            if symbol and "số" not in surface and not any(a.text == surface
                                                           for a in found.aliases):
                found.aliases.append(Alias(surface, (symbol,), ctx.evidence(r.start, r.end,
                                                                            "alias")))
            uids = (target.uid,) if target is not None else ()
            found.mentions.append(Mention(r.start, r.end, tail_end, uids, False, r.type))
            continue
        locality = ctx.locality_at(r.start)
        uid = unnumbered_uid(r.type, surface, locality, ctx.source.uid)
        d = add(_Draft(uid, None, r.type, "provincial" if locality else "unknown", locality,
                       ctx.evidence(r.start, r.end), date, title=surface, printed_type=True))
        found.mentions.append(Mention(r.start, r.end, tail_end, (d.uid,), False, r.type))


# what opens the sentence that gives a just-issued document its number: "Theo Kế hoạch số …"
_NUMBERS_IT = re.compile(r"[.!?]\s+(?:Cụ\s+thể,\s*)?(?:theo|tại|trong|với)\s+$", re.IGNORECASE)


def _named_next(text: str, u, numbered: list[Mention], drafts: dict) -> _Draft | None:
    """The numbered document of `u`'s type that the next sentence opens with ("UBND tỉnh ban
    hành Kế hoạch triển khai X. Theo Kế hoạch số 215/KH-UBND, …"): the one `u` issued."""
    for m in numbered:  # (sorted by end; a text cites few numbered documents)
        if m.start < u.end or m.start - u.end > 400:
            continue
        d = drafts[m.uids[0]]
        if d.type == u.type and _NUMBERS_IT.search(text, max(u.end, m.start - 40), m.start):
            return d
    return None


def _add_unnumbered(ctx: TextContext, orgs, masked, sents, drafts, add, found: Found) -> None:
    text, src = ctx.text, ctx.source.uid
    titled: dict[tuple[str, str], str] = {}
    subject = drafts.get(found.subject) if found.subject else None
    numbered = sorted((m for m in found.mentions if m.uids and m.uids[0] in drafts
                       and drafts[m.uids[0]].symbol), key=lambda m: m.end)
    ends = [m.end for m in numbered]
    for u in find_unnumbered(text, orgs, masked, sents):
        if (u.issued or (u.title and not u.bare)) and _described(text, u.start, numbered, ends):
            continue  # "Nghị quyết số X … về việc ban hành Chương trình …": X's own content
        level = u.issuer.level if u.issuer else "unknown"
        locality = _locality(ctx, level, u.issuer, u.start)
        if level == "unknown":
            level = "provincial" if locality else "unknown"
        this = _THIS.match(text, u.end)
        if subject is not None and u.type == subject.type and (this or (u.issued and (
                u.issuer is None or subject.issuer is None or _formula(text, u.end, sents)
                or _same_body(u.issuer.name, subject.issuer.name)))):
            if u.issued and u.issuer is not None and subject.issuer is not None:
                subject.issuer = _organ(u.issuer, subject.issuer)
            found.mentions.append(Mention(u.start, u.end, u.end, (subject.uid,), u.issued, u.type))
            continue
        named = _named_next(text, u, numbered, drafts) if u.issued else None
        if named is not None:  # "… ban hành Kế hoạch triển khai X. Theo Kế hoạch số 215/…"
            if named.issuer is None:
                named.issuer = u.issuer
            found.mentions.append(Mention(u.start, u.end, u.end, (named.uid,), True, u.type))
            continue
        if u.bare:
            same = [d for d in drafts.values() if d.symbol and d.type == u.type
                    and d.locality == locality and d.level == level
                    and (d.issuer is None or u.issuer is None
                         or _same_body(d.issuer.name, u.issuer.name))]
            if same:
                found.mentions.append(Mention(u.start, u.end, u.end, (same[0].uid,), False,
                                              u.type))
                continue
        if u.title and not u.issued:
            key = (u.type, _title_key(u.title))
            uid = titled.get(key) or unnumbered_uid(u.type, u.title, locality, src)
            titled.setdefault(key, uid)
        else:
            words = _body(u.issuer.name) if u.issuer else (u.title or "")
            uid = unnumbered_uid(u.type, words, locality, src)
        d = add(_Draft(uid, None, u.type, level, locality,
                       ctx.evidence(u.start, u.end, u.method, 0.8 if u.method == "implied" else 1),
                       None, u.issuer, u.title))
        if subject is None and found.subject is None and u.issued and _formula(text, u.end,
                                                                                sents):
            d.is_subject, d.printed_type = True, True  # "… ban hành Nghị quyết … như sau:"
            found.subject = d.uid
        found.mentions.append(Mention(u.start, u.end, u.end, (d.uid,), u.issued, u.type))


_DESCRIPTION_BREAK = re.compile(r"[;:\n]|[.,]\s")
_DESCRIPTION_MAX = 160


def _described(text: str, pos: int, numbered: list[Mention], ends: list[int]) -> bool:
    """Is `pos` inside the description printed after a numbered document ("… ngày … của Chính
    phủ về việc ban hành …"), so that what is issued there is that document's content?
    (`numbered` sorted by their ends, `ends`.)"""
    i = bisect.bisect_right(ends, pos)
    return any(pos - m.end <= _DESCRIPTION_MAX and not _DESCRIPTION_BREAK.search(text, m.end, pos)
               for m in numbered[max(0, i - 3):i])


def inferred_symbol(type_name: str | None, number: str, issuer: Org | None) -> str | None:
    """The symbol a number-only citation of a Party body's document stands for: every
    document of a Party body carries the body's code ("Chỉ thị số 05 của Bộ Chính trị" is
    05-CT/TW, "Kế hoạch số 319" of a Tỉnh ủy is 319-KH/TU); State numbers are not inferred
    (legal documents carry their year, which a number-only citation does not give)."""
    if issuer is None or issuer.kind != "party":
        return None
    code = body_code(issuer.name)
    tcode = party_type_code(type_name)
    if code is None or tcode is None:
        return None
    return f"{number.zfill(2)}-{tcode}/{code}"


def generic_type_after(text: str, pos: int) -> str | None:
    """A type word with no number after `pos` ("… thực hiện Nghị quyết tại …"): its type; not
    when it names another body's document ("Chương trình hành động của Chính phủ")."""
    m = re.match(r"\s*(Nghị quyết|Kế hoạch|Chỉ thị|Kết luận|Quy định|Đề án|Chương trình)"
                 r"(?!\s+(?:số|\d|[A-ZĐ]|(?:hành\s+động\s+)?của\s))", text[pos:pos + 60])
    if not m:
        return None
    name = type_words().get(fold(m.group(1)))
    return name if name in _GENERIC_TYPES else None
