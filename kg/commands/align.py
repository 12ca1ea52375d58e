"""`kg align`: review proposed task links and move reviews between stores (alignment.review)."""

from __future__ import annotations

import getpass
import textwrap
from pathlib import Path

import click

from alignment.review import (
    Proposed,
    ReviewError,
    export_reviews,
    import_reviews,
    parse_reviews,
    record,
    review_queue,
)
from kg.commands.inspect import resolve
from kg.context import get_store
from kg.output import format_option, to_json


@click.group()
def align() -> None:
    """Review the links between local and central tasks (which local task takes up which).

    \b
    Example:
      kg align review 26-NQ/TW
      kg align accept task:LOCAL task:CENTRAL --note "takes up the rotation clause"
      kg align export reviews.yaml
    """


def _wrap(label: str, text: str) -> list[str]:
    return textwrap.wrap(text, 96, initial_indent=f"    {label:<8}",
                         subsequent_indent=" " * 12) or [f"    {label}"]


def render_item(i: int, p: Proposed) -> list[str]:
    """One link as the analyst reads it: the local task beside the central clause it takes up,
    then what they share."""
    seen = f"  [{p.review.verdict} by {p.review.by} {p.review.at}]" if p.review else ""
    seen += "" if p.proposed else "  [not proposed: below the threshold]"
    out = [f"{i:>3}. {p.score:.2f} ({p.basis}, {p.uncertainty:.2f} from a threshold)  "
           f"{p.plan_name} {p.local_label} -> {p.central_label}{seen}",
           *_wrap("local", p.local_text),
           *_wrap("clause" if p.clause else "central", p.clause or p.central_text)]
    shared = [*p.words, *(f"theme:{t}" for t in p.themes), *(f"≈{c}" for c in p.concepts)]
    out.append(f"    shared  {', '.join(shared) or '(no word: cited or copied)'}")
    out.append(f"    kg align accept|reject {p.local} {p.central}")
    return out


@align.command()
@click.argument("symbol")
@click.option("--limit", type=click.IntRange(1), default=20, show_default=True,
              help="Text: list at most this many links.")
@click.option("--all", "include_reviewed", is_flag=True, help="Also links already reviewed.")
@click.option("--missed", "floor", type=click.FloatRange(0.0, 1.0), default=None,
              metavar="P", help="Also candidates scoring from P up to the proposing threshold "
                                "(links alignment may have missed; computed now).")
@format_option("text", "json")
@click.pass_context
def review(ctx: click.Context, symbol: str, limit: int, include_reviewed: bool,
           floor: float | None, fmt: str) -> None:
    """Proposed links of the plans implementing SYMBOL (or of the plan SYMBOL), most uncertain
    first: the probability closest to the proposing or the covering threshold.

    \b
    Example:
      kg align review 26-NQ/TW --limit 10
      kg align review '228-KH/TU@Quảng Ninh' --missed 0.15 --format json
    """
    doc = resolve(ctx, symbol)
    items = review_queue(get_store(ctx, read_only=True), doc["uid"], include_reviewed, floor)
    if fmt == "json":
        click.echo(to_json([p.as_json() for p in items]))
        return
    if not items:
        click.echo(f"{doc['uid']}: no proposed link left to review")
        return
    for i, p in enumerate(items[:limit], 1):
        click.echo("\n".join(render_item(i, p)))
    if len(items) > limit:
        click.echo(f"… {len(items) - limit} more (--limit)")


def _login() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name (a container without a user entry)
        return "unknown"


def _verdict(ctx: click.Context, verdict: str, local: str, central: str, note: str,
             by: str | None) -> None:
    store = get_store(ctx)
    try:
        r = record(store, local, central, verdict, by or _login(), note)
    except ReviewError as e:
        raise click.ClickException(str(e)) from e
    click.echo(f"{r.verdict}ed {r.local} -> {r.central} (by {r.by}, {r.at}); plan realigned")


_note = click.option("--note", default="", help="Why (kept with the review).")
_by = click.option("--by", default=None, help="Who reviews (default: the login name).")


def _verdict_command(verdict: str, doc: str) -> None:
    """`kg align accept` / `kg align reject`: the same arguments, one verdict each."""

    @click.argument("local_task")
    @click.argument("central_task")
    @_note
    @_by
    @click.pass_context
    def command(ctx: click.Context, local_task: str, central_task: str, note: str,
                by: str | None) -> None:
        _verdict(ctx, verdict, local_task, central_task, note, by)

    command.__doc__ = doc
    align.command(verdict)(command)


_verdict_command("accept", """LOCAL_TASK takes up CENTRAL_TASK: the link stays (and counts as
    covered) whatever its score, after any reload or realignment.""")
_verdict_command("reject", """LOCAL_TASK does not take up CENTRAL_TASK: the link is never
    proposed again.""")


@align.command("export")
@click.argument("file", type=click.Path(dir_okay=False))
@click.pass_context
def export_(ctx: click.Context, file: str) -> None:
    """Write every review of the store to FILE (YAML), for `kg align import`."""
    text = export_reviews(get_store(ctx, read_only=True))
    Path(file).write_text(text, encoding="utf-8")
    click.echo(f"wrote {file}", err=True)


@align.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.pass_context
def import_(ctx: click.Context, file: str) -> None:
    """Store the reviews of FILE (written by `kg align export`); the later review of a pair
    wins, reviews of tasks this store does not hold are skipped and listed."""
    try:
        reviews = parse_reviews(Path(file).read_text(encoding="utf-8"), file)
    except (ReviewError, UnicodeDecodeError) as e:
        raise click.ClickException(str(e)) from e
    report = import_reviews(get_store(ctx), reviews)
    for r, why in report.skipped:
        click.echo(f"skipped {r.local} -> {r.central}: {why}", err=True)
    click.echo(report.summary())


COMMANDS = [align]
