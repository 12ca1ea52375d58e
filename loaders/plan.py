"""Tasks of plans, who leads and supports them, by when — and the plan's targets.

Entry point `extract_plan(ctx)`. A text that is itself a plan (a subject document in
ctx.documents, or the document its header numbers) is read part by part, and its task tables
row by row (loaders.task_tables); any other text (news) is read for numbered lists introduced
as tasks ("… thực hiện 21 nhiệm vụ:"), which belong to the plan described just before them in
the same province's section.

Leads and partners are kept as printed (whitespace normalised): the body a heading names
("1. Sở Nội vụ" over its items), a field ("Cơ quan chủ trì: …"), "Giao X …", or a body that
opens the item's sentence; partners follow "chủ trì, phối hợp với"; vague bodies ("… có liên
quan") are left out; a request ("Đề nghị …") has no lead.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from graph.ids import task_uid
from graph.model import Deadline, Document, Organisation, Target, Task
from loaders.context import TextContext
from loaders.deadlines import find_deadline, parse_deadline
from loaders.matching import Spans, fold_same_length, line_start
from loaders.organisations import (
    Mention,
    find_organisations,
    gazetteer,
    is_vague,
    organisation_at,
    organisation_record,
    printed_partners,
    split_bodies,
    starts_body,
    vague_at,
)
from loaders.structure import (
    ItemList,
    Node,
    has_sections,
    has_task_part,
    intro_names_tasks,
    line_marker,
    parse_outline,
    rules,
    task_nodes,
)
from loaders.targets import find_targets
from loaders.task_tables import table_tasks
from loaders.themes import tag_themes

PLAN_TYPES = ("Kế hoạch", "Chương trình", "Đề án")
DIRECTIVE_TYPES = (*PLAN_TYPES, "Nghị quyết", "Chỉ thị", "Kết luận", "Quyết định", "Quy định")

# after a body's name: it leads ("Sở Nội vụ chủ trì", "Ban Tổ chức thực hiện 21 nhiệm vụ:")
_LEADS = re.compile(r"\s*(?:tinh\s+|,\s*)?(?:da\s+)?(?:chu tri|lam dau moi|co trach nhiem|"
                    r"duoc giao|tham muu|thuc hien \d+ nhiem vu|:)")
_ASIDE = re.compile(r"\s*\([^()\n]{1,80}\)")  # a parenthesis describing the body just named
_ASSIGN_BEFORE = re.compile(r"(?:giao|de nghi)\s+$")
_PARTNERS = re.compile(r"\bphoi hop(?:\s+chat che)?(?:,\s*hieu qua)?\s+(?:voi\s+)?")
_PARTNERS_WITH = re.compile(r"\bphoi hop(?:\s+chat che)?(?:,\s*hieu qua)?\s+voi\s+")
_STARTS_SUPPORT = re.compile(r"\s*(?:chu dong\s+)?phoi hop\b")
_STARTS_LEAD = re.compile(r"\s*(?:la co quan dau moi,\s*)?chu tri\b")
_GIVES = re.compile(r"\s*giao\s+")
_ASKS = re.compile(r"\s*de nghi\b\s*:?\s*")
_TOWARDS = re.compile(r"(?:doi voi|trach nhiem cua|giao)\s+")
# where an assignee phrase ends: the verb that follows the bodies ("Giao X chủ trì …")
_VERB = re.compile(r"[,;]?\s+(?:chu tri|phoi hop|can cu|giup|theo doi|thuc hien|"
                   r"to chuc(?!,|\s+(?:chinh tri|xa hoi|ca nhan|doanh nghiep|dang|hoi))|"
                   r"xay dung|co trach nhiem|chiu trach nhiem|trien khai|tham muu|la co quan|"
                   r"lam dau moi|nghien cuu|ra soat|huong dan|bao cao|chu dong|tiep tuc|"
                   r"tang cuong|khan truong|cu can bo|theo chuc nang|cu the hoa|quan triet|"
                   r"lanh dao|chi dao|ban hanh|bo tri|don doc|tuyen truyen|day manh|nang cao|"
                   r"hoan thien|uu tien|tong hop|phat huy|giam sat)\b")
# the heads of bodies, named as the ones who act: "Giám đốc Sở Y tế", "Chủ tịch UBND các xã"
_TITLES = (r"(?:giam doc|pho giam doc|thu truong|chu tich|truong ban|chanh van phong|"
           r"chanh thanh tra|chi huy truong|cuc truong|bo truong)")
_HEAD_OF = re.compile(rf"[ \t]*{_TITLES}\s+(?=\S)")
_HEAD_OF_BEFORE = re.compile(rf"(?<![\w]){_TITLES}\s+$")
# after a body's name, a word in lower case that neither lists another body ("và …") nor
# places it ("tỉnh", "thành phố"): the line goes on as a sentence
_GOES_ON = re.compile(r"[ \t]+(?!(?:và|hoặc|tỉnh|thành phố|huyện|xã|phường|các|cấp)\b)(\w)")
_LISTS_ON = re.compile(r"\s*(?:[,;]|va\b|\()")  # the body is one of a list, not the subject
_fold = fold_same_length.__wrapped__  # short strings: not kept in the shared cache
_NONBLANK = re.compile(r"[^\n]+")
_SENTENCE_GAP = re.compile(r"(?<=\w)[.;][ \t]+(?=\w)")
_CHUNK = re.compile(r"[^;]+")
# a line that may be a field ("Cơ quan chủ trì:", "Thời gian thực hiện …"): read fields then
_FIELD_HINT = re.compile(r"(?:chu tri|phoi hop|thuc hien|trien khai|hoan thanh|nhiem vu|"
                         r"noi dung(?: thuc hien| cong viec)?|san pham(?: dau ra)?)\s*:|"
                         r"thoi gian (?:thuc hien|hoan thanh)")
# a lead or partner field inside an item's line: "… (Cơ quan chủ trì: Sở A; …)"
_INLINE_HINT = re.compile(r"(?:co quan|don vi) (?:chu tri|phoi hop)(?: thuc hien)?\s*:")
# where an inline field may start: after "(", ";", a stop or a dash, at a field's first word
_INLINE_FIELD_AT = re.compile(r"(?:[(;]|\.(?=\s)|\s[-–](?=\s))\s*(?=(?:co quan|don vi|thoi gian"
                              r"|thoi han|tien do|chu tri|phoi hop)\b)")
_FIELD_END = re.compile(r"[;)]|\.(?:\s|$)")
_MAX_HEADING_WORDS = 25
_MAX_HEADING_CHARS = 250
_MAX_SUBJECT_WORDS = 30


@dataclass(frozen=True)
class PlanParts:
    """What `extract_plan` finds in one text."""

    tasks: list[Task]
    targets: list[Target]
    organisations: list[Organisation]


@dataclass(frozen=True)
class _Assignment:
    lead: str | None
    support: tuple[str, ...]
    declared: bool = False  # the lead was named as such ("X chủ trì"), not just handed a list
    named: bool = False  # a heading names the body its items are assigned to ("1. Sở Y tế")
    mentions: tuple[Mention, ...] = ()


_NONE = _Assignment(None, ())


def _partners(text: str, at: int, b: int) -> tuple[tuple[str, ...], tuple[Mention, ...]]:
    found = printed_partners(text, at, b)
    return tuple(p for p, _ in found), tuple(m for _, m in found if m is not None)


def _partners_in(text: str, a: int, b: int, rx: re.Pattern[str] = _PARTNERS_WITH
                 ) -> tuple[tuple[str, ...], tuple[Mention, ...]] | None:
    folded = fold_same_length(text)
    at = folded.find("phoi hop", a, b)  # where any match would start, found fast
    m = None if at < 0 else rx.search(folded, at, b)
    if m is None and at >= 0 and (bare := _PARTNERS.match(folded, at, b)) is not None \
            and starts_body(text, bare.end()):
        m = bare  # "phối hợp Sở Giáo dục …": the bodies follow without "với"
    return None if m is None else _partners(text, m.end(), b)


def _lead_in(text: str, a: int, b: int, plan: bool) -> tuple[Mention, bool] | None:
    """The body a text puts in charge, and whether it says so ("chủ trì", "Giao X"). In a
    plan, only a body that opens a line of the item (the subject of its sentence) leads."""
    folded = fold_same_length(text)
    g = gazetteer()
    found_at: Iterator[re.Match[str] | None]
    parens = _paren_starts(text, a, b) if plan else []
    # a body opening a later sentence of the item and declared there: "… . Sở Y tế chủ trì, …"
    declared_only = parens + _sentence_starts(text, a, b) if plan else []
    if plan:  # a line's subject, or a body opening a parenthesis ("(Sở Y tế chủ trì, …)")
        found_at = (g.names.match(folded, _after_title(folded, at, b), b)
                    for at in _line_starts(text, a, b) + declared_only)
    else:
        found_at = g.names.finditer(folded, a, b)
    for m in found_at:
        if m is None:
            continue
        found = organisation_at(text, m.start())
        if found is None:
            continue
        if plan and (head := _titled(folded, found.start, a)) is not None:
            found = replace(found, start=head)  # "Giám đốc Sở Y tế chỉ đạo …", as printed
        aside = _ASIDE.match(folded, found.end)  # "Ban Tổ chức (cơ quan thường trực) chủ trì"
        cue = _LEADS.match(folded, aside.end() if aside else found.end)
        given = _ASSIGN_BEFORE.search(folded, max(a, found.start - 12), found.start)
        opens = plan and found.start == a and not _LISTS_ON.match(folded, found.end)
        if found.start in declared_only and not given and not (cue and "chu tri" in cue.group()):
            continue
        if cue or given or opens:
            return found, bool(given) or bool(cue and "chu tri" in cue.group())
    return None


def _after_title(folded: str, at: int, b: int) -> int:
    """Past the title of a body's head opening a line ("Giám đốc Sở …", "Chủ tịch UBND …")."""
    m = _HEAD_OF.match(folded, at, b)
    return m.end() if m else at


def _titled(folded: str, start: int, a: int) -> int | None:
    """Where the title of the body's head printed just before `start` begins, if any."""
    m = _HEAD_OF_BEFORE.search(folded, max(a, start - 40), start)
    return m.start() if m else None


def _paren_starts(text: str, a: int, b: int) -> list[int]:
    """Where the text of each parenthesis in text[a:b] starts (its first non-blank)."""
    out = []
    at = text.find("(", a, b)
    while at >= 0:
        out.append(len(text) - len(text[at + 1:].lstrip()) if at + 1 < b else b)
        at = text.find("(", at + 1, b)
    return out


def _sentence_starts(text: str, a: int, b: int) -> list[int]:
    """Where each sentence after the first of text[a:b] starts (after ". " on one line), or
    its body after "Giao " ("… . Giao Sở Y tế chủ trì …")."""
    out = []
    for m in _SENTENCE_GAP.finditer(text, a, b):
        if text[m.end()].isupper():
            given = _GIVES.match(fold_same_length(text), m.end(), b)
            out.append(given.end() if given else m.end())
    return out


def _line_starts(text: str, a: int, b: int) -> list[int]:
    """`a` and the start of every line after it up to `b`."""
    out = [a]
    at = text.find("\n", a, b)
    while at >= 0:
        out.append(at + 1)
        at = text.find("\n", at + 1, b)
    return out


def _verb(text: str, a: int, b: int) -> re.Match[str] | None:
    """The first verb in text[a:b] that is not part of a body's name ("Sở Xây dựng")."""
    folded = fold_same_length(text)
    m = _VERB.search(folded, a, b)
    for o in find_organisations(text, a, b) if m is not None else ():
        if m is not None and o.start < m.end() <= o.end:
            m = _VERB.search(folded, o.end, b)
    return m


def _subject_phrase(text: str, a: int, b: int) -> tuple[str, int] | None:
    """Bodies written before the item's verb ("Các bộ, cơ quan ngang bộ … xây dựng …")."""
    m = _verb(text, a, min(b, a + 400))
    if m is None:
        return None
    phrase = " ".join(text[a:m.start()].split()).rstrip(" :;,.")  # "Các sở, ngành: Căn cứ …"
    if not phrase or len(phrase.split()) > _MAX_SUBJECT_WORDS:
        return None
    return phrase, m.start()


def _collective_lead(text: str, a: int, b: int) -> str | None:
    """A collective subject named by kind ("Sở, ban, ngành thuộc UBND … có trách nhiệm")."""
    if not gazetteer().collectives.match(fold_same_length(text), a):
        return None
    found = _subject_phrase(text, a, b)
    if found is None or is_vague(found[0]):
        return None
    parts = split_bodies(text, a, found[1])
    return found[0] if parts and not any(is_vague(p) for p, _, _ in parts) else None


def _apply(text: str, a: int, b: int, inherited: _Assignment, plan: bool) -> _Assignment:
    """The assignment of an item or heading whose own text is text[a:b]."""
    folded = fold_same_length(text)
    if plan and _ASKS.match(folded, a):  # "Đề nghị X …": outside the issuer's authority
        return _Assignment(None, (), named=True)
    if plan and (g := _GIVES.match(folded, a)):
        found = _subject_phrase(text, g.end(), b)
        if found is not None and starts_body(text, g.end()):
            partners = _partners_in(text, found[1], b, _PARTNERS) or ((), ())
            lead_m = organisation_at(text, g.end())
            return _Assignment(found[0], partners[0], True, False,
                               ((lead_m,) if lead_m else ()) + partners[1])
    if _STARTS_SUPPORT.match(folded, a):
        if inherited.named:  # under a heading naming the body: it still leads, no partner
            return replace(inherited, support=())
        named = _partners_in(text, a, b)
        if named and named[0]:  # "Phối hợp với X …": the list's body leads, X supports
            return replace(inherited, support=named[0], mentions=named[1])
        if inherited.declared:  # under "A chủ trì": a joint activity A still leads
            return inherited
        # a list handed to A ("A thực hiện 21 nhiệm vụ:"), item "Phối hợp …": A supports
        return _Assignment(None, (inherited.lead,) if inherited.lead else (),
                           mentions=inherited.mentions)
    if _STARTS_LEAD.match(folded, a):  # "Chủ trì, phối hợp với X …": the list's body leads
        partners = _partners_in(text, a, b, _PARTNERS) or ((), ())
        return replace(inherited, support=partners[0], mentions=inherited.mentions + partners[1])
    if plan and inherited.named:
        return replace(inherited, support=())
    partnered = _partners_in(text, a, b)
    lead_in = _lead_in(text, a, b, plan)
    if lead_in is not None:
        m = lead_in[0]
        return _Assignment(m.printed(text), partnered[0] if partnered else (), lead_in[1],
                           mentions=(m, *(partnered[1] if partnered else ())))
    if plan:
        collective = gazetteer().collectives
        for at in _line_starts(text, a, b):
            if collective.match(folded, at) and (lead := _collective_lead(text, at, b)):
                return _Assignment(lead, partnered[0] if partnered else ())
    if vague_at(text, a) is not None:  # "Các cơ quan, đơn vị … phối hợp với Sở Nội vụ"
        return _Assignment(None, partnered[0] if partnered else (),
                           mentions=partnered[1] if partnered else ())
    if partnered:
        return replace(inherited, support=partnered[0],
                       mentions=inherited.mentions + partnered[1])
    return inherited


def _heading_assignment(text: str, node: Node) -> _Assignment | None:
    """A heading that names the body its items are assigned to ("1. Sở Nội vụ", "5. Các sở,
    ban, ngành, UBND các xã, phường", "1. Đối với Sở Nội vụ:"); a request heading ("6. Đề
    nghị: Hội Nông dân …")."""
    a = node.text_start
    line_end = text.find("\n", a, node.body_end)
    line_end = node.body_end if line_end < 0 else line_end
    if line_end - a > _MAX_HEADING_CHARS:
        return None
    folded = fold_same_length(text)
    asks = _ASKS.match(folded, a)
    prefix = asks or _TOWARDS.match(folded, a)
    at = prefix.end() if prefix else a
    if not starts_body(text, at) or _verb(text, at - 1 if at > a else at, line_end):
        return None
    rest = " ".join(text[at:line_end].split()).rstrip(" .:;")
    if not rest or len(rest.split()) > _MAX_HEADING_WORDS or ":" in rest:
        return None
    if asks:
        return _Assignment(None, (), named=True)
    heading = rest if prefix else " ".join(text[a:line_end].split()).rstrip(" .:;")
    m = organisation_at(text, at)
    if m is not None and (on := _GOES_ON.match(text, m.end, line_end)) and on[1].islower():
        return None  # "1. Sở Tài chính cân đối kinh phí.": a sentence whose verb we do not know
    return _Assignment(heading, (), named=True, mentions=(m,) if m else ())


@dataclass(frozen=True)
class _Fields:
    lead: str | None = None
    support: tuple[str, ...] | None = None
    deadline: str | None = None
    found: bool = False


def _fields(text: str, node: Node) -> _Fields:
    """The fields an item states on lines of their own (b) Cơ quan chủ trì: …)."""
    spans = []
    for m in _NONBLANK.finditer(text[node.text_start:node.end]):
        line = m.group().lstrip()
        mk = line_marker(line)
        off = node.text_start + m.start() + len(m.group()) - len(line) + (mk[2] if mk else 0)
        spans.append((off, node.text_start + m.end()))
    return _read_fields(text, spans)


def _inline_fields(text: str, node: Node) -> _Fields:
    """The fields an item states inside its one line, each closed by ";", ")" or a stop:
    "Rà soát … (Cơ quan chủ trì: Sở A; cơ quan phối hợp: Sở B; thời gian: quý II/2026)"."""
    folded = fold_same_length(text)
    spans = []
    for m in _INLINE_FIELD_AT.finditer(folded, node.text_start, node.end):
        end = _FIELD_END.search(text, m.end(), node.end)
        spans.append((m.end(), end.start() if end else node.end))
    return _read_fields(text, spans)


def _read_fields(text: str, spans: list[tuple[int, int]]) -> _Fields:
    r = rules()
    lead = support = deadline = executor = None
    found = False
    folded = fold_same_length(text)
    for off, end in spans:
        if not r.field_start.match(folded, off, end):
            continue
        f = folded[off:end]
        for name, rx in r.fields:
            fm = rx.match(f)
            if not fm:
                continue
            found = True
            value = " ".join(text[off + fm.end():end].split()).strip(" .;")
            if name == "lead" and value and not is_vague(value):
                lead = value
            elif name == "support" and value:
                support = tuple(p for p, _, _ in split_bodies(text, off + fm.end(), end)
                                if not is_vague(p))
            elif name == "executor" and value:
                executor = _executor(text, off + fm.end(), end)
            elif name == "deadline" and value:
                deadline = value
            break
    return _Fields(lead or executor, support, deadline, found)


def _executor(text: str, a: int, b: int) -> str | None:
    """"Cơ quan thực hiện: …": the one body named in particular (or said to lead), if any."""
    folded = fold_same_length(text)
    first = organisation_at(text, a + len(text[a:b]) - len(text[a:b].lstrip()))
    if first and _LEADS.match(folded, first.end) and "chu tri" in folded[first.end:first.end + 12]:
        return first.printed(text)
    particular = []
    for chunk in _CHUNK.finditer(text[a:b]):
        ca = a + chunk.start() + len(chunk.group()) - len(chunk.group().lstrip())
        for piece, pa, _ in split_bodies(text, ca, a + chunk.end()):
            if is_vague(piece) or gazetteer().collectives.match(folded, pa) \
                    or _fold(piece).startswith("cac "):
                continue
            m = organisation_at(text, pa)
            particular.append(m.printed(text) if m else piece)
    return particular[0] if len(particular) == 1 else None


def _intro_assignment(text: str, lst: ItemList) -> _Assignment:
    intro = text[lst.intro_start:lst.intro_end]
    cut = max(intro.rfind(". "), -1) + 1  # last sentence of the paragraph
    return _apply(text, lst.intro_start + cut, lst.intro_end, _NONE, False)


class _Owners:
    """The plan a list at `at` belongs to: the last plan-type document mentioned before it in
    the same province's section (else in the text), preferring plans to other directives.

    The documents of each kind are filed by where they are mentioned (the first of the text's
    order where two share a place), so a list finds its plan by bisection, not by a pass over
    every document.
    """

    def __init__(self, ctx: TextContext) -> None:
        self.ctx = ctx
        self.kinds: list[tuple[list[int], list[Document]]] = []
        for types in (PLAN_TYPES, DIRECTIVE_TYPES):
            first: dict[int, Document] = {}
            for d in ctx.documents:
                if d.type in types:
                    first.setdefault(d.evidence.start, d)
            starts = sorted(first)
            self.kinds.append((starts, [first[s] for s in starts]))

    def __call__(self, at: int) -> Document | None:
        last = []  # of each kind, the one mentioned last before `at`
        for starts, docs in self.kinds:
            i = bisect.bisect_left(starts, at) - 1
            last.append(docs[i] if i >= 0 else None)
        section = self.ctx.section_start(at)
        for d in last:  # in the section first
            if d is not None and d.evidence.start >= section:
                return d
        return next((d for d in last if d is not None), None)


def owner_document(ctx: TextContext, at: int) -> Document | None:
    """The plan a list at `at` belongs to (`_Owners`)."""
    return _Owners(ctx)(at)


_HEAD = 3000  # characters: where a header prints the text's own number
_ATTACHED_WITHIN = 80  # characters after an attachment line: the document it names
_NUMBER_FIELD = re.compile(r"\bso(?:\s+hieu)?\s*:\s*")
_NUMBER_RAW = re.compile(r"\b[Ss][ốo](?:\s+hi[ệe]u)?\s*:")


def own_document(ctx: TextContext) -> Document | None:
    """The document the text is: the subject found by the header reader, else the numbered
    document its header prints after "Số:" (a plan whose title block the reader missed), when
    the text has parts or articles that hold tasks, else the one document a portal attaches
    to an excerpt of its items ("File đính kèm: Quyết định 12/QĐ-TTg")."""
    subject = next((d for d in ctx.documents if d.is_subject), None)
    if subject is not None:
        return subject
    if not _NUMBER_RAW.search(ctx.text, 0, _HEAD):
        return _attached(ctx)
    head = fold_same_length(ctx.text)[:_HEAD]
    at = [m.end() for m in _NUMBER_FIELD.finditer(head)]
    numbered = [d for d in ctx.documents if d.symbol and at and any(
        head.startswith(_fold(d.symbol), i) for i in at)]
    if numbered and has_task_part(parse_outline(ctx.text, "plan")):
        return numbered[0]
    return None


def _attached(ctx: TextContext) -> Document | None:
    """The numbered document named right after an attachment line ("File đính kèm",
    attachment_lines in plan_structure.yaml), when it is the only one named there and the text
    lists items without part headings: the page reproduces that document's items."""
    m = line_start(rules().attachment).search(fold_same_length(ctx.text))
    if m is None:
        return None
    near = [d for d in ctx.documents
            if d.symbol and m.end() <= d.evidence.start < m.end() + _ATTACHED_WITHIN]
    if len(near) != 1:
        return None
    outline = parse_outline(ctx.text, "plan")
    return near[0] if outline.lists and not has_sections(outline) else None


def _reading(text: str, node: Node | None, root: _Assignment, plan: bool,
             memo: dict[Node, tuple[_Assignment, Deadline | None]]
             ) -> tuple[_Assignment, Deadline | None]:
    """Who is assigned and by when at `node`: its own text read under its parent's reading
    (each heading is read once, however many items it has)."""
    if node is None:
        return root, None
    if node not in memo:
        assignment, deadline = _reading(text, node.parent, root, plan, memo)
        found = find_deadline(text, node.text_start, node.body_end)
        named = _heading_assignment(text, node) if plan and node.children else None
        if named is not None:
            line_end = text.find("\n", node.text_start, node.body_end)
            rest = line_end + 1 if line_end >= 0 else node.body_end
            own = _apply(text, rest, node.body_end, named, plan) if rest < node.body_end \
                else named
        elif (plan and not node.children
              and (line_end := text.find("\n", node.text_start, node.body_end)) >= 0
              and (h := _heading_assignment(text, node))):  # "3. Sở Y tế" over its text
            own = _apply(text, line_end + 1, node.body_end, h, plan)
        else:
            own = _apply(text, node.text_start, node.body_end, assignment, plan)
        memo[node] = (own, found[0] if found else deadline)
    return memo[node]


def _task(ctx: TextContext, text: str, doc: Document, node: Node, root: _Assignment,
          order: int, plan: bool, memo: dict[Node, tuple[_Assignment, Deadline | None]]
          ) -> tuple[Task, _Assignment]:
    assignment, deadline = _reading(text, node, root, plan, memo)
    lead, support = assignment.lead, assignment.support
    hint = (plan and text.find("\n", node.text_start, node.end) >= 0  # fields: lines of it
            and _FIELD_HINT.search(fold_same_length(text), node.text_start, node.end))
    fields = _fields(text, node) if hint else _Fields()
    if plan and fields.found:
        lead = fields.lead or (lead if assignment.named else None)
        support = fields.support or ()
        deadline = parse_deadline(fields.deadline) if fields.deadline else None
    elif plan and _INLINE_HINT.search(fold_same_length(text), node.text_start, node.end):
        inline = _inline_fields(text, node)  # a field of the item's own line names its lead
        lead, support = inline.lead or lead, inline.support or support
        deadline = parse_deadline(inline.deadline) if inline.deadline else deadline
    if node.children and not (plan and fields.found):  # its sub-lines are its own text
        found = find_deadline(text, node.text_start, node.end)
        deadline = found[0] if found else deadline
    own = " ".join(text[node.text_start:node.end].split())
    # folding keeps every space a space and nothing else one: the folded text's slice,
    # its spaces collapsed alike, is `own` folded
    folded_own = " ".join(fold_same_length(text)[node.text_start:node.end].split())
    label = node.label
    return Task(
        uid=task_uid(doc.uid, label), document=doc.uid, label=label, text=own,
        evidence=ctx.evidence(node.start, node.end, "structure", 0.9),
        lead=lead,
        support=tuple(dict.fromkeys(s for s in support
                                    if not lead or s.lower() != lead.lower())),
        deadline=deadline, themes=tag_themes(own, folded_own), order=order), assignment


def _repeat(uid: str, n: int) -> str:
    """The uid of the n-th repeat of a task's uid (0: the uid itself)."""
    return uid if n == 0 else f"{uid}~" if n == 1 else f"{uid}~{n}"


def extract_plan(ctx: TextContext) -> PlanParts:
    """Tasks (with lead, supporters, deadline, themes), targets and the bodies named."""
    subject = own_document(ctx)
    outline = parse_outline(ctx.text, "plan" if subject else "list")
    tasks: list[Task] = []
    mentions: list[Mention] = []
    seen: set[str] = set()
    repeats: dict[str, int] = {}  # uid -> how many of its suffixes have been tried

    def add(task: Task) -> None:
        # a label printed twice in one document: the second is "uid~", the n-th "uid~n"
        # (n tildes grew the uids, and the search for a free one, with the square of n)
        base = task.uid
        n = repeats.get(base, 0)
        uid = _repeat(base, n)
        while uid in seen:
            n += 1
            uid = _repeat(base, n)
        repeats[base] = n + 1
        seen.add(uid)
        tasks.append(task if uid == task.uid else replace(task, uid=uid))

    tables = table_tasks(ctx, subject, outline.body_end) if subject is not None else []
    # rows of task tables are read as rows, not items
    spans = Spans((t.evidence.start, t.evidence.end) for t in tables) if tables else None
    # a page's furniture (related-document lists, menus) comes before the document's header;
    # a document attached below an excerpt of its items is named after them
    body_start = subject.evidence.start if subject is not None else 0
    if subject is not None and not subject.is_subject and _attached(ctx) is subject:
        body_start = 0
    # a text that lost its part headings (a database page) names tasks only by who does them
    need_lead = subject is not None and not has_sections(outline)
    owner = _Owners(ctx) if subject is None else None
    for lst in outline.lists:
        wanted = {n for n in task_nodes(replace(outline, lists=(lst,))) if n.start >= body_start}
        if spans:
            wanted = {n for n in wanted if not spans.overlaps(n.start, n.start + 1)}
        if not wanted:
            continue
        doc = subject or (owner(lst.items[0].start) if owner else None)
        if doc is None:
            continue
        root = _intro_assignment(outline.text, lst) if subject is None else _NONE
        # "… đề nghị các bộ … thực hiện các công việc sau đây:": its items are tasks, even
        # those that name no body (they fall to everyone addressed)
        announced = need_lead and intro_names_tasks(outline.text[lst.intro_start:lst.intro_end])
        memo: dict[Node, tuple[_Assignment, Deadline | None]] = {}
        for node in [n for n in replace(outline, lists=(lst,)).nodes() if n in wanted]:
            task, a = _task(ctx, outline.text, doc, node, root, len(tasks), subject is not None,
                            memo)
            if need_lead and task.lead is None and not announced:
                continue
            add(task)
            mentions.extend(a.mentions)
    for task in tables:  # after the items; tables past the signature are appendices
        add(replace(task, order=len(tasks)))
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
