"""Tables in text: rows of cells with their spans, from the two forms tables take in text.

1. Flattened (a web page copied to text): every cell is followed by a line holding only "|",
   so cells are separated by "|" lines and a row ends with two "|" lines in a row.
2. Markdown, one row per line: ``| 1 | Task … | Sở X | Quý IV/2026 |`` with an optional
   ``|---|---|`` separator line (what the readers emit for DOCX, PDF and HTML tables).
3. Tab-separated, one row per line (a table copied from a word processor or a web page):
   lines of three cells or more in a row, each tab one cell boundary.

Pure text in, `Table`s out; offsets point into the text, so evidence can point at a row.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

_PIPE_LINE = re.compile(r"^[ \t]*\|[ \t]*$")
_MD_ROW = re.compile(r"^[ \t]*\|.*\|[ \t]*$")
_MD_SEPARATOR = re.compile(r"^[ \t]*\|(?:[ \t]*:?-{2,}:?[ \t]*\|)+[ \t]*$")
_LINES = re.compile(r"[^\n]*\n?")


@dataclass(frozen=True)
class Cell:
    """One cell: its text (whitespace normalised, markdown emphasis removed) and span."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    start: int
    end: int

    def texts(self) -> list[str]:
        return [c.text for c in self.cells]


@dataclass(frozen=True)
class Table:
    rows: tuple[Row, ...]
    start: int
    end: int


def cell_text(raw: str) -> str:
    """A cell's text without emphasis markers and with whitespace normalised."""
    return " ".join(raw.replace("*", " ").split())


def _cell(text: str, a: int, b: int) -> Cell:
    raw = text[a:b]
    a += len(raw) - len(raw.lstrip())
    b -= len(raw) - len(raw.rstrip())
    return Cell(cell_text(text[a:b]), a, max(a, b))


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, its line break excluded; no empty last line after a final
    line break (what `_LINES.finditer` yields up to its first empty match)."""
    pieces = text.split("\n")
    if pieces[-1] == "":
        pieces.pop()
    out, at = [], 0
    for piece in pieces:
        out.append((at, at + len(piece)))
        at += len(piece) + 1
    return out


def find_tables(text: str) -> list[Table]:
    """Every table of `text`, in order: markdown rows, flattened "|"-line tables and
    tab-separated rows."""
    return list(_tables(text))


@lru_cache(maxsize=2)  # the task reader and the target reader read the same text's tables
def _tables(text: str) -> tuple[Table, ...]:
    piped = _piped_tables(text) if "|" in text else []
    tabbed = _tabbed_tables(text) if "\t" in text else []
    if not tabbed:
        return tuple(piped)
    return tuple(sorted(piped + [t for t in tabbed if not any(
        p.start < t.end and t.start < p.end for p in piped)], key=lambda t: t.start))


_MIN_TAB_CELLS = 3


def _tabbed_tables(text: str) -> list[Table]:
    """Runs of two lines or more that hold `_MIN_TAB_CELLS` tab-separated cells or more."""
    tables: list[Table] = []
    rows: list[Row] = []
    for a, b in _lines(text):
        cells = _tab_cells(text, a, b)
        if len(cells) >= _MIN_TAB_CELLS:
            rows.append(Row(tuple(cells), a, b))
            continue
        if len(rows) >= 2:
            tables.append(Table(tuple(rows), rows[0].start, rows[-1].end))
        rows = []
    if len(rows) >= 2:
        tables.append(Table(tuple(rows), rows[0].start, rows[-1].end))
    return tables


def _tab_cells(text: str, a: int, b: int) -> list[Cell]:
    if text.find("\t", a, b) < 0 or not text[a:b].strip():
        return []
    tabs = [a - 1] + [a + m.start() for m in re.finditer("\t", text[a:b])] + [b]
    cells = [_cell(text, x + 1, y) for x, y in itertools.pairwise(tabs)]
    return cells if sum(1 for c in cells if c.text) >= 2 else []


def _piped_tables(text: str) -> list[Table]:
    lines = _lines(text)
    tables: list[Table] = []
    i = 0
    while i < len(lines):
        a, b = lines[i]
        if text.find("|", a, b) < 0:  # neither form's line: no pipe
            i += 1
            continue
        line = text[a:b]
        if _MD_ROW.match(line) and not _PIPE_LINE.match(line):
            j = i
            rows = []
            while j < len(lines) and _MD_ROW.match(text[lines[j][0]:lines[j][1]]) \
                    and not _PIPE_LINE.match(text[lines[j][0]:lines[j][1]]):
                la, lb = lines[j]
                if not _MD_SEPARATOR.match(text[la:lb]):
                    rows.append(_markdown_row(text, la, lb))
                j += 1
            tables.append(Table(tuple(rows), a, lines[j - 1][1]))
            i = j
        elif _PIPE_LINE.match(line):
            table, i = _flattened(text, lines, i)
            if table is not None:
                tables.append(table)
        else:
            i += 1
    return tables


def _markdown_row(text: str, a: int, b: int) -> Row:
    bars = [a + m.start() for m in re.finditer(r"(?<!\\)\|", text[a:b])]
    cells = tuple(_cell(text, x + 1, y) for x, y in itertools.pairwise(bars))
    return Row(cells, a, b)


def _flattened(text: str, lines: list[tuple[int, int]], i: int) -> tuple[Table | None, int]:
    """Read a flattened table from the "|" line at lines[i]; return it and the next line."""
    rows: list[Row] = []
    cells: list[Cell] = []
    cell_start: int | None = None
    cell_end = 0
    j = i + 1
    last_pipe = i

    def end_row() -> None:
        nonlocal cells
        if cells:
            rows.append(Row(tuple(cells), cells[0].start, cells[-1].end))
        cells = []

    while j < len(lines):
        a, b = lines[j]
        line = text[a:b]
        if _PIPE_LINE.match(line):
            if cell_start is None:
                end_row()  # "|" right after "|": the row is over
            else:
                cells.append(_cell(text, cell_start, cell_end))
                cell_start = None
            last_pipe = j
        elif line.strip():
            if cell_start is None:
                cell_start = a
            cell_end = b
        elif cell_start is None:
            break  # a blank line after a "|": the table is over
        j += 1
    end_row()
    if not rows:
        return None, j
    return Table(tuple(rows), rows[0].start, rows[-1].end), last_pipe + 1
