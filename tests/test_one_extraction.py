"""One extraction, two outputs: the graph carries what `kg extract` reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph import load_batches, open_store, to_batch
from graph.keys import fold
from loaders import extract_file

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the repo")


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    extractions = [extract_file(p) for p in sorted(SEEDS.glob("*.txt"))]
    store = open_store(str(tmp_path_factory.mktemp("one") / "kg.lbdb"))
    store.ensure_schema()
    load_batches(store, [to_batch(x) for x in extractions])
    yield store, extractions
    store.close()


def test_tasks_roles_and_deadlines_are_the_same(loaded):
    store, extractions = loaded
    extracted = {(t.document, t.label, t.lead, tuple(sorted(t.support)),
                  t.deadline.text if t.deadline else None)
                 for x in extractions for t in x.tasks}
    rows = store.query("MATCH (d:Document)-[:HAS_TASK]->(t:Task) RETURN d.uid AS doc, "
                       "t.label AS label, t.lead AS lead, t.support AS support, "
                       "t.deadline AS deadline")
    stored = {(r["doc"], r["label"], r["lead"], tuple(sorted(r["support"] or [])), r["deadline"])
              for r in rows}
    assert extracted and stored == extracted
    leads = {(r["t"], r["o"]) for r in store.query(
        "MATCH (t:Task)-[:LEAD]->(o:Organisation) RETURN t.uid AS t, o.name AS o")}
    assert leads == {(t.uid, t.lead) for x in extractions for t in x.tasks if t.lead}


def test_targets_and_themes_are_the_same(loaded):
    store, extractions = loaded
    extracted = {(fold(t.kind), t.subject, t.value, t.year)
                 for x in extractions for t in x.targets}
    rows = store.query("MATCH (t:Target) RETURN t.kind AS kind, t.subject AS subject, "
                       "t.value AS value, t.year AS year")
    assert {(fold(r["kind"]), r["subject"], r["value"], r["year"]) for r in rows} == extracted
    themes = {(t.uid, tag.theme) for x in extractions for t in x.tasks for tag in t.themes}
    rows = store.query("MATCH (t:Task)-[:HAS_THEME]->(h:Theme) RETURN t.uid AS t, h.name AS h")
    assert themes and {(r["t"], r["h"]) for r in rows} == themes


def test_every_stored_fact_has_evidence(loaded):
    store, _ = loaded
    missing = store.query("MATCH (a)-[r]->(b) WHERE r.evidence IS NULL OR r.source IS NULL "
                          "RETURN count(r) AS n")
    assert missing == [{"n": 0}]
    # every relationship's Evidence is there, of its own source, and holds a sentence
    found = store.query("MATCH (a)-[r]->(b) MATCH (ev:Evidence {uid: r.evidence}) "
                        "WHERE ev.source = r.source AND ev.sentence IS NOT NULL "
                        "RETURN count(r) AS n")
    assert found == store.query("MATCH (a)-[r]->(b) RETURN count(r) AS n")
    orphans = store.query("MATCH (d:Document) WHERE NOT EXISTS { MATCH (d)-[:MENTIONED_IN]->() }"
                          " RETURN count(d) AS n")
    assert orphans == [{"n": 0}]
