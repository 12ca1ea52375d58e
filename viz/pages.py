"""Write the explorer, a trace, or a table as one self-contained HTML file."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import networkx as nx

from queries.trace import Trace, trace_graph
from viz.explorer import build_explorer_graph
from viz.render import render_explorer, render_table


def _write(path: Path | str, text: str) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def write_explorer(g: nx.DiGraph, path: Path | str, title: str = "kg explorer",
                   root: str | None = None, rank_by: str = "level", upward: bool = False) -> Path:
    """The explorer page for a graph of documents (edges child -> parent)."""
    page = build_explorer_graph(g, title, root, rank_by, upward)
    return _write(path, render_explorer(page.as_json()))


def write_trace_html(t: Trace, path: Path | str) -> Path:
    """`kg trace X --html FILE`: the trace in level bands, each document under the one it
    implements (so `--up` puts the root at the bottom), the root drawn with a thick border."""
    name = t.root.get("symbol") or t.root.get("title") or t.root["id"]
    return write_explorer(trace_graph(t), path, title=f"kg trace {name}", root=t.root["id"])


def write_table_html(title: str, columns: Sequence[str | tuple[str, str]],
                     rows: Sequence[dict[str, Any]], path: Path | str) -> Path:
    """A table page (e.g. `kg coverage X --format html`). `columns` are row keys, or
    (key, heading) pairs; every cell is escaped, lists are joined with "; "."""
    cols = [(c, c) if isinstance(c, str) else (c[0], c[1]) for c in columns]
    return _write(path, render_table(title, cols, list(rows)))
