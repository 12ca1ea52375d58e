"""The screenshots in docs/EXPLORER.md, taken in headless Chromium from real pages.

Run on demand:  python -m bench.explorer_shots [--store /tmp/s5000.lbdb]

- docs/explorer-lineage.png: the browser tests' own corpus (our wording, never the shared
  texts), 123-KH/TU selected.
- docs/explorer-dates.png: the same corpus on the date axis.
- docs/explorer-overview.png: the overview of the store given (a loaded `kg synth` corpus),
  its map coloured by the share of the root's tasks taken up.
PNGs are reduced to 256 colours when Pillow is importable, to keep the repository small.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from bench.bench_explorer import ARGS, CHROMIUM, corpus_graph

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


def _small(path: Path) -> None:
    try:
        from PIL import Image
    except ImportError:
        return
    Image.open(path).convert("RGB").quantize(256).save(path, optimize=True)


def shoot(page_path: Path, out: Path, script: str | None = None) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1280, "height": 760})
        page.goto(page_path.as_uri())
        page.wait_for_function("window.kgReady !== undefined", timeout=120_000)
        if script:
            page.evaluate(script)
        page.wait_for_timeout(300)
        page.screenshot(path=str(out))
        browser.close()
    _small(out)
    print(f"wrote {out} ({out.stat().st_size // 1000} kB)")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", help="a store of a loaded kg synth corpus, for the overview")
    args = ap.parse_args(argv)
    from graph import load_batches, open_store, to_batch
    from queries.explore import explore
    from tests.test_explorer_browser import lineage_corpus
    from viz import write_explorer

    with tempfile.TemporaryDirectory() as work:
        store = open_store(str(Path(work) / "kg.lbdb"))
        store.ensure_schema()
        load_batches(store, [to_batch(x) for x in lineage_corpus()])
        page = write_explorer(explore(store), Path(work) / "lineage.html",
                              title="kg explore (test corpus)")
        store.close()
        shoot(page, DOCS / "explorer-lineage.png",
              "kgExplorer.select('doc:123-KH/TU@hai-phong', false)")
        shoot(page, DOCS / "explorer-dates.png", "kgExplorer.setXMode('date')")
        if args.store:
            big = write_explorer(corpus_graph(args.store), Path(work) / "big.html")
            shoot(big, DOCS / "explorer-overview.png", """(() => {
                const by = document.getElementById('kg-colour-by');
                by.value = 'share';
                by.dispatchEvent(new Event('change')); })()""")


if __name__ == "__main__":
    main()
