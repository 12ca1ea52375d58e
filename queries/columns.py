"""Query results read as columns (`Store.query_columns`): one list per column, no dict per
row. The analyses keep the columns and make a record only of the rows they keep."""

from __future__ import annotations

from typing import Any

Columns = dict[str, list[Any]]


def records(cols: Columns) -> list[dict[str, Any]]:
    """One dict per row, keyed by column (for the rows that become output records)."""
    keys = list(cols)
    return [dict(zip(keys, row, strict=True)) for row in zip(*cols.values(), strict=True)]


def record(cols: Columns, i: int) -> dict[str, Any]:
    """Row `i` as a dict keyed by column."""
    return {k: v[i] for k, v in cols.items()}
