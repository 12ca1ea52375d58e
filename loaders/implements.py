"""Which document was issued to implement which, from cues in the text (DESIGN §5).

Rules, each one an analyst's reading of the genre:
- inline cue: "Kế hoạch 10-KH/TW … của Bộ Chính trị (về) thực hiện Nghị quyết 26-NQ/TW"
  links the document before the cue to the list right after it (explicit);
- opener: "Thực hiện A; B …, <body> ban hành C" links C to A and B (explicit); the plan's own
  title "KẾ HOẠCH THỰC HIỆN NGHỊ QUYẾT SỐ …" likewise;
- a generic object ("Kế hoạch thực hiện Nghị quyết") is the document of that type the nearest
  opener of the same section named, with the documents cited alongside it (explicit);
- an opener whose sentence issues nothing covers documents its paragraph goes on to issue
  ("Thực hiện Kết luận 38-KL/TW, … Tỉnh ủy Cao Bằng ban hành Hướng dẫn …": implied);
- in an opener's list, a later-dated document implements the central Party document that
  heads it (they share the subject the list ends with: implied).
A nickname standing for several documents links only to those the text itself names.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from graph.model import Document, Implements
from loaders import programmes
from loaders.context import TextContext
from loaders.documents import Mention, generic_type_after
from loaders.matching import fold_same_length
from loaders.segments import paragraphs, sentences, span_at

_CUE = re.compile(
    r"\s*,?\s*(?:(?:về|để|nhằm)\s+)?(?:việc\s+)?(?:tiếp\s+tục\s+)?(?:tổ\s+chức\s+)?"
    r"(?:triển\s+khai\s+)?(?:thực\s+hiện|cụ\s+thể\s+hóa|triển\s+khai|đưa(?=\s+[^.;\n]{0,160}?"
    r"\s+vào\s+cuộc\s+sống)"
    r"|hướng\s+dẫn\s+(?:thi\s+hành|thực\s+hiện|triển\s+khai))(?![\w])"
    r"(?:\s+(?:có\s+hiệu\s+quả|nghiêm\s+túc|nghiêm))?", re.IGNORECASE)
_OPENER = re.compile(
    r"\s*(?:\([^()\n]{1,40}\)\s*[-–—]\s*)?"  # a news lede's outlet: "(PTO) - Thực hiện …"
    r"(?:Tiếp\s+tục\s+)?(?:Thực\s+hiện|Triển\s+khai(?:\s+thực\s+hiện)?|Quán\s+triệt"
    r"|Cụ\s+thể\s+hóa(?:\s+việc\s+thực\s+hiện)?"
    r"|(?:Để|Nhằm)\s+(?:tiếp\s+tục\s+)?(?:triển\s+khai\s+)?(?:thực\s+hiện|cụ\s+thể\s+hóa)"
    r"|Trên\s+cơ\s+sở\s+quán\s+triệt"
    r"|Hướng\s+dẫn\s+(?:thi\s+hành|thực\s+hiện))"
    r"(?![\w])")  # never "Căn cứ": the legal basis is no implementation
# A cue inside a cited document's description: "Nghị quyết số 139/NQ-CP … ban hành Chương
# trình hành động để thực hiện Nghị quyết số 20-NQ/TW" (the programme is the resolution's).
_DESC_CUE = re.compile(r"(?:thực\s+hiện|triển\s+khai|cụ\s+thể\s+hóa|hướng\s+dẫn\s+thi\s+hành)"
                       r"(?![\w])", re.IGNORECASE)
_DESC_BLOCK = re.compile(r"[;:.!?\n]|\s(?:tổng\s+kết|sơ\s+kết|báo\s+cáo|đánh\s+giá|kết\s+quả"
                         r"|khen|đề\s+nghị|theo|tại|nêu|những|các\s+nội\s+dung|đã)\s",
                         re.IGNORECASE)
_DESC_MAX = 220
_PASSIVE = re.compile(r"\sđược\s", re.IGNORECASE)  # "X được <body> cụ thể hóa bằng A"
_BY = re.compile(r"\s*(?:bằng|thông\s+qua|qua)\s+", re.IGNORECASE)
# a sentence closing on a cue with no object: "… ban hành Kế hoạch số 58 để triển khai thực hiện."
_BARE_CUE = re.compile(r"\s(?:để|nhằm)\s+(?:tổ\s+chức\s+)?(?:triển\s+khai\s+)?(?:thực\s+hiện"
                       r"|triển\s+khai|cụ\s+thể\s+hóa)(?:\s+(?:có\s+hiệu\s+quả|nghiêm\s+túc))?"
                       r"(?![\w])")
_CLOSES = re.compile(r"\s*[.;!]?\s*")  # what may follow such a cue to its sentence's end
_BARE_TYPE = re.compile(r"(?<![\w])(?:Nghị\s+quyết|Kết\s+luận|Chỉ\s+thị|Quy\s+định)(?![\w])")
# "thực hiện Chương trình hành động … ban hành kèm theo Nghị quyết số X": an unnumbered part
# issued with X (its programme, rules, scheme): carrying it out is carrying X out
_ATTACHED = re.compile(
    r"\s*(?:các\s+)?(?:Chương\s+trình|Kế\s+hoạch|Quy\s+định|Quy\s+chế|Đề\s+án|Chiến\s+lược)"
    r"[^.;:\n()]{0,80}?\s(?:được\s+)?(?:ban\s+hành|phê\s+duyệt)\s+(?:kèm\s+theo|tại)\s+",
    re.IGNORECASE)
# A sentence that reports what others did ("…, các cơ quan đã quán triệt và triển khai …"),
# not the basis on which the text's own document is issued.
_REPORTED = re.compile(r"\sđã\s(?!ban\s+hành)")  # "(các đề án) đã ban hành": a relative clause
_PART = re.compile(
    r"^[ \t]*(?:[IVX]+\s*[.\-–]|[A-D]\s*\.|1\s*\.|Điều\s+1|QUYẾT\s+(?:ĐỊNH|NGHỊ)\s*:)",
    re.MULTILINE)
_PREAMBLE_MAX = 4000
_FAR = 1 << 62  # beyond any text
_BARE_VERB = re.compile(r"\s*(?:thực\s+hiện|triển\s+khai|cụ\s+thể\s+hóa)", re.IGNORECASE)
_AND = re.compile(r"\s*(?:,|và|,\s*và)\s*")
_CENTRAL_STATE = re.compile(r"[-/](?:CP|TTg)$")  # the Government's and the Prime Minister's
# a body speaking in its own document: "…, UBND tỉnh có ý kiến như sau", "…, Tỉnh ủy yêu cầu …"
_SPEAKS = re.compile(r"[,;]\s*(?:UBND|Ủy ban nhân dân|Tỉnh ủy|Thành ủy|Ban Thường vụ|HĐND|Hội đồng"
                     r"|Chủ tịch)[^,;.]{0,40}?\s(?:có\s+ý\s+kiến|ban\s+hành|yêu\s+cầu|chỉ\s+đạo"
                     r"|đề\s+nghị)(?![\w])")
# "(quán triệt,) thực hiện … những nhiệm vụ, giải pháp nêu tại X và Y": the
# work a document hands out is what X and Y set out (matched over folded text, ending where the
# list of documents begins)
_SET_OUT = re.compile(r"\bthuc\s+hien\b[^.;:\n]{0,80}?\b(?:nhiem\s+vu|giai\s+phap|noi\s+dung"
                      r"|chu\s+truong)\b[^.;:\n]{0,40}?\bneu\s+(?:trong|tai)\s+")
# "… về <subject>" or a quoted title after a list's head: it has a subject of its own
_OWN_SUBJECT = re.compile(r"\svề\s|[“\"]")
_TITLE_GAP = 40  # a title's cue and its first object: "THỰC HIỆN NGHỊ QUYẾT SỐ 12-NQ/TW"
# a title that reports on an implementation ("V/v báo cáo kết quả 5 năm thực hiện …")
_REPORT_WORDS = re.compile(r"(?:báo\s+cáo|kết\s+quả|sơ\s+kết|tổng\s+kết|đánh\s+giá)(?![\w])",
                           re.IGNORECASE)
_TYPE_WORD = re.compile(r"\s*(?:KẾ\s+HOẠCH|CHƯƠNG\s+TRÌNH(?:\s+HÀNH\s+ĐỘNG)?|QUYẾT\s+ĐỊNH|CHỈ\s+THỊ"
                        r"|NGHỊ\s+QUYẾT|ĐỀ\s+ÁN|HƯỚNG\s+DẪN)\s+", re.IGNORECASE)
_CONCRETISE = re.compile(r"cụ\s+thể\s+hóa", re.IGNORECASE)
_TITLE_CUE = re.compile(r"(?:thực\s+hiện|triển\s+khai|cụ\s+thể\s+hóa)", re.IGNORECASE)
_HEADS = ("Nghị quyết", "Kết luận", "Chỉ thị", "Quy định", "Quyết định")
_PLANS = ("Kế hoạch", "Chương trình", "Đề án")
_RANK = {"provincial": 0, "district": 1, "commune": 2}


@dataclass
class _Opener:
    start: int
    end: int  # end of its sentence
    targets: list[Mention]
    issued: list[Mention]


def _chain(mentions: list[Mention], pos: int, stop: int, first_gap: int = 30,
           text: str = "", source: Mention | None = None) -> list[Mention]:
    """Mentions listed one after another from `pos` (a cue's end) up to `stop`; after a ";" a
    mention with a cue of its own starts a new item of the list, not a further object.
    (`mentions` sorted by start: the list is read from `pos` on, not from its head.)"""
    out: list[Mention] = []
    cur, limit = pos, first_gap
    for i in range(bisect.bisect_left(mentions, pos, key=_start), len(mentions)):
        m = mentions[i]
        if m.start < cur:
            continue
        if m.start >= stop:
            break
        if m.start - cur > limit:
            break
        gap = text[cur:m.start]
        if out and (_DESC_CUE.search(gap) or (";" in gap and (
                _has_cue(text, m, mentions, stop) or (source and m.type == source.type)))):
            break  # the last object's own object, or a sibling of the source in a list
        out.append(m)
        cur, limit = m.tail_end, 12
    return out


def _issued_lists(text: str, inside: list[Mention]) -> list[Mention]:
    """The mentions a sentence issues: each issued one and those listed right after it
    ("ban hành Quyết định số A, Kế hoạch số B và Nghị quyết số C")."""
    out: list[Mention] = []
    for i, m in enumerate(inside):
        prev = inside[i - 1] if i else None
        if m.issued or (prev is not None and out and out[-1] is prev
                        and _AND.fullmatch(text, prev.tail_end, m.start)):
            out.append(m)
    return out


def find_implements(ctx: TextContext, docs: list[Document], mentions: list[Mention],
                    subject: str | None) -> list[Implements]:
    """Implements links among the documents of one text."""
    text = ctx.text
    sents = sentences(text)
    paras = paragraphs(text)
    sections = [0, *(o for o, _ in ctx.localities), len(text) + 1]
    dates = {d.uid: d.date for d in docs}
    symbols = {d.uid: d.symbol for d in docs}
    by_uid = {d.uid: d for d in docs}
    edges: dict[tuple[str, str], Implements] = {}
    linked: dict[str, list[str]] = {}  # source -> its targets, in the order edges were added
    generics: list[tuple[str, Mention, int, int]] = []
    concretises: list[tuple[str, str, int, int]] = []

    def link(a: str, b: str, basis: str, start: int, end: int) -> None:
        if a == b or not a or not b:
            return
        old = edges.get((a, b))
        if old is None:
            linked.setdefault(a, []).append(b)
        if old is None or (old.basis == "implied" and basis == "explicit"):
            method = "explicit" if basis == "explicit" else "implied"
            edges[(a, b)] = Implements(a, b, basis, ctx.evidence(start, end, method,
                                                                  1.0 if basis == "explicit"
                                                                  else 0.7))

    def section_of(pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(sections, pos) - 1  # (sections ascend from 0)
        return sections[i], sections[min(i + 1, len(sections) - 1)]

    # inline cues, and cues inside a cited document's description
    nested: set[int] = set()  # ids of mentions that are the object of another's cue
    for m in mentions:
        if len(m.uids) != 1:
            continue
        sa, sb = span_at(sents, m.start)
        cue = _CUE.match(text, m.tail_end)
        cue_end = cue.end() if cue else _description_cue(text, m, mentions, sb)
        if cue_end is None:
            continue
        targets = _chain(mentions, cue_end, sb, text=text, source=m)
        if not targets and (att := _ATTACHED.match(text, cue_end, sb)):
            targets = _chain(mentions, att.end(), sb, text=text, source=m)
        targets = [t for t in targets if t is not m]
        if cue is None and _PASSIVE.search(text, m.tail_end, cue_end) and _BY.match(text, cue_end):
            for t in targets:  # "X được Tỉnh ủy cụ thể hóa bằng Chương trình A": A carries X
                nested.add(id(t))
                for uid in t.uids:
                    link(uid, m.uids[0], "explicit", sa, sb)
            continue
        concrete = cue is not None and _CONCRETISE.search(cue.group())
        sources = [m.uids[0]]
        if cue and _BARE_VERB.match(cue.group()):  # "Kế hoạch A … và Kế hoạch B … thực hiện C"
            sources += [p.uids[0] for p in _coordinated(text, mentions, m)]
        for t in targets:
            nested.add(id(t))
            for uid in t.uids:
                for src in sources:
                    link(src, uid, "explicit", sa, sb)
                if concrete:
                    concretises.append((m.uids[0], uid, sa, sb))
        generic = None if targets or not cue else generic_type_after(text, cue_end)
        if generic:
            generics.append((generic, m, sa, sb))

    # openers
    openers: list[_Opener] = []
    opened_generics: list[tuple[str, list[Mention], int, int]] = []
    starts = [m.start for m in mentions]  # ascending
    for a, b in sents:
        if not _OPENER.match(text, a):
            continue
        inside = mentions[bisect.bisect_left(starts, a):bisect.bisect_left(starts, b)]
        issued = _issued_lists(text, inside)
        first_issue = min((m.start for m in issued), default=b)
        targets = [m for m in inside if m.start < first_issue and not m.issued
                   and id(m) not in nested and (subject is None or m.uids != (subject,))]
        openers.append(_Opener(a, b, targets, issued))
        if not targets and issued and (om := _OPENER.match(text, a)) is not None and (
                generic := generic_type_after(text, om.end())):
            opened_generics.append((generic, issued, a, b))  # "Quán triệt Nghị quyết, X ban …"

        for issuer_mention in issued:
            for t in targets:
                for uid in t.uids:
                    link(issuer_mention.uids[0], uid, "explicit", a, b)
        _heads_implied(targets, dates, symbols, link, a, b, text)
        _chain_implied(targets, by_uid, link, a, b)
    resolve = _Generics(openers, mentions)
    for generic, m, sa, sb in generics:
        for uid in resolve(generic, m, section_of(m.start)[0]):
            link(m.uids[0], uid, "explicit", sa, sb)
    for generic, issued, a, b in opened_generics:  # the last document of that type named
        for m in issued:
            for uid in resolve(generic, issued[0], section_of(a)[0]):
                link(m.uids[0], uid, "explicit", a, b)
    _issued_to_carry_out(text, sents, mentions, starts, resolve, section_of, link)

    # the subject's own title: what it says the document carries out
    subj = next((m for m in mentions if subject and m.uids == (subject,) and m.issued), None)
    if subj is not None:
        assert subject is not None  # (subj is the subject's own mention)
        inside = [t for t in mentions if subj.start <= t.start < subj.end and t is not subj]
        cues = list(_TITLE_CUE.finditer(text, subj.start, subj.end))
        first = next((t for t in inside if cues and t.start >= cues[0].end()), None)
        if first is not None:
            cue = [c for c in cues if c.end() <= first.start][-1]
            reported = _REPORT_WORDS.search(text, subj.start, cue.start())
            prev_end = None
            for t in inside if first.start - cue.end() <= _TITLE_GAP and not reported else ():
                if t.start < first.start:
                    continue
                if prev_end is not None and _TITLE_CUE.search(text, prev_end, t.start):
                    break  # "… CỦA TỈNH ỦY VỀ THỰC HIỆN NGHỊ QUYẾT …": the object's own object
                prev_end = t.tail_end
                for uid in t.uids:
                    link(subject, uid, "explicit", subj.start, subj.end)
        # the preamble's openers: "Thực hiện A; B, UBND tỉnh ban hành Kế hoạch …" and "Thực hiện
        # A." then "UBND tỉnh ban hành Kế hoạch …": the text's own document carries them out
        part = _PART.search(text, subj.end, subj.end + _PREAMBLE_MAX)
        stop = part.start() if part else subj.end + _PREAMBLE_MAX
        for op in openers:
            if not (subj.end <= op.start < stop) or not op.targets:
                continue
            last = max(t.tail_end for t in op.targets)
            if _REPORTED.search(text, last, op.end):
                continue
            if any(i.uids != (subject,) for i in op.issued):
                continue
            for t in op.targets:
                for uid in t.uids:
                    link(subject, uid, "explicit", op.start, op.end)

    # a news text about one document ("UBND tỉnh đã ban hành Công văn số X …"): an opener of its
    # paragraph whose body then speaks ("Thực hiện Y, UBND tỉnh có ý kiến như sau") is X's
    main = None if subj is not None else next(
        (m for m in mentions if m.issued and len(m.uids) == 1 and symbols.get(m.uids[0])), None)
    if main is not None:
        _, pb = span_at(paras, main.start)
        for op in openers:
            if not (main.end <= op.start < pb) or not op.targets or op.issued:
                continue
            speaks = _SPEAKS.search(text, op.targets[0].tail_end, op.end)
            if speaks is None or _REPORTED.search(text, op.targets[0].tail_end, speaks.end()):
                continue
            for t in op.targets:
                for uid in t.uids if t.start < speaks.start() else ():
                    link(main.uids[0], uid, "explicit", op.start, op.end)

    # a text about one document (its own, or the one a news text reports issued) that asks for
    # "… thực hiện … các nhiệm vụ, giải pháp nêu trong X": that document carries X out
    about = subj or main
    if about is not None:
        _set_out(text, fold_same_length(text), about, mentions, sents, link)

    # "C nhằm cụ thể hóa B", B implementing the central A: C carries A out too (to concretise a
    # plan is to carry out what the plan carries out; "thực hiện B" alone says no more than B)
    for doer, done, sa, sb in concretises:
        for c in list(linked.get(done, ())):
            if _is_head(c, symbols, by_uid):
                link(doer, c, "implied", sa, sb)

    _programme_links(text, mentions, sents, subject, link)

    # paragraph scope of openers that issue nothing themselves
    for op in openers:
        if op.issued:
            continue
        _, pb = span_at(paras, op.start)
        for m in mentions[bisect.bisect_left(starts, op.end):bisect.bisect_left(starts, pb)]:
            if m.issued and len(m.uids) == 1:
                for t in op.targets:
                    for uid in t.uids:
                        link(m.uids[0], uid, "implied", m.start, m.end)
    return list(edges.values())


def _issued_to_carry_out(text: str, sents, mentions: list[Mention], starts: list[int],
                         resolve: _Generics, section_of, link) -> None:
    """"Sau khi Nghị quyết 57 được ban hành, Tỉnh ủy đã ban hành A và UBND tỉnh ban hành B để
    triển khai thực hiện.": a cue with no object closing a sentence that tells of documents
    issued; their object is the document the sentence names before them (by number, nickname
    or bare type word)."""
    for cue in _BARE_CUE.finditer(text):  # (rare: each found once, then its sentence)
        a, b = span_at(sents, cue.start())
        if not _CLOSES.fullmatch(text, cue.end(), b):
            continue
        inside = mentions[bisect.bisect_left(starts, a):bisect.bisect_left(starts, cue.start())]
        issued = [m for m in inside if m.issued and len(m.uids) == 1]
        if not issued:
            continue
        first = issued[0].start
        objects = [u for m in inside if m.start < first and not m.issued for u in m.uids]
        if not objects:
            word = _BARE_TYPE.search(text, a, first)
            generic = generic_type_after(text, word.start()) if word else None
            objects = list(resolve(generic, issued[0], section_of(a)[0])) if generic else []
        for m in issued:
            for uid in objects:
                link(m.uids[0], uid, "explicit", a, b)


class _Generics:
    """What a generic object ("Kế hoạch thực hiện Nghị quyết") stands for: the documents of the
    last opener of its section before it that names a document of that type, else the last
    mention of that type before it in the section. Openers and mentions are filed by type in
    text order and found by bisection (a scan back over all of them for every generic object
    made long texts quadratic)."""

    def __init__(self, openers: list[_Opener], mentions: list[Mention]) -> None:
        self.openers: dict[str | None, tuple[list[int], list[_Opener]]] = {}
        for op in openers:  # in text order
            for kind in dict.fromkeys(t.type for t in op.targets):
                starts, ops = self.openers.setdefault(kind, ([], []))
                starts.append(op.start)
                ops.append(op)
        self.mentions: dict[str | None, tuple[list[int], list[Mention]]] = {}
        for prev in mentions:  # sorted by start
            if prev.uids:
                starts, ms = self.mentions.setdefault(prev.type, ([], []))
                starts.append(prev.start)
                ms.append(prev)

    def __call__(self, type_name: str, m: Mention, lo: int) -> tuple[str, ...]:
        starts, ops = self.openers.get(type_name, ((), ()))
        i = bisect.bisect_right(starts, m.start) - 1
        if i >= 0 and starts[i] >= lo:
            return tuple(u for t in ops[i].targets for u in t.uids)
        starts, ms = self.mentions.get(type_name, ((), ()))
        i = bisect.bisect_left(starts, m.start) - 1
        if i >= 0 and starts[i] >= lo:
            return ms[i].uids
        return ()


def _start(m: Mention) -> int:
    return m.start


def _set_out(text: str, folded: str, about: Mention, mentions: list[Mention], sents,
             link) -> None:
    """Link `about` to the documents whose tasks a sentence after it asks to carry out, up to
    the next document the text tells of issuing (implied: the link is the content's)."""
    stop = next((m.start for m in mentions if m.start > about.end and m.issued
                 and m.uids != about.uids), len(text))
    # a cue ends with "neu (trong|tai)": none can start at or after the last "neu" of the text
    last = folded.rfind("neu")
    at = folded.find("thuc", about.end, min(stop, max(last, 0)))
    while at >= 0:
        cue = _SET_OUT.match(folded, at)
        if cue is not None:
            sa, sb = span_at(sents, at)
            for t in _chain(mentions, cue.end(), sb, text=text):
                for uid in t.uids if t.uids != about.uids else ():
                    link(about.uids[0], uid, "implied", sa, sb)
        at = folded.find("thuc", at + 4, min(stop, max(last, 0)))


def _heads_implied(targets: list[Mention], dates, symbols, link, a: int, b: int,
                   text: str) -> None:
    single = [t for t in targets if len(t.uids) == 1]
    if len(single) < 2 or _OWN_SUBJECT.search(text, single[0].tail_end, single[1].start):
        return  # the head has a subject of its own: the items are not one list on one subject
    head = single[0]
    hid = head.uids[0]
    hsym = symbols.get(hid) or ""
    if not (hsym.endswith("/TW") and head.type in _HEADS and dates.get(hid)):
        return
    for t in single[1:]:
        uid = t.uids[0]
        sym = symbols.get(uid) or ""
        if uid == hid or (sym.endswith("/TW") and t.type in _HEADS):
            continue
        if dates.get(uid) and dates[uid] > dates[hid]:
            link(uid, hid, "implied", a, b)


def _is_head(uid: str, symbols, by_uid) -> bool:
    """A central Party document that heads a chain of plans (26-NQ/TW, 38-KL/TW …)."""
    d = by_uid.get(uid)
    return bool(d and (symbols.get(uid) or "").endswith("/TW") and d.type in _HEADS)


def _chain_implied(targets: list[Mention], by_uid: dict[str, Document], link, a: int,
                   b: int) -> None:
    """In an opener's list, a lower body's plan issued after a higher body's plan of the same
    system and province implements it ("…; Kế hoạch số 65-KH/TU của Tỉnh ủy; Kế hoạch số
    95-KH/HU của Huyện ủy, Đảng ủy xã ban hành …": the Huyện ủy plan carries out the Tỉnh ủy's).
    """
    listed = [by_uid[t.uids[0]] for t in targets if len(t.uids) == 1 and t.uids[0] in by_uid]
    for i, low in enumerate(listed):
        for high in listed[:i]:
            if (low.type in _PLANS and high.type in _PLANS and low.locality
                    and low.locality == high.locality and low.symbol and high.symbol
                    and _family(low.symbol) == _family(high.symbol)
                    and _RANK.get(high.level, 9) < _RANK.get(low.level, 0)
                    and low.date and high.date and low.date > high.date):
                link(low.uid, high.uid, "implied", a, b)


def _family(symbol: str) -> str:
    """Party symbols put the issuer after a slash ("65-KH/TU"), State ones after a hyphen."""
    return "state" if "/" in symbol.split("-")[0] else "party"


def _description_cue(text: str, m: Mention, mentions: list[Mention], sent_end: int) -> int | None:
    """End of a cue in the description printed after mention `m`, before the next mention:
    "… của Bộ X về việc ban hành Kế hoạch … nhằm thực hiện …" (the plan is m's content)."""
    stop = min(_next_start(mentions, m), sent_end, m.tail_end + _DESC_MAX)
    cue = _DESC_CUE.search(text, m.tail_end, stop)
    if cue is None or _DESC_BLOCK.search(text, m.tail_end, cue.start()):
        return None
    return cue.end()


def _coordinated(text: str, mentions: list[Mention], m: Mention) -> list[Mention]:
    """Mentions of m's type joined to it by "và" or "," just before it ("Kế hoạch số 12-KH/TU
    … và Kế hoạch số 40/KH-UBND …"): coordinated subjects of one verb."""
    out: list[Mention] = []
    cur = m
    i = bisect.bisect_left(mentions, m.start, key=lambda o: o.start)
    for p in reversed(mentions[:i]):
        if len(p.uids) != 1 or p.type != m.type or not _AND.fullmatch(text, p.tail_end,
                                                                       cur.start):
            break
        out.append(p)
        cur = p
    return out


def _next_start(mentions: list[Mention], m: Mention) -> int:
    """Start of the first mention after `m` (mentions sorted by start)."""
    i = bisect.bisect_right(mentions, m.start, key=lambda o: o.start)
    return mentions[i].start if i < len(mentions) else _FAR


def _has_cue(text: str, m: Mention, mentions: list[Mention], stop: int) -> bool:
    return bool(_CUE.match(text, m.tail_end)) or _description_cue(text, m, mentions,
                                                                   stop) is not None


def _programme_links(text: str, mentions: list[Mention], sents, subject: str | None,
                     link) -> None:
    """A document carrying out a programme by name implements the one that approved it
    (loaders.programmes); so does the own document whose title is that programme's name."""
    approvals: list[programmes.Named] = []
    carriers: list[programmes.Named] = []
    titles: list[tuple[str, int, int, tuple[str, ...]]] = []
    for m in mentions:
        if len(m.uids) != 1 or (subject and m.uids == (subject,) and m.issued):
            continue
        _, sb = span_at(sents, m.start)
        stop = min(sb, _next_start(mentions, m))
        a = programmes.approved(text, m.uids[0], m.tail_end, stop)
        approvals.extend([a] if a else [])
    for m in mentions if approvals else ():  # what carries a programme out, if one is approved
        if len(m.uids) != 1:
            continue
        if subject and m.uids == (subject,) and m.issued:
            carriers.extend(c for c in [programmes.carried(text, subject, m.start, m.end)] if c)
            head = _TYPE_WORD.match(text, m.start)
            if head:
                titles.append((subject, m.start, m.end, programmes.name_at(text, head.end())))
            continue
        _, sb = span_at(sents, m.start)
        stop = min(sb, _next_start(mentions, m))
        c = programmes.carried(text, m.uids[0], m.tail_end,
                               min(stop, m.tail_end + programmes.CARRIES_WITHIN))
        carriers.extend([c] if c else [])
    for c in carriers:
        for a in approvals:
            if a.uid != c.uid and programmes.same(a, c):
                link(c.uid, a.uid, "implied", c.start, c.end)
    for uid, start, end, words in titles:
        for a in approvals:
            if a.uid != uid and programmes.title_names(words, a):
                link(uid, a.uid, "implied", start, end)
    _same_subject(text, mentions, link)


def _same_subject(text: str, mentions: list[Mention], link) -> None:
    """A central State document on the very subject of a central Party document (the Prime
    Minister's directive and the Politburo's directive printed "về <the same campaign>") carries
    it out (implied)."""
    party: dict[tuple[str, ...], Mention] = {}
    state: list[tuple[tuple[str, ...], Mention]] = []
    single = [m for m in mentions if len(m.uids) == 1]
    party_ms = [m for m in single if m.uids[0].endswith("/TW")]
    state_ms = [m for m in single if not m.uids[0].endswith("/TW")
                and _CENTRAL_STATE.search(m.uids[0])]
    if not party_ms or not state_ms:
        return  # (subjects are read only when both kinds are cited)
    for m in party_ms:
        words = programmes.subject_at(text, m.tail_end)
        if words:
            party.setdefault(words, m)
    for m in state_ms:
        words = programmes.subject_at(text, m.tail_end)
        if words:
            state.append((words, m))
    for words, m in state:
        p = party.get(words)
        if p is not None:
            link(m.uids[0], p.uids[0], "implied", m.start, m.end)
