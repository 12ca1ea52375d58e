"""Targets and results from an indicator table: a report's "| Chỉ tiêu | Kế hoạch | Thực hiện |".

Each row names an indicator; the planned column's figure is a target and the executed
column's an achievement, of the year the column's header names. Read as running text, such
a row mixed the columns (the figure of one row with the words of the next). Pure text in,
`Target`s out, with the spans of the tables read so the running-text finder skips them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.ids import text_target_uid
from graph.model import Evidence, Target
from loaders.matching import fold_same_length
from loaders.tables import Row, Table, find_tables
from loaders.target_values import find_values, parse_number

_fold = fold_same_length.__wrapped__  # short strings: not kept in the shared cache
# header words, folded: the executed column before the planned one ("chỉ tiêu kế hoạch" is a
# plan, "chỉ tiêu" alone names the indicator)
_RESULT = re.compile(r"\b(?:thuc hien|ket qua|dat duoc|uoc (?:thuc hien|dat)|th)\b")
_PLAN = re.compile(r"\b(?:ke hoach|chi tieu (?:giao|duoc giao|de ra|ke hoach|nam)|muc tieu|kh)\b")
_INDICATOR = re.compile(r"\b(?:chi tieu|noi dung|tieu chi|chi so|danh muc)\b")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# columns that hold no figures of the indicator: a task table's times, bodies and products
_NOT_FIGURES = re.compile(r"thoi gian|thoi han|tien do|co quan|don vi|chu tri|phoi hop|san pham"
                          r"|ghi chu|danh gia")
_BARE = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?")


@dataclass(frozen=True)
class _Columns:
    indicator: int
    plan: int | None
    result: int | None
    plan_year: int | None
    result_year: int | None


def _columns(header: Row) -> _Columns | None:
    indicator = plan = result = None
    for i, cell in enumerate(header.cells):
        f = _fold(cell.text)
        if _NOT_FIGURES.search(f):
            continue
        if result is None and _RESULT.search(f):
            result = i
        elif plan is None and _PLAN.search(f):
            plan = i
        elif indicator is None and _INDICATOR.search(f):
            indicator = i
    if indicator is None or (plan is None and result is None):
        return None

    def year(col: int | None) -> int | None:
        m = _YEAR.search(header.cells[col].text) if col is not None else None
        return int(m.group()) if m else None

    plan_year, result_year = year(plan), year(result)  # one header names the year of both
    return _Columns(indicator, plan, result, plan_year or result_year, result_year or plan_year)


def _figure(text: str) -> tuple[float, str] | None:
    """The figure a cell holds: a value with its unit, or a bare number."""
    found = find_values(_fold(text))
    if found:
        return found[0].value, found[0].unit
    bare = _BARE.fullmatch(text.strip())
    if bare is None or _YEAR.fullmatch(bare.group()):
        return None
    return parse_number(bare.group()), "number"


def table_targets(text: str, source_uid: str, subject: str | None, document: str | None
                  ) -> tuple[list[Target], list[tuple[int, int]]]:
    """The targets and achievements of the indicator tables of `text`, and the tables' spans."""
    out: list[Target] = []
    spans: list[tuple[int, int]] = []
    for table in find_tables(text) if "|" in text or "\t" in text else ():
        read = _read(table, source_uid, subject, document)
        if read:
            out += read
            spans.append((table.start, table.end))
    return out, spans


def _read(table: Table, source_uid: str, subject: str | None, document: str | None
          ) -> list[Target]:
    if len(table.rows) < 2 or (cols := _columns(table.rows[0])) is None:
        return []
    out = []
    for row in table.rows[1:]:
        cells = row.cells
        if cols.indicator >= len(cells) or not cells[cols.indicator].text:
            continue
        indicator = cells[cols.indicator].text
        for kind, col, year in (("target", cols.plan, cols.plan_year),
                                ("achievement", cols.result, cols.result_year)):
            if col is None or col >= len(cells) or (fig := _figure(cells[col].text)) is None:
                continue
            cell = cells[col]
            value, unit = fig
            evidence = Evidence(source_uid, f"{indicator}: {cell.text}", cell.start, cell.end,
                                "structure", 0.8)
            out.append(Target(text_target_uid(source_uid, cell.start), kind, subject,
                              f"{indicator}: {cell.text}", value, evidence, document,
                              unit=unit, year=year, indicator=indicator))
    return out
