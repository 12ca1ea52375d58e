"""The explorer's graph: what the page draws and shows, as plain JSON-ready data.

`build_explorer_graph` takes a networkx graph of documents (from `queries.explore.explore` or
`queries.trace_graph`; edges child -> parent) and returns nodes with precomputed positions,
colours and shapes from the ontology, tasks and evidence; edges with their kind
(IMPLEMENTS, or another relation between documents listed in `g.graph["relations"]`: BASED_ON,
REPLACES …, drawn in the ontology's colour and dashed), basis and evidence; the legend; and
the values each filter offers. Everything is text: the page renders it with textContent only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from graph.model import LEVELS
from ontology import load_schema, theme_labels
from viz.evidence import Texts, ordered
from viz.layout import NODE_WIDTH, lineage_layout
from viz.tilemap import tile_data

UNKNOWN_COLOR = "#999999"


@dataclass(frozen=True)
class ExplorerGraph:
    title: str
    root: str | None
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    legend: dict[str, list[dict[str, str]]]
    facets: dict[str, Any] = field(default_factory=dict)
    bands: list[dict[str, Any]] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)  # evidence sentences and file names, once
    tiles: dict[str, Any] = field(default_factory=dict)  # the overview's map (viz.tilemap)

    def as_json(self) -> dict[str, Any]:
        """The page's data, packed: colours come from the legend, flags only when true, no
        null value, a link's ends and a lineage parent as the documents' positions in
        `nodes` ("f", "t", "parent")."""
        index = {n["id"]: i for i, n in enumerate(self.nodes)}
        nodes = [{**{k: v for k, v in n.items() if k not in _DERIVED and v is not None and
                     not (k in _FLAGS and not v)},
                  **({"parent": index[n["parent"]]} if n.get("parent") is not None else {})}
                 for n in self.nodes]
        edges = [{**{k: v for k, v in e.items() if k not in ("from", "to")},
                  "f": index[e["from"]], "t": index[e["to"]]} for e in self.edges]
        return {"title": self.title, "root": self.root, "nodes": nodes, "edges": edges,
                "legend": self.legend, "facets": self.facets, "bands": self.bands,
                "texts": self.texts, "tiles": self.tiles, "nodeWidth": NODE_WIDTH,
                "unknownColor": UNKNOWN_COLOR,
                "shape": self.nodes[0]["shape"] if self.nodes else "box"}


_DERIVED = ("shape", "color", "font", "border")  # rebuilt by the page from the legend
_FLAGS = ("root", "plan")


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "iso_format"):  # neo4j temporal values
        return value.iso_format()
    return str(value)


def _plain(value: Any) -> Any:
    """JSON-ready: dates as ISO strings, tuples as lists, nested values likewise."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return _iso(value)


def text_color(background: str) -> str:
    """Dark or light text, whichever reads better on `background` ("#rrggbb")."""
    r, g, b = (int(background[i:i + 2], 16) / 255 for i in (1, 3, 5))
    return "#1c2833" if 0.299 * r + 0.587 * g + 0.114 * b > 0.55 else "#ffffff"


def node_label(d: dict[str, Any]) -> str:
    """Symbol (or type and issuer, for unnumbered documents) over the locality."""
    name = d.get("symbol") or " ".join(filter(None, [d.get("type") or "Văn bản",
                                                     _short(d.get("issuer"), 28)]))
    return name + (f"\n{d['locality']}" if d.get("locality") else "")


def _short(text: str | None, n: int) -> str | None:
    return text if text is None or len(text) <= n else text[: n - 1] + "…"


def _evidence(e: dict[str, Any]) -> list[dict[str, Any]]:
    """An edge's evidence list; a trace edge has one sentence and a count of sources."""
    if e.get("evidence") is not None:
        return list(e["evidence"])
    if e.get("sentence"):
        return [{"sentence": e["sentence"], "source_name": None, "method": None,
                 "confidence": None}]
    return []


_VERDICTS = {None: 0, "accept": 1, "reject": 2}


def _task(t: dict[str, Any], texts: Texts, where: dict[str, tuple[int, int]]) -> list[Any]:
    """[label, text, lead, [supporters], deadline, [theme ids], (aligns)], strings as `texts`
    indices. aligns (only when the task has task links or reviews): one [document, task,
    score, words, verdict, reviewer, at, note] per central task, the central task as its
    document's and its own position in the page (document -1 and the task's uid when not in
    the page); words: the words both tasks share, as one text; verdict 1 = accepted, 2 =
    rejected by an analyst; a link not reviewed stops at its words (two in a hundred carry a
    review: the page is 1 MB lighter at 5,000 documents)."""
    out = [texts(_plain(t.get("label"))), texts(t.get("text")), texts(t.get("lead")),
           [texts(x) for x in t.get("support") or ()], texts(_plain(t.get("deadline"))),
           list(t.get("themes") or ())]
    aligns = []
    for a in t.get("aligns") or ():
        d, i = where.get(a["central"], (-1, texts(a["central"])))
        score = a.get("score")
        words = ", ".join(a.get("words") or ())
        entry = [d, i, None if score is None else round(score, 2), texts(words or None)]
        if a.get("verdict"):  # proposed links (most) end at the score
            entry += [_VERDICTS.get(a.get("verdict"), 0), texts(a.get("reviewer")),
                      texts(_plain(a.get("at"))), texts(a.get("note"))]
        aligns.append(entry)
    return [*out, aligns] if aligns else out


def review_marks(g: nx.DiGraph, child: str, parent: str) -> list[int] | None:
    """[task links, accepted, rejected] from the tasks of `child` to those of `parent` (None
    when there are none): the marks an implements link carries."""
    marks = [0, 0, 0]
    for t in g.nodes[child].get("tasks") or ():
        for a in t.get("aligns") or ():
            if a.get("document") == parent or (a.get("document") is None and
                                               a["central"] in _task_uids(g, parent)):
                marks[0] += a.get("score") is not None
                marks[1] += a.get("verdict") == "accept"
                marks[2] += a.get("verdict") == "reject"
    return marks if any(marks) else None


def _task_uids(g: nx.DiGraph, n: str) -> set[str]:
    return {t.get("uid") for t in g.nodes[n].get("tasks") or ()}


def _packed(entries: list[dict[str, Any]], texts: Texts) -> list[list[Any]]:
    """Evidence entries (see viz.evidence) as [s, f, a, b, method, c, w, also]: the page is
    a fifth smaller at 5,000 documents than with named fields."""
    return [[e["s"], e["f"], e["a"], e["b"], texts(e["m"]), e["c"], e["w"], e["also"]]
            for e in entries]


def build_explorer_graph(g: nx.DiGraph, title: str = "kg explorer", root: str | None = None,
                         rank_by: str = "level", upward: bool = False) -> ExplorerGraph:
    """The page's data for a graph of documents (edges child -> parent).

    `rank_by` is "level" (central at the top, communes at the bottom) or "depth" (longest
    chain from `root`; `upward` puts the root at the bottom). See `viz.layout`.
    """
    root = root if root is not None else g.graph.get("root")
    schema = load_schema()
    types = {t.name: t for t in schema.doc_types}
    levels = schema.levels
    shape = schema.node("Document").shape or "box"
    themes = theme_labels()
    lay = lineage_layout(g, rank_by, root, upward=upward)
    pos = lay.pos
    texts = Texts()
    own = {n: {ev.get("source") for ev in d.get("evidence") or ()} for n, d in g.nodes(data=True)}
    themes_of: dict[str, list[str]] = {}
    where = {t["uid"]: (i, k) for i, (_, d) in enumerate(g.nodes(data=True))
             for k, t in enumerate(d.get("tasks") or ()) if t.get("uid")}
    nodes = []
    for n, d in g.nodes(data=True):
        level = d.get("level") or "unknown"
        t = types.get(d.get("type") or "")
        x, y = pos[n]
        color = t.color if t else UNKNOWN_COLOR
        nodes.append({
            "id": n, "label": node_label(d), "x": x, "y": y, "shape": shape,
            "color": color, "font": text_color(color),
            "border": levels.get(level, UNKNOWN_COLOR),
            "root": n == root, "parent": lay.parent[n], "symbol": d.get("symbol"),
            "plan": bool(t and t.english == "Plan"),
            "type": d.get("type"),
            "issuer": d.get("issuer"), "level": level, "locality": d.get("locality"),
            "date": _iso(d.get("date")), "title": d.get("title"),
            "tasks": [_task(t, texts, where) for t in d.get("tasks") or ()],
            "evidence": _packed(ordered(d.get("evidence") or (), texts, own[n]), texts),
            **{k: _plain(d[k]) for k in ("depth", "lag_days") if d.get(k) is not None},
        })
        themes_of[n] = list(d.get("themes") or [])
    label = {n["id"] for n in nodes}
    links = {r.type: r for r in schema.document_links}
    edges = []
    for child, parent, e in g.edges(data=True):
        evidence = ordered(_evidence(e), texts, own[child], g.nodes[parent].get("symbol"))
        edge = {"from": child, "to": parent, "basis": e.get("basis"),
                "evidence": _packed(evidence, texts)}  # id and kind: set by the page
        marks = review_marks(g, child, parent)
        if marks:
            edge["rv"] = marks
        edges.append(edge)
    for r in g.graph.get("relations") or ():
        rel = links.get(r["type"])
        if rel is None or r["child"] not in label or r["parent"] not in label:
            continue
        evidence = ordered(r["evidence"], texts, own[r["child"]],
                           g.nodes[r["parent"]].get("symbol"))
        edges.append({"id": f"{r['child']}-{rel.type}->{r['parent']}", "from": r["child"],
                      "to": r["parent"], "kind": rel.type, "basis": None,
                      "color": rel.color or UNKNOWN_COLOR, "dashes": rel.dashes,
                      "name": f"{rel.label_vi} · {rel.label_en}",
                      "evidence": _packed(evidence, texts)})
    present_types = sorted({n["type"] for n in nodes if n["type"]})
    present_levels = [lv for lv in LEVELS if any(n["level"] == lv for n in nodes)]
    present_themes = sorted({th for ths in themes_of.values() for th in ths})
    dates = sorted(n["date"] for n in nodes if n["date"])
    legend = {
        "types": [{"name": name, "english": types[name].english if name in types else "",
                   "color": types[name].color if name in types else UNKNOWN_COLOR,
                   "font": text_color(types[name].color if name in types else UNKNOWN_COLOR)}
                  for name in present_types],
        "levels": [{"name": lv, "color": levels.get(lv, UNKNOWN_COLOR)} for lv in present_levels],
        "links": [{"kind": r.type, "name": r.label_vi, "english": r.label_en,
                   "color": r.color or UNKNOWN_COLOR, "dashes": r.dashes}
                  for r in sorted(schema.document_links, key=lambda r: (r.dashes, r.type))
                  if any(e.get("kind", "IMPLEMENTS") == r.type for e in edges)],
    }
    localities = sorted({n["locality"] for n in nodes if n["locality"]})
    facets = {
        "types": present_types, "levels": present_levels, "localities": localities,
        "themes": [{"id": th, "label": themes.get(th, th)} for th in present_themes],
        "dates": [dates[0], dates[-1]] if dates else None,
    }
    return ExplorerGraph(title, root, nodes, edges, legend, facets, lay.bands, texts.items,
                         tile_data(localities))
