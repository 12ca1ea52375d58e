"""A large drawing in a real Chromium: zoomed out, the page paints plain boxes itself (vis-
network draws nothing), filters change what is painted and the counts, a click still selects."""

from __future__ import annotations

import pytest

from bench.bench_explorer import synthetic_graph
from tests.test_explorer_browser import Visit, browser  # noqa: F401 (a fixture)
from viz import write_explorer

pytestmark = pytest.mark.browser

_PIXEL = """id => { const n = kgExplorer.network, c = document.querySelector('#kg-graph canvas');
    const p = n.canvasToDOM(n.getPositions([id])[id]), r = window.devicePixelRatio || 1;
    const d = c.getContext('2d').getImageData(Math.round(p.x * r), Math.round(p.y * r), 1, 1).data;
    return [d[0], d[1], d[2]]; }"""


def _rgb(hex_colour: str) -> list[int]:
    return [int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)]


def test_zoomed_out_boxes_are_painted_filtered_and_clickable(browser, tmp_path):  # noqa: F811
    g = synthetic_graph(1200)
    v = Visit(browser, write_explorer(g, tmp_path / "1200.html")).ready()
    page = v.page
    page.click("#kg-all")
    page.click("#kg-fit")
    assert page.evaluate("kgExplorer.lod()")
    plan = page.evaluate("kgExplorer.data.legend.types.find(t => t.name === 'Kế hoạch').color")
    commune = next(n for n, d in g.nodes(data=True) if d["level"] == "commune")
    district = next(n for n, d in g.nodes(data=True) if d["level"] == "district")
    page.wait_for_timeout(100)
    assert page.evaluate(_PIXEL, commune) == _rgb(plan)
    page.locator("#kg-levels input[value=commune]").uncheck()
    shown = sum(d["level"] != "commune" for _, d in g.nodes(data=True))
    assert page.get_attribute("#kg-count", "data-shown") == str(shown)
    page.click("#kg-fit")  # the commune box is no longer painted: the page's background
    page.wait_for_timeout(100)
    assert page.evaluate(_PIXEL, commune) != _rgb(plan)
    page.click("#kg-reset")
    assert page.get_attribute("#kg-count", "data-shown") == str(g.number_of_nodes())
    page.click("#kg-fit")
    page.wait_for_timeout(100)
    assert page.evaluate(_PIXEL, commune) == _rgb(plan)
    # a click on a painted box selects that document
    at = page.evaluate("""id => { const n = kgExplorer.network;
        return n.canvasToDOM(n.getPositions([id])[id]); }""", district)
    box = page.locator("#kg-graph").bounding_box()
    page.mouse.click(box["x"] + at["x"], box["y"] + at["y"])
    assert page.evaluate("kgExplorer.network.getSelectedNodes()") == [district]
    assert page.is_visible("#kg-panel")
    v.offline_and_clean()
    v.page.close()
