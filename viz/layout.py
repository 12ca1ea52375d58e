"""A hierarchical layout computed ahead, so the browser draws without physics.

Each document gets a rank: its level (central -> provincial -> district -> commune ->
unknown) or its depth in a trace. A rank is a horizontal band; inside it documents run left to
right by date, wrapping onto further rows so that a band of 3,000 communes stays readable.

    >>> import networkx as nx
    >>> g = nx.DiGraph()
    >>> g.add_node("a", level="central"); g.add_node("b", level="provincial")
    >>> g.add_edge("b", "a")
    >>> pos = hierarchical_positions(g)
    >>> pos["a"][1] < pos["b"][1]
    True
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import networkx as nx

from graph.model import LEVELS

NODE_WIDTH = 200  # px, the widest a document's box is drawn (labels wrap inside it)
X_GAP = NODE_WIDTH + 30  # px between neighbours' centres in a row: boxes never overlap
ROW_GAP = 90  # px between the rows of one band
BAND_GAP = 220  # px between bands
ROW_WIDTH = 40  # documents per row before wrapping (more in big bands, see _width)


def _date_key(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value) if value else "9999"  # undated documents come last


def ranks(g: nx.DiGraph, by: str = "level", root: str | None = None) -> dict[str, int]:
    """The band of each node: its level's position in LEVELS, or its distance from `root`.

    With `by="depth"`, a node's `depth` attribute wins; otherwise the distance is the shortest
    implements path (child -> parent edges) to the root; nodes that do not reach it go last.
    """
    if by == "level":
        order = {lv: i for i, lv in enumerate(LEVELS)}
        return {n: order.get(d.get("level") or "unknown", len(LEVELS) - 1)
                for n, d in g.nodes(data=True)}
    if by != "depth":
        raise ValueError(f"rank by 'level' or 'depth', not {by!r}")
    dist = nx.single_target_shortest_path_length(g, root) if root in g else {}
    found = dict(dist)
    deepest = max(found.values(), default=0)
    return {n: d["depth"] if isinstance(d.get("depth"), int) else found.get(n, deepest + 1)
            for n, d in g.nodes(data=True)}


def _width(members: int, row_width: int) -> int:
    """Documents per row: `row_width`, or more for big bands so they stay wider than tall."""
    return max(row_width, math.ceil(math.sqrt(2.5 * members)))


def hierarchical_positions(g: nx.DiGraph, by: str = "level", root: str | None = None,
                           row_width: int = ROW_WIDTH,
                           upward: bool = False) -> dict[str, tuple[int, int]]:
    """(x, y) per node: y by rank (top to bottom; bottom to top if `upward`, as for what a
    document implements), x by date within the rank, rows wrapped."""
    bands: dict[int, list[str]] = {}
    for n, r in ranks(g, by, root).items():
        bands.setdefault(r, []).append(n)
    pos: dict[str, tuple[int, int]] = {}
    y = 0
    for r in sorted(bands):
        members = sorted(bands[r], key=lambda n: (_date_key(g.nodes[n].get("date")),
                                                  g.nodes[n].get("locality") or "",
                                                  g.nodes[n].get("symbol") or "", n))
        width = _width(len(members), row_width)
        for i, n in enumerate(members):
            row, col = divmod(i, width)
            in_row = min(width, len(members) - row * width)
            pos[n] = (int((col - (in_row - 1) / 2) * X_GAP),
                      -(y + row * ROW_GAP) if upward else y + row * ROW_GAP)
        y += ((len(members) - 1) // width) * ROW_GAP + BAND_GAP
    return pos
