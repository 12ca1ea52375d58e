"""The explorer in a real headless Chromium (Debian's, never a downloaded one), from file://.

Skipped when /usr/bin/chromium is missing, unless CI=true (then the skip is a failure).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph import load_batches, open_store, to_batch
from kg.cli import cli
from queries import trace
from queries.explore import explore
from tests.test_viz import HP_SENTENCE, XSS, explorer_corpus
from viz import write_explorer, write_table_html, write_trace_html

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
ARTIFACTS = ROOT / "artifacts"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser(tmp_path_factory) -> Iterator:
    """A persistent context in a fresh profile directory (one per test module)."""
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing and CI=true: install Debian's chromium")
        pytest.skip(f"{CHROMIUM} is missing")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("profile")), executable_path=str(CHROMIUM), args=ARGS,
            headless=True, viewport={"width": 1400, "height": 900})
        yield ctx
        ctx.close()


class Visit:
    """A page opened on a file, with every console error, page error, request and dialog."""

    def __init__(self, ctx, path: Path) -> None:
        self.path = path
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page = ctx.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", self._dialog)
        self.page.goto(path.as_uri())

    def _dialog(self, d) -> None:
        self.dialogs.append(d.message)
        d.dismiss()

    def ready(self) -> Visit:
        self.page.wait_for_function("window.kgReady !== undefined", timeout=30_000)
        return self

    def offline_and_clean(self) -> None:
        assert self.errors == []
        assert self.requests == [self.path.as_uri()]
        assert self.dialogs == []

    def drawing_problems(self) -> dict[str, list]:
        """Nodes drawn (partly) outside the canvas, and pairs of nodes whose boxes overlap."""
        return self.page.evaluate("""() => {
            const n = kgExplorer.network, ids = kgExplorer.nodes.getIds();
            const c = document.querySelector('#kg-graph canvas');
            const box = Object.fromEntries(ids.map(id => [id, n.getBoundingBox(id)]));
            const outside = ids.filter(id => {
                const a = n.canvasToDOM({x: box[id].left, y: box[id].top});
                const z = n.canvasToDOM({x: box[id].right, y: box[id].bottom});
                return a.x < -1 || a.y < -1 || z.x > c.clientWidth + 1
                    || z.y > c.clientHeight + 1; });
            const overlapping = [];
            for (const a of ids) for (const b of ids) {
                const p = box[a], q = box[b];
                if (a < b && p.left < q.right && q.left < p.right && p.top < q.bottom
                    && q.top < p.bottom) overlapping.push([a, b]); }
            return {outside, overlapping}; }""")

    def search(self, text: str) -> list[str]:
        self.page.fill("#kg-search", text)
        return self.page.locator("#kg-results li").all_inner_texts()


@pytest.fixture(scope="module")
def graph_and_page(tmp_path_factory):
    work = tmp_path_factory.mktemp("explorer")
    store = open_store(str(work / "kg.lbdb"))
    store.ensure_schema()
    load_batches(store, [to_batch(x) for x in explorer_corpus()])
    g = explore(store)
    page = write_explorer(g, work / "explorer.html", title="kg explore (test)")
    t = trace(store, "doc:26-NQ/TW")
    yield g, page, t, work
    store.close()


@pytest.fixture
def visit(browser, graph_and_page) -> Iterator[Visit]:
    v = Visit(browser, graph_and_page[1]).ready()
    yield v
    v.page.close()


def test_opens_offline_without_errors_and_draws_every_node(visit, graph_and_page):
    g = graph_and_page[0]
    assert visit.page.evaluate("kgExplorer.nodes.length") == g.number_of_nodes()
    assert visit.page.evaluate("kgExplorer.edges.length") == g.number_of_edges()
    assert visit.page.get_attribute("#kg-count", "data-shown") == str(g.number_of_nodes())
    legend = visit.page.locator("#kg-types li").all_inner_texts()
    assert legend == ["Kế hoạch · Plan", "Nghị quyết · Resolution"]
    visit.offline_and_clean()


def test_the_first_view_shows_every_node_whole_and_apart(visit):
    """The initial fit uses the drawn boxes, not the centres, and no two boxes overlap."""
    assert visit.drawing_problems() == {"outside": [], "overlapping": []}


def test_search_finds_symbols_and_names_with_or_without_accents(visit):
    assert visit.search("123-KH/TU")[0].startswith("123-KH/TU · Hải Phòng")
    assert visit.search("123-kh/tu")[0].startswith("123-KH/TU · Hải Phòng")
    assert any(r.startswith("123-KH/TU") for r in visit.search("hai phong ke hoach"))
    assert any(r.startswith("7-KH/HU") for r in visit.search("THUY NGUYEN"))
    assert any(r.startswith("26-NQ/TW") for r in visit.search("dang khoa xii"))
    assert visit.search("Đảng khóa XII") == visit.search("dang khoa xii")
    visit.offline_and_clean()


def _ring_at(page, node_id: str) -> list[int]:
    """The colour drawn just left of a document's box (where a search ring goes)."""
    return page.evaluate("""id => { const n = kgExplorer.network, b = n.getBoundingBox(id);
        const p = n.canvasToDOM({x: b.left, y: (b.top + b.bottom) / 2});
        const c = document.querySelector('#kg-graph canvas'), r = window.devicePixelRatio;
        return [...c.getContext('2d').getImageData(Math.round((p.x - 5) * r),
                                                   Math.round(p.y * r), 1, 1).data]; }""",
                         node_id)


def test_search_counts_ranks_plans_first_and_goes_by_keyboard(visit):
    page = visit.page
    # the resolution is older, but plans rank before other documents
    assert [r.split(" · ")[0].split("\n")[0] for r in visit.search("nghi quyet")] == [
        "123-KH/TU", "26-NQ/TW"]
    assert page.inner_text("#kg-hits") == "2 matches"
    assert page.get_attribute("#kg-hits", "data-count") == "2"
    assert sorted(page.evaluate("kgExplorer.matches()")) == ["doc:123-KH/TU@hai-phong",
                                                             "doc:26-NQ/TW"]
    page.wait_for_timeout(100)
    yellow = [241, 196, 15, 255]
    assert _ring_at(page, "doc:26-NQ/TW") == yellow  # every match ringed on the canvas
    assert _ring_at(page, "doc:123-KH/TU@hai-phong") == yellow
    assert _ring_at(page, "doc:10-KH/TW") != yellow
    page.press("#kg-search", "ArrowDown")
    assert page.locator("#kg-results li.kg-active").inner_text().startswith("26-NQ/TW")
    page.press("#kg-search", "ArrowDown")  # wraps round
    assert page.locator("#kg-results li.kg-active").inner_text().startswith("123-KH/TU")
    page.press("#kg-search", "ArrowUp")
    page.press("#kg-search", "Enter")
    assert page.locator("#kg-panel h2").inner_text() == "26-NQ/TW"
    assert page.evaluate("kgExplorer.network.getSelectedNodes()") == ["doc:26-NQ/TW"]
    visit.search("")
    assert page.inner_text("#kg-hits") == "" and page.evaluate("kgExplorer.matches()") == []
    visit.offline_and_clean()


def test_clicking_the_node_shows_its_tasks_and_evidence(visit):
    page = visit.page
    page.fill("#kg-search", "123-KH/TU")
    page.press("#kg-search", "Enter")
    page.click("#kg-close")
    assert page.is_hidden("#kg-panel")
    # a real mouse click on the node where vis-network drew it
    x, y = page.evaluate("""() => {
        const n = kgExplorer.network, id = 'doc:123-KH/TU@hai-phong';
        const p = n.canvasToDOM(n.getPositions([id])[id]);
        const box = document.getElementById('kg-graph').getBoundingClientRect();
        return [box.left + p.x, box.top + p.y]; }""")
    page.mouse.click(x, y)
    panel = page.locator("#kg-panel")
    panel.wait_for(state="visible")
    text = panel.inner_text()
    assert "123-KH/TU" in text and "Hải Phòng" in text
    assert HP_SENTENCE in page.locator(".kg-evidence").inner_text()
    assert "hai-phong.txt" in page.locator(".kg-evidence").inner_text()
    task = page.locator(".kg-task").inner_text()
    assert "II.1" in task and "chủ trì: Ban Tổ chức Thành ủy" in task
    assert "thời hạn: hoàn thành trong quý IV năm 2018" in task
    assert "implements (2)" in text.lower() and "implemented by (1)" in text.lower()
    visit.offline_and_clean()


def test_the_xss_title_stays_inert(visit):
    page = visit.page
    results = visit.search("7-KH/HU")
    assert results and XSS in results[0]
    page.press("#kg-search", "Enter")
    page.locator("#kg-panel").wait_for(state="visible")
    assert XSS in page.locator("#kg-panel").inner_text()
    pos = page.evaluate("""() => {
        const n = kgExplorer.network, id = 'doc:7-KH/HU@hai-phong';
        const p = n.canvasToDOM(n.getPositions([id])[id]);
        const box = document.getElementById('kg-graph').getBoundingClientRect();
        return [box.left + p.x, box.top + p.y]; }""")
    page.mouse.move(*pos)  # the tooltip shows the title too
    page.wait_for_timeout(400)
    assert XSS in page.locator("div.vis-tooltip").inner_text()
    page.wait_for_timeout(200)
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert page.evaluate("document.querySelectorAll('script').length") == 3
    visit.offline_and_clean()  # no dialog, no request for "x"


def test_filters_hide_and_show_documents(visit):
    page = visit.page

    def shown() -> int:
        return int(page.get_attribute("#kg-count", "data-shown"))

    assert shown() == 5
    page.locator("#kg-levels input[value=central]").uncheck()
    assert shown() == 3
    page.locator("#kg-types input[value='Kế hoạch']").uncheck()
    assert shown() == 0
    page.click("#kg-reset")
    assert shown() == 5
    page.select_option("#kg-localities", ["Quảng Ninh"])
    assert shown() == 1
    page.click("#kg-reset")
    page.select_option("#kg-themes", ["succession"])
    assert shown() == 1
    page.click("#kg-reset")
    page.fill("#kg-from", "2018-07-01")
    page.fill("#kg-to", "2018-08-31")
    page.dispatch_event("#kg-to", "change")
    assert shown() == 2  # 123-KH/TU (30 July) and 228-KH/TU (29 August)
    hidden = page.evaluate("""() => kgExplorer.nodes.getIds().filter(id =>
        kgExplorer.network.body.nodes[id].options.hidden)""")
    assert hidden == ["doc:7-KH/HU@hai-phong"]  # the resolution and plan above: context
    visit.offline_and_clean()


def _states(page) -> dict[str, str]:
    """Each drawn document: "match" or "context" (faded), as vis-network holds them (the
    filter sets them on its node objects, not in the DataSet), checked against the page's
    own account."""
    drawn = page.evaluate("""() => { const b = kgExplorer.network.body.nodes;
        return Object.fromEntries(kgExplorer.nodes.getIds().filter(id => !b[id].options.hidden)
            .map(id => [id, b[id].options.opacity === 0.3 ? 'context' : 'match'])); }""")
    assert drawn == page.evaluate("kgExplorer.states()")
    return drawn


def test_a_filtered_document_keeps_its_chain_faded_and_the_counts_follow(visit):
    page = visit.page
    assert page.get_attribute("#kg-count", "data-links") == "5"
    page.evaluate("kgExplorer.network.moveTo({position: {x: 9000, y: 9000}})")  # looking away
    page.select_option("#kg-localities", ["Hải Phòng"])
    page.locator("#kg-types input[value='Nghị quyết']").uncheck()
    assert _states(page) == {"doc:7-KH/HU@hai-phong": "match",
                             "doc:123-KH/TU@hai-phong": "match",
                             "doc:10-KH/TW": "context", "doc:26-NQ/TW": "context"}
    count = page.inner_text("#kg-count")
    assert count == "2 / 5 documents (+2 for context) · 4 / 5 links"
    # the view re-fits to what is left: every drawn box on screen again
    assert visit.drawing_problems()["outside"] == []
    page.locator("#kg-links input[value=IMPLEMENTS]").uncheck()
    assert page.get_attribute("#kg-count", "data-links") == "0"
    drawn_links = "kgExplorer.network.body.edgeIndices.length"  # what vis-network draws
    assert page.evaluate(drawn_links) == 0
    page.click("#kg-reset")
    assert page.evaluate(drawn_links) == 5
    assert page.inner_text("#kg-count") == "5 / 5 documents · 5 / 5 links"
    visit.offline_and_clean()


def test_the_neighbourhood_filter_keeps_n_links_around_the_selection(visit):
    page = visit.page
    page.evaluate("kgExplorer.select('doc:7-KH/HU@hai-phong', true)")
    page.check("#kg-hood")
    assert _states(page) == {"doc:7-KH/HU@hai-phong": "match",
                             "doc:123-KH/TU@hai-phong": "match",
                             "doc:10-KH/TW": "context", "doc:26-NQ/TW": "context"}
    page.fill("#kg-hops", "2")
    page.dispatch_event("#kg-hops", "change")
    assert set(_states(page).values()) == {"match"} and len(_states(page)) == 4
    page.fill("#kg-hops", "3")
    page.dispatch_event("#kg-hops", "change")
    assert len(_states(page)) == 5  # 228-KH/TU: via 26-NQ/TW, three links away
    page.evaluate("kgExplorer.select('doc:228-KH/TU@quang-ninh', true)")  # follows selection
    page.fill("#kg-hops", "1")
    page.dispatch_event("#kg-hops", "change")
    assert _states(page) == {"doc:228-KH/TU@quang-ninh": "match", "doc:26-NQ/TW": "match"}
    visit.offline_and_clean()


def test_path_to_root_highlights_the_derivation(visit):
    page = visit.page
    visit.search("7-KH/HU")
    page.press("#kg-search", "Enter")
    page.click("#kg-path")
    selected = set(page.evaluate("kgExplorer.network.getSelectedNodes()"))
    assert selected == {"doc:7-KH/HU@hai-phong", "doc:123-KH/TU@hai-phong", "doc:10-KH/TW",
                        "doc:26-NQ/TW"}
    assert "doc:123-KH/TU@hai-phong->doc:26-NQ/TW" in page.evaluate(
        "kgExplorer.network.getSelectedEdges()")
    page.check("#kg-physics")  # the physics toggle runs without error
    page.wait_for_timeout(200)
    page.uncheck("#kg-physics")
    visit.offline_and_clean()


def test_the_policy_blocks_injected_scripts(browser, graph_and_page):
    v = Visit(browser, graph_and_page[1]).ready()
    v.page.evaluate("""() => { const s = document.createElement('script');
        s.textContent = 'window.injected = 1'; document.body.append(s); }""")
    assert v.page.evaluate("window.injected") is None
    v.page.close()


def test_screenshot_artefact(browser, graph_and_page):
    v = Visit(browser, graph_and_page[1]).ready()
    v.page.fill("#kg-search", "123-KH/TU")
    v.page.press("#kg-search", "Enter")
    v.page.locator("#kg-panel").wait_for(state="visible")
    v.page.click("#kg-fit")
    ARTIFACTS.mkdir(exist_ok=True)
    v.page.screenshot(path=str(ARTIFACTS / "explorer.png"))
    assert (ARTIFACTS / "explorer.png").stat().st_size > 10_000
    v.offline_and_clean()
    v.page.close()


def test_trace_page_works_offline(browser, graph_and_page):
    t, work = graph_and_page[2], graph_and_page[3]
    v = Visit(browser, write_trace_html(t, work / "trace.html")).ready()
    assert v.page.evaluate("kgExplorer.nodes.length") == len(t.documents) + 1
    assert v.page.evaluate("kgExplorer.data.root") == "doc:26-NQ/TW"
    assert "123-KH/TU" in v.search("123")[0]
    v.offline_and_clean()
    v.page.close()


def test_table_page_is_inert_and_filters(browser, tmp_path):
    path = write_table_html("Coverage", ["task", "lead"],
                            [{"task": XSS, "lead": "Ban Tổ chức Thành ủy"},
                             {"task": "II.2", "lead": "Sở Nội vụ"}], tmp_path / "t.html")
    v = Visit(browser, path)
    v.page.wait_for_load_state("load")
    assert v.page.evaluate("document.querySelectorAll('img').length") == 0
    v.page.fill("#kg-filter", "so noi vu")
    assert v.page.locator("#kg-table tbody tr:visible").count() == 1
    assert v.page.inner_text("#kg-count") == "1 / 2 rows"
    v.offline_and_clean()
    v.page.close()


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the repo")
def test_kg_explore_on_the_seeds_works_offline(browser, tmp_path):
    runner = CliRunner()
    store = str(tmp_path / "kg.lbdb")
    r = runner.invoke(cli, ["--store", store, "load", *map(str, sorted(SEEDS.glob("*.txt")))])
    assert r.exit_code == 0, r.output
    out = tmp_path / "explorer.html"
    r = runner.invoke(cli, ["--store", store, "explore", "--out", str(out)])
    assert r.exit_code == 0, r.output
    assert "123-KH/TU" in out.read_text(encoding="utf-8")
    v = Visit(browser, out).ready()
    assert v.drawing_problems() == {"outside": [], "overlapping": []}
    assert any(x.startswith("123-KH/TU · Hải Phòng") for x in v.search("123-kh/tu"))
    v.page.press("#kg-search", "Enter")
    assert "Ban Thường vụ Thành ủy Hải Phòng" in v.page.locator(".kg-evidence").inner_text()
    v.offline_and_clean()
    v.page.close()


# ------------------------------------------------------------------ lineage layout

def lineage_corpus():
    """The test corpus plus a commune plan that cites its district plan, the city's plan and
    the central resolution, as commune plans do."""
    from graph.model import Document, Evidence, Extraction, Implements
    from tests.test_viz import _source

    src = _source("xa-lap-le.txt")
    said = "Đảng ủy xã Lập Lễ ra kế hoạch 15-KH/ĐU theo 7-KH/HU, 123-KH/TU và 26-NQ/TW."
    ev = Evidence(src.uid, said, 0, len(said), "explicit", 0.95)
    commune = Document("doc:15-KH/ĐU@hai-phong/lap-le", "15-KH/ĐU", "Kế hoạch",
                       "Đảng ủy xã Lập Lễ", "commune", "Hải Phòng", None, ev)
    links = [Implements(commune.uid, p, "explicit", ev)
             for p in ("doc:7-KH/HU@hai-phong", "doc:123-KH/TU@hai-phong", "doc:26-NQ/TW")]
    return [*explorer_corpus(), Extraction(src, "", documents=[commune], implements=links)]


@pytest.fixture(scope="module")
def lineage_pages(tmp_path_factory):
    work = tmp_path_factory.mktemp("lineage")
    store = open_store(str(work / "kg.lbdb"))
    store.ensure_schema()
    load_batches(store, [to_batch(x) for x in lineage_corpus()])
    page = write_explorer(explore(store), work / "explorer.html")
    tr = write_trace_html(trace(store, "doc:26-NQ/TW"), work / "trace.html")
    yield page, tr
    store.close()


def _drawn(v: Visit) -> dict[str, list[float]]:
    """Where each document is drawn on the screen (DOM px)."""
    return v.page.evaluate("""() => { const n = kgExplorer.network, out = {};
        const pos = n.getPositions();
        for (const id in pos) { const p = n.canvasToDOM(pos[id]); out[id] = [p.x, p.y]; }
        return out; }""")


COMMUNE, DISTRICT, CITY = ("doc:15-KH/ĐU@hai-phong/lap-le", "doc:7-KH/HU@hai-phong",
                           "doc:123-KH/TU@hai-phong")


def test_a_commune_plan_is_drawn_under_its_district_plan_under_its_city_plan(browser,
                                                                             lineage_pages):
    for path in lineage_pages:  # the explorer by level, and `kg trace --html` by chain
        v = Visit(browser, path).ready()
        at = _drawn(v)
        assert at[COMMUNE][1] > at[DISTRICT][1] > at[CITY][1] > at["doc:10-KH/TW"][1] > at[
            "doc:26-NQ/TW"][1]
        assert abs(at[COMMUNE][0] - at[DISTRICT][0]) < 1  # right under it, not by the root
        assert abs(at[DISTRICT][0] - at[CITY][0]) < 1
        assert v.drawing_problems() == {"outside": [], "overlapping": []}
        # every label drawn at 12 px or more on the first view
        assert v.page.evaluate("kgExplorer.network.getScale()") * 14 >= 12
        v.offline_and_clean()
        v.page.close()


def test_level_bands_are_labelled(browser, lineage_pages):
    v = Visit(browser, lineage_pages[0]).ready()
    bands = v.page.evaluate("kgExplorer.data.bands")
    assert [b["label"].split(" · ")[1] for b in bands] == [
        "central", "provincial", "district", "commune"]
    at = _drawn(v)
    top = v.page.evaluate("""() => kgExplorer.data.bands.map(b =>
        kgExplorer.network.canvasToDOM({x: 0, y: b.top}).y)""")
    assert top[2] < at[DISTRICT][1] < top[3] < at[COMMUNE][1]
    v.offline_and_clean()
    v.page.close()


def test_two_hundred_documents_are_legible_at_the_first_view(browser, tmp_path):
    """Too many to read whole: the first view shows the top of the lineage at 9 px labels;
    Fit shows everything."""
    from bench.bench_explorer import synthetic_graph

    g = synthetic_graph(200)
    v = Visit(browser, write_explorer(g, tmp_path / "200.html")).ready()
    assert v.page.evaluate("kgExplorer.nodes.length") == 200
    assert v.page.evaluate("kgExplorer.network.getScale()") * 14 >= 9
    x, y = _drawn(v)["doc:26-NQ/TW"]
    width, height = v.page.evaluate("""() => { const c = document.querySelector(
        '#kg-graph canvas'); return [c.clientWidth, c.clientHeight]; }""")
    assert 0 < x < width and 0 < y < height / 3  # the root, near the top
    v.page.click("#kg-fit")
    assert v.drawing_problems()["outside"] == []
    v.offline_and_clean()
    v.page.close()


# ------------------------------------------------------------------ evidence by worth

def test_a_links_own_sentence_comes_first_and_long_lists_fold(browser, tmp_path):
    """40 borrowed implied sentences, then the plan's own: the panel opens on its own one."""
    import networkx as nx

    g = nx.DiGraph()
    g.add_node("doc:P", symbol="5-KH/TU", type="Kế hoạch", level="provincial", evidence=[
        {"source": "src:own", "source_name": "own.txt", "sentence": "Tỉnh ủy ra kế hoạch.",
         "method": "explicit", "confidence": 1.0}])
    g.add_node("doc:R", symbol="9-NQ/TW", type="Nghị quyết", level="central", evidence=[])
    borrowed = [{"source": f"src:{i}", "source_name": f"b{i}.txt", "basis": "implied",
                 "sentence": f"Một câu của văn bản khác, số {i}.", "method": "implied",
                 "confidence": 0.7} for i in range(40)]
    own = {"source": "src:own", "source_name": "own.txt", "basis": "explicit",
           "sentence": "Để thực hiện Nghị quyết 9-NQ/TW, Tỉnh ủy ra kế hoạch.",
           "method": "explicit", "confidence": 1.0}
    g.add_edge("doc:P", "doc:R", basis="explicit",
               evidence=[*borrowed, own, {**own, "source": "src:copy", "source_name": "c.txt"}])
    v = Visit(browser, write_explorer(g, tmp_path / "ev.html")).ready()
    page = v.page
    page.evaluate("kgExplorer.select('doc:P', true)")
    items = page.locator(".kg-link-evidence > li")
    assert items.count() == 4  # three shown, then "+38 more"
    first = items.nth(0).inner_text()
    assert "9-NQ/TW" in first and "states this link" in first and "also in c.txt" in first
    assert items.nth(3).inner_text() == "+38 more"  # 41 distinct sentences, 3 shown
    page.click(".kg-link-evidence .kg-more")
    assert items.count() == 41
    assert page.evaluate("""[...document.querySelectorAll('.kg-link-evidence > li')]
        .map(li => li.dataset.w).join('')""") == "0" + "3" * 40
    tip = page.evaluate("kgExplorer.edges.get('doc:P->doc:R').title")
    assert tip.splitlines()[2].startswith("“Để thực hiện") and "+38 more" in tip
    v.offline_and_clean()
    v.page.close()


# ------------------------------------------------------------------ share

def test_the_url_hash_carries_the_selection_and_filters(browser, graph_and_page):
    v = Visit(browser, graph_and_page[1]).ready()
    page = v.page
    page.locator("#kg-types input[value='Nghị quyết']").uncheck()
    page.select_option("#kg-localities", ["Hải Phòng", "Quảng Ninh"])
    page.fill("#kg-from", "2018-06-01")
    page.dispatch_event("#kg-from", "change")
    page.evaluate("kgExplorer.select('doc:123-KH/TU@hai-phong', true)")
    page.check("#kg-hood")
    url = page.url
    assert "#" in url and "sel=doc%3A123-KH%2FTU%40hai-phong" in url
    count = page.inner_text("#kg-count")
    v.offline_and_clean()
    v.page.close()

    again = browser.new_page()
    again.goto(url)
    again.wait_for_function("window.kgReady !== undefined")
    assert again.inner_text("#kg-count") == count
    assert not again.locator("#kg-types input[value='Nghị quyết']").is_checked()
    assert again.locator("#kg-types input[value='Kế hoạch']").is_checked()
    assert again.evaluate("""[...document.getElementById('kg-localities').selectedOptions]
        .map(o => o.value)""") == ["Hải Phòng", "Quảng Ninh"]
    assert again.input_value("#kg-from") == "2018-06-01" and again.is_checked("#kg-hood")
    assert again.evaluate("kgExplorer.network.getSelectedNodes()") == [
        "doc:123-KH/TU@hai-phong"]
    assert again.locator("#kg-panel h2").inner_text() == "123-KH/TU\nHải Phòng"
    assert again.url == url  # restoring writes the same hash back
    again.close()


def _save(page, button: str) -> bytes:
    with page.expect_download() as d:
        page.click(button)
    return Path(d.value.path()).read_bytes()


def test_the_shown_graph_exports_as_png_svg_and_csv(visit):
    page = visit.page
    page.select_option("#kg-localities", ["Hải Phòng"])  # 2 shown, 2 above them for context
    png = _save(page, "#kg-png")
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 5_000
    svg = _save(page, "#kg-svg").decode("utf-8")
    assert svg.startswith("<svg") and svg.count("<g ") == 4 and svg.count("<line ") == 4
    assert "<img" not in svg and "&lt;img src=x onerror=alert(1)&gt;" in svg  # title, as text
    assert ">7-KH/HU</text>" in svg and 'opacity="0.3"' in svg
    docs = _save(page, "#kg-csv-docs").decode("utf-8-sig").splitlines()
    assert docs[0].startswith("id,symbol,type,level") and len(docs) == 5
    row = next(r for r in docs if r.startswith("doc:7-KH/HU@hai-phong,"))
    assert XSS in row and row.endswith(",match")
    assert next(r for r in docs if r.startswith("doc:26-NQ/TW,")).endswith(",context")
    links = _save(page, "#kg-csv-links").decode("utf-8-sig").splitlines()
    assert links[0] == "from,to,kind,basis,evidence,first_sentence,file" and len(links) == 5
    assert any(r.startswith("doc:123-KH/TU@hai-phong,doc:26-NQ/TW,IMPLEMENTS,explicit,1,")
               for r in links)
    assert page.evaluate("""() => { const t = kgExplorer.data.nodes[0];
        const keep = t.title; t.title = '=HYPERLINK("x")';
        const out = kgExplorer.documentsCsv(); t.title = keep; return out; }""").count(
        "\"'=HYPERLINK(\"\"x\"\")\"") == 1  # a formula stays text in a spreadsheet
    legend = page.locator("#kg-edge-legend li").all_inner_texts()
    assert [x.split(":")[0].strip() for x in legend] == ["explicit", "implied", "faint",
                                                         "dashed"]
    visit.offline_and_clean()


# ------------------------------------------------------------------ overview first

def _units(g, era: int) -> dict[str, list[str]]:
    """{unit of `era` (0: before 2025, 1: from 2025): its documents} of a synthetic graph."""
    from loaders.localities import province

    out: dict[str, list[str]] = {}
    for n, d in g.nodes(data=True):
        if d["locality"]:
            p = province(d["locality"])
            out.setdefault([p.name, p.successor][era], []).append(n)
    return out


def test_a_large_graph_opens_on_an_overview_and_expands_a_province(browser, tmp_path):
    from bench.bench_explorer import synthetic_graph

    g = synthetic_graph(600)
    v = Visit(browser, write_explorer(g, tmp_path / "600.html")).ready()
    page = v.page
    assert page.is_visible("#kg-overview") and page.evaluate("kgExplorer.nodes.length") == 0
    names = page.locator(".kg-levels-table button").all_inner_texts()
    counts = page.locator(".kg-levels-table td:nth-child(2)").all_inner_texts()
    levels = dict(zip(names, counts, strict=True))
    assert levels == {lv: str(sum(d["level"] == lv for _, d in g.nodes(data=True)))
                      for lv in ("central", "provincial", "district", "commune")}
    # the map of the 34 units since 1 July 2025: Lào Cai holds the old Lào Cai and Yên Bái
    units = _units(g, 1)
    assert page.locator("#kg-map .kg-tile").count() == 34
    assert page.locator("#kg-map .kg-tile:enabled").count() == len(units)
    mine = set(units["Lào Cai"])
    assert {g.nodes[n]["locality"] for n in mine} == {"Lào Cai", "Yên Bái"}
    tile = page.locator("#kg-map .kg-tile[data-loc='Lào Cai']")
    assert f"{len(mine)} docs" in tile.inner_text()
    # north above south: Lào Cai's row is above Hồ Chí Minh's
    rows = page.evaluate("""() => Object.fromEntries(Array.from(document.querySelectorAll(
        '#kg-map .kg-tile')).map(t => [t.dataset.loc, t.getBoundingClientRect().top]))""")
    assert rows["Lào Cai"] < rows["Hà Nội"] < rows["Huế"] < rows["Hồ Chí Minh"] < rows["Cà Mau"]
    assert tile.evaluate("t => getComputedStyle(t).backgroundColor") == "rgb(171, 235, 198)"
    tile.click()  # has a plan: green; opens its lineage with the chain above
    assert page.is_hidden("#kg-overview")
    drawn = set(page.evaluate("kgExplorer.nodes.getIds()"))
    assert drawn == mine | {"doc:10-KH/TW", "doc:26-NQ/TW"}
    assert page.get_attribute("#kg-count", "data-shown") == str(len(drawn))
    assert "scope=unit%3Afrom_2025%3AL" in page.url
    url = page.url
    # a search reaches a document outside the drawn province: its surroundings are drawn
    visit_search = v.search("3-KH/TU")
    assert visit_search[0].startswith("3-KH/TU") and page.inner_text("#kg-hits") == "2 matches"
    page.press("#kg-search", "Enter")
    assert "doc:3-KH/TU" in page.evaluate("kgExplorer.nodes.getIds()")
    assert page.locator("#kg-panel h2").inner_text().startswith("3-KH/TU")
    page.click("#kg-overview-btn")
    assert page.is_visible("#kg-overview")
    v.offline_and_clean()
    v.page.close()

    again = browser.new_page()
    again.goto(url)
    again.wait_for_function("window.kgReady !== undefined")
    assert again.is_hidden("#kg-overview")
    assert set(again.evaluate("kgExplorer.nodes.getIds()")) == drawn
    again.close()
