"""The explorer's data, layout and escaping, without a browser; and `explore` over a store."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re

import networkx as nx
import pytest
from click.testing import CliRunner

from graph import load_batches, open_store, to_batch
from graph.model import (
    Deadline,
    Document,
    Evidence,
    Extraction,
    Implements,
    Source,
    Task,
    ThemeTag,
)
from kg.cli import cli
from queries import trace
from queries.explore import explore
from queries.trace import trace_graph
from viz import (
    build_explorer_graph,
    hierarchical_positions,
    page_data,
    render_explorer,
    script_json,
    write_explorer,
    write_table_html,
    write_trace_html,
)

XSS = "<img src=x onerror=alert(1)>"
BREAKOUT = "</script><script>alert(2)</script><!--"
HP_SENTENCE = ("Ban Thường vụ Thành ủy Hải Phòng ký ban hành Kế hoạch 123-KH/TU ngày 30-7-2018 "
               "nhằm triển khai Nghị quyết 26-NQ/TW.")


def _source(name: str) -> Source:
    sha = hashlib.sha256(name.encode()).hexdigest()
    return Source(f"src:{sha[:16]}", name, f"/fixtures/{name}", sha, 100, "utf-8")


def _ev(src: Source, sentence: str) -> Evidence:
    return Evidence(src.uid, sentence, 10, 10 + len(sentence), "explicit", 0.95)


def explorer_corpus() -> list[Extraction]:
    """Our own facts: a central resolution and the Politburo plan; Hải Phòng's 123-KH/TU with a
    task; a district plan whose title is an XSS payload; a plan whose title closes a script."""
    c = _source("trung-uong.txt")
    nq = Document("doc:26-NQ/TW", "26-NQ/TW", "Nghị quyết",
                  "Ban Chấp hành Trung ương Đảng khóa XII", "central", None, dt.date(2018, 5, 19),
                  _ev(c, "Nghị quyết 26-NQ/TW ngày 19-5-2018 do BCH Trung ương ban hành."),
                  title="Nghị quyết về xây dựng đội ngũ cán bộ từng cấp")
    kh = Document("doc:10-KH/TW", "10-KH/TW", "Kế hoạch", "Bộ Chính trị", "central", None,
                  dt.date(2018, 6, 6), _ev(c, "Bộ Chính trị ban hành Kế hoạch số 10-KH/TW."))
    central = Extraction(c, "", documents=[nq, kh], implements=[
        Implements(kh.uid, nq.uid, "explicit", _ev(c, "Kế hoạch 10-KH/TW thực hiện Nghị quyết."))])

    h = _source("hai-phong.txt")
    hp_uid = "doc:123-KH/TU@hai-phong"
    hp = Document(hp_uid, "123-KH/TU", "Kế hoạch", "Ban Thường vụ Thành ủy Hải Phòng",
                  "provincial", "Hải Phòng", dt.date(2018, 7, 30), _ev(h, HP_SENTENCE),
                  title="Kế hoạch thực hiện Nghị quyết 26-NQ/TW tại Đảng bộ thành phố")
    district = Document("doc:7-KH/HU@hai-phong", "7-KH/HU", "Kế hoạch", "Huyện ủy Thủy Nguyên",
                        "district", "Hải Phòng", dt.date(2018, 9, 12),
                        _ev(h, "Huyện ủy Thủy Nguyên ban hành Kế hoạch số 7-KH/HU."), title=XSS)
    task = Task(f"task:{hp_uid}#1", hp_uid, "II.1",
                "Rà soát, cập nhật quy hoạch cán bộ lãnh đạo các cấp.",
                _ev(h, "1. Rà soát, cập nhật quy hoạch cán bộ."), lead="Ban Tổ chức Thành ủy",
                support=("Sở Nội vụ",),
                deadline=Deadline("hoàn thành trong quý IV năm 2018", "quarter", 2018, 4),
                themes=(ThemeTag("succession", ("quy hoạch",)),))
    local = Extraction(h, "", documents=[hp, district, nq, kh], tasks=[task], implements=[
        Implements(hp_uid, nq.uid, "explicit", _ev(h, HP_SENTENCE)),
        Implements(hp_uid, kh.uid, "implied", _ev(h, "Thực hiện Kế hoạch của Bộ Chính trị.")),
        Implements(district.uid, hp_uid, "explicit",
                   _ev(h, f"Thực hiện Kế hoạch số 123-KH/TU; {XSS}")),
    ])

    q = _source("quang-ninh.txt")
    qn = Document("doc:228-KH/TU@quang-ninh", "228-KH/TU", "Kế hoạch", "Tỉnh ủy Quảng Ninh",
                  "provincial", "Quảng Ninh", dt.date(2018, 8, 29),
                  _ev(q, "Tỉnh ủy Quảng Ninh ký ban hành Kế hoạch 228-KH/TU."), title=BREAKOUT)
    nq_q = Document(nq.uid, nq.symbol, nq.type, None, "central", None, None,
                    _ev(q, "Nghị quyết số 26-NQ/TW."))
    other = Extraction(q, "", documents=[qn, nq_q], implements=[
        Implements(qn.uid, nq.uid, "explicit", _ev(q, "Thực hiện Nghị quyết 26-NQ/TW."))])
    return [central, local, other]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = open_store(str(tmp_path_factory.mktemp("viz") / "kg.lbdb"))
    s.ensure_schema()
    load_batches(s, [to_batch(x) for x in explorer_corpus()])
    s.checkpoint()  # durable, so that the CLI can open the same file beside this store
    yield s
    s.close()


def _data(html: str) -> dict:
    return page_data(html)


# ------------------------------------------------------------------ explore over a store

def test_explore_pulls_documents_links_tasks_and_evidence(store):
    g = explore(store)
    assert set(g) == {"doc:26-NQ/TW", "doc:10-KH/TW", "doc:123-KH/TU@hai-phong",
                      "doc:7-KH/HU@hai-phong", "doc:228-KH/TU@quang-ninh"}
    hp = g.nodes["doc:123-KH/TU@hai-phong"]
    assert hp["locality"] == "Hải Phòng" and hp["date"] == dt.date(2018, 7, 30)
    [task] = hp["tasks"]
    assert (task["label"], task["lead"], task["deadline"]) == (
        "II.1", "Ban Tổ chức Thành ủy", "hoàn thành trong quý IV năm 2018")
    assert task["support"] == ["Sở Nội vụ"] and task["themes"] == ["succession"]
    assert hp["themes"] == ["succession"]
    assert {(e["sentence"], e["source_name"]) for e in hp["evidence"]} == {
        (HP_SENTENCE, "hai-phong.txt")}
    # 26-NQ/TW is asserted by all three sources: one evidence entry per source
    assert {e["source_name"] for e in g.nodes["doc:26-NQ/TW"]["evidence"]} == {
        "trung-uong.txt", "hai-phong.txt", "quang-ninh.txt"}
    link = g.edges["doc:123-KH/TU@hai-phong", "doc:26-NQ/TW"]
    assert link["basis"] == "explicit"
    assert [(e["sentence"], e["source_name"]) for e in link["evidence"]] == [
        (HP_SENTENCE, "hai-phong.txt")]
    assert g.edges["doc:123-KH/TU@hai-phong", "doc:10-KH/TW"]["basis"] == "implied"


def test_explore_from_a_root_keeps_what_implements_it(store):
    g = explore(store, "doc:123-KH/TU@hai-phong")
    assert set(g) == {"doc:123-KH/TU@hai-phong", "doc:7-KH/HU@hai-phong"}
    assert g.graph["root"] == "doc:123-KH/TU@hai-phong"
    assert g.nodes["doc:7-KH/HU@hai-phong"]["depth"] == 1
    assert set(explore(store, "doc:26-NQ/TW", depth=1)) == {
        "doc:26-NQ/TW", "doc:10-KH/TW", "doc:123-KH/TU@hai-phong", "doc:228-KH/TU@quang-ninh"}


# ------------------------------------------------------------------ page data

def test_colours_shapes_and_legend_come_from_the_ontology(store):
    from ontology import load_schema

    schema = load_schema()
    page = build_explorer_graph(explore(store))
    nodes = {n["id"]: n for n in page.nodes}
    plan = {t.name: t.color for t in schema.doc_types}["Kế hoạch"]
    assert nodes["doc:123-KH/TU@hai-phong"]["color"] == plan
    assert nodes["doc:123-KH/TU@hai-phong"]["border"] == schema.levels["provincial"]
    assert nodes["doc:26-NQ/TW"]["shape"] == schema.node("Document").shape
    assert {t["name"] for t in page.legend["types"]} == {"Nghị quyết", "Kế hoạch"}
    assert [lv["name"] for lv in page.legend["levels"]] == ["central", "provincial", "district"]
    assert page.facets["localities"] == ["Hải Phòng", "Quảng Ninh"]
    assert page.facets["themes"] == [{"id": "succession", "label": "Quy hoạch cán bộ"}]
    assert page.facets["dates"] == ["2018-05-19", "2018-09-12"]


def test_labels_show_symbol_and_locality_and_edges_carry_evidence(store):
    page = build_explorer_graph(explore(store))
    nodes = {n["id"]: n for n in page.nodes}
    assert nodes["doc:123-KH/TU@hai-phong"]["label"] == "123-KH/TU\nHải Phòng"
    assert nodes["doc:26-NQ/TW"]["label"] == "26-NQ/TW"
    edge = next(e for e in page.edges if e["from"] == "doc:123-KH/TU@hai-phong"
                and e["to"] == "doc:26-NQ/TW")
    texts = page.texts
    s, f, _a, _b, _m, _c, w, _also = edge["evidence"][0]  # packed: see viz.explorer._packed
    assert edge["basis"] == "explicit" and texts[f] == "hai-phong.txt"
    assert texts[s] == HP_SENTENCE and w == 0  # its own text, naming 26-NQ/TW
    [task] = nodes["doc:123-KH/TU@hai-phong"]["tasks"]
    assert [texts[task[0]], texts[task[2]], task[5]] == [
        "II.1", "Ban Tổ chức Thành ủy", ["succession"]]


def test_layout_puts_levels_top_down_and_a_document_under_what_it_implements(store):
    page = build_explorer_graph(explore(store))
    nodes = {n["id"]: n for n in page.nodes}
    pos = {n["id"]: (n["x"], n["y"]) for n in page.nodes}
    central, province, district = (pos["doc:26-NQ/TW"][1],
                                   pos["doc:123-KH/TU@hai-phong"][1],
                                   pos["doc:7-KH/HU@hai-phong"][1])
    assert central < province < district
    # the central plan sits in the central band, a layer below the resolution it implements
    assert pos["doc:26-NQ/TW"][1] < pos["doc:10-KH/TW"][1] < province
    # lineage parent: the most specific document implemented, not the root
    assert nodes["doc:123-KH/TU@hai-phong"]["parent"] == "doc:10-KH/TW"
    assert nodes["doc:7-KH/HU@hai-phong"]["parent"] == "doc:123-KH/TU@hai-phong"
    assert nodes["doc:26-NQ/TW"]["parent"] is None
    assert pos["doc:7-KH/HU@hai-phong"][0] == pos["doc:123-KH/TU@hai-phong"][0]
    assert pos["doc:123-KH/TU@hai-phong"][0] < pos["doc:228-KH/TU@quang-ninh"][0]  # by date
    assert [b["label"] for b in page.bands] == [
        "Trung ương · central", "Tỉnh · provincial", "Huyện · district"]


def _chain_graph() -> nx.DiGraph:
    """Two central resolutions; under the later one two central plans, each with a provincial
    plan; the second plan's provincial plan also implements the first resolution, which has a
    provincial plan of its own."""
    g = nx.DiGraph()
    day = dt.date(2019, 1, 1)
    for i, (n, level) in enumerate([("R2", "central"), ("R1", "central"), ("A", "central"),
                                    ("B", "central"), ("a", "provincial"),
                                    ("b", "provincial"), ("c", "provincial")]):
        g.add_node(n, level=level, date=day + dt.timedelta(days=i))
    g.add_edges_from([("A", "R1"), ("B", "R1"), ("a", "A"), ("b", "B"), ("b", "R2"),
                      ("c", "R2")])
    return g


def test_barycentre_order_removes_a_crossing_that_date_order_makes():
    from viz.layout import crossings, lineage_layout

    g = _chain_graph()
    lay = lineage_layout(g)
    assert lay.parent["b"] == "B"  # the plan, deeper than the resolution R2
    assert crossings(g, lay.pos) == 0
    # by date alone, b (under B, right of A) would reach R2 on the far left across A -> a
    by_date = dict(lay.pos)
    by_date["A"], by_date["B"] = lay.pos["B"], lay.pos["A"]
    by_date["a"], by_date["b"] = lay.pos["b"], lay.pos["a"]
    assert crossings(g, by_date) > 0


def test_a_wide_fan_wraps_onto_shelves_and_childless_siblings_into_grids():
    g = nx.DiGraph()
    g.add_node("root", level="central")
    for p in range(30):
        g.add_node(f"p{p}", level="provincial", date=dt.date(2019, 1, 1) + dt.timedelta(days=p))
        g.add_node(f"d{p}", level="district")
        g.add_edges_from([(f"p{p}", "root"), (f"d{p}", f"p{p}")])
    for i in range(25):
        g.add_node(f"c{i}", level="commune", date=dt.date(2019, 1, 1) + dt.timedelta(days=i))
        g.add_edge(f"c{i}", "d0")
    pos = hierarchical_positions(g, row_width=10)
    rows = [pos[f"c{i}"][1] for i in range(25)]
    assert 1 < len(set(rows)) <= 5 and max(map(rows.count, rows)) <= 10  # a small grid
    assert pos["c0"][0] < pos["c1"][0] and pos["c0"][1] == pos["c1"][1]
    shelves = {pos[f"p{p}"][1] for p in range(30)}
    assert len(shelves) > 1  # thirty provinces do not make one row thirty boxes wide
    for p in range(30):
        assert pos[f"d{p}"][1] > pos[f"p{p}"][1] and pos[f"d{p}"][0] == pos[f"p{p}"][0]
    xs = [x for x, _ in pos.values()]
    ys = [y for _, y in pos.values()]
    assert (max(xs) - min(xs)) < 3 * (max(ys) - min(ys))  # wider than tall, not a ribbon


def test_a_trace_is_laid_out_by_lineage(store, tmp_path):
    out = write_trace_html(trace(store, "doc:26-NQ/TW"), tmp_path / "trace.html")
    data = _data(out.read_text(encoding="utf-8"))
    assert data["root"] == "doc:26-NQ/TW"
    y = {n["id"]: n["y"] for n in data["nodes"]}
    # 123-KH/TU implements both the resolution and its plan: drawn under the plan
    assert y["doc:26-NQ/TW"] < y["doc:10-KH/TW"] < y["doc:123-KH/TU@hai-phong"] < y[
        "doc:7-KH/HU@hai-phong"]
    assert [n["id"] for n in data["nodes"] if n.get("root")] == ["doc:26-NQ/TW"]
    assert [b["label"] for b in data["bands"]] == [
        "Trung ương · central", "Tỉnh · provincial", "Huyện · district"]
    by_depth = hierarchical_positions(trace_graph(trace(store, "doc:26-NQ/TW")), "depth",
                                      "doc:26-NQ/TW")
    assert by_depth["doc:10-KH/TW"][1] < by_depth["doc:123-KH/TU@hai-phong"][1]
    up = write_trace_html(trace(store, "doc:7-KH/HU@hai-phong", up=True), tmp_path / "up.html")
    y = {n["id"]: n["y"] for n in _data(up.read_text(encoding="utf-8"))["nodes"]}
    assert y["doc:7-KH/HU@hai-phong"] > y["doc:123-KH/TU@hai-phong"] > y["doc:26-NQ/TW"]


def test_evidence_is_ordered_by_worth_and_folded():
    from viz.evidence import Texts, ordered

    def ev(sentence, source, method="explicit", basis="explicit", confidence=0.9):
        return {"sentence": sentence, "source": source, "source_name": source + ".txt",
                "method": method, "basis": basis, "confidence": confidence,
                "span_start": 0, "span_end": 5}

    borrowed = [ev(f"Câu mượn số {i}.", f"other{i}", "implied", "implied", 0.7)
                for i in range(5)]
    evidence = [*borrowed, ev("Ủy ban ban hành kế hoạch này.", "own"),
                ev("Ban hành kèm theo Kế hoạch 5-KH/TU.", "third"),
                ev("Thực hiện Kế hoạch số 5-KH/TU của Tỉnh ủy.", "own"),
                ev("Thực  hiện kế hoạch số 5-KH/TU của Tỉnh ủy.", "dup")]
    texts = Texts()
    out = ordered(evidence, texts, {"own"}, "5-KH/TU")
    assert [texts.items[e["s"]] for e in out][:3] == [
        "Thực hiện Kế hoạch số 5-KH/TU của Tỉnh ủy.", "Ủy ban ban hành kế hoạch này.",
        "Ban hành kèm theo Kế hoạch 5-KH/TU."]
    assert [e["w"] for e in out] == [0, 1, 2, 3, 3, 3, 3, 3]
    assert [texts.items[f] for f in out[0]["also"]] == ["dup.txt"]  # the same sentence, once
    assert len(out) == 8


def test_the_page_carries_each_sentence_once(store):
    html = render_explorer(build_explorer_graph(explore(store)).as_json())
    data = _data(html)
    # HP_SENTENCE is 123-KH/TU's own evidence and its link's: one copy in the page
    raw = json.dumps(data, ensure_ascii=False)
    assert raw.count(json.dumps(HP_SENTENCE, ensure_ascii=False)[1:-1]) == 1
    assert data["texts"].count(HP_SENTENCE) == 1
    assert not any("tip" in x for x in data["nodes"] + data["edges"])


# ------------------------------------------------------------------ escaping, offline

def test_script_json_cannot_close_the_script_element():
    text = script_json({"t": BREAKOUT + " & " + XSS})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"t": BREAKOUT + " & " + XSS}


def test_the_page_is_self_contained_and_no_title_escapes_its_data(store):
    html = render_explorer(build_explorer_graph(explore(store)).as_json())
    assert html.count("</script>") == 3  # data, vis-network, ours
    assert "<!--" not in html  # nothing can switch the HTML parser's script state
    assert XSS not in html and "<script>alert(2)" not in html
    # the data block is base64 (viz.render.packed_data): nothing in it can end the element
    assert re.search(r'<script id="kg-data" type="application/gzip">[A-Za-z0-9+/=]+</script>',
                     html)
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html, re.I)
    assert "<link" not in html and "sourceMappingURL" not in html
    assert "default-src 'none'" in html and "connect-src 'none'" in html
    titles = {n["id"]: n.get("title") for n in _data(html)["nodes"]}  # no nulls in the page
    assert titles["doc:7-KH/HU@hai-phong"] == XSS
    assert titles["doc:228-KH/TU@quang-ninh"] == BREAKOUT


def test_the_page_title_is_escaped(store, tmp_path):
    out = write_explorer(explore(store), tmp_path / "x.html", title=XSS)
    html = out.read_text(encoding="utf-8")
    assert "<title>&lt;img src=x onerror=alert(1)&gt;</title>" in html
    assert XSS not in html


def test_table_page_escapes_every_cell(tmp_path):
    out = write_table_html(f"Coverage {XSS}", [("task", "Nhiệm vụ"), ("plans", "Kế hoạch")],
                           [{"task": XSS, "plans": ["123-KH/TU", BREAKOUT]},
                            {"task": "II.1", "plans": None}], tmp_path / "t.html")
    html = out.read_text(encoding="utf-8")
    assert XSS not in html and "<script>alert(2)" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<th>Nhiệm vụ</th>" in html and "123-KH/TU; &lt;/script&gt;" in html
    assert html.count("<tr>") == 3


def test_kg_explore_writes_the_page(store, tmp_path):
    runner = CliRunner()
    out = tmp_path / "e.html"
    r = runner.invoke(cli, ["--store", store.uri, "explore", "--out", str(out)])
    assert r.exit_code == 0, r.output
    assert "5 documents, 5 links" in r.stderr
    assert {n["symbol"] for n in _data(out.read_text(encoding="utf-8"))["nodes"]} >= {
        "123-KH/TU", "26-NQ/TW"}
    r = runner.invoke(cli, ["--store", store.uri, "explore", "--depth", "2"])
    assert r.exit_code != 0 and "--depth needs --root" in r.output


@pytest.mark.neo4j
def test_explore_gives_the_same_graph_on_neo4j(store, neo4j_uri):
    from tests.conftest import empty_neo4j_store

    neo = empty_neo4j_store(neo4j_uri)
    try:
        load_batches(neo, [to_batch(x) for x in explorer_corpus()])
        for root, depth in ((None, None), ("doc:26-NQ/TW", 1), ("doc:123-KH/TU@hai-phong", None)):
            a, b = explore(store, root, depth), explore(neo, root, depth)
            assert dict(a.nodes(data=True)) == dict(b.nodes(data=True))
            assert sorted(a.edges(data=True)) == sorted(b.edges(data=True))
    finally:
        neo.clear()
        neo.close()
