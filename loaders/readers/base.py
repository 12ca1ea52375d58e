"""What every reader returns, and the text conventions they share (tables, layout blocks).

A reader turns the bytes of one file into a `Reading`: NFC text for extraction, the structure
it recovered (tables are printed in the text as markdown rows, see `table_lines`) and the
source metadata the file carries (format, encoding, title, URL, site, dates).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from loaders.errors import SourceError


@dataclass
class Reading:
    """One file as read: its text and what the reader learnt about it."""

    text: str
    format: str  # "text", "pdf", "docx", "doc", "html"
    encoding: str = "utf-8"  # of the bytes (text files), or the container's ("utf-8" inside)
    title: str | None = None
    url: str | None = None
    site: str | None = None
    published: str | None = None  # ISO date the source states, when it states one
    tables: int = 0  # tables printed as markdown rows
    notes: list[str] = field(default_factory=list)  # what was repaired or dropped


class Refused(SourceError):
    """A file a reader recognises but cannot read (one line says why and what to do)."""


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u3000]+")


def clean(text: str, tidy: bool = True) -> str:
    """NFC, newlines as \\n, no NUL; `tidy`: no control characters or trailing spaces either
    (plain text files keep theirs, so offsets into them stay as they were)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    if tidy:
        text = _CONTROL.sub("", text.replace("\f", "\n"))
        text = "\n".join(line.rstrip() for line in text.split("\n"))
    return unicodedata.normalize("NFC", text)


def cell_text(value: object) -> str:
    """A table cell on one line: inner breaks become spaces, a literal "|" becomes "/"."""
    s = "" if value is None else str(value)
    return _SPACES.sub(" ", s.replace("|", "/").replace("\n", " ")).strip()


def table_lines(rows: Iterable[Sequence[object]]) -> list[str]:
    """Markdown rows, one per line (`| c1 | c2 |`), with a blank line before and after.

    The contract with the task-table parser: every row on one line, cells separated by " | ",
    cell-internal breaks replaced by spaces and "|" inside a cell by "/".
    """
    out = [""]
    for row in rows:
        cells = [cell_text(c) for c in row]
        if any(cells):
            out.append("| " + " | ".join(cells) + " |")
    out.append("")
    return out if len(out) > 2 else []


# Cells of a document's header or signature block, which Word and web pages lay out as
# borderless tables: printed as the lines they are, column by column, never as a data table.
_LAYOUT = re.compile(r"CỘNG\s+H[OÒ]À\s+XÃ\s+HỘI|Độc\s+lập\s*-\s*Tự\s+do|Nơi\s+nhận|"
                     r"^\s*(?:TM|KT|TL|TUQ)\.\s", re.IGNORECASE | re.MULTILINE)


def is_layout(rows: Sequence[Sequence[object]]) -> bool:
    """A table used for layout: one row or one column, or a header/signature block."""
    width = max((sum(1 for c in r if cell_text(c)) for r in rows), default=0)
    if len(rows) < 2 or width < 2:
        return True
    return any(_LAYOUT.search(str(c or "")) for r in rows[:3] for c in r)


def layout_lines(rows: Sequence[Sequence[object]]) -> list[str]:
    """A layout table's text, column by column (the header's left block, then its right)."""
    ncols = max((len(r) for r in rows), default=0)
    out: list[str] = []
    for j in range(ncols):
        last = None
        for r in rows:
            cell = str(r[j] or "") if j < len(r) else ""
            if cell and cell != last:  # a vertically merged cell repeats its text
                out.extend(" ".join(line.split()) for line in re.split(r"\n|\s{12,}", cell)
                           if line.strip())
            last = cell
    return out


def table_or_layout(rows: Sequence[Sequence[object]]) -> tuple[list[str], bool]:
    """(lines, is a data table) for a table's rows."""
    if is_layout(rows):
        return layout_lines(rows), False
    return table_lines(rows), True
