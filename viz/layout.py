"""The lineage layout, computed ahead so that the browser draws without physics.

A document sits under the document it implements. Each document gets a layer: its level's band
(central -> provincial -> district -> commune -> unknown) and, inside the band, its chain
within the level (a central plan under the resolution it implements); in a trace, the longest
chain from the root. Its *lineage parent* is the document it implements on its most specific
chain: the one drawn lowest (a commune plan hangs under its district plan, not under the
central resolution it also cites). The lineage parents form a forest, laid out as a tidy tree:
a parent is centred over its children, siblings run left to right by date, childless siblings
of one layer are packed into a small grid so that 60 provincial plans do not make a row 60
boxes wide, and sibling subtrees are then reordered once by the barycentre of their other links
(fewer crossings).

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
from dataclasses import dataclass
from typing import Any

import networkx as nx

from graph.model import LEVELS

NODE_WIDTH = 150  # px, the widest a document's box is drawn (labels wrap inside it)
X_GAP = NODE_WIDTH + 20  # px between neighbours' centres: boxes never overlap
ROW_GAP = 76  # px between the rows of one layer's grids (a three-line box is 65 px)
LAYER_GAP = 110  # px between the layers of one band (room for the edges)
BAND_GAP = 150  # px between bands
ROW_WIDTH = 12  # at most this many childless siblings side by side before wrapping
SHELF_GAP = LAYER_GAP + 40  # px between shelves (wider than a layer gap: bands stay apart)
SCREEN = (1150, 800)  # px, the graph's area on a laptop: shelves are chosen to fit it
LEVEL_NAMES = {"central": "Trung ương · central", "provincial": "Tỉnh · provincial",
               "district": "Huyện · district", "commune": "Xã · commune",
               "unknown": "Chưa rõ cấp · unknown level"}

Key = tuple[int, int]  # (band, layer inside the band)


@dataclass(frozen=True)
class Layout:
    """Positions (px), each document's lineage parent (or None), and the labelled bands."""

    pos: dict[str, tuple[int, int]]
    parent: dict[str, str | None]
    bands: list[dict[str, Any]]


def _date_key(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value) if value else "9999"  # undated documents come last


def _acyclic(h: nx.DiGraph) -> nx.DiGraph:
    """`h` without the edges that close a cycle (a depth-first search's back edges)."""
    if nx.is_directed_acyclic_graph(h):
        return h
    h = h.copy()
    while True:
        try:
            cycle = nx.find_cycle(h)
        except nx.NetworkXNoCycle:
            return h
        h.remove_edge(*cycle[-1][:2])


def _longest_from(h: nx.DiGraph, nodes: list[str], source: str | None) -> dict[str, int]:
    """Longest path length from `source` in the DAG `h` (nodes it does not reach: absent)."""
    dist: dict[str, int] = {source: 0} if source in h else {}
    for n in nodes:
        if n in dist:
            for c in h.successors(n):
                dist[c] = max(dist.get(c, 0), dist[n] + 1)
    return dist


def layer_keys(g: nx.DiGraph, by: str = "level", root: str | None = None,
               upward: bool = False) -> tuple[dict[str, Key], nx.DiGraph]:
    """Each document's (band, layer), and the drawing DAG (edges from drawn-above to below)."""
    if by not in ("level", "depth"):
        raise ValueError(f"rank by 'level' or 'depth', not {by!r}")
    h = nx.DiGraph()  # structure only: copying the documents' data costs seconds at 5,000
    h.add_nodes_from(g)
    h.add_edges_from(g.edges() if upward else ((p, c) for c, p in g.edges()))
    h = _acyclic(h)
    order = list(nx.topological_sort(h))
    if by == "depth":
        dist = _longest_from(h, order, root)
        last = max(dist.values(), default=-1) + 1
        return {n: (dist.get(n, last), 0) for n in g}, h
    index = {lv: i for i, lv in enumerate(LEVELS)}
    band = {n: index.get(d.get("level") or "unknown", len(LEVELS) - 1)
            for n, d in g.nodes(data=True)}
    sub: dict[str, int] = {}
    for n in order:
        sub[n] = max((sub[p] + 1 for p in h.predecessors(n) if band[p] == band[n]), default=0)
    return {n: (band[n], sub[n]) for n in g}, h


def ranks(g: nx.DiGraph, by: str = "level", root: str | None = None) -> dict[str, int]:
    """The band of each node: its level's position in LEVELS, or its longest chain from root."""
    return {n: k[0] for n, k in layer_keys(g, by, root)[0].items()}


def lineage_parents(g: nx.DiGraph, keys: dict[str, Key], h: nx.DiGraph) -> dict[str, str | None]:
    """Each document's parent on its most specific chain: of the documents above it that it is
    linked to, the lowest drawn (deepest level, longest chain); then the earliest, then by id."""
    def rank(p: str) -> tuple:
        k = keys[p]
        return (-k[0], -k[1], _date_key(g.nodes[p].get("date")), p)

    return {n: min((p for p in h.predecessors(n) if keys[p] < keys[n]), key=rank, default=None)
            for n in g}


class _Forest:
    """The tidy layout of the lineage forest: columns, and y from the layers' table."""

    def __init__(self, g: nx.DiGraph, keys: dict[str, Key], parent: dict[str, str | None],
                 row_width: int, shelf_width: int) -> None:
        self.g, self.keys, self.row_width, self.shelf_width = g, keys, row_width, shelf_width
        self.children: dict[str | None, list[str]] = {}
        for n in sorted(g, key=self._when):
            self.children.setdefault(parent[n], []).append(n)
        self.order: dict[str | None, list[tuple]] = {}  # node -> its segments, in order
        self.shelves: dict[str | None, list[list[tuple]]] = {}
        self.col: dict[str, float] = {}
        self.row: dict[str, int] = {}
        self.y: dict[str, int] = {}
        self.width: dict[str | None, int] = {}
        self.layer_y: dict[Key, int] = {}

    def _when(self, n: str) -> tuple:
        d = self.g.nodes[n]
        return (_date_key(d.get("date")), d.get("locality") or "", d.get("symbol") or "", n)

    def segments(self, n: str | None) -> list[tuple]:
        """A node's children as segments: ("tree", child) for a child with children of its
        own, ("grid", [childless children of one layer]); first by date."""
        if n in self.order:
            return self.order[n]
        segs: list[tuple] = []
        grids: dict[Key, list[str]] = {}
        for c in self.children.get(n, ()):
            if self.children.get(c):
                segs.append(("tree", c))
            elif self.keys[c] not in grids:
                grids[self.keys[c]] = [c]
                segs.append(("grid", grids[self.keys[c]]))
            else:
                grids[self.keys[c]].append(c)
        self.order[n] = segs
        return segs

    def cols(self, k: int) -> int:
        return max(1, min(k, self.row_width, math.ceil(math.sqrt(1.5 * k))))

    def grid_rows(self) -> dict[Key, int]:
        """Rows each layer needs: its largest grid's."""
        rows: dict[Key, int] = {}
        for n, segs in self.order.items():
            if n is None:  # documents linked to nothing get shelves of their own
                continue
            for kind, m in segs:
                if kind == "grid":
                    k = self.keys[m[0]]
                    rows[k] = max(rows.get(k, 1), math.ceil(len(m) / self.cols(len(m))))
        return rows

    def seg_width(self, seg: tuple) -> int:
        return self.width[seg[1]] if seg[0] == "tree" else self.cols(len(seg[1]))

    def measure(self, n: str | None) -> int:
        """Columns of n's block; children wider than the shelf width wrap onto shelves (rows
        of whole subtrees, one below the other), so that a fan of 60 provinces stays legible."""
        segs = self.segments(n)
        for seg in segs:
            if seg[0] == "tree":
                self.measure(seg[1])
        shelves: list[list[tuple]] = [[]]
        used = 0
        if n is None:  # trees first; then the documents linked to nothing, a shelf a layer
            segs = [x for x in segs if x[0] == "tree"] + [x for x in segs if x[0] == "grid"]
        for seg in segs:
            w = self.seg_width(seg)
            alone = n is None and seg[0] == "grid"
            if shelves[-1] and (alone or used + w > self.shelf_width):
                shelves.append([])
                used = 0
            shelves[-1].append(seg)
            used += w
        self.shelves[n] = shelves
        w = max(sum(self.seg_width(x) for x in shelf) for shelf in shelves)
        self.width[n] = max(1 if n is not None else 0, w)
        return self.width[n]

    def place(self, n: str | None, left: float, dy: int) -> int:
        """Columns from `left`, y shifted by `dy`: children side by side (shelf after shelf),
        the node centred over its first shelf. Returns the lowest y of the block."""
        if n is not None:
            self.row[n] = 0
            self.y[n] = self.layer_y[self.keys[n]] + dy
        bottom = self.y[n] if n is not None else dy
        for i, shelf in enumerate(self.shelves[n]):
            if not shelf:
                continue
            if i:  # below everything the shelf above holds
                top = min(self.layer_y[self._key(seg)] for seg in shelf)
                dy = bottom + SHELF_GAP - top
            x = left + (self.width[n] - sum(self.seg_width(s) for s in shelf)) / 2
            for seg in shelf:
                if seg[0] == "tree":
                    bottom = max(bottom, self.place(seg[1], x, dy))
                else:
                    bottom = max(bottom, self._grid(seg[1], x, dy))
                x += self.seg_width(seg)
        if n is not None:
            first = self.shelves[n][0]
            if first:
                heads = [self.col[s[1]] if s[0] == "tree" else self.col[s[1][0]] for s in first]
                ends = [self.col[s[1]] if s[0] == "tree" else self.col[s[1][-1]]
                        for s in first]
                self.col[n] = (min(heads) + max(ends)) / 2
            else:
                self.col[n] = left + self.width[n] / 2
        return bottom

    def _key(self, seg: tuple) -> Key:
        return self.keys[seg[1]] if seg[0] == "tree" else self.keys[seg[1][0]]

    def _grid(self, members: list[str], x: float, dy: int) -> int:
        cols = self.cols(len(members))
        bottom = 0
        for i, c in enumerate(members):
            r, k = divmod(i, cols)
            in_row = min(cols, len(members) - r * cols)
            self.col[c] = x + (cols - in_row) / 2 + k + 0.5
            self.row[c] = r
            self.y[c] = self.layer_y[self.keys[c]] + dy + r * ROW_GAP
            bottom = max(bottom, self.y[c])
        return bottom

    def layout(self) -> None:
        self.segments(None)
        for n in list(self.g):
            self.segments(n)
        rows = self.grid_rows()
        y, last = 0, None
        for k in sorted(set(self.keys.values())):
            if last is not None:
                y += (rows.get(last, 1) - 1) * ROW_GAP + (LAYER_GAP if k[0] == last[0]
                                                          else BAND_GAP)
            self.layer_y[k], last = y, k
        self.measure(None)
        self.place(None, 0, 0)

    def reorder_by_barycentre(self, h: nx.DiGraph) -> None:
        """Sort each node's segments by the mean column of the documents their subtree links
        to outside itself (other than its lineage ancestors); unlinked ones keep their place."""
        below: dict[str, set[str]] = {}
        up = {c: p for p, kids in self.children.items() for c in kids if p is not None}

        def subtree(n: str) -> set[str]:
            if n not in below:
                s = {n}
                for c in self.children.get(n, ()):
                    s |= subtree(c)
                below[n] = s
            return below[n]

        def ancestors(n: str | None) -> set[str]:
            out = set()
            while n is not None:
                out.add(n)
                n = up.get(n)
            return out

        for n, segs in list(self.order.items()):
            if n is None or len(segs) < 2:  # the forest's roots stay in date order
                continue
            above = ancestors(n)

            def centre(seg: tuple, above: set[str] = above) -> float:
                members = subtree(seg[1]) if seg[0] == "tree" else set(seg[1])
                xs = [self.col[m] for u in members
                      for m in (*h.predecessors(u), *h.successors(u))
                      if m not in members and m not in above]
                own = [self.col[u] for u in (members if seg[0] == "grid" else [seg[1]])]
                return sum(xs) / len(xs) if xs else sum(own) / len(own)

            self.order[n] = sorted(segs, key=centre)


def _bands(keys: dict[str, Key], pos: dict[str, tuple[int, int]],
           by: str) -> list[dict[str, Any]]:
    """A labelled box per run of one band's rows, top to bottom; a run ends where another
    band's row comes between (each shelf repeats the bands)."""
    rows: dict[int, tuple[int, list[int]]] = {}
    for n, k in keys.items():
        y = pos[n][1]
        rows.setdefault(y, (k[0], []))[1].append(pos[n][0])
    runs: list[tuple[int, list[int], list[int]]] = []  # band, ys, xs
    for y in sorted(rows):
        b, xs = rows[y]
        if runs and runs[-1][0] == b:
            runs[-1][1].append(y)
            runs[-1][2].extend(xs)
        else:
            runs.append((b, [y], list(xs)))
    return [{"label": LEVEL_NAMES[LEVELS[b]] if by == "level" else
             ("root" if b == 0 else f"depth {b}"),
             "top": min(ys) - ROW_GAP // 2, "bottom": max(ys) + ROW_GAP // 2,
             "left": min(xs) - X_GAP // 2, "right": max(xs) + X_GAP // 2}
            for b, ys, xs in runs]


def _fit(forest: _Forest) -> float:
    """The scale at which the drawing fits a typical screen's graph area."""
    width = max(forest.width[None], 1) * X_GAP
    height = max(forest.y.values(), default=0) + ROW_GAP
    return min(SCREEN[0] / width, SCREEN[1] / height)


def lineage_layout(g: nx.DiGraph, by: str = "level", root: str | None = None,
                   row_width: int = ROW_WIDTH, upward: bool = False,
                   shelf_width: int | None = None) -> Layout:
    """Positions by lineage: layers top to bottom (bottom to top if `upward`, for what a
    document implements), each document under its lineage parent. `shelf_width` (columns;
    by default the one that fits SCREEN best) wraps wide fans."""
    keys, h = layer_keys(g, by, root, upward)
    parent = lineage_parents(g, keys, h)

    # the order (date, then one barycentre pass) is taken on the unwrapped forest; then the
    # shelf width whose drawing fits a screen at the largest scale
    forest = _Forest(g, keys, parent, row_width, 10**9)
    forest.layout()
    forest.reorder_by_barycentre(h)
    forest.measure(None)
    widths = [shelf_width] if shelf_width else []
    width = row_width
    while not shelf_width and width < forest.width[None]:
        widths.append(width)
        width = math.ceil(width * 1.4)
    best, best_fit = 10**9, -1.0
    for w in [10**9, *widths]:
        forest.shelf_width = w
        forest.measure(None)
        forest.place(None, 0, 0)
        if _fit(forest) > best_fit:
            best, best_fit = w, _fit(forest)
    forest.shelf_width = shelf_width or best
    forest.measure(None)
    forest.place(None, 0, 0)
    mid = forest.width[None] / 2
    pos = {n: (int((forest.col[n] - mid) * X_GAP), -forest.y[n] if upward else forest.y[n])
           for n in g}
    return Layout(pos, parent, _bands(keys, pos, by))


def hierarchical_positions(g: nx.DiGraph, by: str = "level", root: str | None = None,
                           row_width: int = ROW_WIDTH,
                           upward: bool = False) -> dict[str, tuple[int, int]]:
    """(x, y) per node of `lineage_layout`."""
    return lineage_layout(g, by, root, row_width, upward).pos


def crossings(g: nx.DiGraph, pos: dict[str, tuple[float, float]]) -> int:
    """How many pairs of edges (straight segments) cross: a measure of a layout's clutter."""
    segs = [(pos[a], pos[b]) for a, b in g.edges()]

    def side(p, q, r) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    count = 0
    for i, (a, b) in enumerate(segs):
        for c, d in segs[i + 1:]:
            if len({a, b, c, d}) < 4:
                continue
            if side(a, b, c) * side(a, b, d) < 0 and side(c, d, a) * side(c, d, b) < 0:
                count += 1
    return count
