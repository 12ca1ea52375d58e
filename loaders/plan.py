"""Tasks of plans, who leads and supports them, by when — and the plan's targets.

Entry point `extract_plan(ctx)`. A text that is itself a plan (a subject document in
ctx.documents) is read part by part; any other text (news) is read for numbered lists
introduced as tasks ("… thực hiện 21 nhiệm vụ:"), which belong to the plan described just
before them in the same province's section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from graph.keys import slug
from graph.model import Deadline, Document, Organisation, Target, Task
from loaders.context import TextContext
from loaders.deadlines import find_deadline
from loaders.matching import fold_same_length
from loaders.organisations import (
    Mention,
    find_organisations,
    organisation_record,
    partner_list,
    vague_at,
)
from loaders.structure import ItemList, Node, parse_outline, task_nodes
from loaders.targets import find_targets
from loaders.themes import tag_themes

PLAN_TYPES = ("Kế hoạch", "Chương trình", "Đề án")
DIRECTIVE_TYPES = (*PLAN_TYPES, "Nghị quyết", "Chỉ thị", "Kết luận", "Quyết định", "Quy định")

# after a body's name: it leads ("Sở Nội vụ chủ trì", "Ban Tổ chức thực hiện 21 nhiệm vụ:")
_LEADS = re.compile(r"\s*(?:tinh\s+|,\s*)?(?:da\s+)?(?:chu tri|lam dau moi|co trach nhiem|"
                    r"duoc giao|tham muu|thuc hien \d+ nhiem vu|:)")
_ASSIGN_BEFORE = re.compile(r"(?:giao|de nghi)\s+$")
_PARTNERS = re.compile(r"\bphoi hop(?:\s+chat che)?(?:,\s*hieu qua)?\s+voi\s+")
_STARTS_SUPPORT = re.compile(r"\s*(?:chu dong\s+)?phoi hop\b")
_STARTS_LEAD = re.compile(r"\s*chu tri\b")


@dataclass(frozen=True)
class PlanParts:
    """What `extract_plan` finds in one text."""

    tasks: list[Task]
    targets: list[Target]
    organisations: list[Organisation]


@dataclass(frozen=True)
class _Assignment:
    lead: Mention | None
    support: tuple[Mention, ...]
    declared: bool = False  # the lead was named as such ("X chủ trì"), not just handed a list


def _lead_in(text: str, a: int, b: int) -> tuple[Mention, bool] | None:
    """The body a text puts in charge, and whether it says so ("chủ trì", "Giao X")."""
    folded = fold_same_length(text)
    for m in find_organisations(text, a, b):
        cue = _LEADS.match(folded, m.end)
        given = _ASSIGN_BEFORE.search(folded, max(a, m.start - 12), m.start)
        if cue or given:
            return m, bool(given) or "chu tri" in cue.group()
    return None


def _partners_in(text: str, a: int, b: int) -> tuple[Mention, ...] | None:
    folded = fold_same_length(text)
    at = folded.find("phoi hop", a, b)  # where any match would start, found fast
    m = None if at < 0 else _PARTNERS.search(folded, at, b)
    return None if m is None else tuple(partner_list(text, m.end(), b))


def _apply(text: str, a: int, b: int, inherited: _Assignment) -> _Assignment:
    """The assignment of an item or heading whose own text is text[a:b]."""
    folded = fold_same_length(text)
    partners = _partners_in(text, a, b)
    if _STARTS_SUPPORT.match(folded, a):
        if partners:  # "Phối hợp với X …": the list's body leads, X supports
            return replace(inherited, support=partners)
        if inherited.declared:  # under "A chủ trì": a joint activity A still leads
            return inherited
        # a list handed to A ("A thực hiện 21 nhiệm vụ:"), item "Phối hợp …": A supports
        return _Assignment(None, (inherited.lead,) if inherited.lead else ())
    if _STARTS_LEAD.match(folded, a):  # "Chủ trì, phối hợp với X …": the list's body leads
        return replace(inherited, support=partners or ())
    found = _lead_in(text, a, b)
    if found is not None:
        return _Assignment(found[0], partners or (), found[1])
    if vague_at(text, a) is not None:  # "Các cơ quan, đơn vị … phối hợp với Sở Nội vụ"
        return _Assignment(None, partners or ())
    if partners:
        return replace(inherited, support=partners)
    return inherited


def _intro_assignment(text: str, lst: ItemList) -> _Assignment:
    intro = text[lst.intro_start:lst.intro_end]
    cut = max(intro.rfind(". "), -1) + 1  # last sentence of the paragraph
    return _apply(text, lst.intro_start + cut, lst.intro_end, _Assignment(None, ()))


def owner_document(ctx: TextContext, at: int) -> Document | None:
    """The plan a list at `at` belongs to: the last plan-type document mentioned before it in
    the same province's section (else in the text), preferring plans to other directives."""
    section = max((o for o, _ in ctx.localities if o <= at), default=0)
    before = [d for d in ctx.documents if d.evidence.start < at]
    for pool in ([d for d in before if d.evidence.start >= section], before):
        for types in (PLAN_TYPES, DIRECTIVE_TYPES):
            cands = [d for d in pool if d.type in types]
            if cands:
                return max(cands, key=lambda d: d.evidence.start)
    return None


def _reading(text: str, node: Node | None, root: _Assignment,
             memo: dict[Node, tuple[_Assignment, Deadline | None]]
             ) -> tuple[_Assignment, Deadline | None]:
    """Who is assigned and by when at `node`: its own text read under its parent's reading
    (each heading is read once, however many items it has)."""
    if node is None:
        return root, None
    if node not in memo:
        assignment, deadline = _reading(text, node.parent, root, memo)
        found = find_deadline(text, node.text_start, node.body_end)
        memo[node] = (_apply(text, node.text_start, node.body_end, assignment),
                      found[0] if found else deadline)
    return memo[node]


def _task(ctx: TextContext, doc: Document, node: Node, root: _Assignment, order: int,
          memo: dict[Node, tuple[_Assignment, Deadline | None]]) -> tuple[Task, _Assignment]:
    text = ctx.text
    assignment, deadline = _reading(text, node, root, memo)
    own = " ".join(text[node.text_start:node.body_end].split())
    label = node.label
    return Task(
        uid=f"task:{slug(doc.uid)}:{slug(label)}", document=doc.uid, label=label, text=own,
        evidence=ctx.evidence(node.start, node.body_end, "structure", 0.9),
        lead=assignment.lead.entry.name if assignment.lead else None,
        support=tuple(dict.fromkeys(m.entry.name for m in assignment.support
                                    if not assignment.lead
                                    or m.entry.name != assignment.lead.entry.name)),
        deadline=deadline, themes=tag_themes(own), order=order), assignment


def extract_plan(ctx: TextContext) -> PlanParts:
    """Tasks (with lead, supporters, deadline, themes), targets and the bodies named."""
    subject = next((d for d in ctx.documents if d.is_subject), None)
    outline = parse_outline(ctx.text, "plan" if subject else "list")
    tasks: list[Task] = []
    mentions: list[Mention] = []
    seen: set[str] = set()
    for lst in outline.lists:
        wanted = set(task_nodes(replace(outline, lists=(lst,))))
        if not wanted:
            continue
        doc = subject or owner_document(ctx, lst.items[0].start)
        if doc is None:
            continue
        root = _intro_assignment(ctx.text, lst) if subject is None else _Assignment(None, ())
        memo: dict[Node, tuple[_Assignment, Deadline | None]] = {}
        for node in [n for n in replace(outline, lists=(lst,)).nodes() if n in wanted]:
            task, a = _task(ctx, doc, node, root, len(tasks), memo)
            uid = task.uid
            while uid in seen:
                uid += "~"
            seen.add(uid)
            tasks.append(task if uid == task.uid else replace(task, uid=uid))
            mentions.extend(m for m in (a.lead, *a.support) if m is not None)
    return PlanParts(tasks, find_targets(ctx), _organisations(ctx, mentions))


def _organisations(ctx: TextContext, mentions: list[Mention]) -> list[Organisation]:
    out: dict[str, Organisation] = {}
    seen: set[tuple[str, str | None]] = set()  # a body in a place has one uid: the first wins
    for m in sorted(mentions, key=lambda m: m.start):
        place = (m.entry.name, None if m.entry.level == "central" else ctx.locality_at(m.start))
        if place not in seen:
            seen.add(place)
            rec = organisation_record(m, ctx, "explicit", 0.9)
            out.setdefault(rec.uid, rec)
    return list(out.values())

