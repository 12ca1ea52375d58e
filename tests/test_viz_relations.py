"""Relations besides implements in the explorer: pulled beside the implements graph (never in
it), drawn in the ontology's colour and dashed, listed in the legend, their text escaped."""

from __future__ import annotations

import json

import pytest

from graph import load_batches, open_store, to_batch
from graph.model import Relation
from ontology import load_schema
from queries.explore import explore
from tests.test_explorer_browser import Visit, browser  # noqa: F401  (a fixture)
from tests.test_relations_store import PLAN, decision
from tests.test_viz import BREAKOUT, XSS
from viz import build_explorer_graph, page_data, render_explorer, write_explorer

DECREE = "doc:31/2020/NĐ-CP"


def corpus():
    ex = decision()
    ex.relations.append(Relation("AMENDS", PLAN, "doc:2/QĐ-UBND@ha-giang",
                                 ex.relations[0].evidence.__class__(
                                     ex.source.uid, f"Sửa đổi {XSS} {BREAKOUT}", 0, 9)))
    return [ex]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = open_store(str(tmp_path_factory.mktemp("viz-rel") / "kg.lbdb"))
    s.ensure_schema()
    load_batches(s, [to_batch(x) for x in corpus()])
    yield s
    s.close()


def test_explore_lists_relations_beside_the_implements_graph(store):
    g = explore(store)
    assert sorted(g.edges) == [(PLAN, "doc:26-NQ/TW")]  # implements only
    rels = {(r["type"], r["child"], r["parent"]): r for r in g.graph["relations"]}
    assert set(rels) == {("BASED_ON", PLAN, DECREE), ("BASED_ON", PLAN, "doc:9/2023/NĐ-CP"),
                         ("REPLACES", PLAN, "doc:2/QĐ-UBND@ha-giang"),
                         ("REPEALS", PLAN, "doc:3/QĐ-UBND@ha-giang"),
                         ("AMENDS", "doc:9/2023/NĐ-CP", DECREE),
                         ("AMENDS", PLAN, "doc:2/QĐ-UBND@ha-giang")}
    ev = rels[("BASED_ON", PLAN, DECREE)]["evidence"]
    assert ev[0]["source_name"] == "qd40.txt" and ev[0]["sentence"].startswith("Căn cứ")
    # from a root, only the documents of its trace are shown, and relations among them
    root = explore(store, "doc:26-NQ/TW")
    assert sorted(root.nodes) == ["doc:26-NQ/TW", PLAN]
    assert root.graph["relations"] == []


def test_edges_and_legend_take_style_from_the_ontology(store):
    page = build_explorer_graph(explore(store))
    schema = load_schema()
    based = next(e for e in page.edges if e.get("kind") == "BASED_ON" and e["to"] == DECREE)
    assert based["color"] == schema.rel("BASED_ON").color and based["dashes"] is True
    assert based["name"] == "căn cứ · based on"
    assert "Căn cứ Nghị định" in page.texts[based["evidence"][0][0]]
    impl = next(e for e in page.edges if "kind" not in e)  # implements: the page's default
    assert not impl.get("dashes")
    assert len({(e["from"], e.get("kind"), e["to"]) for e in page.edges}) == len(page.edges)
    legend = page.legend["links"]
    assert [k["kind"] for k in legend] == ["IMPLEMENTS", "AMENDS", "BASED_ON", "REPEALS",
                                           "REPLACES"]
    assert {k["kind"]: k["color"] for k in legend} == {
        r.type: r.color for r in schema.document_links}
    assert next(k for k in legend if k["kind"] == "REPEALS")["name"] == "bãi bỏ"


def test_relation_text_is_escaped_in_the_page(store):
    html = render_explorer(build_explorer_graph(explore(store)).as_json())
    assert XSS not in html and "<script>alert(2)" not in html and "<!--" not in html
    data = page_data(html)
    sentences = [data["texts"][ev[0]] for e in data["edges"] if e.get("kind") == "AMENDS"
                 for ev in e["evidence"]]
    assert f"Sửa đổi {XSS} {BREAKOUT}" in sentences


@pytest.mark.browser
def test_the_page_draws_relations_dashed_and_lists_them(store, tmp_path, browser):  # noqa: F811
    path = write_explorer(explore(store), tmp_path / "rel.html")
    v = Visit(browser, path).ready()
    try:
        page = v.page
        assert page.locator("#kg-links li").all_inner_texts() == [
            "triển khai thực hiện · implements", "sửa đổi, bổ sung · amends",
            "căn cứ · based on", "bãi bỏ · repeals", "thay thế · replaces"]
        drawn = page.evaluate("kgExplorer.edges.get().map(e => [e.id, !!e.dashes])")
        assert len(drawn) == 7 and sum(d for _, d in drawn) == 6
        page.evaluate(f"kgExplorer.select({json.dumps(PLAN)}, true)")
        panel = page.locator("#kg-panel-body").inner_text()
        assert "other relations (5)" in panel.lower() and "implements (1)" in panel.lower()
        assert XSS in panel  # shown as text, never run
        tip = page.evaluate("kgExplorer.edges.get().find(e => e.id.includes('BASED_ON')).title")
        assert "căn cứ · based on" in tip and "Căn cứ" in tip
        page.locator("#kg-links input[value='BASED_ON']").uncheck()
        hidden = page.evaluate("""() => { const b = kgExplorer.network.body;  // as drawn
            const off = Object.values(b.edges).filter(e => e.options.hidden).map(e => e.id);
            return off.filter(id => id.includes('BASED_ON') && !b.edgeIndices.includes(id)); }""")
        assert len(hidden) == 2
        # "path to root" follows implements only
        path_ = page.evaluate(f"kgExplorer.pathToRoot({json.dumps(DECREE)})")
        assert path_["nodes"] == [DECREE]
        v.offline_and_clean()
    finally:
        page.close()



@pytest.mark.neo4j
def test_explore_lists_the_same_relations_on_neo4j(store, neo4j_uri):
    from tests.conftest import empty_neo4j_store

    neo = empty_neo4j_store(neo4j_uri)
    try:
        load_batches(neo, [to_batch(x) for x in corpus()])
        a, b = explore(store), explore(neo)
        key = lambda r: (r["type"], r["child"], r["parent"])  # noqa: E731
        assert sorted(a.graph["relations"], key=key) == sorted(b.graph["relations"], key=key)
        assert len(a.graph["relations"]) == 6
    finally:
        neo.clear()
        neo.close()
