"""PDF with a text layer: lines in reading order, page furniture dropped, tables as tables.

pdfplumber (MIT, on pdfminer.six) gives the words with their positions and the ruled tables;
pypdf (BSD) reads the signature widgets, whose appearance is the only place a signed
document's number and day are printed (see `widget_words`). Reading order: the header's and
the signature's two columns (runs of lines that do not cross the page's middle) are read
column by column; wrapped body lines are joined into paragraphs. A page without a text layer,
or one whose font maps are broken, is refused with one line: never mined for garbage.
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass, field

from loaders.readers.base import Reading, Refused, clean, table_or_layout
from loaders.readers.repair import repair_word2010
from loaders.readers.text import fix_title

FORMAT = "pdf"
SUFFIXES = (".pdf",)
MIME = ("application/pdf",)
MAGIC = b"%PDF"

NO_TEXT = ("no text layer: scanned PDF; OCR it first (e.g. ocrmypdf -l vie, Debian "
           "tesseract-ocr-vie)")
UNREADABLE = ("text layer unreadable: its font maps are broken (glyph codes, not letters); "
              "OCR it first (e.g. ocrmypdf -l vie --force-ocr)")
# Share of characters that are glyph codes ("(cid:N)"), control characters or letters of
# scripts an official Vietnamese text never uses, from which a text layer is refused.
MAX_GARBLED = 0.02
_GARBLED = re.compile(r"\(cid:\d+\)|[\x00-\x08\x0b-\x1f\u0370-\u03ff\u0400-\u052f"
                      r"\ue000-\uf8ff\ufffd]")
_PAGE_NUMBER = re.compile(r"^[-–—\s]*(?:trang\s*)?\d{1,4}(?:\s*/\s*\d{1,4})?[-–—\s]*$", re.I)
_ITEM_START = re.compile(r"^(?:[-+•*–]\s|\d{1,3}(?:\.\d{1,3})*[.)]\s|[a-zđ][).]\s|[IVXLC]+\.\s|"
                         r"(?:Điều|Chương|Mục|Phần|Phụ lục)\s)")
MARGIN = 0.065  # running headers and footers sit this close to the page's top or bottom
MAX_COLUMNS = 10  # more columns than any task or schedule table: words cut by rulings
logging.getLogger("pdfminer").setLevel(logging.ERROR)


@dataclass
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    glue: bool = False  # a widget's text: joined to a following "/…" without a space


@dataclass
class Line:
    words: list[Word] = field(default_factory=list)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def size(self) -> float:
        return max(w.size for w in self.words)

    def segments(self) -> list[list[Word]]:
        """Runs of words separated by gaps wider than a few characters (columns)."""
        out: list[list[Word]] = []
        for w in self.words:
            if out and w.x0 - out[-1][-1].x1 <= 2.5 * max(w.size, 6):
                out[-1].append(w)
            else:
                out.append([w])
        return out


def _join(words: list[Word]) -> str:
    out = ""
    for i, w in enumerate(words):
        glue = i and ((words[i - 1].glue and w.text[:1] in "/-") or
                      (w.glue and words[i - 1].text.endswith("/")))
        out += ("" if not i or glue else " ") + w.text
    return out


def _lines(words: list[Word]) -> list[Line]:
    lines: list[Line] = []
    for w in sorted(words, key=lambda w: (round(w.top), w.x0)):
        if lines and abs(w.top - lines[-1].words[0].top) <= 3:
            lines[-1].words.append(w)
        else:
            lines.append(Line([w]))
    for line in lines:
        line.words.sort(key=lambda w: w.x0)
    return lines


def widget_words(raw: bytes) -> dict[int, list[Word]]:
    """Per page, the text of annotation appearances (signature widgets) as positioned words.

    Signing software stamps the number and the day into the blanks of "Số: /UBND-XD" and
    "ngày … tháng" as widget appearances, which page-text extraction never sees.
    """
    from pypdf import PageObject, PdfReader
    from pypdf.generic import NameObject

    out: dict[int, list[Word]] = {}
    try:
        reader = PdfReader(io.BytesIO(raw))
        for i, page in enumerate(reader.pages):
            height = float(page.mediabox.top)
            for ref in page.get("/Annots") or []:
                annot = ref.get_object()
                ap = annot.get("/AP")
                if annot.get("/Subtype") != "/Widget" or not ap or "/N" not in ap:
                    continue
                stream = ap["/N"].get_object()
                blank = PageObject.create_blank_page(width=1000, height=1000)
                blank[NameObject("/Resources")] = stream.get("/Resources") or {}
                blank.replace_contents(stream)
                text = " ".join(blank.extract_text().split())
                if not text:
                    continue
                x0, y0, x1, y1 = (float(v) for v in annot["/Rect"])
                out.setdefault(i, []).append(Word(text, min(x0, x1), max(x0, x1),
                                                  height - max(y0, y1), height - min(y0, y1),
                                                  abs(y1 - y0) * 0.6, glue=True))
    except Exception:  # widgets are a bonus: a file pypdf cannot parse still reads
        return out
    return out


def _place(lines: list[Line], widgets: list[Word]) -> None:
    """Put each widget word into the line it overlaps most (or a line of its own)."""
    for w in widgets:
        best, overlap = None, 0.0
        for line in lines:
            o = min(w.bottom, line.bottom) - max(w.top, line.top)
            if o > overlap:
                best, overlap = line, o
        if best is None:
            lines.append(Line([w]))
        else:
            best.words.append(w)
            best.words.sort(key=lambda x: x.x0)
    lines.sort(key=lambda line: line.top)


def _ordered(lines: list[Line], mid: float) -> list[tuple[str, Line, bool]]:
    """(text, line, is body) in reading order: runs of lines that keep to one side of the
    middle, with at least one line in two columns, are read left column then right (a blank
    line ends a run: "Kính gửi:" and its list stay together below the header)."""
    out: list[tuple[str, Line, bool]] = []
    run: list[Line] = []

    def flush() -> None:
        if any(len(line.segments()) > 1 for line in run):
            left, right = [], []
            for line in run:
                segs = line.segments()
                lw = [w for s in segs if (s[0].x0 + s[-1].x1) / 2 < mid for w in s]
                rw = [w for s in segs if (s[0].x0 + s[-1].x1) / 2 >= mid for w in s]
                if lw:
                    left.append((_join(lw), Line(lw), False))
                if rw:
                    right.append((_join(rw), Line(rw), False))
            out.extend(left + right)
        else:
            out.extend((_join(line.words), line, True) for line in run)
        run.clear()

    for line in lines:
        segs = line.segments()
        wide = len(segs) == 1 and line.x0 < mid < line.x1
        if wide:
            flush()
            out.append((_join(line.words), line, True))
        else:
            if run and line.top - run[-1].bottom > 1.2 * line.size:  # a blank line: new block
                flush()
            run.append(line)
    flush()
    return out


def _paragraphs(items: list[tuple[str, Line, bool]], left: float, right: float) -> list[str]:
    """Lines, with a wrapped body line joined to the next (hyphenation mended)."""
    out: list[str] = []
    joinable = False
    for text, line, body in items:
        indented = line.x0 > left + 1.5 * line.size
        heading = text.isupper() and out and not out[-1].isupper()
        listing = out and out[-1][-1:] in ";:" and text[:1].isupper()
        if out and joinable and body and not (indented or heading or listing
                                               or _ITEM_START.match(text)):
            prev = out[-1]
            if re.search(r"[a-z]-$", prev) and text[:1].islower() and text.split()[0].isascii():
                out[-1] = prev[:-1] + text
            elif prev.endswith("-") and not prev.endswith(" -"):
                out[-1] = prev + text
            else:
                out[-1] = prev + " " + text
        else:
            out.append(text)
        joinable = body and line.x1 >= right - 2 * line.size
    return out


def _furniture(pages: list[list[tuple[str, Line, bool]]], heights: list[float]) -> set[str]:
    """Lines repeated in the top or bottom margin of most pages (running headers, footers)."""
    if len(pages) < 3:
        return set()
    counts: dict[str, int] = {}
    for items, height in zip(pages, heights, strict=True):
        ends = {re.sub(r"\d+", "#", t) for t, line, _ in items
                if line.top < MARGIN * height or line.bottom > (1 - MARGIN) * height}
        for key in ends:
            counts[key] = counts.get(key, 0) + 1
    return {k for k, n in counts.items() if n >= max(3, len(pages) // 2)}


def _plausible(rows: list[list[str]]) -> bool:
    """Not a fake table: ruling lines over justified text cut words into many empty cells."""
    cells = [c for r in rows for c in r]
    if not cells or max(len(r) for r in rows) > MAX_COLUMNS:
        return False
    return sum(not c.strip() for c in cells) <= 0.5 * len(cells)


def _page_items(page, widgets: list[Word]) -> tuple[list, list[tuple[float, list[str]]], int]:
    """(ordered lines, tables as (top, lines), number of data tables) of one page."""
    tables = []
    for t in page.find_tables():
        rows = [[c or "" for c in r] for r in t.extract()]
        if not _plausible(rows):
            continue
        lines, data = table_or_layout(rows)
        if data:
            tables.append((t.bbox, lines))
    words = []
    for w in page.extract_words(extra_attrs=["size"]):
        cx, cy = (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2
        if any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b, _ in tables):
            continue
        words.append(Word(w["text"], w["x0"], w["x1"], w["top"], w["bottom"], w["size"]))
    text_lines = _lines(words)
    _place(text_lines, widgets)
    if not text_lines:
        return [], [(b[1], t) for b, t in tables], len(tables)
    left = min(line.x0 for line in text_lines)
    right = max(line.x1 for line in text_lines)
    return _ordered(text_lines, (left + right) / 2), [(b[1], t) for b, t in tables], len(tables)


def read(raw: bytes, name: str) -> Reading:
    """A PDF's text layer (and its signature widgets' text) in reading order."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(io.BytesIO(raw))
        pages = pdf.pages
    except Exception as e:
        if isinstance(e, PDFPasswordIncorrect | PDFEncryptionError) or \
                re.search(r"Password|Encrypt", repr(e)):
            raise Refused(name, "is an encrypted PDF: it needs a password; save an "
                                "unprotected copy") from e
        raise Refused(name, f"is not a readable PDF ({type(e).__name__}: "
                            f"{str(e)[:80] or 'damaged'})") from e
    widgets = widget_words(raw)
    ordered, all_tables, n_tables, heights = [], [], 0, []
    with pdf:
        for i, page in enumerate(pages):
            items, tables, n = _page_items(page, widgets.get(i, []))
            ordered.append(items)
            heights.append(float(page.height))
            all_tables.append(tables)
            n_tables += n
            page.close()  # frees the page's parsed objects: memory stays flat over pages
        title = (pdf.metadata or {}).get("Title")
        title = None if title in ("(anonymous)", "untitled") else title
    text = "".join(t for items in ordered for t, _, _ in items)
    if len(re.sub(r"\s", "", text)) < 20 * len(ordered):
        raise Refused(name, NO_TEXT)
    if len(_GARBLED.findall(text)) > MAX_GARBLED * len(text):
        raise Refused(name, UNREADABLE)
    furniture = _furniture(ordered, heights)
    left, right = _margins(ordered)
    pages_blocks = []
    for items, tables in zip(ordered, all_tables, strict=True):
        items = [it for it in items if re.sub(r"\d+", "#", it[0]) not in furniture]
        if items and _PAGE_NUMBER.match(items[0][0]):
            items = items[1:]
        if items and _PAGE_NUMBER.match(items[-1][0]):
            items = items[:-1]
        blocks = list(tables) + _split_at_tables(items, tables, left, right)
        blocks.sort(key=lambda b: b[0])
        pages_blocks.append([lines for _, lines in blocks if lines])
    out = _across_pages(pages_blocks)
    text, repaired = repair_word2010(clean("\n".join(out)))
    reading = Reading(text, FORMAT, "utf-8", title=fix_title(title) if isinstance(title, str)
                      else None,
                      tables=n_tables)
    if repaired:
        reading.notes.append("repaired Word 2010 code points (Ƣ/ƣ for Ư/ư, Õ/õ for Ò/ò)")
    if any(widgets.values()):
        reading.notes.append("text of signature widgets placed in the lines")
    return reading


def _margins(pages: list[list[tuple[str, Line, bool]]]) -> tuple[float, float]:
    """The body's left margin (where most body lines start: headers may sit further left)
    and the rightmost line end."""
    starts: dict[int, int] = {}
    for items in pages:
        for _, line, body in items:
            if body:
                starts[round(line.x0)] = starts.get(round(line.x0), 0) + 1
    right = max((line.x1 for items in pages for _, line, _ in items), default=0)
    return (max(starts, key=lambda x: (starts[x], -x)) if starts else 0.0), right


def _is_table(lines: list[str]) -> bool:
    return bool(lines) and lines[0] == "" and lines[1].startswith("| ")


def _across_pages(pages: list[list[list[str]]]) -> list[str]:
    """The pages' blocks as lines, mending what a page break cut: a table that goes on (same
    number of columns; a repeated header row dropped) and a sentence that goes on (no final
    punctuation, the next page starting in lower case)."""
    out: list[list[str]] = []
    for blocks in pages:
        for k, block in enumerate(blocks):
            prev = out[-1] if out else None
            if k == 0 and prev is not None:
                if _is_table(prev) and _is_table(block) and \
                        prev[1].count(" | ") == block[1].count(" | "):
                    rows = block[1:-1]
                    if rows and rows[0] == prev[1]:
                        rows = rows[1:]
                    prev[-1:] = [*rows, ""]
                    continue
                if not _is_table(prev) and not _is_table(block) and prev and block and \
                        not re.search(r"[.:;!?]$", prev[-1]) and block[0][:1].islower():
                    prev[-1] = prev[-1] + " " + block[0]
                    prev.extend(block[1:])
                    continue
            out.append(list(block))
    return [line for block in out for line in block]


def _split_at_tables(items: list, tables: list[tuple[float, list[str]]],
                     left: float, right: float) -> list[tuple[float, list[str]]]:
    """Body lines as paragraph blocks, cut where a table sits between them."""
    cuts = sorted(top for top, _ in tables)
    blocks: list[tuple[float, list[str]]] = []
    group: list = []
    for it in items:
        if group and any(group[-1][1].top < c <= it[1].top for c in cuts):
            blocks.append((group[0][1].top, _paragraphs(group, left, right)))
            group = []
        group.append(it)
    if group:
        blocks.append((group[0][1].top, _paragraphs(group, left, right)))
    return blocks
