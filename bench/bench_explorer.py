"""Time-to-interactive of the HTML explorer in headless Chromium, beside a baseline.

Run on demand:  python -m bench.bench_explorer [--sizes 500,5000] [--repeat 3]

Each size is a synthetic implementation tree (central resolution and plans -> ministry and
provincial plans -> district -> commune plans), every document with two tasks and an evidence
sentence, written with `viz.write_explorer`. Time-to-interactive is `performance.now()` at the
first drawing of the network (the page parsed, the data read, vis-network built and drawn,
event handlers attached); then a search, a selection that fills the side panel, a full redraw
and the level filter (hide the commune plans) are timed inside the page. The
baseline is the same page with no documents: the cost of parsing the inlined JavaScript alone.
Needs Debian's chromium at /usr/bin/chromium (never downloads a browser).
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
PROVINCES = ["Hải Phòng", "Quảng Ninh", "Hải Dương", "Nghệ An", "Thanh Hóa", "Long An",
             "Đắk Lắk", "Lào Cai", "Cà Mau", "Bình Định", "Nam Định", "Cần Thơ"]


def synthetic_graph(n: int, seed: int = 1) -> nx.DiGraph:
    """About `n` documents in a four-level implementation tree (edges child -> parent)."""
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
    for p in range(provinces):
        loc = f"{PROVINCES[p % len(PROVINCES)]} {p}"
        plan = add(f"doc:{p}-KH/TU", f"{p}-KH/TU", "Kế hoạch", "provincial", loc,
                   "doc:10-KH/TW", rnd.randint(40, 200))
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


def measure(path: Path, repeat: int) -> dict[str, float]:
    """Median ms: time-to-interactive, a search of a symbol, a selection that fills the panel,
    one full redraw, and hiding every commune plan with the level filter."""
    from playwright.sync_api import sync_playwright

    tti, find, panel, redraw, filt = [], [], [], [], []
    with sync_playwright() as p:
        for _ in range(repeat):
            with tempfile.TemporaryDirectory() as profile:
                ctx = p.chromium.launch_persistent_context(
                    profile, executable_path=CHROMIUM, args=ARGS, headless=True,
                    viewport={"width": 1400, "height": 900})
                page = ctx.new_page()
                page.goto(path.as_uri())
                page.wait_for_function("window.kgReady !== undefined", timeout=120_000)
                tti.append(page.evaluate("window.kgReady"))
                find.append(page.evaluate("""() => { const t = performance.now();
                    kgExplorer.search('10-kh/tw'); return performance.now() - t; }"""))
                panel.append(page.evaluate("""() => { const t = performance.now();
                    const ids = kgExplorer.nodes.getIds();
                    if (ids.length) kgExplorer.select(ids[ids.length - 1], true);
                    return performance.now() - t; }"""))
                redraw.append(page.evaluate("""() => { const t = performance.now();
                    kgExplorer.network.redraw(); return performance.now() - t; }"""))
                filt.append(page.evaluate("""() => { const t = performance.now();
                    const box = document.querySelector('#kg-levels input[value=commune]');
                    if (box) box.click(); return performance.now() - t; }"""))
                ctx.close()
    return {"tti": statistics.median(tti), "search": statistics.median(find),
            "panel": statistics.median(panel), "redraw": statistics.median(redraw),
            "filter": statistics.median(filt)}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="500,5000", help="comma-separated document counts")
    ap.add_argument("--repeat", type=int, default=3, help="browser launches per size (median)")
    args = ap.parse_args(argv)
    if not Path(CHROMIUM).exists():
        sys.exit(f"{CHROMIUM} is missing: apt-get install chromium")
    sizes = [int(s) for s in args.sizes.split(",")]
    rows = []
    with tempfile.TemporaryDirectory() as work:
        for n in [0, *sizes]:
            g = synthetic_graph(n) if n else nx.DiGraph()
            t = time.perf_counter()
            out = write_explorer(g, Path(work) / f"explorer-{n}.html", title=f"bench {n}")
            write_s = time.perf_counter() - t
            m = measure(out, args.repeat)
            name = "baseline: same page, no documents" if n == 0 else f"{n} documents"
            rows.append((name, g.number_of_nodes(), g.number_of_edges(),
                         out.stat().st_size / 1e6, write_s, m))
    print(f"chromium: {CHROMIUM}, median of {args.repeat} cold launches; times in ms "
          "(write in s)")
    print("| page | nodes | edges | HTML MB | write s | time-to-interactive | search | "
          "select -> panel | redraw | level filter |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, nn, ne, mb, ws, m in rows:
        print(f"| {name} | {nn} | {ne} | {mb:.2f} | {ws:.2f} | {m['tti']:.0f} | "
              f"{m['search']:.1f} | {m['panel']:.1f} | {m['redraw']:.1f} | {m['filter']:.1f} |")


if __name__ == "__main__":
    main()
