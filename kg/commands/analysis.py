"""Analysis verbs: coverage, gaps, lag, targets of a central document."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from kg.commands.inspect import resolve
from kg.context import get_store
from kg.output import emit, format_option, to_csv, to_json, to_table
from queries.coverage import Coverage, coverage_matrix, coverage_rows
from queries.coverage import coverage as coverage_query
from queries.gaps import gaps as gaps_query
from queries.lag import lag as lag_query
from queries.targets import targets_report

MARK = {"covered": "●", "partly": "◐", "not covered": "·"}
MATRIX_COLUMNS = 12  # more plans than this: the table counts per task instead


def _short(text: str | None, n: int = 48) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _head(root: dict[str, Any]) -> str:
    return " · ".join(str(x) for x in (root.get("symbol") or root["id"], root.get("type"),
                                       root.get("date")) if x)


def render_coverage(c: Coverage) -> str:
    """The matrix (central tasks x plans), then each cell's tasks and lead agencies."""
    if not c.rows:
        return (f"{_head(c.root)}: no tasks of this document are in the store. Describe them "
                "in a structured file (docs/ANALYSIS.md) and `kg load` it.")
    names = {col["id"]: _short(col["name"], 34) for col in c.columns}
    wide = len(c.columns) > MATRIX_COLUMNS
    matrix = []
    for r in c.rows:
        row = {"task": r["label"], "central task": _short(r["text"])}
        if wide:  # thousands of plans make lines of tens of thousands of characters
            row |= {"covered": r["covered"], "partly": r["partly"],
                    "not covered": r["not_covered"]}
        for col in [] if wide else c.columns:
            cell = r["cells"][col["id"]]
            labels = " ".join(t["label"] for t in cell["tasks"])
            row[names[col["id"]]] = f"{MARK[cell['status']]} {labels}".strip()
        row["plans"] = f"{r['covered'] + r['partly']}/{len(c.columns)}"
        matrix.append(row)
    t = c.totals()
    lines = [f"{_head(c.root)} — {t['central_tasks']} central tasks, {len(c.columns)} "
             f"{'localities' if c.by == 'locality' else 'implementing plans'} with tasks; "
             f"{t['taken_up']} tasks taken up, {t['not_taken_up']} not",
             "", to_table(matrix, max_width=48), "",
             f"{len(c.columns)} columns: counts per task here, the matrix in --format csv or "
             "html" if wide else "● covered  ◐ partly (weak links only)  · not covered", "",
             "who leads:"]
    for r in c.rows:
        for col in c.columns:
            cell = r["cells"][col["id"]]
            for x in cell["tasks"]:
                lines.append(f"  {r['label']:>4} <- {names[col['id']]} {x['label']}: "
                             f"{x['lead'] or '(no lead named)'}  [{x['basis']} "
                             f"{x['score']:.2f}: {', '.join(x['words'][:4])}]")
    if c.without_tasks:
        lines += ["", "implementing documents whose tasks are not in the corpus: " +
                  ", ".join(" ".join(filter(None, (d["symbol"] or d["type"], d["locality"])))
                            for d in c.without_tasks)]
    return "\n".join(lines)


@click.command()
@click.argument("symbol")
@click.option("--by", type=click.Choice(["document", "locality"]), default="document",
              show_default=True, help="Columns: implementing plans, or their localities.")
@format_option("table", "json", "csv", "html")
@click.option("--out", "out", type=click.Path(dir_okay=False), default=None,
              help="File to write (html; default coverage.html).")
@click.pass_context
def coverage(ctx: click.Context, symbol: str, by: str, fmt: str, out: str | None) -> None:
    """Which implementing plans take up which tasks of SYMBOL, and who leads them.

    Rows are SYMBOL's tasks, columns the plans implementing it (directly or through other
    documents); a cell lists the local tasks that take the central task up, with their lead
    agency, as covered (●), partly (◐, weak links only) or not covered (·).

    \b
    Example:
      kg coverage 26-NQ/TW
      kg coverage 26-NQ/TW --by locality --format json
    """
    doc = resolve(ctx, symbol)
    c = coverage_query(get_store(ctx, read_only=True), doc["uid"], by=by)
    if fmt == "json":
        click.echo(to_json(c.as_json()))
    elif fmt == "csv":
        click.echo(to_csv(coverage_rows(c)), nl=False)
    elif fmt == "html":
        from viz import write_table_html

        path = Path(out or "coverage.html")
        columns, rows = coverage_matrix(c)
        write_table_html(f"Coverage of {_head(c.root)}", columns, rows, path)
        click.echo(f"wrote {path}", err=True)
    else:
        click.echo(render_coverage(c))


@click.command()
@click.argument("symbol")
@format_option("table", "json")
@click.pass_context
def gaps(ctx: click.Context, symbol: str, fmt: str) -> None:
    """What is missing under SYMBOL: untaken tasks, provinces without a plan, cited-only plans.

    Provinces are those in force on SYMBOL's date (63 before 1 July 2025, 34 after), each
    with the unit it belongs to since the 2025 merger.

    \b
    Example:
      kg gaps 26-NQ/TW --format json
    """
    doc = resolve(ctx, symbol)
    g = gaps_query(get_store(ctx, read_only=True), doc["uid"])
    if fmt == "json":
        click.echo(to_json(g.as_json()))
        return
    out = [f"{_head(g.root)} — gaps as of {g.as_of}"]
    out.append(f"\ncentral tasks no implementing plan takes up: {len(g.untaken_tasks)}")
    out += [f"  {t['label']:>4}  {_short(t['text'], 90)}" for t in g.untaken_tasks]
    out.append("\ncentral tasks some plans do not take up:")
    out += [f"  {t['label']:>4}  not in: {'; '.join(t['not_taken_up_by'])}"
            for t in g.missing_in_plans]
    n = len(g.localities_without_plan) + len(g.localities_with_plan)
    out.append(f"\nprovinces with a plan: {len(g.localities_with_plan)} of {n}")
    out += [f"  {u['name']}: {', '.join(u['plans'])}" for u in g.localities_with_plan]
    out.append(f"\nprovinces without a plan in the corpus: {len(g.localities_without_plan)}")
    out += [f"  {u['name']}" + (f" (now {u['now_part_of']})"
                                if u["now_part_of"] != u["name"] else "")
            for u in g.localities_without_plan]
    if g.successors:
        out.append("\nprovinces since 1 July 2025 (covered through their former provinces):")
        out += [f"  {MARK[u['status']]} {u['name']}: {len(u['with_plan'])}/{len(u['former'])}"
                + (f" ({', '.join(u['with_plan'])})" if u["with_plan"] else "")
                for u in g.successors]
    if g.plans_without_locality:
        out.append("\nimplementing documents whose province the texts never name:")
        out += [f"  {d['name']} ({d['id']})" for d in g.plans_without_locality]
    out.append("\ndocuments known only from citations (their tasks are not in the corpus):")
    out += [f"  {d['name']}" + (f" · {d['locality']}" if d["locality"] else "") +
            (f" · {d['date']}" if d["date"] else "") +
            (f" — cited by {', '.join(d['cited_by'])}" if d["cited_by"] else "")
            for d in g.cited_only]
    click.echo("\n".join(out))


@click.command()
@click.argument("symbol")
@format_option("table", "json", "csv")
@click.pass_context
def lag(ctx: click.Context, symbol: str, fmt: str) -> None:
    """Days from SYMBOL's issue to each document implementing it, per level.

    \b
    Example:
      kg lag 26-NQ/TW
    """
    doc = resolve(ctx, symbol)
    result = lag_query(get_store(ctx, read_only=True), doc["uid"])
    if fmt == "json":
        click.echo(to_json(result.as_json()))
        return
    rows = [{"level": d["level"], "document": d["name"], "locality": d["locality"],
             "date": d["date"], "days": d["lag_days"], "depth": d["depth"]}
            for d in result.documents]
    if fmt == "csv":
        click.echo(to_csv(rows), nl=False)
        return
    click.echo(f"{_head(result.root)} — days to each implementing document\n")
    click.echo(to_table(rows))
    click.echo("\nper level:")
    click.echo(to_table(result.levels))
    if result.undated:
        click.echo("\nundated: " + ", ".join(
            d["name"] + (f" · {d['locality']}" if d["locality"] and d["locality"] not in
                         d["name"] else "") for d in result.undated))


def _values(items: list[dict[str, Any]], when: str) -> str:
    def one(x: dict[str, Any]) -> str:
        value = "" if x["value"] is None else f"{x['value']:g}" + (
            "%" if x.get("unit") == "percent" else "")
        at = x.get(when)
        return (value or _short(x["text"], 30)) + (f" ({at})" if at else "")
    return "; ".join(one(x) for x in items)


@click.command()
@click.argument("symbol")
@click.option("--all", "show_all", is_flag=True,
              help="Also rows with only a target or only a result.")
@format_option("table", "json", "csv")
@click.pass_context
def targets(ctx: click.Context, symbol: str, show_all: bool, fmt: str) -> None:
    """Targets of SYMBOL and its implementing plans next to the results localities reported.

    \b
    Example:
      kg targets 26-NQ/TW --all
    """
    doc = resolve(ctx, symbol)
    report = targets_report(get_store(ctx, read_only=True), doc["uid"])
    if fmt == "json":
        click.echo(to_json(report.as_json()))
        return
    rows = [{"locality": r["locality"], "indicator": r["indicator"],
             "local target": _values(r["targets"], "year"),
             "central target": _values(r["central_targets"], "year"),
             "reported": _values(r["achievements"], "year")}
            for r in report.rows if show_all or r["compared"]]
    emit(rows, fmt)


COMMANDS = [coverage, gaps, lag, targets]
