"""Text renderings of query results for the terminal: the trace tree, the coverage matrix,
gaps, lag; pure functions from a query's result to a string (the commands print them)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kg.output import to_table

if TYPE_CHECKING:  # `kg trace` loads only what it needs
    from queries.coverage import Coverage
    from queries.gaps import Gaps
    from queries.lag import Lag
    from queries.trace import Trace

MARK = {"covered": "●", "partly": "◐", "not covered": "·"}
MATRIX_COLUMNS = 12  # more plans than this: the table counts per task instead


def _tree_links(t: Trace) -> set[tuple[str, str]]:
    """(parent, child) pairs of the drawn tree: each document under its `parents`, which are
    one link nearer the root whichever way the trace goes."""
    return {(p, d["id"]) for d in t.documents for p in d["parents"]}


def generations(t: Trace) -> dict[str, int]:
    """Longest chain of implements links from the root to each document (cycles cut).

    A depth-first walk up each document's `parents`, each document finished once (its
    parents first): one pass over the links, without building them as pairs."""
    root = t.root["id"]
    ups = {d["id"]: d["parents"] for d in t.documents}
    depth = {root: 0}
    done: set[str] = {root}  # finished
    open_: set[str] = set()  # on the walk's current path
    for start, parents in ups.items():
        if start in done:
            continue
        known = [depth.get(p, -1) for p in parents]
        if -1 not in known:  # parents placed first (the usual order): no walk
            if known:
                depth[start] = max(known) + 1
            done.add(start)
            continue
        stack = [start]
        while stack:
            n = stack[-1]
            if n in done:
                stack.pop()
                continue
            parents = ups.get(n, ())
            todo = [p for p in parents if p not in done] if n not in open_ else []
            if todo:
                if not open_.isdisjoint(todo):  # a parent still open: a cycle
                    return _generations_cutting_cycles(t)
                open_.add(n)
                stack += todo
                continue
            stack.pop()
            open_.discard(n)
            done.add(n)
            known = [depth[p] for p in parents if p in depth]
            if known:
                depth[n] = max(known) + 1
    return depth


def _generations_cutting_cycles(t: Trace) -> dict[str, int]:
    """`generations` when the links hold a cycle: networkx finds and cuts each one."""
    import networkx as nx

    g = nx.DiGraph(list(_tree_links(t)))
    g.add_node(t.root["id"])
    while not nx.is_directed_acyclic_graph(g):
        g.remove_edge(*nx.find_cycle(g)[-1])
    depth = {t.root["id"]: 0}
    for n in nx.topological_sort(g):
        for p in g.predecessors(n):
            if p in depth:
                depth[n] = max(depth.get(n, 0), depth[p] + 1)
    return depth


def render_tree(t: Trace) -> str:
    """The trace as an indented tree, children under the documents they implement."""
    def line(d: dict) -> str:
        name = d["symbol"] or " ".join(filter(None, [d["type"] or "Văn bản", d["issuer"]]))
        parts = (name, d["type"] if d["symbol"] else None, d["locality"],
                 str(d["date"]) if d["date"] else None)
        lag = d.get("lag_days")
        text = " · ".join(filter(None, parts))
        return text + (f"  [+{lag} days]" if lag is not None and lag >= 0 else
                       f"  [{lag} days]" if lag is not None else "")

    # A document sits under its most specific parents (the longest chain from the root): a
    # commune plan citing its district plan, its provincial plan and 26-NQ/TW appears under
    # the district plan only.
    depth = generations(t)
    children: dict[str, list[dict]] = {}
    for d in t.documents:
        parents = d["parents"] or [t.root["id"]]
        if len(parents) == 1:
            children.setdefault(parents[0], []).append(d)
            continue
        levels = [depth.get(p, 0) for p in parents]
        deepest = max(levels)
        for p, level in zip(parents, levels, strict=True):
            if level == deepest:
                children.setdefault(p, []).append(d)
    out, seen = [line(t.root)], {t.root["id"]}

    def walk(uid: str, indent: str) -> None:
        kids = children[uid]
        end = len(kids) - 1
        for i, d in enumerate(kids):
            last = i == end
            branch = indent + ("└── " if last else "├── ")
            if d["id"] in seen:
                out.append(branch + line(d) + " (see above)")
                continue
            seen.add(d["id"])
            out.append(branch + line(d))
            if d["id"] in children:  # a leaf needs no call
                walk(d["id"], indent + ("    " if last else "│   "))

    if t.root["id"] in children:
        walk(t.root["id"], "")
    return "\n".join(out)


def _short(text: str | None, n: int = 48) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"


def heading(root: dict[str, Any]) -> str:
    """A document as one line: symbol (or id), type, date."""
    return " · ".join(str(x) for x in (root.get("symbol") or root["id"], root.get("type"),
                                       root.get("date")) if x)


def render_coverage(c: Coverage) -> str:
    """The matrix (central tasks x plans), then each cell's tasks and lead agencies."""
    if not c.rows:
        return (f"{heading(c.root)}: no tasks of this document are in the store. Describe them "
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
            labels = " ".join(t["label"] + ("✓" if t.get("reviewed") else "")
                              for t in cell["tasks"])
            row[names[col["id"]]] = f"{MARK[cell['status']]} {labels}".strip()
        row["plans"] = f"{r['covered'] + r['partly']}/{len(c.columns)}"
        matrix.append(row)
    t = c.totals()
    lines = [f"{heading(c.root)} — {t['central_tasks']} central tasks, {len(c.columns)} "
             f"{'localities' if c.by == 'locality' else 'implementing plans'} with tasks; "
             f"{t['taken_up']} tasks taken up, {t['not_taken_up']} not",
             "", to_table(matrix, max_width=48), "",
             f"{len(c.columns)} columns: counts per task here, the matrix in --format csv or "
             "html" if wide else "● covered  ◐ partly (weak links only)  · not covered  "
             "✓ reviewed (accepted by an analyst; the others are proposed)", "",
             "who leads:"]
    for r in c.rows:
        for col in c.columns:
            cell = r["cells"][col["id"]]
            for x in cell["tasks"]:
                seen = f", reviewed ✓ {x['reviewer']}" if x.get("reviewed") else ""
                lines.append(f"  {r['label']:>4} <- {names[col['id']]} {x['label']}: "
                             f"{x['lead'] or '(no lead named)'}  [{x['basis']} "
                             f"{x['score']:.2f}{seen}: {', '.join(x['words'][:4])}]")
    if c.without_tasks:
        lines += ["", "implementing documents whose tasks are not in the corpus: " +
                  ", ".join(" ".join(filter(None, (d["symbol"] or d["type"], d["locality"])))
                            for d in c.without_tasks)]
    return "\n".join(lines)


def render_gaps(g: Gaps) -> str:
    """Untaken central tasks, provinces with and without a plan, documents known only from
    citations."""
    out = [f"{heading(g.root)} — gaps as of {g.as_of}"]
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
    return "\n".join(out)


def render_lag(result: Lag, rows: list[dict[str, Any]]) -> str:
    """The days to each implementing document (`rows`), per level, then the undated ones."""
    out = [f"{heading(result.root)} — days to each implementing document\n", to_table(rows),
           "\nper level:", to_table(result.levels)]
    if result.undated:
        out.append("\nundated: " + ", ".join(
            d["name"] + (f" · {d['locality']}" if d["locality"] and d["locality"] not in
                         d["name"] else "") for d in result.undated))
    return "\n".join(out)


def target_values(items: list[dict[str, Any]], when: str) -> str:
    """Values of targets or results as a cell: "45%" or the text, with their year."""
    def one(x: dict[str, Any]) -> str:
        value = "" if x["value"] is None else f"{x['value']:g}" + (
            "%" if x.get("unit") == "percent" else "")
        at = x.get(when)
        return (value or _short(x["text"], 30)) + (f" ({at})" if at else "")
    return "; ".join(one(x) for x in items)
