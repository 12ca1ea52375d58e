"""Analysis verbs: coverage, gaps, lag, targets of a central document."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from kg.commands.inspect import resolve
from kg.context import get_store
from kg.output import emit, format_option, to_csv, to_json
from kg.render import heading, render_coverage, render_gaps, render_lag, target_values
from queries.coverage import coverage as coverage_query
from queries.coverage import coverage_matrix, coverage_rows
from queries.gaps import gaps as gaps_query
from queries.lag import lag as lag_query
from queries.targets import targets_report


def answer(ctx: click.Context, symbol: str, question: Callable[..., Any], fmt: str,
           **options: Any) -> Any:
    """`question`'s answer for the document SYMBOL names; printed as JSON, and None returned,
    with --format json (every answer has `as_json`)."""
    result = question(get_store(ctx, read_only=True), resolve(ctx, symbol)["uid"], **options)
    if fmt == "json":
        click.echo(to_json(result.as_json()))
        return None
    return result


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
    c = answer(ctx, symbol, coverage_query, fmt, by=by)
    if c is None:
        return
    if fmt == "csv":
        click.echo(to_csv(coverage_rows(c)), nl=False)
    elif fmt == "html":
        from viz import write_table_html

        path = Path(out or "coverage.html")
        columns, rows = coverage_matrix(c)
        write_table_html(f"Coverage of {heading(c.root)}", columns, rows, path)
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
    g = answer(ctx, symbol, gaps_query, fmt)
    if g is not None:
        click.echo(render_gaps(g))


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
    result = answer(ctx, symbol, lag_query, fmt)
    if result is None:
        return
    rows = [{"level": d["level"], "document": d["name"], "locality": d["locality"],
             "date": d["date"], "days": d["lag_days"], "depth": d["depth"]}
            for d in result.documents]
    if fmt == "csv":
        click.echo(to_csv(rows), nl=False)
        return
    click.echo(render_lag(result, rows))


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
    report = answer(ctx, symbol, targets_report, fmt)
    if report is None:
        return
    rows = [{"locality": r["locality"], "indicator": r["indicator"],
             "local target": target_values(r["targets"], "year"),
             "central target": target_values(r["central_targets"], "year"),
             "reported": target_values(r["achievements"], "year")}
            for r in report.rows if show_all or r["compared"]]
    emit(rows, fmt)


COMMANDS = [coverage, gaps, lag, targets]
