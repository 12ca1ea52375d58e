"""The date axis in a real Chromium: x by date of issue, levels in bands, no overlap, the
choice kept in the URL, and back to the lineage layout."""

from __future__ import annotations

from itertools import pairwise

import pytest

from tests.test_explorer_browser import Visit, browser, graph_and_page  # noqa: F401

pytestmark = pytest.mark.browser
RANK = {"central": 0, "provincial": 1, "district": 2, "commune": 3}


def _positions(page) -> dict[str, list[float]]:
    return page.evaluate("""() => Object.fromEntries(Object.entries(
        kgExplorer.network.getPositions()).map(([k, v]) => [k, [v.x, v.y]]))""")


def test_the_date_axis_orders_by_date_and_comes_back(browser, graph_and_page):  # noqa: F811
    g, path = graph_and_page[0], graph_and_page[1]
    v = Visit(browser, path).ready()
    page = v.page
    lineage = _positions(page)
    page.select_option("#kg-xaxis", "date")
    assert "x=date" in page.url
    at = _positions(page)
    dated = sorted((d["date"], n) for n, d in g.nodes(data=True) if d["date"])
    assert len(dated) >= 4
    for (da, a), (db, b) in pairwise(dated):
        if da < db:
            assert at[a][0] < at[b][0], (a, b)
    for a, da in g.nodes(data=True):
        for b, db in g.nodes(data=True):
            if RANK.get(da["level"], 9) < RANK.get(db["level"], 9):
                assert at[a][1] < at[b][1], (a, b)
    assert v.drawing_problems()["overlapping"] == []
    url = page.url
    again = browser.new_page()  # a link opens the same view
    again.goto(url)
    again.wait_for_function("window.kgReady !== undefined")
    assert again.input_value("#kg-xaxis") == "date"
    assert _positions(again) == at
    again.close()
    page.select_option("#kg-xaxis", "lineage")
    assert _positions(page) == lineage and "x=date" not in page.url
    v.offline_and_clean()
    v.page.close()
