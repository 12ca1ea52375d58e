"""The side panel of a document with many links, in a real Chromium: the first twenty are
built, the rest behind "+N more" (a central resolution's thousands took seconds)."""

from __future__ import annotations

import pytest

from bench.bench_explorer import synthetic_graph
from tests.test_explorer_browser import Visit, browser  # noqa: F401 (a fixture)
from viz import write_explorer

pytestmark = pytest.mark.browser


def test_a_long_list_of_links_folds_and_unfolds(browser, tmp_path):  # noqa: F811
    g = synthetic_graph(1200)
    hub = "doc:10-KH/TW"
    implementers = sorted(g.predecessors(hub))
    assert len(implementers) == 30
    v = Visit(browser, write_explorer(g, tmp_path / "1200.html")).ready()
    page = v.page
    page.evaluate("id => kgExplorer.select(id, false)", hub)
    assert page.text_content("#kg-panel-body").count("Implemented by (30)") == 1
    items = "#kg-panel-body .kg-downs > li"
    assert page.locator(items).count() == 21  # 20 links and the button
    assert page.text_content(f"{items} .kg-more") == "+10 more"
    page.click(f"{items} .kg-more")
    assert page.locator(items).count() == 30
    assert page.locator(f"{items} .kg-more").count() == 0
    listed = page.evaluate(f"""() => Array.from(document.querySelectorAll('{items} > .kg-link'))
        .map(b => b.textContent)""")
    names = page.evaluate("ids => ids.map(id => kgExplorer.data.nodes.find(n => n.id === id)"
                          ".label.replace('\\n', ' · '))", implementers)
    assert sorted(listed) == sorted(names)
    # the one link it implements is listed whole; a listed document is a way there
    assert page.locator("#kg-panel-body .kg-ups > li").count() == 1
    page.click(f"{items} > .kg-link >> nth=25")
    assert page.evaluate("kgExplorer.network.getSelectedNodes()")[0] in implementers
    v.offline_and_clean()
    page.close()
