"""`kg schema` says it all (meanings, evidence, example queries), themes carry their
Vietnamese name, and the Neo4j Browser style sheet has the explorer's colours."""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from graph import load_batches, to_batch
from graph.ladybug_store import LadybugStore
from kg.cli import cli
from ontology import load_schema, theme_labels
from ontology.describe import describe
from tests.factories import corpus
from viz.explorer import build_explorer_graph, text_color
from viz.grass import CAPTIONS, grass

GRASS_FILE = Path(__file__).resolve().parents[1] / "docs" / "kg.grass"


def _kg(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_every_relationship_and_its_properties_have_a_meaning_and_an_example():
    d = describe(load_schema())
    assert {r["type"] for r in d["relationships"]} == {r.type for r in load_schema().rels}
    for r in d["relationships"]:
        assert len(r["meaning"]) > len(r["en"]) + 20, r["type"]  # a comment beyond the label
        assert re.search(rf"\[\w*:{r['type']}\]", r["example"]), r["type"]
        assert "ORDER BY" in r["example"] and "$" not in r["example"]
    props = {p["property"]: p for p in d["relationship_properties"]}
    assert {"source", "evidence", "span_start", "span_end", "method", "confidence"} <= {
        p for p, v in props.items() if v["on"].startswith("every")}
    assert props["score"]["on"] == "ALIGNS_WITH"
    assert all(len(p["meaning"]) > 40 for p in props.values())
    assert "MATCH (s:Source {uid: r.source})" in props["source"]["meaning"]


def test_kg_schema_lists_evidence_meanings_and_examples():
    text = _kg("schema")
    for head in ("NODE LABELS", "RELATIONSHIP TYPES", "RELATIONSHIP PROPERTIES"):
        assert head in text
    assert re.search(r"^evidence \(STRING\) on every relationship", text, re.M)
    assert re.search(r"^Evidence \(Căn cứ\)\n    uid:STRING, sentence:STRING, source:STRING",
                     text, re.M)
    assert re.search(r"^score \(DOUBLE\) on ALIGNS_WITH\n    alignment score: The probability",
                     text, re.M)
    assert text.count("try: MATCH") == len(load_schema().rels)
    data = json.loads(_kg("schema", "--format", "json"))
    implements = next(r for r in data["relationships"] if r["type"] == "IMPLEMENTS")
    assert implements["properties"] == ["basis", "evidence_count", "lag_days", "sources"]
    assert implements["pairs"] == ["Document->Document"]
    theme = next(n for n in data["nodes"] if n["label"] == "Theme")
    assert "name_vi:STRING" in theme["properties"]


def test_themes_carry_their_vietnamese_name(tmp_path):
    assert theme_labels()["succession"] == "Quy hoạch cán bộ"
    assert theme_labels()["strategic-cadres"] == "Cán bộ cấp chiến lược"
    store = LadybugStore(str(tmp_path / "kg.lbdb"))
    store.ensure_schema()
    load_batches(store, [to_batch(x) for x in corpus()])
    rows = store.query("MATCH (th:Theme) RETURN th.name AS name, th.name_vi AS vi")
    store.close()
    assert rows == [{"name": "succession", "vi": "Quy hoạch cán bộ"}]


@pytest.mark.neo4j
def test_themes_carry_their_vietnamese_name_on_neo4j(neo4j_store):
    load_batches(neo4j_store, [to_batch(x) for x in corpus()])
    assert neo4j_store.query("MATCH (th:Theme) RETURN th.name AS name, th.name_vi AS vi") == [
        {"name": "succession", "vi": "Quy hoạch cán bộ"}]


def _rules(text: str) -> dict[str, dict[str, str]]:
    """selector -> {property: value} of a GraSS text."""
    out = {}
    for selector, body in re.findall(r"^([\w.]+) \{\n(.*?)^\}", text, re.M | re.S):
        out[selector] = dict(re.findall(r"^\s+([\w-]+): (.+);$", body, re.M))
    return out


def test_the_style_sheet_in_docs_is_the_generated_one():
    assert GRASS_FILE.read_text("utf-8") == grass(), (
        "docs/kg.grass is stale: kg schema --format grass > docs/kg.grass")
    assert _kg("schema", "--format", "grass") == grass()


def test_the_style_sheet_has_the_explorers_colours():
    schema = load_schema()
    rules = _rules(grass())
    # a plan and a link of each document kind, drawn by the explorer
    g = nx.DiGraph()
    g.add_node("a", type="Kế hoạch", level="provincial")
    g.add_node("b", type="Nghị quyết", level="central")
    g.add_edge("a", "b")
    g.graph["relations"] = [{"type": r.type, "child": "a", "parent": "b", "evidence": []}
                            for r in schema.document_links if r.type != "IMPLEMENTS"]
    explorer = build_explorer_graph(g)
    drawn = explorer.as_json()
    plan = next(n for n in explorer.nodes if n["id"] == "a")  # as drawn (the page derives it)
    assert rules["node.Document"]["color"] == plan["color"]
    assert rules["node.Document"]["text-color-internal"] == plan["font"]
    for link in drawn["legend"]["links"]:
        assert rules[f"relationship.{link['kind']}"]["color"] == link["color"], link["kind"]
    assert len(drawn["legend"]["links"]) == len(schema.document_links)
    for n in schema.nodes:
        rule = rules[f"node.{n.label}"]
        if n.label != "Document":
            assert rule["color"] == n.color and rule["text-color-internal"] == text_color(n.color)
        caption = re.fullmatch(r"'\{(\w+)\}'", rule["caption"]).group(1)
        assert caption == CAPTIONS[n.label] and caption in {p.name for p in n.props}
    assert {s.split(".", 1)[1] for s in rules if s.startswith("relationship.")} == {
        r.type for r in schema.rels}
