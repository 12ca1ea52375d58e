"""Agencies named in plans: a gazetteer (loaders/data/organisations.yaml) and its matcher.

Finds the bodies a task names as lead (chủ trì) or partners (phối hợp), resolves abbreviations
("Sở TT&TT", "UBND tỉnh") and short forms ("Ban Tổ chức" after "Ban Tổ chức Tỉnh ủy") to one
canonical name, and skips collective phrases ("các cơ quan, đơn vị có liên quan").
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import yaml

from graph.model import Organisation
from loaders.context import TextContext
from loaders.identity import organisation_uid
from loaders.matching import alternation, fold_same_length

DATA = Path(__file__).with_name("data") / "organisations.yaml"
_fold = fold_same_length.__wrapped__  # short strings: not kept in the shared cache
_SEPARATOR = re.compile(r"(?:\s*,\s*|\s+và\s+|\s+cùng\s+|\s*;\s*)+", re.IGNORECASE)


@dataclass(frozen=True)
class Entry:
    """One body of the gazetteer."""

    name: str
    level: str
    kind: str


@dataclass(frozen=True)
class Mention:
    """A body named in a text: its canonical entry and where it is written."""

    entry: Entry
    start: int
    end: int
    short: bool = False  # written as a short form ("Ban Tổ chức"): printed as the entry's name

    def printed(self, text: str) -> str:
        """The name as the text prints it (whitespace normalised); a short form as resolved."""
        return self.entry.name if self.short else " ".join(text[self.start:self.end].split())


@dataclass(frozen=True)
class Gazetteer:
    entries: dict[str, Entry]  # folded alias -> entry
    short: dict[str, tuple[Entry, ...]]  # folded short form -> candidates, default first
    names: re.Pattern[str]  # aliases and short forms, over folded text
    vague: re.Pattern[str]
    collectives: re.Pattern[str]  # "các sở, ban, ngành", "UBND các xã, phường" (folded)
    heads: re.Pattern[str]  # words a body's name starts with, as printed
    generic: re.Pattern[str]  # bodies named by kind only ("các cơ quan, đơn vị …"), folded


def _variants(name: str, abbreviations: dict[str, list[str]]) -> set[str]:
    """The name with every combination of its expandable phrases abbreviated."""
    found = [(full, forms) for full, forms in abbreviations.items()
             if fold_same_length(full) in fold_same_length(name)]
    out = {name}
    for r in range(1, len(found) + 1):
        for combo in itertools.combinations(found, r):
            for forms in itertools.product(*(f for _, f in combo)):
                v = name
                for (full, _), short in zip(combo, forms, strict=True):
                    v = re.sub(re.escape(full), short, v, flags=re.IGNORECASE)
                out.add(v)
    every_form = {fold_same_length(f) for forms in abbreviations.values() for f in forms}
    return {v for v in out if fold_same_length(v) not in every_form}


def _with_derived(row: dict, derived: list[dict]) -> list[tuple[Entry, list[str]]]:
    """A provincial body and its counterparts ("Ban Tổ chức Tỉnh ủy" -> "… Thành ủy", "… Huyện
    ủy"; "Ủy ban nhân dân tỉnh" -> "… thành phố", "… huyện", "… xã") with their aliases."""
    aliases = [row["name"], *row.get("aliases", [])]
    out = [(Entry(row["name"], row["level"], row["kind"]), aliases)]
    if row["level"] != "provincial":
        return out
    for d in derived:
        old, new = d["from"], d["to"]
        if (old.startswith(" ") and row["name"].endswith(old)) or (
                not old.startswith(" ") and old in row["name"]):
            swap = [a[: -len(old)] + new if old.startswith(" ") and a.endswith(old)
                    else a.replace(old, new) for a in aliases]
            out.append((Entry(swap[0], d["level"], row["kind"]), swap))
    return out


@cache
def gazetteer() -> Gazetteer:
    """The shipped gazetteer, loaded once per process."""
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    abbreviations = data["abbreviations"]
    entries: dict[str, Entry] = {}
    derived = [_with_derived(row, data["derived_forms"]) for row in data["organisations"]]
    for tier in (0, 1):  # bodies listed by name win over derived counterparts
        for forms in derived:
            for entry, aliases in forms[:1] if tier == 0 else forms[1:]:
                for alias in aliases:
                    for v in _variants(alias, abbreviations):
                        entries.setdefault(fold_same_length(" ".join(v.split())), entry)
    by_name = {fold_same_length(e.name): e for e in entries.values()}
    short = {fold_same_length(k): tuple(by_name[fold_same_length(n)] for n in v)
             for k, v in data["short_forms"].items()}
    vague = set(data["vague"])
    return Gazetteer(entries, short, alternation([*entries, *short]), alternation(vague),
                     re.compile(fold_same_length("|".join(data["collectives"]))),
                     re.compile("|".join(data["heads"])),
                     re.compile(fold_same_length("|".join(data["generic"]))))


def _resolve(folded: str, key: str, at: int, g: Gazetteer) -> Entry:
    """A short form means the candidate named in full most recently before `at`."""
    if key in g.entries:
        return g.entries[key]
    candidates = g.short[key]
    best, best_pos = candidates[0], -1
    for cand in candidates:
        pos = folded.rfind(_fold(cand.name), 0, at)
        if pos > best_pos:
            best, best_pos = cand, pos
    return best


def find_organisations(text: str, start: int = 0, end: int | None = None) -> list[Mention]:
    """Bodies named in text[start:end], in order; vague collectives are not bodies.

    >>> [m.entry.name for m in find_organisations("Sở TT&TT phối hợp với UBND tỉnh")]
    ['Sở Thông tin và Truyền thông', 'Ủy ban nhân dân tỉnh']
    """
    g = gazetteer()
    folded = fold_same_length(text)
    end = len(text) if end is None else end
    found = (_mention(g, folded, m) for m in g.names.finditer(folded, start, end))
    return [m for m in found if m is not None]


def _mention(g: Gazetteer, folded: str, m: re.Match[str]) -> Mention | None:
    """The body a gazetteer match names, None if a vague collective covers it."""
    if _vague_covers(g, folded, m.start(), m.end()):
        return None
    key = " ".join(m.group().split())
    return Mention(_resolve(folded, key, m.start(), g), m.start(), m.end(), key not in g.entries)


def _vague_covers(g: Gazetteer, folded: str, start: int, end: int) -> bool:
    lo = max(0, start - 60)
    for v in g.vague.finditer(folded, lo, min(len(folded), end + 60)):
        if v.start() > start:  # (the later ones start later still)
            return False
        if v.end() >= end:
            return True
    return False


@lru_cache(maxsize=4096)
def canonical_name(printed: str) -> str:
    """The gazetteer's name of a body printed as a whole ("Sở KH&CN" -> "Sở Khoa học và Công
    nghệ"); the printed name itself when it is not exactly one known body (cached: a plan
    prints the same leads and partners task after task)."""
    name = " ".join(printed.split())
    found = find_organisations(name)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(name):
        return found[0].entry.name
    return name


def organisation_at(text: str, pos: int) -> Mention | None:
    """The body whose name starts exactly at `pos`, if any."""
    g = gazetteer()
    folded = fold_same_length(text)
    m = g.names.match(folded, pos, min(len(text), pos + 120))
    return None if m is None else _mention(g, folded, m)


def vague_at(text: str, pos: int) -> int | None:
    """End of the collective phrase starting at `pos` ("các cơ quan liên quan"), if any."""
    m = gazetteer().vague.match(fold_same_length(text), pos)
    return m.end() if m else None


def organisation_record(m: Mention, ctx: TextContext, method: str = "gazetteer",
                        confidence: float = 0.9) -> Organisation:
    """The graph record of a mention, placed in the province the text is about there."""
    locality = None if m.entry.level == "central" else ctx.locality_at(m.start)
    return Organisation(organisation_uid(m.entry.name, locality), m.entry.name, m.entry.level,
                        m.entry.kind, locality, ctx.evidence(m.start, m.end, method, confidence))


# a list's separators, and a missing one: "Sở A Sở B" (not "Văn phòng Sở", "Giám đốc Sở")
_PIECE = re.compile(r"[;,]|\s+và\s+|(?<=[\w&)])(?<!phòng)(?<!đốc)(?<!tra)\s+"
                    r"(?=(?:Sở|Bộ)\s+[A-ZĐÀ-Ỹ])")
_TRAIL = " \t\n.;:,"
# ", đơn vị có liên quan" after a collective: the whole list is "… có liên quan"
_TAIL_RELATED = re.compile(r",\s*(?:[a-zà-ỹđ][^,;\n]{0,20},\s*)*[a-zà-ỹđ][^,;\n]{0,20}?"
                           r"(?:có\s+)?liên quan\b")
_FOLDED_RELATED = re.compile(r"\s+(?:co\s+)?lien quan\b")
_RELATED = re.compile(r"\bliên quan\b", re.IGNORECASE)


def starts_body(text: str, pos: int) -> bool:
    """Does a body's name (or a collective of bodies) start at `pos`?"""
    g = gazetteer()
    return bool(g.heads.match(text, pos) or g.collectives.match(fold_same_length(text), pos))


def is_vague(phrase: str) -> bool:
    """A body named only by kind or "… (có) liên quan": left out of a support list."""
    f = _fold(" ".join(phrase.split()))
    g = gazetteer()
    if _RELATED.search(phrase) or g.generic.fullmatch(f):
        return True
    return bool(g.vague.fullmatch(f)) and not g.collectives.fullmatch(f)


def split_bodies(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """The bodies a field or cell lists ("Sở A, Sở B; các sở, ban, ngành tỉnh; UBND các xã,
    phường"), as printed with their spans: a piece that does not start a body's name ("ban",
    "phường", "Công nghệ" after "và") belongs to the piece before it."""
    folded = fold_same_length(text)
    out: list[list[int]] = []
    pos = start
    g = gazetteer()
    while pos < end:
        while pos < end and text[pos] in " \t\n;,":
            pos += 1
        if pos >= end:
            break
        m = g.collectives.match(folded, pos, end)
        stop = _PIECE.search(text, m.end() if m else pos + 1, end)
        piece_end = stop.start() if stop else end
        if out and not m and not starts_body(text, pos):
            out[-1][1] = piece_end
        else:
            out.append([pos, piece_end])
        pos = stop.end() if stop else end
    result = []
    for a, b in out:
        raw = text[a:b]
        b = a + len(raw.rstrip(_TRAIL))
        if b > a:
            result.append((" ".join(text[a:b].split()), a, b))
    return result


def printed_partners(text: str, pos: int, end: int) -> list[tuple[str, Mention | None]]:
    """The partners listed from `pos` in running text ("phối hợp với Sở A, sở, ban, ngành, UBND
    xã, phường và các đơn vị liên quan tổ chức …") as printed, vague ones left out; the list
    stops at the first thing that is not a body (the verb that follows it)."""
    folded = fold_same_length(text)
    g = gazetteer()
    out: list[tuple[str, Mention | None]] = []
    while pos < end:
        sep = _SEPARATOR.match(text, pos)
        if sep and sep.end() > pos:
            pos = sep.end()
            continue
        c = g.collectives.match(folded, pos, end)
        m = organisation_at(text, pos)
        if c and (m is None or c.end() >= m.end):
            rel = _FOLDED_RELATED.match(folded, c.end(), min(end, c.end() + 20)) \
                or _TAIL_RELATED.match(text, c.end(), min(end, c.end() + 80))
            if rel:
                pos = rel.end()
                continue
            out.append((" ".join(text[c.start():c.end()].split()), None))
            pos = c.end()
            continue
        if m:
            out.append((m.printed(text), m))
            pos = m.end
            continue
        v = vague_at(text, pos)
        if v is None:
            break
        pos = v
    return out
