"""The HTML explorer in headless Chromium on a real `kg synth` corpus, beside a baseline.

Run on demand:
    python -m bench.bench_explorer --store /tmp/s5000.lbdb     # a store of a loaded synth corpus
    python -m bench.bench_explorer --synth 5000                # synth + load first (slow)
    python -m bench.bench_explorer --sizes 500,5000            # thin synthetic trees, no store

The page of every document in the store is written with `viz.write_explorer` (as `kg explore`
does). Times are medians over cold browser launches, in ms, each until the browser's next
drawing after the action: first render (`performance.now()` at the first drawing with every
handler attached: the overview for more than 400 documents), opening the first province tile
(its documents and the chain above them), select -> side panel, the commune level filter and
"Reset filters" inside that province; then "Draw all", and the same filter and reset over all
documents. The baseline is the same page with no documents. Needs Debian's chromium at
/usr/bin/chromium (never downloads a browser). The budgets of issue 21 are printed beside.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from viz import write_explorer

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def province_names() -> list[str]:
    """The 63 province-level units before the 2025 reorganisation, the gazetteer's order."""
    from loaders.localities import provinces

    return [p.name for p in provinces(dt.date(2020, 1, 1))]


def synthetic_graph(n: int, seed: int = 1) -> nx.DiGraph:
    """About `n` documents in a four-level implementation tree (edges child -> parent), one
    province per 40 documents (at most 63, each a real unit). Every provincial plan's first
    task takes up the root's first task; in every third province its second task takes up
    the root's second too (so the map's "share of the root's tasks" reads 50 % or 100 %)."""
    rnd = random.Random(seed)
    g = nx.DiGraph(root="doc:26-NQ/TW")
    day0 = dt.date(2018, 5, 19)

    def add(uid: str, symbol: str, type_: str, level: str, locality: str | None,
            parent: str | None, days: int) -> str:
        g.add_node(uid, id=uid, symbol=symbol, type=type_, issuer=f"Cơ quan {symbol}",
                   level=level, locality=locality, date=day0 + dt.timedelta(days=days),
                   title=f"Kế hoạch thực hiện Nghị quyết 26-NQ/TW ({symbol})", themes=["training"],
                   tasks=[{"uid": f"task:{uid}#{i}", "label": str(i), "text": "Rà soát quy hoạch.",
                           "lead": "Ban Tổ chức", "support": ["Sở Nội vụ"],
                           "deadline": "quý IV năm 2019", "themes": ["training"]}
                          for i in (1, 2)],
                   evidence=[{"source": "src:bench", "source_name": "bench.txt",
                              "sentence": f"Ban hành Kế hoạch {symbol}.", "span_start": 0,
                              "span_end": 20, "method": "explicit", "confidence": 1.0}])
        if parent:
            g.add_edge(uid, parent, basis="explicit", evidence=[
                {"source": "src:bench", "source_name": "bench.txt", "method": "explicit",
                 "sentence": f"{symbol} thực hiện {parent}.", "confidence": 1.0}])
        return uid

    add("doc:26-NQ/TW", "26-NQ/TW", "Nghị quyết", "central", None, None, 0)
    add("doc:10-KH/TW", "10-KH/TW", "Kế hoạch", "central", None, "doc:26-NQ/TW", 18)
    provinces = max(1, min(63, n // 40))
    districts = max(1, -(-(n - 2 - provinces) // (provinces * 8)))
    count = 2
    names = province_names()
    for p in range(provinces):
        loc = names[p]
        plan = add(f"doc:{p}-KH/TU", f"{p}-KH/TU", "Kế hoạch", "provincial", loc,
                   "doc:10-KH/TW", rnd.randint(40, 200))
        for i, task in enumerate(g.nodes[plan]["tasks"][: 2 if p % 3 == 0 else 1], start=1):
            task["aligns"] = [{"central": f"task:doc:26-NQ/TW#{i}", "document": "doc:26-NQ/TW",
                               "score": 0.9, "basis": "lexical", "verdict": None}]
        count += 1
        for d in range(districts):
            if count >= n:
                return g
            dplan = add(f"doc:{p}.{d}-KH/HU", f"{d}-KH/HU", "Kế hoạch", "district", loc, plan,
                        rnd.randint(200, 400))
            count += 1
            for c in range(7):
                if count >= n:
                    return g
                add(f"doc:{p}.{d}.{c}-KH/ĐU", f"{c}-KH/ĐU", "Kế hoạch", "commune", loc, dplan,
                    rnd.randint(400, 700))
                count += 1
    return g


# the click's own work, then vis-network's drawing in the next animation frame (it asks for
# its frame during the click, so our frame callback runs after its drawing)
_UNTIL_DRAWN = """selector => new Promise(done => {
    const el = document.querySelector(selector);
    if (!el) { done(null); return; }
    const t = performance.now();
    el.click();
    requestAnimationFrame(() => done(performance.now() - t)); })"""


def _step(page, selector: str) -> float | None:
    return page.evaluate(_UNTIL_DRAWN, selector)


def measure(path: Path, repeat: int) -> dict[str, float | None]:
    """Median ms of each step (None: the step does not apply to this page)."""
    from playwright.sync_api import sync_playwright

    runs: dict[str, list[float]] = {}

    def note(name: str, value: float | None) -> None:
        if value is not None:
            runs.setdefault(name, []).append(value)

    with sync_playwright() as p:
        for _ in range(repeat):
            with tempfile.TemporaryDirectory() as profile:
                ctx = p.chromium.launch_persistent_context(
                    profile, executable_path=CHROMIUM, args=ARGS, headless=True,
                    viewport={"width": 1440, "height": 900})
                page = ctx.new_page()
                page.goto(path.as_uri())
                page.wait_for_function("window.kgReady !== undefined", timeout=180_000)
                note("first", page.evaluate("window.kgReady"))
                note("province", _step(page, ".kg-tile"))
                note("panel", page.evaluate("""() => { const t = performance.now();
                    const ids = kgExplorer.nodes.getIds();
                    if (!ids.length) return null;
                    kgExplorer.select(ids[ids.length - 1], false);
                    return performance.now() - t; }"""))
                note("filter", _step(page, "#kg-levels input[value=commune]"))
                note("reset", _step(page, "#kg-reset"))
                note("all", _step(page, "#kg-all"))
                if page.evaluate("document.getElementById('kg-all') !== null"):
                    note("filter_all", _step(page, "#kg-levels input[value=commune]"))
                    note("reset_all", _step(page, "#kg-reset"))
                ctx.close()
    return {k: statistics.median(v) for k, v in runs.items()}


def corpus_graph(store_path: str) -> nx.DiGraph:
    """Every document of a loaded store, as `kg explore` reads them."""
    from graph import open_store
    from queries.explore import explore

    store = open_store(store_path, read_only=True)
    try:
        return explore(store)
    finally:
        store.close()


def synth_store(n: int, work: Path) -> str:
    """`kg synth` n documents and `kg load` them into a store under `work`."""
    from click.testing import CliRunner

    from kg.cli import cli

    runner = CliRunner()
    corpus, store = work / "corpus", str(work / "kg.lbdb")
    for args in (["synth", str(corpus), "--docs", str(n), "--quiet"],
                 ["--store", store, "load", str(corpus)]):
        r = runner.invoke(cli, args)
        if r.exit_code != 0:
            sys.exit(f"kg {' '.join(args)} failed: {r.output}")
    return store


BUDGET = {"mb": 12, "first": 1500, "filter": 200, "reset": 200, "panel": 100}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", help="a store holding a loaded kg synth corpus")
    ap.add_argument("--synth", type=int, help="kg synth this many documents and load them first")
    ap.add_argument("--sizes", default="", help="thin synthetic trees of these sizes instead")
    ap.add_argument("--repeat", type=int, default=3, help="browser launches per page (median)")
    args = ap.parse_args(argv)
    if not Path(CHROMIUM).exists():
        sys.exit(f"{CHROMIUM} is missing: apt-get install chromium")
    rows = []
    with tempfile.TemporaryDirectory() as work:
        pages: list[tuple[str, nx.DiGraph]] = [("baseline: same page, no documents",
                                                nx.DiGraph())]
        store = args.store or (synth_store(args.synth, Path(work)) if args.synth else None)
        if store:
            pages.append((f"kg synth corpus ({store})", corpus_graph(store)))
        for n in (int(x) for x in args.sizes.split(",") if x):
            pages.append((f"thin synthetic tree {n}", synthetic_graph(n)))
        for i, (name, g) in enumerate(pages):
            t = time.perf_counter()
            out = write_explorer(g, Path(work) / f"explorer-{i}.html", title=name)
            write_s = time.perf_counter() - t
            rows.append((name, g.number_of_nodes(), g.number_of_edges(),
                         out.stat().st_size / 1e6, write_s, measure(out, args.repeat)))
    print(f"chromium: {CHROMIUM}, median of {args.repeat} cold launches, 1440x900; times in ms "
          "until the next drawing (write in s); '-' = does not apply")
    cols = ["first", "province", "panel", "filter", "reset", "all", "filter_all", "reset_all"]
    print("| page | docs | links | HTML MB | write s | first render | open province | "
          "select -> panel | filter | reset | draw all | filter (all) | reset (all) |")
    print("|---|---:|---:|---:|---:|" + "---:|" * len(cols))

    def cell(v: float | None) -> str:
        return "-" if v is None else f"{v:.0f}"

    for name, nn, ne, mb, ws, m in rows:
        print(f"| {name} | {nn} | {ne} | {mb:.2f} | {ws:.2f} | "
              + " | ".join(cell(m.get(c)) for c in cols) + " |")
    print(f"| budget (issue 21, 5,000 documents) | | | {BUDGET['mb']} | | {BUDGET['first']} | | "
          f"{BUDGET['panel']} | {BUDGET['filter']} | {BUDGET['reset']} | | "
          f"{BUDGET['filter']} | {BUDGET['reset']} |")


if __name__ == "__main__":
    main()
