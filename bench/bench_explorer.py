"""The HTML explorer in headless Chromium on a real `kg synth` corpus, beside a baseline.

Run on demand:
    python -m bench.bench_explorer --store /tmp/s5000.lbdb     # a store of a loaded synth corpus
    python -m bench.bench_explorer --synth 5000                # synth + load first (slow)
    python -m bench.bench_explorer --sizes 500,50000           # thin synthetic trees, no store

Each graph becomes two pages: one written by the current `viz.write_explorer` (as `kg
explore` does), one by the explorer of git revision `--baseline` (default 4aa65b7, before the
gzipped data and the kept drag picture), from the same networkx graph; the two are opened
alternately, `--repeat` cold browser launches each, and the medians printed side by side.
Times are in ms, each until the browser's next drawing after the action: first render
(`performance.now()` at the first drawing with every handler attached: the overview for more
than 400 documents), opening the first province tile with documents (its documents and the
chain above them), select -> side panel, the commune level filter and "Reset filters" inside
that province; then "Draw all", the same filter and reset over all documents, and two drags
of the canvas by the mouse (at the first view after "Draw all", and at "Fit", every document
in view), reported as the longest frame between pressing the button and the last move.
The machine is shared, so wall times carry the load: a second table gives the CPU time of the
page's main thread (Chromium's ThreadTime, which a busy machine does not inflate) for the
same steps, a drag as its CPU per frame. `--no-throttle` starts Chromium without its
background throttling of timers and renderers. Needs Debian's chromium at /usr/bin/chromium
(never downloads a browser). The budgets of issue 21 are printed beside.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import pickle
import random
import statistics
import subprocess
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
NO_THROTTLE = ["--disable-renderer-backgrounding", "--disable-background-timer-throttling",
               "--disable-backgrounding-occluded-windows", "--disable-ipc-flooding-protection"]


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


class Cpu:
    """CPU time of the page's main thread (Chromium's ThreadTime metric, in thread ticks), ms."""

    def __init__(self, page) -> None:
        self.cdp = page.context.new_cdp_session(page)
        self.cdp.send("Performance.enable", {"timeDomain": "threadTicks"})

    def now(self) -> float:
        metrics = self.cdp.send("Performance.getMetrics")["metrics"]
        return next(m["value"] for m in metrics if m["name"] == "ThreadTime") * 1000


def _step(page, selector: str, cpu: Cpu | None = None,
          runs: dict[str, list[float]] | None = None, name: str = "") -> float | None:
    """ms from the click to the next drawing; its main-thread CPU ms noted as `cpu:<name>`."""
    before = cpu.now() if cpu else 0.0
    ms = page.evaluate(_UNTIL_DRAWN, selector)
    if cpu and runs is not None and ms is not None:
        runs.setdefault("cpu:" + name, []).append(cpu.now() - before)
    return ms


# the longest frame while the mouse drags the canvas (a requestAnimationFrame loop notes every
# frame's distance from the previous one; an idle browser paints every 16.7 ms)
_FRAMES_START = """() => { window.kgFrames = []; window.kgStop = false;
    let last = performance.now();
    const tick = t => { window.kgFrames.push(t - last); last = t;
                        if (!window.kgStop) requestAnimationFrame(tick); };
    requestAnimationFrame(tick); }"""


def _drag(page, cpu: Cpu | None = None, runs: dict[str, list[float]] | None = None,
          name: str = "") -> float:
    """The longest frame from pressing the button to the last move of a 30-step drag (the
    hover before it and the full redraw after the release are not drag frames); the
    main-thread CPU per frame noted as `cpu:<name>`."""
    box = page.locator("#kg-graph").bounding_box()
    x, y = box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.6
    page.mouse.move(x, y)
    page.wait_for_timeout(300)
    page.evaluate(_FRAMES_START)
    before = cpu.now() if cpu else 0.0
    page.mouse.down()
    for i in range(1, 31):
        page.mouse.move(x + 8 * i, y + 4 * i)
    page.wait_for_timeout(50)
    frames = page.evaluate("window.kgStop = true; window.kgFrames")
    if cpu and runs is not None and frames:
        runs.setdefault("cpu:" + name, []).append((cpu.now() - before) / len(frames))
    page.mouse.up()
    page.wait_for_timeout(300)
    return max(frames[1:]) if len(frames) > 1 else 0.0


def measure_once(p, path: Path, runs: dict[str, list[float]], draw_all: bool = True,
                 args: list[str] = ARGS) -> None:
    """One cold launch on `path`; each step's ms appended to `runs` (a step that does not
    apply to the page is left out; "Draw all" and what follows it only if `draw_all`)."""
    def note(name: str, value: float | None) -> None:
        if value is not None:
            runs.setdefault(name, []).append(value)

    with tempfile.TemporaryDirectory() as profile:
        ctx = p.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, args=args, headless=True,
            viewport={"width": 1440, "height": 900})
        page = ctx.new_page()
        cpu = Cpu(page)
        page.goto(path.as_uri())
        page.wait_for_function("window.kgReady !== undefined", timeout=300_000)
        note("first", page.evaluate("window.kgReady"))
        note("cpu:first", cpu.now())  # the page's main thread from its start to now
        note("province", _step(page, ".kg-tile:enabled", cpu, runs, "province"))
        before = cpu.now()
        note("panel", page.evaluate("""() => { const t = performance.now();
            const ids = kgExplorer.nodes.getIds();
            if (!ids.length) return null;
            kgExplorer.select(ids[ids.length - 1], false);
            return performance.now() - t; }"""))
        note("cpu:panel", cpu.now() - before)
        note("filter", _step(page, "#kg-levels input[value=commune]", cpu, runs, "filter"))
        note("reset", _step(page, "#kg-reset", cpu, runs, "reset"))
        if draw_all and page.evaluate("document.getElementById('kg-all') !== null"):
            note("all", _step(page, "#kg-all", cpu, runs, "all"))
            note("drag_first", _drag(page, cpu, runs, "drag_first"))
            note("filter_all", _step(page, "#kg-levels input[value=commune]", cpu, runs,
                                     "filter_all"))
            note("reset_all", _step(page, "#kg-reset", cpu, runs, "reset_all"))
            page.click("#kg-fit")
            note("drag_fit", _drag(page, cpu, runs, "drag_fit"))
        ctx.close()


def measure(paths: list[Path], repeat: int, draw_all: bool = True,
            args: list[str] = ARGS) -> list[dict[str, float]]:
    """Median ms of each step for each page, the pages opened in turn `repeat` times."""
    from playwright.sync_api import sync_playwright

    runs: list[dict[str, list[float]]] = [{} for _ in paths]
    with sync_playwright() as p:
        for _ in range(repeat):
            for path, r in zip(paths, runs, strict=True):
                measure_once(p, path, r, draw_all, args)
    return [{k: statistics.median(v) for k, v in r.items()} for r in runs]


ROOT = Path(__file__).resolve().parent.parent
_WRITE = ("import pickle, sys\nfrom viz import write_explorer\n"
          "g = pickle.load(open(sys.argv[1], 'rb'))\n"
          "write_explorer(g, sys.argv[2], title=sys.argv[3])")


def baseline_page(g: nx.DiGraph, out: Path, title: str, ref: str, work: Path) -> Path:
    """`g`'s page as the explorer of git revision `ref` writes it (its viz/ package, the rest
    of the tree as it is now), in a child process."""
    src = work / f"viz-{ref}"
    if not src.exists():
        src.mkdir()
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref, "viz"], check=True,
                                 capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(src)], input=archive, check=True)
    pkl = work / "graph.pkl"
    pkl.write_bytes(pickle.dumps(g))
    env = {**os.environ, "PYTHONPATH": f"{src}{os.pathsep}{ROOT}"}
    subprocess.run([sys.executable, "-c", _WRITE, str(pkl), str(out), title], check=True, env=env,
                   cwd=src)  # `python -c` puts its working directory first on the path
    return out


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


BUDGET = {"mb": 12, "first": 1500, "filter": 200, "reset": 200, "panel": 100, "drag": 50}
COLS = ["first", "province", "panel", "filter", "reset", "all", "drag_first", "filter_all",
        "reset_all", "drag_fit"]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", help="a store holding a loaded kg synth corpus")
    ap.add_argument("--synth", type=int, help="kg synth this many documents and load them first")
    ap.add_argument("--sizes", default="", help="thin synthetic trees of these sizes too")
    ap.add_argument("--repeat", type=int, default=3, help="browser launches per page (median)")
    ap.add_argument("--baseline", default="4aa65b7", help="git revision of the baseline explorer")
    ap.add_argument("--no-throttle", action="store_true",
                    help="Chromium without background throttling of timers and renderers")
    ap.add_argument("--draw-all-max", type=int, default=10_000,
                    help="skip 'Draw all' (and the steps after it) above this many documents")
    args = ap.parse_args(argv)
    if not Path(CHROMIUM).exists():
        sys.exit(f"{CHROMIUM} is missing: apt-get install chromium")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        graphs: list[tuple[str, nx.DiGraph]] = []
        store = args.store or (synth_store(args.synth, work) if args.synth else None)
        if store:
            graphs.append(("kg synth corpus", corpus_graph(store)))
        for n in (int(x) for x in args.sizes.split(",") if x):
            graphs.append((f"thin synthetic tree {n}", synthetic_graph(n)))
        for i, (name, g) in enumerate(graphs):
            t = time.perf_counter()
            new = write_explorer(g, work / f"explorer-{i}.html", title=name)
            write_s = time.perf_counter() - t
            old = baseline_page(g, work / f"baseline-{i}.html", name, args.baseline, work)
            m_old, m_new = measure([old, new], args.repeat,
                                   g.number_of_nodes() <= args.draw_all_max,
                                   ARGS + NO_THROTTLE if args.no_throttle else ARGS)
            for label, path, m in ((f"baseline {args.baseline}", old, m_old),
                                   ("this explorer", new, m_new)):
                rows.append((f"{name}: {label}", g.number_of_nodes(), g.number_of_edges(),
                             path.stat().st_size / 1e6, write_s if path == new else None, m))
    load = os.getloadavg()[0]
    print(f"chromium: {CHROMIUM}{' without throttling' if args.no_throttle else ''}, median of "
          f"{args.repeat} cold launches per page (baseline and new alternating), 1440x900, load "
          f"average {load:.1f} (at the end) on {os.cpu_count()} cores; times in ms until the "
          "next drawing, drags as the longest frame (write in s); '-' = does not apply")
    print("| page | docs | links | HTML MB | write s | first render | open province | "
          "select -> panel | filter | reset | draw all | drag (first view) | filter (all) | "
          "reset (all) | drag (all, fit) |")
    print("|---|---:|---:|---:|---:|" + "---:|" * len(COLS))

    def cell(v: float | None) -> str:
        return "-" if v is None else f"{v:.0f}"

    for name, nn, ne, mb, ws, m in rows:
        print(f"| {name} | {nn} | {ne} | {mb:.2f} | {'-' if ws is None else f'{ws:.2f}'} | "
              + " | ".join(cell(m.get(c)) for c in COLS) + " |")
    print(f"| budget (issue 21, 5,000 documents) | | | {BUDGET['mb']} | | {BUDGET['first']} | | "
          f"{BUDGET['panel']} | {BUDGET['filter']} | {BUDGET['reset']} | | {BUDGET['drag']} | "
          f"{BUDGET['filter']} | {BUDGET['reset']} | {BUDGET['drag']} |")
    print()
    print("CPU ms of the page's main thread (ThreadTime), same steps; drags per frame")
    print("| page | first render | open province | select -> panel | filter | reset | draw all | "
          "drag (first view) | filter (all) | reset (all) | drag (all, fit) |")
    print("|---|" + "---:|" * len(COLS))
    for name, _, _, _, _, m in rows:
        print(f"| {name} | " + " | ".join(cell(m.get("cpu:" + c)) for c in COLS) + " |")


if __name__ == "__main__":
    main()
