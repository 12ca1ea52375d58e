"""DOCX: paragraphs in order, automatic numbering as printed, tables as tables.

python-docx (MIT) reads the XML but does not render automatic numbering, so "1.", "a)" and
"II." that Word prints from numbering.xml are rebuilt here (`Numbering`). Borderless header
and signature tables are read as the lines they lay out; data tables become markdown rows.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

from loaders.readers.base import Reading, Refused, clean, table_or_layout
from loaders.readers.text import fix_title

FORMAT = "docx"
SUFFIXES = (".docx", ".docm")
MIME = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",)
MAGIC = b"PK\x03\x04"

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"),
                           (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
                           (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def _letter(n: int) -> str:
    """Word's letters: a..z, then aa, bb ... (the letter repeated)."""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str, "decimalZero": lambda n: f"{n:02d}",
    "lowerLetter": _letter, "upperLetter": lambda n: _letter(n).upper(),
    "lowerRoman": lambda n: _roman(n).lower(), "upperRoman": _roman,
}


class Numbering:
    """Counters of numbering.xml's lists, advanced paragraph by paragraph as Word does."""

    def __init__(self, document) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # numId -> ilvl -> fmt
        self.counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {a.get(W + "abstractNumId"): self._levels(a)
                    for a in root.iter(W + "abstractNum")}
        for num in root.iter(W + "num"):
            ref = num.find(W + "abstractNumId")
            levels = dict(abstract.get(ref.get(W + "val") if ref is not None else "", {}))
            for ov in num.iter(W + "lvlOverride"):
                ilvl, start = int(ov.get(W + "ilvl", 0)), ov.find(W + "startOverride")
                if start is not None and ilvl in levels:
                    fmt, text, _ = levels[ilvl]
                    levels[ilvl] = (fmt, text, int(start.get(W + "val", 1)))
            self.levels[num.get(W + "numId")] = levels

    @staticmethod
    def _levels(abstract) -> dict[int, tuple[str, str, int]]:
        out = {}
        for lvl in abstract.iter(W + "lvl"):
            def val(tag: str, default: str, lvl=lvl) -> str:
                el = lvl.find(W + tag)
                return el.get(W + "val", default) if el is not None else default
            out[int(lvl.get(W + "ilvl", 0))] = (val("numFmt", "decimal"), val("lvlText", ""),
                                                int(val("start", "1")))
        return out

    def label(self, num_id: str, ilvl: int) -> str:
        """The label Word prints for the next paragraph of list `num_id` at level `ilvl`."""
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, [0] * 9)
        fmt, text, start = levels[ilvl]
        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] else start
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        if fmt == "none":
            return ""
        if fmt == "bullet":
            return "-" if text in ("-", "–", "") or ord(text[:1] or " ") >= 0xF000 else "•"
        out = text
        for lv in range(9):
            if f"%{lv + 1}" in out:
                lfmt, _, lstart = levels.get(lv, ("decimal", "", 1))
                n = counters[lv] or lstart
                out = out.replace(f"%{lv + 1}", FORMATS.get(lfmt, str)(n))
        return out


def _num_pr(p, styles) -> tuple[str, int] | None:
    """(numId, ilvl) of a paragraph, from its own properties or its style's."""
    ppr = p.find(W + "pPr")
    num = ppr.find(W + "numPr") if ppr is not None else None
    if num is None and ppr is not None:
        style = ppr.find(W + "pStyle")
        num = styles.get(style.get(W + "val")) if style is not None else None
    if num is None:
        return None
    nid, lvl = num.find(W + "numId"), num.find(W + "ilvl")
    if nid is None or nid.get(W + "val") in (None, "0"):
        return None
    return nid.get(W + "val"), int(lvl.get(W + "val", 0)) if lvl is not None else 0


def _paragraph_text(p, breaks: str = " ") -> str:
    """The paragraph's text; a manual line break is `breaks` (a space: a wrapped line)."""
    parts = []
    for el in p.iter(W + "t", W + "tab", W + "br", W + "cr", W + "delText"):
        if el.tag == W + "t":
            parts.append(el.text or "")
        elif el.tag in (W + "br", W + "cr"):
            parts.append(breaks)
        elif el.tag == W + "tab":
            parts.append("\t")
    return "".join(parts)


def read(raw: bytes, name: str) -> Reading:
    """A DOCX's body: paragraphs (numbered as printed) and tables, in document order."""
    import docx

    try:
        document = docx.Document(io.BytesIO(raw))
    except (zipfile.BadZipFile, KeyError, ValueError) as e:
        raise Refused(name, f"is not a readable DOCX (damaged or not a Word file: {e})") from e
    except Exception as e:
        raise Refused(name, f"is not a readable DOCX ({type(e).__name__}: {e})") from e
    numbering = Numbering(document)
    styles = {}
    for s in document.styles.element.iter(W + "style"):
        num = s.find(f"{W}pPr/{W}numPr")
        if num is not None:
            styles[s.get(W + "styleId")] = num
    lines: list[str] = []
    tables = 0

    def paragraph(p, breaks: str = " ") -> str:
        text = _paragraph_text(p, breaks).strip()
        num = _num_pr(p, styles)
        if num is not None:
            label = numbering.label(*num)
            if label and text:
                return f"{label} {text}"
        return text

    def cell_text(tc) -> str:
        return "\n".join(t for t in (paragraph(p, "\n") for p in tc.iter(W + "p")) if t)

    for block in document.element.body.iterchildren():
        if block.tag == W + "p":
            lines.append(paragraph(block))
        elif block.tag == W + "tbl":
            rows = [[cell_text(tc) for tc in tr.iterchildren(W + "tc")]
                    for tr in block.iterchildren(W + "tr")]
            table, data = table_or_layout(rows)
            lines.extend(table)
            tables += data
    props = document.core_properties
    title = fix_title(props.title)
    created = props.created.date().isoformat() if props.created else None
    return Reading(clean("\n".join(lines)), FORMAT, "utf-8", title=title, published=created,
                   tables=tables)
