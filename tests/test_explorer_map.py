"""The overview's tile map in a real Chromium: tiles placed like the country, both eras, colours
that follow the data for the chosen root and measure."""

from __future__ import annotations

import pytest

from bench.bench_explorer import synthetic_graph
from tests.test_explorer_browser import Visit, _units, browser  # noqa: F401 (a fixture)
from viz import write_explorer

pytestmark = pytest.mark.browser
RGB = {"#abebc6": "rgb(171, 235, 198)", "#f9e79f": "rgb(249, 231, 159)",
       "#f5cba3": "rgb(245, 203, 163)", "#f5b7b1": "rgb(245, 183, 177)",
       "#f2f3f4": "rgb(242, 243, 244)"}


def _colours(page) -> dict[str, str]:
    return page.evaluate("""() => Object.fromEntries(Array.from(document.querySelectorAll(
        '#kg-map .kg-tile')).map(t => [t.dataset.loc, getComputedStyle(t).backgroundColor]))""")


def _share(g, docs: list[str]) -> float:
    covered = {a["central"] for n in docs for t in g.nodes[n]["tasks"]
               for a in t.get("aligns") or () if a["document"] == "doc:26-NQ/TW"}
    return len(covered) / len(g.nodes["doc:26-NQ/TW"]["tasks"])


def test_tile_colours_follow_the_data_in_both_eras(browser, tmp_path):  # noqa: F811
    g = synthetic_graph(700)
    v = Visit(browser, write_explorer(g, tmp_path / "700.html")).ready()
    page = v.page
    assert page.input_value("#kg-map-root") == "doc:26-NQ/TW"
    page.select_option("#kg-colour-by", "share")
    for era, index, tiles in (("from_2025", 1, 34), ("before_2025", 0, 63)):
        page.select_option("#kg-map-era", era)
        assert page.locator("#kg-map .kg-tile").count() == tiles
        units = _units(g, index)
        want = {}
        for unit, docs in units.items():
            share = _share(g, docs)
            want[unit] = RGB["#abebc6" if share >= 0.8 else "#f9e79f" if share >= 0.5
                             else "#f5cba3" if share > 0 else "#f5b7b1"]
        got = _colours(page)
        assert {u: got[u] for u in units} == want
        assert set(want.values()) == {RGB["#abebc6"], RGB["#f9e79f"]}  # both kinds occur
        assert all(c == RGB["#f2f3f4"] for u, c in got.items() if u not in units)
    # another root: 10-KH/TW's tasks are taken up by nobody, so every unit reads "none"
    page.select_option("#kg-map-root", "doc:10-KH/TW")
    got = _colours(page)
    assert {got[u] for u in _units(g, 0)} == {RGB["#f5b7b1"]}
    # days from the root: each unit's earliest document after 10-KH/TW's date
    page.select_option("#kg-colour-by", "lag")
    root = g.nodes["doc:10-KH/TW"]["date"]
    values = page.evaluate("""() => Object.fromEntries(Array.from(document.querySelectorAll(
        '#kg-map .kg-tile:enabled')).map(t => [t.dataset.loc, t.dataset.value]))""")
    assert values == {u: f"{min((g.nodes[n]['date'] - root).days for n in docs)} d"
                      for u, docs in _units(g, 0).items()}
    # a unit of the old map opens its own documents only
    page.click("#kg-map .kg-tile[data-loc='Yên Bái']")
    drawn = set(page.evaluate("kgExplorer.nodes.getIds()"))
    assert drawn == set(_units(g, 0)["Yên Bái"]) | {"doc:10-KH/TW", "doc:26-NQ/TW"}
    v.offline_and_clean()
    v.page.close()
