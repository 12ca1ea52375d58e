"""Dragging in a real Chromium: the page keeps the picture drawn before the drag and moves it
(a drag frame is one copy of pixels); a dragged document is drawn over the kept picture with
its links, where the mouse takes it, and stays there when the button is released."""

from __future__ import annotations

import pytest

from bench.bench_explorer import synthetic_graph
from tests.test_explorer_browser import Visit, browser  # noqa: F401 (a fixture)
from viz import write_explorer

pytestmark = pytest.mark.browser

_CANVAS = """const c = document.querySelector('#kg-graph canvas');
    const r = window.devicePixelRatio || 1, ctx = c.getContext('2d');"""
# the colour under a point of the canvas (DOM pixels from its top left)
_AT = "p => { " + _CANVAS + """
    const d = ctx.getImageData(Math.round(p.x * r), Math.round(p.y * r), 1, 1).data;
    return [d[0], d[1], d[2], d[3]]; }"""
# the darkest pixel of a 5x5 square around a point (a 1-pixel line, anti-aliased)
_DARKEST = "p => { " + _CANVAS + """
    const d = ctx.getImageData(Math.round(p.x * r) - 2, Math.round(p.y * r) - 2, 5, 5).data;
    let best = 765;
    for (let i = 0; i < d.length; i += 4)
      if (d[i + 3] > 0) best = Math.min(best, d[i] + d[i + 1] + d[i + 2]);
    return best; }"""
_DOM = """id => { const n = kgExplorer.network; return n.canvasToDOM(n.getPositions([id])[id]); }"""
# a document's box on the screen (DOM pixels), and the share of its pixels in a colour
_BOX = """id => { const n = kgExplorer.network, b = n.getBoundingBox(id);
    const a = n.canvasToDOM({x: b.left, y: b.top}), z = n.canvasToDOM({x: b.right, y: b.bottom});
    return {x: a.x, y: a.y, w: z.x - a.x, h: z.y - a.y}; }"""
_SHARE = "([b, rgb]) => { " + _CANVAS + """
    const d = ctx.getImageData(Math.round(b.x * r), Math.round(b.y * r),
                               Math.round(b.w * r), Math.round(b.h * r)).data;
    let k = 0;
    for (let i = 0; i < d.length; i += 4)
      if (d[i] === rgb[0] && d[i + 1] === rgb[1] && d[i + 2] === rgb[2]) k++;
    return k / (d.length / 4); }"""


def _rgb(hex_colour: str) -> list[int]:
    return [int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)]


def _plan_colour(page) -> list[int]:
    return _rgb(page.evaluate(
        "kgExplorer.data.legend.types.find(t => t.name === 'Kế hoạch').color"))


def _press_and_move(page, x: float, y: float, dx: float, dy: float) -> None:
    """Press at (x, y) and move by (dx, dy) in ten steps, the button held (a drag under way)."""
    page.mouse.move(x, y)
    page.mouse.down()
    for i in range(1, 11):
        page.mouse.move(x + dx * i / 10, y + dy * i / 10)
        page.wait_for_timeout(20)
    page.wait_for_timeout(100)

def test_a_dragged_document_moves_with_its_links_and_stays_there(browser, tmp_path):  # noqa: F811
    g = synthetic_graph(60)
    v = Visit(browser, write_explorer(g, tmp_path / "60.html")).ready()
    page = v.page
    plan = _plan_colour(page)
    plan_doc = next(n for n, d in g.nodes(data=True) if d["level"] == "provincial")
    parent = next(iter(g.successors(plan_doc)))  # the central plan above it
    box = page.locator("#kg-graph").bounding_box()
    start = page.evaluate(_DOM, plan_doc)
    assert 0 < start["x"] < box["width"] and 0 < start["y"] < box["height"]
    before = page.evaluate("id => kgExplorer.network.getPositions([id])[id]", plan_doc)
    was = page.evaluate(_BOX, plan_doc)
    dx, dy = was["w"] + 60, 20
    _press_and_move(page, box["x"] + start["x"], box["y"] + start["y"], dx, dy)
    # mid-drag: the rest is the kept picture; vis-network draws the document and its links
    during = page.evaluate("kgExplorer.dragging()")
    assert during["kept"] and during["nodes"] == [plan_doc]
    assert f"{plan_doc}->{parent}" in during["edges"]
    here = {"x": start["x"] + dx, "y": start["y"] + dy}
    now = page.evaluate(_BOX, plan_doc)
    assert now["x"] > was["x"] + was["w"]  # apart from where it was
    assert page.evaluate(_SHARE, [now, plan]) > 0.15  # its fill (the rest: label, border, rounding)
    assert page.evaluate(_SHARE, [was, plan]) == 0  # not left behind in the kept picture
    up = page.evaluate(_DOM, parent)
    middle = {"x": (here["x"] + up["x"]) / 2, "y": (here["y"] + up["y"]) / 2}
    assert page.evaluate(_DARKEST, middle) < 600  # its link follows it (grey on a pale band)
    page.mouse.up()
    page.wait_for_timeout(100)
    assert page.evaluate("kgExplorer.dragging()") is None
    after = page.evaluate("id => kgExplorer.network.getPositions([id])[id]", plan_doc)
    scale = page.evaluate("kgExplorer.network.getScale()")
    assert after["x"] - before["x"] == pytest.approx(dx / scale, abs=2 / scale)
    assert after["y"] - before["y"] == pytest.approx(dy / scale, abs=2 / scale)
    # fully drawn again: the document where it was dropped, its link with it
    assert page.evaluate(_SHARE, [page.evaluate(_BOX, plan_doc), plan]) > 0.15
    assert page.evaluate(_SHARE, [was, plan]) == 0
    assert page.evaluate(_DARKEST, middle) < 600
    v.offline_and_clean()
    page.close()


def test_dragging_the_view_moves_the_kept_picture(browser, tmp_path):  # noqa: F811
    g = synthetic_graph(1200)
    v = Visit(browser, write_explorer(g, tmp_path / "1200.html")).ready()
    page = v.page
    page.click("#kg-all")
    page.click("#kg-fit")
    page.wait_for_timeout(100)
    assert page.evaluate("kgExplorer.lod()")
    plan = _plan_colour(page)
    box = page.locator("#kg-graph").bounding_box()
    # an empty point to press on, and a painted commune plan to follow
    spot = page.evaluate("""() => { const n = kgExplorer.network;
        const c = document.querySelector('#kg-graph canvas');
        for (let y = c.clientHeight - 20; y > 20; y -= 15)
          for (let x = 20; x < c.clientWidth - 20; x += 15)
            if (n.getNodeAt({x, y}) === undefined) return {x, y};
        return null; }""")
    assert spot is not None
    commune = next(n for n, d in g.nodes(data=True) if d["level"] == "commune")
    was = page.evaluate(_DOM, commune)
    assert page.evaluate(_AT, was)[:3] == plan
    dx, dy = -60, -45
    _press_and_move(page, box["x"] + spot["x"], box["y"] + spot["y"], dx, dy)
    during = page.evaluate("kgExplorer.dragging()")
    assert during == {"kept": True, "nodes": [], "edges": []}
    moved = {"x": was["x"] + dx, "y": was["y"] + dy}
    assert page.evaluate(_DOM, commune) == pytest.approx(moved, abs=1)
    assert page.evaluate(_AT, moved)[:3] == plan  # the kept picture, moved with the view
    page.mouse.up()
    page.wait_for_timeout(100)
    assert page.evaluate("kgExplorer.dragging()") is None
    assert page.evaluate(_AT, page.evaluate(_DOM, commune))[:3] == plan  # drawn again
    assert page.evaluate("kgExplorer.network.getSelectedNodes()") == []
    v.offline_and_clean()
    page.close()
