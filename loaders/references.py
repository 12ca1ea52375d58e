"""Document references: symbols (số ký hiệu) and short citations, with the type word before them.

Party symbols put a hyphen after the number and a slash before the issuer (26-NQ/TW,
103a-KH/TU, 21 – NQ/TƯ); State symbols a slash after the number (132/NQ-CP, 140/2017/NĐ-CP,
653/2019/UBTVQH14). The type word printed before a symbol ("Quy định số 205-QĐ/TW") decides
the type, which settles the Party QĐ ambiguity. Short citations ("Nghị quyết 26", "Chỉ thị 05",
"Đề án 25") carry a number and a type but no symbol.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import yaml

from graph.keys import fold, modern_tones
from loaders.matching import Spans, finditer_at, whole_words

DATA = Path(__file__).with_name("data") / "doc_types.yaml"
_DIGITS = re.compile(r"\d+")
_NOT_BEFORE = "_/.,-"  # with the word characters, what `num` may not follow (see _patterns)


@dataclass(frozen=True)
class Ref:
    """One reference to a document in the text."""

    start: int  # span of the reference, type word included
    end: int
    number: str
    type: str | None  # Vietnamese type name ("Kế hoạch"), None if unknown
    symbol: str | None = None  # canonical symbol; None for a short citation
    family: str = "short"  # party | state | short
    level: str = "unknown"  # from the issuer code
    local: bool = False  # symbol repeats across localities (…/TU, …-UBND)
    printed_type: bool = False  # a type word was printed before it


@cache
def _data() -> dict:
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))


@cache
def _codes(family: str) -> dict[str, str]:
    """Folded type abbreviation -> (canonical abbreviation) for one family."""
    out = {}
    for codes in _data()["abbreviations"].values():
        for code in codes.get(family) or ():
            out[fold(code)] = code
    return out


@cache
def _type_of_code(family: str) -> dict[str, str]:
    out = {}
    for name, codes in _data()["abbreviations"].items():
        for code in codes.get(family) or ():
            out[code] = name
    return out


def printed_types() -> dict[str, list[str]]:
    """Type name -> the words that print it (full words and codes), as data lists them."""
    return _data()["type_words"]


@cache
def type_words() -> dict[str, str]:
    """Printed type word (folded) -> type name."""
    out = {}
    for name, words in _data()["type_words"].items():
        for w in words:
            out[fold(w)] = name
    return out


def _alt(codes: list[str]) -> str:
    forms = set()
    for c in codes:
        forms |= {c, c.upper(), c.capitalize(), fold(c).upper(), c.replace("Đ", "D")}
    return "|".join(re.escape(f) for f in sorted(forms, key=lambda f: (-len(f), f)))


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    party = _alt(list(_codes("party").values()))
    state = _alt(list(_codes("state").values()))
    issuer_p = r"[A-ZĐƯ](?:[A-ZĐƯ]|\.(?=[A-ZĐƯ])){0,9}(?:-[A-Z]{1,4})?"
    # a unit code may carry a dotted suffix ("227/TTr-SYT.DS")
    issuer_s = (r"[A-ZĐ][A-Za-zĐđ0-9]*(?:\s*-\s*[A-ZĐ][A-Za-zĐđ0-9]*)*"
                r"(?:\.[A-ZĐ]{1,4}(?![\w.]))?")
    bodies = _data()["letter_issuers"]
    party_issuer = _data()["party_issuers"]
    num = r"(?<![\w/.,-])(\d{1,5}[a-zđ]?)"
    full_type = whole_words(_type_words(full_only=True), before=r"\w", after=None)
    return {
        "state_qppl": re.compile(
            rf"{num}\s*/\s*((?:19|20)\d{{2}})\s*/\s*(?:({state})\s*[-–]\s*)?({issuer_s})(?![\w])"),
        "state_adm": re.compile(rf"{num}\s*/\s*({state})\s*[-–]\s*({issuer_s})(?![\w])"),
        # a Party symbol printed in State order ("08/NQ -TW", "21/NQ/TW", "14/CT/TU")
        "party_state_order": re.compile(
            rf"{num}\s*/\s*({party})\s*[-–/]\s*({party_issuer})(?![\w])"),
        # the separator may be lost ("10KL/TU"), the next word glued on ("39-NQ/TWngày")
        "party": re.compile(
            rf"{num}\s*(?:[-–—]\s*|\s+|)({party})\s*/\s*({issuer_p})(?![\wĐƯ])"),
        # an official letter: no type code, the body then its drafting unit ("1234/UBND-TH")
        "letter": re.compile(rf"{num}\s*/\s*({bodies})\s*[-–]\s*([A-ZĐ][A-Za-zĐđ0-9]*"
                             rf"(?:\.[A-ZĐ]{{1,4}})?)(?![\w])"),
        # a letter of any body, where the text says it is a number ("Số: 1178/ĐCK-CTT")
        "letter_any": re.compile(rf"{num}\s*/\s*([A-ZĐ]{{2,8}})\s*[-–]\s*([A-ZĐ][A-Za-zĐđ0-9]*"
                                 rf"(?:\.[A-ZĐ]{{1,4}})?)(?![\w])"),
        "type_before": re.compile(
            rf"(?:{'|'.join(_type_word_forms())})\s+(?:số\s*:?\s*)?$", re.IGNORECASE),
        "short": re.compile(
            rf"({full_type})\s+"
            r"(?:số\s*:?\s*)?(\d{1,4}[a-z]?)(?![\w/]|\s*[-–]\s*[A-ZĐ]|[.,]\d|\s*/)"),
    }


def _type_words(full_only: bool = False) -> list[str]:
    words = [w for ws in _data()["type_words"].values() for w in ws]
    if full_only:
        words = [w for w in words if " " in w or w in ("Đề án", "NQ")] + ["Luật"]
    return sorted(set(words), key=len, reverse=True)


def _type_word_forms() -> list[str]:
    return [re.escape(w).replace(r"\ ", r"\s+") for w in _type_words()]


@cache
def _issuer_rules() -> dict[str, list[tuple[re.Pattern[str], str, bool]]]:
    return {fam: [(re.compile(rf"(?:{r['pattern']})"), r["level"], r["local"]) for r in rules]
            for fam, rules in _data()["issuer_codes"].items()}


@lru_cache(maxsize=4096)
def issuer_level(family: str, issuer: str) -> tuple[str, bool]:
    """(level, local) of a symbol's issuer code: "TW" -> central, "TU" -> provincial, local."""
    head = issuer.split("-")[0].split(".")[0]
    for pat, level, local in _issuer_rules()["party" if family == "party" else "state"]:
        if pat.fullmatch(head):
            return level, local
    return "unknown", family == "party"


@cache
def _issuer_case() -> dict[str, str]:
    return {c.upper(): c for c in _data()["issuer_case"]}


@lru_cache(maxsize=4096)
def _norm_issuer(issuer: str) -> str:
    s = re.sub(r"\s+", "", issuer)
    s = re.sub(r"T\.?Ư", "TW", s)
    s = s.replace("HDND", "HĐND")
    head, _, rest = s.partition("-")
    head = _issuer_case().get(head.upper(), head)
    return f"{head}-{rest}" if rest else head


def canonical_symbol(text: str) -> str | None:
    """The canonical form of a printed symbol, or None if it is not one.

    >>> canonical_symbol("21 – NQ/TƯ"), canonical_symbol("140/2017/ND-CP")
    ('21-NQ/TW', '140/2017/NĐ-CP')
    """
    refs = find_symbols(text)
    return refs[0].symbol if refs else None


def _printed_type(text: str, start: int) -> tuple[str | None, int]:
    found = _type_ending(text[max(0, start - 40):start])
    return (None, start) if found is None else (found[0], start - found[1])


@lru_cache(maxsize=4096)
def _type_ending(head: str) -> tuple[str | None, int] | None:
    """The type word `head` ends with ("… Nghị quyết số "): its type and the width it is
    printed in (a pure function of the 40 characters before a symbol: cached, a text cites
    the same documents the same way)."""
    m = _patterns()["type_before"].search(modern_tones(head))
    if not m:
        return None
    word = re.sub(r"\s+(?:số\s*:?\s*)?$", "", m.group(), flags=re.IGNORECASE)
    return type_words().get(fold(word)), len(m.group())


def find_symbols(text: str) -> list[Ref]:
    """Every numbered reference (Party and State symbols), in text order."""
    pats = _patterns()
    taken = Spans()
    refs: list[Ref] = []
    runs = _number_runs(text)
    find = text.find
    numbers = [a for a, _ in runs]  # a symbol starts one of these runs of digits …
    slashed = [a for a, b in runs if find("/", b, b + 3) >= 0]  # … a State one has a slash
    for family in ("state_qppl", "party_state_order", "state_adm", "party", "letter",
                   "letter_any"):
        for m in finditer_at(pats[family], text, numbers if family == "party" else slashed):
            if taken.overlaps(m.start(), m.end()):
                continue
            if family == "letter_any" and m.start() > 2 and not _SAID_NUMBER.search(
                    text, max(0, m.start() - 12), m.start()):
                continue  # an unknown body code counts after "Số" (or read on its own)
            taken.add(m.start(), m.end())
            refs.append(_make_ref(text, m, family))
    return sorted((r for r in refs if r is not None), key=lambda r: r.start)


def _number_runs(text: str) -> list[tuple[int, int]]:
    """The runs of digits a symbol's number may be: none after a word character, "/", ".",
    "," or "-" (each family's `num` says so; the others are not tried)."""
    spans = [m.span() for m in _DIGITS.finditer(text)]
    return [(a, b) for a, b in spans
            if not a or not ((c := text[a - 1]).isalnum() or c in _NOT_BEFORE)]


# "Số: " / "số " right before a number: the text says the code after it is a symbol's
_SAID_NUMBER = re.compile(r"\b[Ss]ố\s*:?\s*$")


def _make_ref(text: str, m: re.Match[str], kind: str) -> Ref:
    family = "party" if kind in ("party", "party_state_order") else "state"
    codes = _codes(family)
    tcode = None
    if kind in ("letter", "letter_any"):
        num, body, unit = m.groups()
        issuer = _norm_issuer(f"{body}-{unit}")
        symbol = f"{num}/{issuer}"
    elif kind == "state_qppl":
        num, year, tcode, issuer = m.groups()
        issuer = _norm_issuer(issuer)
        tcode = codes.get(fold(tcode)) if tcode else None
        symbol = f"{num}/{year}/" + (f"{tcode}-{issuer}" if tcode else issuer)
    elif kind == "state_adm":
        num, tcode, issuer = m.groups()
        issuer, tcode = _norm_issuer(issuer), codes[fold(tcode)]
        symbol = f"{num}/{tcode}-{issuer}"
    else:
        num, tcode, issuer = m.groups()
        issuer, tcode = _norm_issuer(issuer), codes[fold(tcode)]
        symbol = f"{num}-{tcode}/{issuer}"
    printed, start = _printed_type(text, m.start())
    type_name = printed or (_type_of_code(family).get(tcode) if tcode else None)
    if type_name is None and kind in ("letter", "letter_any"):
        type_name = "Công văn"
    if type_name is None and kind == "state_qppl" and issuer.startswith("UBTVQH"):
        type_name = "Nghị quyết"
    level, local = issuer_level(family, issuer)
    return Ref(start, m.end(), num, type_name, symbol, family, level, local, printed is not None)


def find_short_citations(text: str, masked: Spans | Iterable[tuple[int, int]] = ()) -> list[Ref]:
    """Type word + number without a symbol: "Nghị quyết 26", "Chỉ thị số 05", "Đề án 25";
    none overlapping a `masked` span."""
    masked = masked if isinstance(masked, Spans) else Spans(masked)
    out = []
    for m in _patterns()["short"].finditer(modern_tones(text)):
        if masked.overlaps(m.start(), m.end()):
            continue
        number = m.group(2)
        if len(number) == 4 and number[:2] in ("19", "20"):
            continue  # a year, not a number
        name = type_words().get(fold(re.sub(r"\s+", " ", m.group(1))))
        out.append(Ref(m.start(), m.end(), number, name, printed_type=True))
    return out


def party_type_code(type_name: str | None) -> str | None:
    """The Party abbreviation of a type ("Kết luận" -> "KL"), if the Party issues that type."""
    party = (_data()["abbreviations"].get(type_name) or {}).get("party")
    return party[0] if party else None


def body_code(name: str) -> str | None:
    """The issuer code of a Party body's documents ("Ban Thường vụ Tỉnh ủy Gia Lai" -> "TU")."""
    folded = fold(name)
    for body, code in _data()["body_codes"].items():
        if fold(body) in folded:
            return code
    return None
