"""One way to print data: the shared --format option and the writers behind it."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable, Sequence
from typing import Any

import click


def format_option(*choices: str, default: str | None = None) -> Callable:
    """The `--format` option every data command shares; the first choice is the default."""
    return click.option("--format", "fmt", type=click.Choice(choices),
                        default=default or choices[0], show_default=True, help="Output format.")


def _default(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if hasattr(value, "iso_format"):  # neo4j temporal values
        return value.iso_format()
    return str(value)


def to_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=_default)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(map(_cell, value))
    if isinstance(value, dict):
        return to_json(value)
    return _default(value) if not isinstance(value, str | int | float) else str(value)


def to_csv(rows: Sequence[dict[str, Any]]) -> str:
    buf = io.StringIO()
    if rows:
        w = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({k: _cell(v) for k, v in r.items()})
    return buf.getvalue()


def to_table(rows: Sequence[dict[str, Any]], max_width: int = 60) -> str:
    if not rows:
        return "(no rows)"
    cols = list(rows[0])
    cells = [[_cell(r.get(c)).replace("\n", " ")[:max_width] for c in cols] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(cols)]
    line = "  ".join(c.ljust(w) for c, w in zip(cols, widths, strict=True))
    sep = "  ".join("-" * w for w in widths)
    body = ["  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)) for row in cells]
    return "\n".join([line, sep, *body])


def emit(rows: Sequence[dict[str, Any]], fmt: str) -> None:
    """Print rows as table, json or csv."""
    if fmt == "json":
        click.echo(to_json(list(rows)))
    elif fmt == "csv":
        click.echo(to_csv(rows), nl=False)
    else:
        click.echo(to_table(rows))
