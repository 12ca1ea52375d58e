"""Provinces and centrally run cities before and after the 2025 reform, and where texts name them.

The gazetteer is data (loaders/data/provinces.yaml). Mentions are matched case-sensitively
(title case or all capitals, as Vietnamese prints proper names) on text whose old-style tone
marks are modernised, so "Thanh Hoá" and "THANH HÓA" both count.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

from graph.keys import fold, modern_tones
from loaders.matching import whole_words

DATA = Path(__file__).with_name("data") / "provinces.yaml"
KINDS = {"tinh": "tỉnh", "thanh_pho": "thành phố trực thuộc Trung ương"}


@dataclass(frozen=True)
class Province:
    """One province-level unit of one era."""

    name: str
    kind: str  # tinh | thanh_pho
    variants: tuple[str, ...]
    successor: str | None  # the post-2025 unit (None for post-2025 units themselves)
    era: str  # before_2025 | from_2025


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    province: str  # canonical pre-2025 name


@cache
def _data() -> dict:
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))


@cache
def _units() -> tuple[Province, ...]:
    d = _data()
    return tuple(
        Province(u["name"], u["kind"], tuple(u.get("variants") or ()), u.get("successor"), era)
        for era in ("before_2025", "from_2025") for u in d[era])


@cache
def _by_key() -> dict[str, Province]:
    index: dict[str, Province] = {}
    for era in ("from_2025", "before_2025"):  # pre-2025 units win on shared names
        for p in _units():
            if p.era == era:
                for n in (p.name, *p.variants):
                    index[fold(n)] = p
    return index


def reform_date() -> dt.date:
    return _data()["reform_date"]


def province(name: str | None) -> Province | None:
    """Look a unit up by name or short form, accent- and case-insensitively.

    >>> province("quang ninh").name
    'Quảng Ninh'
    >>> province("TP HCM").name
    'Hồ Chí Minh'
    """
    if not name:
        return None
    key = fold(name)
    key = re.sub(r"^(tinh|thanh pho)\s+", "", key)
    return _by_key().get(key)


def provinces(on: dt.date | None = None) -> list[Province]:
    """The units in force on a date: 63 before 1 July 2025, 34 from then (today by default)."""
    on = on or dt.date.today()
    era = "before_2025" if on < reform_date() else "from_2025"
    return [p for p in _units() if p.era == era]


def successor(name: str) -> str | None:
    """The post-2025 unit a pre-2025 province or city became part of."""
    p = province(name)
    if p is None:
        return None
    return p.successor if p.era == "before_2025" else p.name


@cache
def _pattern() -> re.Pattern[str]:
    forms: dict[str, str] = {}
    for p in _units():
        canonical = p.name if p.era == "before_2025" else (
            next((q.name for q in _units() if q.era == "before_2025"
                  and p.name in (q.name, *q.variants)), p.name))
        for n in (p.name, *p.variants):
            for f in (n, n.upper()):
                forms.setdefault(modern_tones(f), canonical)
    _pattern.forms = forms  # type: ignore[attr-defined]
    return re.compile(whole_words(forms, before=r"[\w.]", after=r"\w"))


def province_regex() -> str:
    """Regex source matching any province name or short form (on modern-tone text)."""
    return _pattern().pattern


@cache
def _not_bare() -> frozenset[str]:
    """Names that are no province when printed alone."""
    return frozenset(modern_tones(n) for n in _data().get("not_bare") or ())


@cache
def _bare_after() -> tuple[str, ...]:
    """Words after which a name that is no province alone is one ("Thành ủy Hồ Chí Minh")."""
    return tuple(f"{w} " for w in _data().get("bare_after") or ())


def find_provinces(text: str) -> list[Mention]:
    """Every mention of a province or city in the text, with its canonical pre-2025 name."""
    pat = _pattern()
    forms = _pattern.forms  # type: ignore[attr-defined]
    blocked = _data().get("not_followed_by") or {}
    not_bare = _not_bare()
    after = _bare_after()
    norm = modern_tones(text)
    out = []
    for m in pat.finditer(norm):
        surface = " ".join(m.group().split())  # (a name opens and ends with a letter)
        if (surface in not_bare or surface.title() in not_bare) and not norm[
                max(0, m.start() - 12):m.start()].endswith(after):
            continue
        name = forms.get(surface) or forms[surface.title()]
        nxt = text[m.end():m.end() + 12].split()
        if nxt and nxt[0].strip(",.;:()") in blocked.get(name, ()):
            continue
        out.append(Mention(m.start(), m.end(), name))
    return out


_PREFIX = re.compile(r"^(?:tỉnh|thành phố|tp\.?)\s+", re.IGNORECASE)
_SHORT_LINE = re.compile(r"^[ \t]*(\S[^\n]{0,40}?)[ \t]*:?$", re.MULTILINE)


@cache
def _initials() -> frozenset[str]:
    """The letters a name can start with, and o/u (which modern tones may change)."""
    _pattern()
    return frozenset(f[0] for f in _pattern.forms) | frozenset("oOuU")  # type: ignore[attr-defined]


def _short_lines(text: str) -> Iterator[tuple[int, str]]:
    """(offset, text) of group 1 of every `_SHORT_LINE` match, read line by line (the pattern
    opens with "^" and is otherwise tried at every character): a line's text after its
    leading spaces, without a last ":" and spaces around it, up to 41 characters."""
    at = 0
    for line in text.split("\n"):
        s = line.lstrip(" \t")
        start = at + len(line) - len(s)
        at += len(line) + 1
        if not s or s[0].isspace():
            continue  # (the group opens with a non-space)
        body = s.rstrip(" \t")
        if body[-1] == ":" and s.endswith(":"):
            body = body[:-1].rstrip(" \t") or body  # (the shortest group: no colon in it)
        if len(body) <= 41:
            yield start, body


@cache
def _whole_forms() -> frozenset[str]:
    """Every name form with its spaces collapsed: a line the province pattern matches from
    its first character to its last reads as one of these (the pattern is the forms' trie,
    spaces flexible), so a line that does not cannot be a heading."""
    _pattern()
    return frozenset(" ".join(f.split()) for f in _pattern.forms)  # type: ignore[attr-defined]


def section_headings(text: str) -> list[tuple[int, str]]:
    """(offset, province) of short lines that only name a province: headings of round-ups."""
    out = []
    initials = _initials()
    for start, group in _short_lines(text):
        if group[0] not in initials and group[0] not in "tT":  # no name starts the line
            continue
        if (province := _heading(group)) is not None:
            out.append((start, province))
    return out


@lru_cache(maxsize=1024)
def _heading(group: str) -> str | None:
    """The province a short line names from end to end (prefix aside), else None. Cached:
    the same headings and short lines recur from text to text."""
    line = (_PREFIX.sub("", group) if group[0] in "tT" else group).strip()
    if line[:1] not in _initials():  # no name starts the line
        return None
    if " ".join(modern_tones(line).split()) not in _whole_forms():  # not one name, whole
        return None
    found = find_provinces(line)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(line):
        return found[0].province
    return None


_ORG_BEFORE = re.compile(r"(?:ủy|tỉnh|thành phố|TP\.?|UBND|HĐND|Đảng bộ|TỈNH|THÀNH PHỐ|ỦY)\s*$",
                         re.IGNORECASE)


def dominant_province(text: str) -> str | None:
    """The province a text is about as a whole, when one clearly dominates its mentions.

    A mention inside an organisation name ("Tỉnh ủy Quảng Ninh", "UBND tỉnh Long An") weighs
    double. A text that names no province, or several evenly, has none.
    """
    score: Counter[str] = Counter()
    for m in find_provinces(text):
        before = modern_tones(text[max(0, m.start - 20):m.start])
        score[m.province] += 2 if _ORG_BEFORE.search(before) else 1
    if not score:
        return None
    top, n = score.most_common(1)[0]
    total = sum(score.values())
    return top if n >= 2 and n >= 0.6 * total else None


def kind_label(p: Province) -> str:
    return KINDS[p.kind]


@cache
def _eras() -> dict[str, frozenset[str]]:
    """Folded name or short form -> the eras of the units it names."""
    out: dict[str, set[str]] = {}
    for p in _units():
        for n in (p.name, *p.variants):
            out.setdefault(fold(n), set()).add(p.era)
    return {k: frozenset(v) for k, v in out.items()}


def era(name: str) -> str:
    """"both" if the unit exists before and after the reform, else "before2025"/"after2025"."""
    eras = _eras().get(fold(name), frozenset())
    if eras == {"before_2025", "from_2025"}:
        return "both"
    return "after2025" if eras == {"from_2025"} else "before2025"


HOSTS = Path(__file__).with_name("data") / "source_hosts.yaml"


@cache
def _hosts() -> dict:
    return yaml.safe_load(HOSTS.read_text(encoding="utf-8"))


def _run(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", fold(name))


@cache
def _run_together() -> dict[str, str]:
    """Province names run together as hosts spell them: "quangnam" -> "Quảng Nam"."""
    out: dict[str, str] = {}
    for p in _units():
        if p.era != "before_2025":
            continue
        for n in (p.name, *p.variants):
            if len(_run(n)) >= 4:
                out.setdefault(_run(n), p.name)
    for short, name in (_hosts().get("aliases") or {}).items():
        out.setdefault(_run(short), name)
    return out


def _label_province(label: str) -> str | None:
    names = _run_together()
    if label in names:
        return names[label]
    d = _hosts()
    for pre in sorted(["", *d["prefixes"]], key=len, reverse=True):
        if not label.startswith(pre):
            continue
        rest = label[len(pre):]
        for suf in sorted(["", *d["suffixes"]], key=len, reverse=True):
            core = rest[:len(rest) - len(suf)] if suf and rest.endswith(suf) else (
                rest if not suf else None)
            if core and core in names:
                return names[core]
    return None


def host_province(url: str | None) -> str | None:
    """The province a publisher's host names: "hcc.quangnam.gov.vn", "baoquangnam.vn",
    "gialaitv.vn" (data/source_hosts.yaml).

    >>> host_province("https://baobariavungtau.com.vn/xa-hoi/1.htm")
    'Bà Rịa - Vũng Tàu'
    >>> host_province("https://thuvienphapluat.vn/van-ban/x.aspx") is None
    True
    """
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    for label in host.split(".")[:-1]:
        found = _label_province(label.replace("-", ""))
        if found:
            return found
    return None


@cache
def _path_names() -> tuple[tuple[tuple[str, ...], str], ...]:
    out = []
    for p in _units():
        if p.era != "before_2025":
            continue
        for n in (p.name, *p.variants):
            words = tuple(re.findall(r"[a-z0-9]+", fold(n)))
            if len(words) >= 2 and words[0] not in ("tp", "thanh"):
                out.append((words, p.name))
    return tuple(sorted(out, key=lambda w: -len(w[0])))


@cache
def _path_index() -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
    """`_path_names` by first word, each list in the same (longest first) order."""
    index: dict[str, list] = {}
    for entry in _path_names():
        index.setdefault(entry[0][0], []).append(entry)
    return {k: tuple(v) for k, v in index.items()}


def path_province(url: str | None, prefixed: bool) -> str | None:
    """The province an address path names ("…-do-tinh-quang-ngai-ban-hanh.html"): with
    `prefixed`, only after "tinh"/"thanh-pho" (the issuer's province); else anywhere, when
    exactly one province is named."""
    if not url:
        return None
    path = fold(unquote(urlsplit(url).path))
    words = re.findall(r"[a-z0-9]+", path)
    heads = set(_hosts().get("path_prefixes") or ())
    found = set()
    if not prefixed:  # a segment that is a province's name run together: "vbpl.vn/quangninh/…"
        names = _run_together()
        found |= {names[s] for s in path.split("/") if s in names}
    index = _path_index()
    for i in range(len(words)):
        for name, province_name in index.get(words[i], ()):
            if tuple(words[i:i + len(name)]) != name:
                continue
            before = words[i - 1] if i else ""
            two = "-".join(words[max(0, i - 2):i])
            if not prefixed or before in heads or two in heads:
                found.add(province_name)
            break
    return found.pop() if len(found) == 1 else None


def source_locality(url: str | None, text_province: str | None) -> str | None:
    """The province a text is about, its address weighed with its body: an address path that
    names the issuer's province ("…-tinh-quang-ngai-…") first, then the province the body is
    about, then the publisher's host, then a province the address names anywhere."""
    return (path_province(url, True) or text_province or host_province(url)
            or path_province(url, False))


# "Tại Thái Bình, …" / "Ở tỉnh Hà Nam, …" / "Còn tại Nam Định, …" opening a paragraph
_OPENER = re.compile(r"[ \t]*(?:(?:còn|trong khi đó|riêng)\s+)?(?:tại|ở)\s+"
                     r"(?:(?:tỉnh|thành phố|tp\.?)\s+)?", re.IGNORECASE)
_OPENER_FIRST = frozenset("tTởỞcCrR \t")  # the first characters an opener can start with


def _paragraph_end(text: str, line_end: int) -> int:
    """Where the paragraph whose first line ends at `line_end` ends: a hard-wrapped one goes on
    over lines that neither follow a stop nor a blank line."""
    while line_end < len(text) and not text[text.rfind("\n", 0, line_end) + 1:line_end].rstrip(
            ).endswith((".", "!", "?", ":")):
        nl = text.find("\n", line_end + 1)
        nxt = len(text) if nl < 0 else nl
        if not text[line_end + 1:nxt].strip():
            break
        line_end = nxt
    return line_end


def paragraph_openers(text: str) -> list[tuple[int, str | None]]:
    """(offset, province) of paragraphs that open by placing themselves in a province, as a
    round-up of several provinces does ("Tại Thái Bình, … Ở Hà Nam, …"): the paragraph speaks
    of that province's bodies; (offset, None) where the paragraph after one opens no other
    (the text speaks of what it spoke of before). Only when two provinces or more open
    paragraphs this way; one such paragraph in a text about one province is an aside."""
    out: list[tuple[int, str | None]] = []
    provinces = set()
    at = 0
    while at < len(text):  # each line's start (a pattern led by "^" is tried everywhere)
        nl = text.find("\n", at)
        line_end = len(text) if nl < 0 else nl
        m = _OPENER.match(text, at, line_end) if text[at] in _OPENER_FIRST else None
        found = find_provinces(text[m.end():m.end() + 40]) if m is not None else []
        if m is not None and found and found[0].start == 0 and \
                text[m.end() + found[0].end:][:1] in (",", " "):
            if out and out[-1][1] is None and out[-1][0] == at:
                out.pop()  # the paragraph before opened too: no return in between
            out.append((m.start() + len(m.group()) - len(m.group().lstrip()), found[0].province))
            provinces.add(found[0].province)
            line_end = _paragraph_end(text, line_end)
            if line_end < len(text):
                out.append((line_end + 1, None))
        at = line_end + 1
    return out if len(provinces) >= 2 else []
