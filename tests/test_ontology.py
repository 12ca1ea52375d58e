"""The ontology is the single source of the schema: every name used anywhere is declared."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from ontology import load_schema
from ontology.schema import ONTOLOGY_FILE, schema_from_graph

ROOT = Path(__file__).resolve().parents[1]
CYPHER = sorted((ROOT / "queries").rglob("*.cypher"))


def _names(text: str) -> tuple[set[str], set[str]]:
    text = re.sub(r"//[^\n]*", "", text)
    text = re.sub(r"'[^']*'|\"[^\"]*\"", "''", text)
    labels = set(re.findall(r"[(\[]\s*`?\w*`?\s*:\s*`?([A-Za-z_]\w*)", text))
    labels |= set(re.findall(r"\|\s*:?([A-Z_][A-Z_]+)\b", text))
    props = set(re.findall(r"(?<![\w$])[a-z_]\w*\.([a-z_]\w*)\b(?!\s*\()", text))
    props |= set(re.findall(r"[{,]\s*([a-z_]\w*)\s*:", text))
    return labels, props


def test_schema_has_the_core_vocabulary():
    s = load_schema()
    assert {"Document", "Task", "Target", "Organisation", "Locality", "Source"} <= {
        n.label for n in s.nodes}
    assert {"IMPLEMENTS", "ISSUED_BY", "RELEVANT_FOR", "HAS_TASK", "LEAD", "SUPPORT"} <= {
        r.type for r in s.rels}
    assert s.rel("IMPLEMENTS").pairs == (("Document", "Document"),)
    assert "Kế hoạch" in {t.name for t in s.doc_types}


def test_implements_is_an_eli_applies():
    g = Graph().parse(ONTOLOGY_FILE)
    rows = list(g.query("""
        PREFIX kg: <https://kg.example.org/ontology#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?super WHERE { kg:implements rdfs:subPropertyOf ?super }"""))
    assert [str(r[0]) for r in rows] == ["http://data.europa.eu/eli/ontology#applies"]


@pytest.mark.parametrize("path", CYPHER, ids=lambda p: str(p.relative_to(ROOT)))
def test_cypher_files_use_only_declared_names(path):
    names = load_schema().names
    labels, props = _names(path.read_text(encoding="utf-8"))
    assert labels - names == set(), f"{path.name}: undeclared labels/types"
    assert props - names == set(), f"{path.name}: undeclared properties"


def test_a_relationship_to_an_undeclared_label_is_rejected():
    g = Graph().parse(ONTOLOGY_FILE)
    g.parse(data="""
        @prefix kg: <https://kg.example.org/ontology#> .
        @prefix owl: <http://www.w3.org/2002/07/owl#> .
        kg:bogus a owl:ObjectProperty ; kg:storeName "BOGUS" ;
            kg:storeFrom "Document" ; kg:storeTo "Nowhere" .""", format="turtle")
    with pytest.raises(ValueError, match="BOGUS"):
        schema_from_graph(g)


def test_relations_besides_implements_are_declared_between_documents():
    s = load_schema()
    eli = "http://data.europa.eu/eli/ontology#"
    g = Graph().parse(ONTOLOGY_FILE)
    supers = {"BASED_ON": eli + "based_on", "REPEALS": eli + "repeals",
              "AMENDS": eli + "amends", "REPLACES": eli + "changes"}
    for type_, parent in supers.items():
        rel = s.rel(type_)
        assert rel.pairs == (("Document", "Document"),)
        assert {"source", "evidence", "span_start", "span_end", "method", "confidence"} <= {
            p.name for p in rel.props}
        assert not rel.forward_only  # walked from both ends, like IMPLEMENTS
        assert rel.dashes and rel.color  # drawn apart from implements in the explorer
        rows = g.query("SELECT ?p WHERE { ?prop rdfs:subPropertyOf ?p }",
                       initBindings={"prop": URIRef(rel.iri)},
                       initNs={"rdfs": "http://www.w3.org/2000/01/rdf-schema#"})
        assert parent in {str(r[0]) for r in rows}
    assert {r.type for r in s.document_links} == {"IMPLEMENTS", *supers}
    assert not s.rel("IMPLEMENTS").dashes


def test_path_bounds_are_the_named_constant():
    """The built-in queries' walks are bounded by queries.loader.MAX_DEPTH, written once."""
    from queries.loader import MAX_DEPTH, cypher

    for path in sorted((ROOT / "queries" / "cypher").glob("*.cypher")):
        raw = path.read_text(encoding="utf-8")
        assert not re.search(r"\*\s*(?:SHORTEST\s*)?\d+\s*\.\.\s*\d", raw), path.name
        name, _, rest = path.name.partition(".")
        text = cypher(name, rest.removesuffix("cypher").rstrip(".") or "ladybug")
        assert "{MAX_DEPTH" not in text
    assert f"1..{MAX_DEPTH}]" in cypher("trace_down", "neo4j")
    assert f"1..{MAX_DEPTH - 1}]" in cypher("trace_down_links")
