"""Document types, levels and themes come from the ontology only: whatever extraction produces,
whatever the loaders' data files name, the ontology declares."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import ontology
from graph.model import LEVELS
from loaders.pipeline import extract_file
from loaders.readers import list_inputs

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SETS = [SHARED / "seeds", SHARED / "real" / "corpus", SHARED / "plans" / "corpus",
        ROOT / "samples" / "corpus"]
DOC_TYPES = ROOT / "loaders" / "data" / "doc_types.yaml"


@pytest.fixture(scope="module")
def extracted() -> list:
    sets = [s for s in SETS if s.is_dir()]
    if len(sets) < 2:
        pytest.skip("the shared text sets are not beside this checkout")
    return [extract_file(i.where) for i in list_inputs([str(s) for s in sets])]


def test_every_extracted_type_and_level_is_declared(extracted):
    types = {d.type for ex in extracted for d in ex.documents if d.type is not None}
    levels = {d.level for ex in extracted for d in ex.documents}
    assert len(types) > 5, "the sets should yield many types"
    assert types - ontology.doc_type_names() == set()
    assert levels - set(ontology.levels()) == set()


def test_every_extracted_theme_is_declared(extracted):
    used = {t.theme for ex in extracted for task in ex.tasks for t in task.themes}
    assert used and used - {t.id for t in ontology.themes()} == set()


def test_the_abbreviations_are_keyed_by_declared_types():
    data = yaml.safe_load(DOC_TYPES.read_text(encoding="utf-8"))
    names = ontology.doc_type_names()
    assert set(data["abbreviations"]) - names == set()
    assert set(data["type_words"]) - names == set()


def test_the_loaders_type_lists_name_declared_types():
    from loaders import documents, plan, targets

    named = {*plan.PLAN_TYPES, *plan.DIRECTIVE_TYPES, *targets.PLAN_TYPES,
             *documents._GENERIC_TYPES, *targets.rules().report_types}
    assert named - ontology.doc_type_names() == set()


def test_type_codes_are_unique_and_identify_unnumbered_documents():
    codes = [t.code for t in ontology.doc_types()]
    assert len(codes) == len(set(codes))
    assert ontology.doc_type_code("Thông tri") != ontology.doc_type_code("Tờ trình")
    assert ontology.doc_type_code("Nghị định") == "NĐ"
    assert ontology.doc_type_code("not a type") == "VB"


def test_the_model_levels_are_the_ontology_levels_in_order():
    assert ontology.levels() == LEVELS


def test_an_undeclared_type_name_is_caught():
    assert "Thông tư liên tịch" in ontology.doc_type_names()
    assert "Công điện" in ontology.doc_type_names()
    assert "Bản ghi nhớ" not in ontology.doc_type_names()
