"""Relations between documents besides implements: legal basis, replacement, repeal, amendment.

Rules (wording in data/relation_cues.yaml), each reading only the documents and mentions that
loaders.documents found:
- basis: a preamble clause "Căn cứ A; B; …" (at the start of a line, before the body begins)
  makes the text's own document — or the document the same clause goes on to issue ("…, Tỉnh
  ủy ban hành Kế hoạch số …") — BASED_ON each document that opens one of its items. Documents
  inside an item's description ("Quyết định số X … phê duyệt Đề án thực hiện Nghị quyết Y")
  are not its basis; laws cited by name only are no documents, so they make no link;
- changes: "A thay thế / bãi bỏ / sửa đổi, bổ sung B" with A a document named just before
  the cue, the text's own document ("Quyết định này có hiệu lực … và thay thế B", "Điều 3.
  Bãi bỏ B"), or, in the passive ("B đã được sửa đổi, bổ sung theo A"), the one after it.
  A cue with no document acting ("tham mưu sửa đổi, bổ sung Quyết định số …": a task) links
  nothing.
These are never implements links: trace, coverage and gaps read IMPLEMENTS only.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from graph.model import Relation
from loaders.context import TextContext
from loaders.documents import Mention
from loaders.matching import fold_same_length

DATA = Path(__file__).with_name("data") / "relation_cues.yaml"
_LINE_START = r"(?m:^)[\x20\t*_>|#]*"  # a line's start, after markup ("*", "|", "> ")
_CUE_REACH = 80  # characters from a change cue to the document it names
_MARKUP = re.compile(r"[\x20\t*_>|#]*")
_CHAIN_GAP = re.compile(r"[\s,*_]*(?:(?:va|hoac)\s+)?(?:so\s*)?")  # "và", "số" folded
_ITEM_END = re.compile(r";|[.:][ \t*_]*(?:\n|$)|\n[ \t]*\n")  # an item of a clause ends
_MAIN_CLAUSE = re.compile(r"[ \t*_]*,")  # the cited documents end, the main clause begins
_CLAUSE_END = re.compile(r"[;.:][ \t*_]*(?:\n|$)|\n[ \t]*\n")  # the clause ends


@dataclass(frozen=True)
class _Cues:
    basis_kind: str
    basis: re.Pattern[str]
    basis_lead: re.Pattern[str]
    body_start: re.Pattern[str]
    change_kinds: tuple[str, ...]
    changes: re.Pattern[str]  # every change cue, group i+1 for change_kinds[i]
    target_lead: re.Pattern[str]
    own: re.Pattern[str]
    own_clause: re.Pattern[str]
    title_lead: re.Pattern[str]
    article: re.Pattern[str]
    between: re.Pattern[str]
    passive: re.Pattern[str]
    passive_by: re.Pattern[str]


def _c(source: str) -> re.Pattern[str]:
    """A pattern for folded text: the source folded too, spaces flexible."""
    return re.compile(fold_same_length(source).replace(" ", r"\s+"))


@cache
def cues() -> _Cues:
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    b = data["basis"]
    starts = "|".join(f"(?:{s})" for s in b["body_starts"])
    word = "(?<![\\w])(?:{})(?![\\w])".format
    return _Cues(
        basis_kind=b["kind"],
        basis=_c(f"(?:{b['cue']})(?![\\w])"),
        basis_lead=_c(b["lead"]), body_start=_c(f"{_LINE_START}(?:{starts})"),
        change_kinds=tuple(c["kind"] for c in data["changes"]),
        changes=_c("(?:{})(?![\\w])".format("|".join(f"({c['cue']})" for c in data["changes"]))),
        target_lead=_c(data["target_lead"]), own=_c(word(data["own_document"])),
        own_clause=_c(word(f"{data['own_document']}|{b['own_formula']}")),
        title_lead=_c(data["title_lead"]), article=_c(f"{_LINE_START}{data['article']}\\s*"),
        between=_c(data["between"]), passive=_c(data["passive"]),
        passive_by=_c(data["passive_by"]))


def kinds() -> set[str]:
    """Every relationship type the cues produce (each must be declared by the ontology)."""
    c = cues()
    return {c.basis_kind, *c.change_kinds}


def find_relations(ctx: TextContext, mentions: list[Mention],
                   subject: str | None) -> list[Relation]:
    """Legal basis and change relations among the documents of one text (first statement of
    each (kind, from, to) kept)."""
    text = ctx.text
    folded = fold_same_length(text)
    mentions = sorted((m for m in mentions if m.uids), key=lambda m: m.start)
    if not mentions:
        return []  # every relation ends at a document the text cites
    out: dict[tuple[str, str, str], Relation] = {}

    def link(kind: str, a: str, targets: list[Mention], start: int,
             end: int | None = None) -> None:
        """`a` -> each target; the span runs from `start` to `end` or the target's end."""
        for t in targets:
            for b in t.uids:
                if a != b and (kind, a, b) not in out:
                    ev = ctx.evidence(start, end or t.tail_end)
                    out[(kind, a, b)] = Relation(kind, a, b, ev)

    _basis(folded, mentions, subject, link)
    _changes(folded, mentions, subject, link)
    return list(out.values())


def _chain(folded: str, mentions: list[Mention], pos: int, stop: int,
           lead: re.Pattern[str]) -> list[Mention]:
    """The documents listed one after another from `pos`, the first right after `lead`."""
    at = lead.match(folded, pos)
    cur = at.end() if at else pos
    out: list[Mention] = []
    for m in _from(mentions, cur):
        if m.start < cur:
            continue
        if m.start >= stop or m.start != cur:
            break
        out.append(m)
        gap = _CHAIN_GAP.match(folded, m.tail_end)
        cur = gap.end() if gap else m.tail_end
    return out


def _from(mentions: list[Mention], pos: int) -> Iterator[Mention]:
    """The mentions (sorted by start) from the first that starts at `pos` or after: read
    from there, not from the head of the list for every question."""
    for i in range(bisect.bisect_left(mentions, pos, key=lambda m: m.start), len(mentions)):
        yield mentions[i]


def _basis(folded: str, mentions: list[Mention], subject: str | None, link) -> None:
    """BASED_ON links of the preamble's "Căn cứ" clauses."""
    c = cues()
    title = next((m.start for m in mentions if subject and m.uids == (subject,)), 0)
    body = c.body_start.search(folded, title)
    end_of_preamble = body.start() if body else len(folded)
    for cue in c.basis.finditer(folded, 0, end_of_preamble):
        start = cue.start()
        if not _opens_clause(folded, start):
            continue
        stop = _CLAUSE_END.search(folded, cue.end())
        stop_at = min(stop.start() if stop else len(folded), end_of_preamble)
        targets: list[Mention] = []
        pos = cue.end()
        while pos < stop_at:
            item = _ITEM_END.search(folded, pos, stop_at)
            item_end = item.start() if item else stop_at
            targets += _chain(folded, mentions, pos, item_end, c.basis_lead)
            pos = (item.end() if item else stop_at)
        if not targets:
            continue
        last = max(t.tail_end for t in targets)
        if _MAIN_CLAUSE.match(folded, last):  # "Căn cứ A, <someone> …": who acts on it?
            based = _issued_by_clause(mentions, last, stop_at)
            if based is None and c.own_clause.search(folded, last, stop_at + 1):
                based = subject  # "…, Tỉnh ủy xây dựng Kế hoạch thực hiện như sau:"
        else:
            based = subject
        if based:
            link(c.basis_kind, based, targets, start)


def _opens_clause(folded: str, pos: int) -> bool:
    """Does `pos` start a line (after markup) or follow a ";"?"""
    line = folded.rfind("\n", 0, pos) + 1
    if _MARKUP.fullmatch(folded, line, pos):
        return True
    before = folded[max(line, pos - 8):pos].rstrip()
    return before.endswith(";")


def _issued_by_clause(mentions: list[Mention], pos: int, stop: int) -> str | None:
    """The document a basis clause goes on to issue ("Căn cứ A, Tỉnh ủy ban hành Kế hoạch số
    …"), read only after a comma right behind the cited documents: a document issued inside
    their description ("A … về việc ban hành Chương trình …") is never taken for it, and a
    clause that issues nothing ("Căn cứ A, các sở xây dựng …": an instruction) links nothing."""
    issued = next((m for m in _from(mentions, pos) if m.start < stop and m.issued), None)
    return issued.uids[0] if issued is not None and len(issued.uids) == 1 else None


def _changes(folded: str, mentions: list[Mention], subject: str | None, link) -> None:
    c = cues()
    ends = {m.tail_end: m for m in mentions if len(m.uids) == 1}
    titles = [m for m in mentions if subject and m.uids == (subject,) and m.issued]
    for cue in _cues_before(folded, mentions, c.changes):
        kind = c.change_kinds[(cue.lastindex or 1) - 1]  # the cue's group names its kind
        targets = _chain(folded, mentions, cue.end(), len(folded), c.target_lead)
        # "A sửa đổi B và C sửa đổi D": C makes a change of its own, a sibling of A
        targets = [t for i, t in enumerate(targets) if i == 0 or not _acts(folded, t)]
        actor = _actor(folded, cue.start(), ends, subject, titles) if targets else None
        if actor is not None:
            uid, start = actor
            link(kind, uid, targets, start)
            continue
        passive = _passive(folded, cue, ends, mentions)
        if passive is not None:
            done, by = passive
            link(kind, by.uids[0], [done], done.start, by.tail_end)


def _acts(folded: str, m: Mention) -> bool:
    """Is the document `m` followed by a change cue of its own?"""
    c = cues()
    between = c.between.match(folded, m.tail_end)
    return bool(between and c.changes.match(folded, between.end()))


def _cues_before(folded: str, mentions: list[Mention],
                 pattern: re.Pattern[str]) -> list[re.Match[str]]:
    """The cues of `pattern` in the stretch before some mention: a change names a document
    right after its cue (or, in the passive, after "theo"), so only those stretches are read
    (scanning whole texts for common words cost a tenth of extraction)."""
    found: dict[int, re.Match[str]] = {}
    for m in mentions:
        for cue in pattern.finditer(folded, max(0, m.start - _CUE_REACH), m.start):
            at = cue.start()
            if at not in found and not (at and (folded[at - 1].isalnum() or folded[at - 1] == "_")):
                found[at] = cue
    return [found[k] for k in sorted(found)]


def _actor(folded: str, cue: int, ends: dict[int, Mention], subject: str | None,
           titles: list[Mention]) -> tuple[str, int] | None:
    """The document making the change the cue at `cue` names, and where it is named: a
    document just before, or the text's own (by its title, an article of it, "… này")."""
    c = cues()
    for end, m in _ends_before(cue, ends):
        if c.between.fullmatch(folded, end, cue):
            return m.uids[0], m.start
    if subject is None:
        return None
    for t in titles:  # "QUYẾT ĐỊNH Về việc bãi bỏ Quyết định số …"
        if t.start < cue < t.end and c.title_lead.fullmatch(folded, t.start, cue):
            return subject, t.start
    line = folded.rfind("\n", 0, cue) + 1
    if c.article.fullmatch(folded, line, cue):
        return subject, line
    for own in c.own.finditer(folded, max(line, cue - 140), cue):
        if c.between.fullmatch(folded, own.end(), cue):
            return subject, own.start()
    return None


def _ends_before(pos: int, ends: dict[int, Mention]) -> Iterator[tuple[int, Mention]]:
    """Mentions whose date or issuer ends within the 140 characters before `pos`, nearest
    first."""
    for end in range(pos, max(0, pos - 140) - 1, -1):
        m = ends.get(end)
        if m is not None:
            yield end, m


def _passive(folded: str, cue: re.Match[str], ends: dict[int, Mention],
             mentions: list[Mention]) -> tuple[Mention, Mention] | None:
    """"B (đã) được <cue> theo A": (B, A), when A is a single document."""
    c = cues()
    for end, done in _ends_before(cue.start(), ends):
        if c.passive.fullmatch(folded, end, cue.start()):
            by = c.passive_by.match(folded, cue.end())
            if by is None:
                return None
            after = _chain(folded, mentions, by.end(), len(folded), re.compile(""))
            if after and len(after[0].uids) == 1:
                return done, after[0]
            return None
    return None
