"""RDF export with PROV-O evidence, validated against the SHACL shapes from the ontology."""

from __future__ import annotations

import pyshacl
import pytest
from rdflib import RDF, SH, Literal
from rdflib.namespace import PROV

from graph import load_batches, open_store, to_batch
from graph.rdf import node_iri, to_rdf
from ontology import KG, load_schema
from ontology.shapes import shapes
from tests import factories


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    s = open_store(str(tmp_path_factory.mktemp("rdf") / "kg.lbdb"))
    s.ensure_schema()
    load_batches(s, [to_batch(x) for x in factories.corpus()])
    yield to_rdf(s)
    s.close()


def test_implements_triples_carry_their_evidence(exported):
    a, b = node_iri("doc:123-KH/TU@hai-phong"), node_iri("doc:26-NQ/TW")
    assert (a, KG.implements, b) in exported
    statements = [st for st in exported.subjects(RDF.subject, a)
                  if (st, RDF.object, b) in exported]
    assert statements
    sentences = {str(o) for st in statements for o in exported.objects(st, KG.sentence)}
    assert any("123-KH/TU" in s for s in sentences)
    assert all((st, PROV.wasDerivedFrom, None) in exported for st in statements)


def test_export_conforms_to_the_shapes(exported):
    ok, _, report = pyshacl.validate(exported, shacl_graph=shapes())
    assert ok, report


def test_shapes_detect_a_broken_graph(exported):
    broken = exported + exported  # copy
    broken.add((node_iri("doc:26-NQ/TW"), KG.issued, Literal("not a date")))
    ok, _, _ = pyshacl.validate(broken, shacl_graph=shapes())
    assert not ok


def test_shape_targets_are_the_store_labels():
    targets = {str(o) for o in shapes().objects(None, SH.targetClass)}
    assert targets == {n.iri for n in load_schema().nodes}
