"""Task tables of plans: STT · Nhiệm vụ · Cơ quan chủ trì · Cơ quan phối hợp · Thời gian.

A table whose header names the task and the lead (and the partners or the deadline) holds one
task per numbered row: label from the STT column under its group row ("I. …"), lead as
printed, partners split into bodies (vague ones left out), deadline as printed, evidence on
the row. A table in an appendix (after the body's signature) labels its rows "PL.<group>.<STT>"
(or "PL.<STT>" without groups). Column names are data (plan_structure.yaml, table_columns).
"""

from __future__ import annotations

import re
from functools import cache

import yaml

from graph.ids import task_uid
from graph.model import Document, Task
from loaders.context import TextContext
from loaders.deadlines import parse_deadline
from loaders.matching import fold_same_length
from loaders.organisations import is_vague, split_bodies
from loaders.structure import DATA
from loaders.tables import Row, Table, find_tables
from loaders.themes import tag_themes

_STT = re.compile(r"^(\d{1,3}(?:\.\d{1,2})*)\.?$")
_GROUP_CELL = re.compile(r"^([IVX]{1,5}|[A-Z])\.?$")
_GROUP = re.compile(r"^([IVX]{1,5}|[A-Z]|\d{1,2})\s*[.\-–)]\s*\S")


@cache
def _columns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    d = yaml.safe_load(DATA.read_text(encoding="utf-8"))["table_columns"]
    return tuple((role, re.compile(fold_same_length("|".join(rx)))) for role, rx in d.items())


def header_roles(row: Row) -> dict[str, int] | None:
    """Column index of each role a header row names, if it is the header of a task table."""
    roles: dict[str, int] = {}
    for i, cell in enumerate(row.cells):
        f = fold_same_length.__wrapped__(cell.text)  # short: not kept in the shared cache
        for role, rx in _columns():
            if role not in roles and rx.search(f):
                roles[role] = i
                break
    if "task" in roles and "lead" in roles and ("support" in roles or "deadline" in roles):
        return roles
    return None


def _cell(row: Row, roles: dict[str, int], role: str) -> str:
    i = roles.get(role)
    return row.cells[i].text if i is not None and i < len(row.cells) else ""


def table_rows(table: Table) -> list[tuple[str | None, str, Row, dict[str, int]]]:
    """(group, STT, row, roles) of every numbered row of a task table; [] for other tables."""
    out: list[tuple[str | None, str, Row, dict[str, int]]] = []
    roles = None
    group: str | None = None
    for row in table.rows:
        found = header_roles(row)
        if found is not None:
            roles = found
            continue
        if roles is None:
            continue
        filled = [c for c in row.cells if c.text]
        label_cell = _cell(row, roles, "label") if "label" in roles else row.cells[0].text
        stt = _STT.match(label_cell)
        if stt and len(filled) >= 2:
            out.append((group, stt[1], row, roles))
        else:  # a group row: "| I. | HẠ TẦNG | | |", or one merged cell "I. HẠ TẦNG"
            g = _GROUP_CELL.match(label_cell) or (
                _GROUP.match(filled[0].text) if len(filled) == 1 else None)
            group = g[1] if g else group
    return out


def table_tasks(ctx: TextContext, doc: Document, appendix_from: int) -> list[Task]:
    """The tasks of the task tables of `ctx.text`, for the plan `doc`; a table from
    `appendix_from` on is an appendix (rows labelled "PL.…")."""
    tasks: list[Task] = []
    text = ctx.text
    for table in find_tables(text):
        rows = table_rows(table)
        appendix = table.start >= appendix_from
        for group, stt, row, roles in rows:
            parts = (["PL"] if appendix else []) + ([group] if group else []) + [stt]
            label = ".".join(parts)
            lead = _cell(row, roles, "lead") or None
            i = roles.get("support")
            support: tuple[str, ...] = ()
            if i is not None and i < len(row.cells):
                c = row.cells[i]
                support = tuple(p for p, _, _ in split_bodies(text, c.start, c.end)
                                if not is_vague(p))
                support = tuple(" ".join(p.replace("*", " ").split()) for p in support)
            deadline = _cell(row, roles, "deadline")
            own = _cell(row, roles, "task")
            tasks.append(Task(
                uid=task_uid(doc.uid, label), document=doc.uid, label=label,
                text=own, evidence=ctx.evidence(row.start, row.end, "table", 0.9), lead=lead,
                support=tuple(dict.fromkeys(s for s in support if s != lead)),
                deadline=parse_deadline(deadline) if deadline else None,
                themes=tag_themes(own), order=len(tasks)))
    return tasks
