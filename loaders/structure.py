"""The numbering hierarchy of a plan (I., 1., 2.1., (1), a), -, +) as a tree with spans.

Two reading modes. In a plan's own text ("plan" mode) unnumbered paragraphs continue the item
above them, parts are recognised by their headings (NHIỆM VỤ, TỔ CHỨC THỰC HIỆN hold tasks;
MỤC ĐÍCH, YÊU CẦU do not) and the body ends at "Nơi nhận". In running text ("list" mode, news)
an item is one paragraph and a plain paragraph closes the list; the paragraph before a list
introduces it ("… thực hiện 21 nhiệm vụ:"). A node with children is a heading, not a task.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

import yaml

from loaders.matching import alternation, fold_same_length, lead_search, line_start, spaces_at
from loaders.organisations import organisation_at, starts_body

DATA = Path(__file__).with_name("data") / "plan_structure.yaml"
_fold = fold_same_length.__wrapped__  # short strings: not kept in the shared cache

_MARKERS = (  # (kind, regex over the start of a line); order matters
    ("article", re.compile(r"Điều\s+(?P<t>\d{1,3})\s*[.:]\s*(?=\S)")),
    ("roman", re.compile(r"(?:(?:Phần|PHẦN)\s+)?(?P<t>[IVX]{1,5})\s*[.\-–/)]\s+(?=\S)")),
    # "B. NHIỆM VỤ, GIẢI PHÁP": a part above the roman ones (its heading in capitals)
    ("part", re.compile(r"(?P<t>[A-EĐGH])\s*[.\-–]\s+(?=[^\W\d_])")),
    # "Nhiệm vụ 1: …", "Giải pháp 2. …": an item numbered after the word naming it
    ("decimal", re.compile(r"(?:Nhiệm vụ|Giải pháp)\s+(?:số\s+)?(?P<t>\d{1,2})\s*[.:]\s*"
                           r"(?=\S)")),
    ("paren", re.compile(r"\((?P<t>\d{1,2})\)\s*(?=\S)")),
    ("decimal", re.compile(r"(?P<t>\d{1,2}(?:\.\d{1,2}){1,3})\.?\s+(?=\S)")),
    ("decimal", re.compile(r"(?P<t>\d{1,2})\s*[.\-]\s+(?=\D)")),
    ("number)", re.compile(r"(?P<t>\d{1,2})\)\s+(?=\S)")),
    ("decimal", re.compile(r"(?P<t>\d{1,2})/\s+(?=\D)")),  # "1/ Sở Nội vụ …"
    ("letter", re.compile(r"(?P<t>[a-zđ])\)\s+(?=\S)")),
    ("letter", re.compile(r"(?P<t>[a-zđ])\.\s+(?=[^\W\d_])")),  # "a. Sở Tư pháp …"
    ("letter", re.compile(r"(?P<t>[a-zđ])/\s+(?=\S)")),  # "a/ Sở Tư pháp …"
    ("dash", re.compile(r"(?P<t>[-–•])\s+(?=\S)")),
    ("plus", re.compile(r"(?P<t>\+)\s*(?=\S)")),
)
_LINE = re.compile(r"[^\n]+")


@dataclass(eq=False)
class Node:
    """One numbered item; `start`/`end` span it with its children, `body_end` its own text."""

    kind: str  # article | roman | decimal | paren | number) | letter | dash | plus
    token: str  # as printed: "III", "2.2", "1", "a", "-"
    start: int
    text_start: int  # after the marker
    body_end: int = 0
    end: int = 0
    ordinal: int = 0  # position among same-kind siblings, from 1 (dash/plus labels)
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)

    @property
    def level_key(self) -> tuple[str, int]:
        return (self.kind, self.token.count(".") if self.kind == "decimal" else 0)

    def path(self) -> list[Node]:
        """Ancestors and self, outermost first."""
        out: list[Node] = []
        n: Node | None = self
        while n is not None:
            out.append(n)
            n = n.parent
        return out[::-1]

    @property
    def label(self) -> str:
        """Printed numbering path: "III.2.2 (1)", "III.3.1 -2", "III.1.a"."""
        parts: list[str] = []
        nodes = self.path()
        for i, n in enumerate(nodes):
            nxt = nodes[i + 1] if i + 1 < len(nodes) else None
            if (n.kind == "decimal" and nxt is not None and nxt.kind == "decimal"
                    and nxt.token.startswith(n.token + ".")):
                continue  # "2.2" already carries its parent "2"
            if n.kind == "article":
                parts.append(f"Điều {n.token}")
            elif n.kind in ("part", "roman", "decimal"):
                parts.append(("." if parts else "") + n.token)
            elif n.kind == "paren":
                parts.append(f" ({n.token})")
            elif n.kind in ("letter", "number)"):
                parts.append(("." if parts else "") + n.token)
            else:
                parts.append(f" -{n.ordinal}")
        return "".join(parts).strip()


@dataclass(frozen=True)
class ItemList:
    """Items printed one after another at the same outer level, and what introduces them."""

    items: tuple[Node, ...]
    intro_start: int  # span of the paragraph before the first item
    intro_end: int
    addressed: bool = False  # the recipients of a letter ("Kính gửi: - Các bộ …"), not tasks


@dataclass(frozen=True)
class Outline:
    text: str
    mode: str  # plan | list
    lists: tuple[ItemList, ...]
    body_end: int  # where "Nơi nhận" starts (or the end of the text)

    def nodes(self) -> list[Node]:
        out: list[Node] = []

        def walk(n: Node) -> None:
            out.append(n)
            for c in n.children:
                walk(c)

        for lst in self.lists:
            for n in lst.items:
                walk(n)
        return out


@dataclass(frozen=True)
class _Rules:
    task_sections: re.Pattern[str]
    other_sections: re.Pattern[str]
    task_nouns: re.Pattern[str]
    task_intros: re.Pattern[str]
    other_nouns: re.Pattern[str]
    stop: re.Pattern[str]
    resume: re.Pattern[str]
    closing: re.Pattern[str]
    recipients: re.Pattern[str]
    attachment: re.Pattern[str]
    fields: tuple[tuple[str, re.Pattern[str]], ...]
    field_start: re.Pattern[str]  # any field's first word, to skip other lines fast
    article_task: re.Pattern[str]
    article_other: re.Pattern[str]


@cache
def rules() -> _Rules:
    d = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    return _Rules(alternation(d["task_sections"]), alternation(d["other_sections"]),
                  alternation(d["list_nouns"]["task"]),
                  re.compile(fold_same_length("|".join(d["task_intros"]))),
                  alternation(d["list_nouns"]["other"]),
                  re.compile(fold_same_length("|".join(d["stop_lines"])), re.MULTILINE),
                  re.compile("|".join(d["resume_lines"]), re.MULTILINE),
                  re.compile(fold_same_length("|".join(d["closing_lines"]))),
                  re.compile(fold_same_length("|".join(d["recipient_lines"]))),
                  re.compile(fold_same_length("|".join(d["attachment_lines"])), re.MULTILINE),
                  tuple((k, re.compile(fold_same_length(v))) for k, v in d["fields"].items()),
                  re.compile(r"(?:nhiem vu|noi dung|co quan|don vi|thoi gian|thoi han|tien do|"
                             r"san pham|chu tri|phoi hop|hoan thanh)\b"),
                  re.compile(fold_same_length("|".join(d["articles"]["task"]))),
                  re.compile(fold_same_length("|".join(d["articles"]["other"]))))


_MAYBE_MARKER = re.compile(r"Điều\s|Nhiệm vụ\s|Giải pháp\s|Phần\s|PHẦN\s|[IVX]{1,5}\s*[.\-–/)]"
                           r"|[A-EĐGH]\s*[.\-–]"
                           r"|\(\d|\d|[a-zđ][)./]|[-–•+]")


def line_marker(line: str) -> tuple[str, str, int] | None:
    """The numbering a line opens with: (kind, token as printed, width), or None."""
    if not _MAYBE_MARKER.match(line):  # most lines are prose: one test instead of nine
        return None
    m = _ONE_MARKER.match(line)  # (the markers in their order, as one alternation)
    if m is None:
        return None
    i = m.lastindex or 1  # (every branch holds one group, its token)
    kind = _MARKERS[i - 1][0]
    if kind == "part" and any(map(str.islower, line[m.end():m.end() + 40])):
        return None  # "A. Nguyễn …": a heading of a part is printed in capitals
    return kind, m[i], m.end()


# `_MARKERS` tried in their order in one match: the first branch that matches wins, as the
# first pattern did; each branch's token is its group i + 1 (`lastindex`: no other groups)
_ONE_MARKER = re.compile("|".join(f"(?:{rx.pattern.replace('(?P<t>', f'(?P<t{i}>')})"
                                  for i, (_, rx) in enumerate(_MARKERS)))


_BARE_MARKER = re.compile(r"[ \t]*(?:[IVX]{1,5}|\d{1,2}(?:\.\d{1,2}){0,3}|[a-zđ])"
                          r"[ \t]*[.)\-–]?[ \t]*(?:\.[ \t]*)?$")
_NEXT_LINE = r"\n(?=[ \t]*[^\s|])"  # a line break before a line with text (not a table pipe)
_ANY_MARKER = "|".join(rx.pattern.replace("(?P<t>", "(?:") for _, rx in _MARKERS)
# a wrapped line: text (not a table pipe) at its end, and the next line opens no item
_WRAP = re.compile(r"(?<=[^\s|])([ \t]*)" + _NEXT_LINE + r"(?![ \t]*(?:" + _ANY_MARKER + "))")
# a marker alone on its line ("**I.", "6.")
# (not one before a line that opens an item itself: "2" there is a page number of a PDF's text)
_BARE_LINE = re.compile(r"(?m)^(?=[ \t]*\S)(" + _BARE_MARKER.pattern.rstrip("$") + ")" + _NEXT_LINE
                        + r"(?![ \t]*(?:" + _ANY_MARKER + "))")
# the same lines found from the line break before them: a scan led by "\n" (one led by "^" is
# tried at every character)
_BARE_AFTER_BREAK = re.compile(r"\n(?=" + _BARE_LINE.pattern.removeprefix("(?m)^") + ")")
_SENTENCE = 30  # words: an item this long is a sentence, not a heading
_GOING_ON = 5  # 1 line in 5 going on with a sentence: the text is hard-wrapped
_WIDE = 150  # a line this long is a paragraph on one line, not a hard-wrapped one


_ATX = re.compile(r"(?m)^[ \t]*#{1,6}(?=[ \t])")


def _blank(m: re.Match[str]) -> str:
    return " " * len(m.group())


_TEXT_LINE = re.compile(r"(?m)^[ \t]*[^\s|]")
_WIDE_LINE = re.compile(rf"(?m)^[^\n]{{{_WIDE + 1},}}")


def _hard_wrapped(view: str) -> bool:
    """Are paragraphs wrapped over several lines (web-to-text output), not one per line? Many
    lines go on with a sentence in lower case, few are as long as a paragraph."""
    full = going_on = wide = 0  # (counted line by line: `_TEXT_LINE.findall(view)` etc.
    for line in view.split("\n"):  # try the "^" patterns at every character)
        if len(line) > _WIDE:
            wide += 1
        c = line.lstrip(" \t")[:1]
        if c and not c.isspace() and c != "|":
            full += 1
            going_on += c.islower()
    return full >= 15 and going_on * _GOING_ON >= full and wide <= full // 30


def _rejoin(view: str, everywhere: bool = True) -> str:
    """`_WRAP.sub(r"\1 ", view)`: the wrapping line breaks become spaces. Tried only where a
    line break is (a pattern that opens with a look-behind and optional spaces is otherwise
    tried at every character). Not `everywhere` (a text of whole-paragraph lines): only the
    breaks before a line that goes on in lower case ("2. Sở Tài" / "chính"), which no
    paragraph, heading or item starts with."""
    breaks = []
    for q in _BREAK.finditer(view):
        if not everywhere and not _goes_on(view, q.end()):
            continue  # (asked first: most lines open otherwise)
        at = q.start()
        while at and view[at - 1] in " \t":
            at -= 1
        if _WRAP.match(view, at):
            breaks.append(q.start())
    return spaces_at(view, breaks)


_BREAK = re.compile(r"\n")


def _goes_on(view: str, at: int) -> bool:
    """Does the line at `at` open in lower case (spaces aside)?"""
    while at < len(view) and view[at] in " \t":
        at += 1
    return at < len(view) and view[at].islower()


# a page number a PDF's text keeps between lines ("- 2 -", "Trang 3/10"): blanked with its
# line break, so a sentence wrapped across the page goes on and an item after it still opens
# its line
# (found from the line break before it: a pattern led by "^" is tried at every character)
_PAGE_NUMBER = re.compile(r"\n([ \t]*(?:[-–—][ \t]*\d{1,3}[ \t]*[-–—]|Trang[ \t]+\d{1,3}"
                          r"(?:[ \t]*/[ \t]*\d{1,3})?)[ \t]*\n)")


_STAR_BULLET = re.compile(r"(?:^|\n)[ \t]*(\*)[ \t]+(?=[^\s*])")


def clean_view(text: str) -> str:
    """The text as the outline reads it, same length so offsets hold: markdown emphasis
    (`**`, `*`) and page numbers blanked, markdown's "* " bullets made dashes, a marker left
    alone on its line ("**I.", "6.") joined to the line after it, and, in hard-wrapped text,
    each wrapped line joined to the one before it (an item continues across its wrapped lines;
    a blank line or a marker starts a new one)."""
    view = text.replace("*", " ")
    edits = [(m.start(1), m.end(1), " ") for m in _PAGE_NUMBER.finditer(text)]
    if "*" in text:  # "* Rà soát …": a markdown bullet, read as the dash it stands for
        edits += [(m.start(1), m.end(1), "-") for m in _STAR_BULLET.finditer(text)]
    if edits:
        chars = list(view)
        for a, b, c in edits:
            chars[a:b] = c * (b - a)
        view = "".join(chars)
    if "#" in view:  # "## II. NHIỆM VỤ": a markdown heading's marks
        view = _ATX.sub(_blank, view)
    view = _rejoin(view, everywhere=_hard_wrapped(view))
    return _join_bare_markers(view)


def _join_bare_markers(view: str) -> str:
    """`_BARE_LINE.sub(r"\1 ", view)`: the line break after a marker alone on its line becomes
    a space. Each match is one line and its break, so every line start is tried on its own."""
    first = _BARE_LINE.match(view)
    breaks = [first.end(1)] if first else []
    breaks += [m.end(1) for m in _BARE_AFTER_BREAK.finditer(view)]
    return spaces_at(view, breaks)


def _regions(view: str, mode: str) -> tuple[int, list[tuple[int, int]]]:
    """Where the body ends ("Nơi nhận") and the spans read for items: the body, and any
    document attached after the signature (a decision's plan under its own title)."""
    if mode != "plan":
        return len(view), [(0, len(view))]
    r = rules()
    folded = fold_same_length(view)
    spans: list[tuple[int, int]] = []
    start: int | None = 0
    first_stop: int | None = None
    while start is not None:
        stop = line_start(r.stop).search(folded, start)
        end = stop.start() if stop else len(view)
        first_stop = end if first_stop is None else first_stop
        spans.append((start, end))
        if stop is None:
            break
        resume = line_start(r.resume).search(view, stop.end())
        start = resume.start() if resume else None
    return first_stop if first_stop is not None else len(view), spans


_BULLETS = ("dash", "plus")
_NUMBERED = ("article", "part", "roman", "decimal")
_PARTS = ("part", "roman")  # headings of the text's parts


def _first_bullet(stack: list[Node]) -> int | None:
    """Where the first bullet of the open items is, if any."""
    return next((i for i, n in enumerate(stack) if n.kind in _BULLETS), None)


def _deeper_decimal(stack: list[Node], node: Node) -> int | None:
    """Where the first open decimal item numbered deeper than `node` is ("2.4" for "1."), if
    any: a shallower number never nests under it."""
    depth = node.token.count(".")
    return next((i for i, n in enumerate(stack)
                 if n.kind == "decimal" and n.token.count(".") > depth), None)


@lru_cache(maxsize=4)
def parse_outline(text: str, mode: str = "plan") -> Outline:
    """Parse the numbered items of `text` into trees grouped in lists (offsets into `text`;
    the outline's own text is its clean view). Cached: finding the text's own document and
    reading its tasks parse the same text."""
    view = clean_view(text)
    folded = fold_same_length(view)
    body_end, spans = _regions(view, mode)
    # (the recipients pattern opens with a look-behind: searched from its first letters)
    closing, recipients = rules().closing, lead_search(rules().recipients)
    addressed = False  # reading the list of a letter's recipients
    lists: list[ItemList] = []
    current: list[Node] = []
    stack: list[Node] = []
    intro = (0, 0)
    last_para = (0, 0)
    prev_end = 0
    # items of each kind so far in each list of siblings (keyed by the list, which is held so
    # that its id stays its own): counted as they come, not by a pass over the siblings
    kinds: dict[int, tuple[list[Node], dict[str, int]]] = {}

    def close(at: int) -> None:
        nonlocal current, stack
        for n in stack:
            n.end = max(n.end, at)
        if current:
            lists.append(ItemList(tuple(current), *intro, addressed))
        current, stack = [], []

    for lo, hi in spans:
        close(prev_end)
        for m in _LINE.finditer(view, lo, hi):
            raw = m.group()
            stripped = raw.lstrip()
            if not stripped.strip(" \t|"):  # blank, or table residue ("|")
                continue
            a = m.start() + len(raw) - len(stripped)
            b = m.start() + len(raw.rstrip())
            found = line_marker(stripped)
            if found is None:
                if addressed and stack and view[prev_end - 1] not in ";.:":
                    for n in stack:  # a recipient's name wrapped onto the next line
                        n.end = n.body_end = b
                    prev_end = b
                    continue
                if recipients.search(folded, a, b) or (addressed and stack):
                    close(prev_end)  # "Kính gửi:" opens the recipients, a paragraph ends them
                    addressed = not addressed
                    last_para = (a, b)
                    prev_end = b
                    continue
                addressed = False  # "Kính gửi: Sở X" and no list of recipients after it
                if mode == "list" and (stack or not current):
                    close(prev_end)
                    last_para = (a, b)
                elif not stack:
                    last_para = (a, b)
                elif mode == "plan" and closing.match(folded, a):
                    close(prev_end)  # "Trong quá trình thực hiện …": the list is over
                    last_para = (a, b)
                    continue
                if stack and mode == "plan":
                    stack[-1].body_end = b
                    for n in stack:
                        n.end = b
                prev_end = b
                continue
            kind, token, width = found
            if addressed and kind not in _BULLETS:  # numbered: the recipients are over
                close(prev_end)
                addressed = False
            node = Node(kind, token, a, a + width, body_end=b, end=b)
            keys = [n.level_key for n in stack]
            if node.level_key in keys:
                del stack[keys.index(node.level_key):]
            elif kind in ("part", "article"):
                stack.clear()
            elif kind == "roman":  # under a lettered part, if any ("B. … / I. …")
                del stack[next((i for i, n in enumerate(stack) if n.kind != "part"),
                               len(stack)):]
            elif kind == "decimal" and (i := _deeper_decimal(stack, node)) is not None:
                del stack[i:]  # "1." after "2.4.": numbering restarts above, never "2.4.1"
            if kind in _NUMBERED and (i := _first_bullet(stack)) is not None:
                del stack[i:]  # a numbered item never nests under a bullet ("Kính gửi: - …")
                if not stack and current and current[-1].kind in _BULLETS:
                    close(prev_end)
            if not stack and not current:
                intro = last_para
            parent = stack[-1] if stack else None
            siblings = parent.children if parent else current
            _, counted = kinds.setdefault(id(siblings), (siblings, {}))
            counted[kind] = node.ordinal = counted.get(kind, 0) + 1
            node.parent = parent
            siblings.append(node)
            stack.append(node)
            for n in stack:
                n.end = b
            prev_end = b
    close(prev_end)
    for n in Outline(view, mode, tuple(lists), body_end).nodes():
        if n.children:
            n.body_end = n.children[0].start
    return Outline(view, mode, tuple(lists), body_end)


def field_of(node: Node, text: str) -> str | None:
    """The field an item states ("Cơ quan chủ trì: …" -> "lead"), None for a plain item."""
    r = rules()
    folded = fold_same_length(text)
    if not r.field_start.match(folded, node.text_start):
        return None
    f = folded[node.text_start:min(node.body_end, node.text_start + 60)]
    for name, rx in r.fields:
        if rx.match(f):
            return name
    return None


def heading_text(node: Node, text: str) -> str:
    """The first line of an item's own text (its heading)."""
    return text[node.text_start:node.body_end].split("\n", 1)[0].strip()


def _section_says(node: Node, text: str) -> bool | None:
    # the folded text's heading is the heading folded (folding keeps line breaks and spaces
    # where they are, and the text's fold is kept while its outline is read)
    f = heading_text(node, fold_same_length(text))
    r = rules()
    task, other = r.task_sections.match(f), r.other_sections.match(f)
    if task and (not other or task.end() > other.end()):
        return True
    return False if other else None


def intro_names_tasks(intro: str) -> bool:
    """Does the sentence introducing a list announce tasks (not goals, levels, parts)?"""
    s = intro.strip()
    if not (s.endswith(":") or _fold(s).rstrip(" .").endswith("sau")):
        return False
    last = re.split(r"(?<=[.!?])\s+", s)[-1]
    f = _fold(" ".join(last.split()))
    r = rules()
    if r.task_intros.search(f):  # "… chỉ thị:", "… yêu cầu các sở …, các nội dung sau:"
        return True
    tasks = [m.start() for m in r.task_nouns.finditer(f)]
    others = [m.start() for m in r.other_nouns.finditer(f)]
    return bool(tasks) and (not others or max(tasks) > max(others))


def task_nodes(outline: Outline) -> list[Node]:
    """Items that are tasks: leaves (not part headings) in parts or lists that hold tasks; an
    item whose children are its fields ("a) Nhiệm vụ: … b) Cơ quan chủ trì: …") is one task;
    an article ("Điều 2. Giao …") is a task when it assigns work."""
    text = outline.text
    out = []
    says: dict[Node, bool | None] = {}  # each heading is read once, whatever its items
    sectioned = None  # looked at when first needed
    for lst in outline.lists:
        if lst.addressed:
            continue
        if outline.mode == "list":
            if not intro_names_tasks(text[lst.intro_start:lst.intro_end]):
                continue
            for n in _leaves(lst.items, text):
                if n.kind in _PARTS:
                    continue
                heads = n.path()[:-1]
                for a in heads:
                    if a not in says:
                        says[a] = _section_says(a, text)
                if not any(says[a] is False for a in heads):  # not under "MỤC ĐÍCH …"
                    out.append(n)
            continue
        announced: bool | None = None  # the list's intro hands out work ("… như sau:")
        for n in _leaves(lst.items, text):
            if n.kind in _PARTS:  # a part with no items: in a text whose parts are not
                # the plan's (I. MỤC ĐÍCH, II. NHIỆM VỤ) but its tasks (a Chỉ thị), a task
                if sectioned is None:
                    sectioned = has_sections(outline)
                if not sectioned:
                    out.append(n)
                continue
            if n.kind == "article":
                if _assigns(n, text):
                    out.append(n)
                continue
            heads = n.path()[:-1]
            if any(h.kind == "article" for h in heads):
                if _hands_out(n, text):  # "Điều 2. Tổ chức thực hiện" / "1. Giao Sở X chủ trì …"
                    out.append(n)
                continue
            for a in heads:
                if a not in says:
                    says[a] = _section_says(a, text)
            verdicts = [says[a] for a in heads if says[a] is not None]
            if not verdicts and sectioned is None:
                sectioned = has_sections(outline)
            if not verdicts and sectioned and announced is None:
                announced = intro_names_tasks(text[lst.intro_start:lst.intro_end])
            if verdicts[:1] == [True] or (not verdicts and (not sectioned or announced)):
                out.append(n)  # under headings that only name who does them ("1. Sở X")
    return out


_GIVE = re.compile(r"Giao\s+(?:cho\s+)?", re.IGNORECASE)
_LEADS_NOW = re.compile(r"[ \t]*,?[ \t]*chủ trì\b", re.IGNORECASE)


def _hands_out(node: Node, text: str) -> bool:
    """Does an item under an article give work to a body: "Giao Sở X …", or "Sở X chủ trì …"
    (not "Giao dịch …", "Giao cấu …" in a code's clauses)?"""
    a = node.text_start
    give = _GIVE.match(text, a, node.body_end)
    if give is not None:
        return starts_body(text, give.end())
    found = organisation_at(text, a) if starts_body(text, a) else None
    return found is not None and bool(_LEADS_NOW.match(text, found.end, node.body_end))


def _assigns(node: Node, text: str) -> bool:
    f = _fold(" ".join(text[node.text_start:node.body_end].split()))
    r = rules()
    return bool(r.article_task.search(f)) and not r.article_other.search(f)


def _runs_on(node: Node, text: str) -> bool:
    """Is a "-" line under this item the rest of its sentence, not a sub-item? The item is a
    full sentence (not a heading) that does not announce a list with ":"."""
    own = text[node.text_start:node.body_end].strip()
    return (all(c.kind == "dash" for c in node.children) and len(own.split()) > _SENTENCE
            and not own.endswith(":"))


def _leaves(items: tuple[Node, ...], text: str) -> list[Node]:
    """Items with no sub-items, or whose sub-items are their fields; fields are not items."""
    r = rules()
    folded = fold_same_length(text)

    def is_field(n: Node) -> bool:  # a quick look at the first word, then the field rules
        return bool(r.field_start.match(folded, n.text_start)) and field_of(n, text) is not None

    out: list[Node] = []

    def walk(n: Node) -> None:
        if is_field(n):
            return
        if not n.children or any(map(is_field, n.children)) or _runs_on(n, text):
            out.append(n)
            return
        for c in n.children:
            walk(c)

    for n in items:
        walk(n)
    return out


def has_sections(outline: Outline) -> bool:
    """Does the text head its parts ("I. MỤC ĐÍCH …", "II. NHIỆM VỤ")?"""
    return any(_section_says(n, outline.text) is not None
               for n in outline.nodes() if n.kind in _PARTS or n.parent is None)


def has_task_part(outline: Outline) -> bool:
    """Does the text have a part that holds tasks ("II. NHIỆM VỤ", "IV. TỔ CHỨC THỰC HIỆN")
    or an article that assigns work ("Điều 2. Giao …")?"""
    return any((n.kind in _PARTS and _section_says(n, outline.text))
               or (n.kind == "article" and _assigns(n, outline.text))
               for lst in outline.lists for n in lst.items)
