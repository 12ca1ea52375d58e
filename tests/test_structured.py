"""Structured documents (YAML): the format, its errors, and the reference batch."""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest

from graph import load_batches, open_store, to_batch
from loaders.reference import (
    CENTRAL_DIR,
    central_extractions,
    locality_extraction,
    reference_extractions,
    registry_extraction,
)
from loaders.structured import StructuredError, parse_structured, read_structured
from queries import stats
from tests.factories import source

PLAN = textwrap.dedent("""\
    symbol: 12-KH/TU
    type: Kế hoạch
    issuer: Ban Thường vụ Tỉnh ủy Lào Cai
    level: provincial
    locality: Lào Cai
    date: 2018-09-01
    implements: [26-NQ/TW]
    tasks:
      - label: "1"
        text: Rà soát quy hoạch cán bộ diện Ban Thường vụ quản lý.
        lead: Ban Tổ chức Tỉnh ủy
        support: [Sở Nội vụ]
        deadline: hoàn thành trong quý IV năm 2018
      - label: "2"
        text: Luân chuyển cán bộ.
        themes: [rotation]
    targets:
      - year: 2025
        value: 20
        unit: percent
        text: Nữ cấp ủy viên từ 20%.
    """)


def parse(text: str):
    return parse_structured(text, source("plan.yaml", text))


def test_a_plan_with_tasks_and_targets():
    ex = parse(PLAN)
    doc, cited = ex.documents
    assert (cited.uid, cited.level, cited.is_subject) == ("doc:26-NQ/TW", "central", False)
    assert (doc.uid, doc.level, doc.locality, doc.date) == (
        "doc:12-KH/TU@lao-cai", "provincial", "Lào Cai", dt.date(2018, 9, 1))
    assert [(i.source_doc, i.target_doc) for i in ex.implements] == [
        ("doc:12-KH/TU@lao-cai", "doc:26-NQ/TW")]
    one, two = ex.tasks
    assert (one.label, one.lead, one.support) == ("1", "Ban Tổ chức Tỉnh ủy", ("Sở Nội vụ",))
    assert one.deadline.kind == "quarter" and one.deadline.year == 2018
    assert "succession" in {t.theme for t in one.themes}  # tagged from the text
    assert [t.theme for t in two.themes] == ["rotation"]  # given
    (target,) = ex.targets
    assert (target.value, target.year, target.subject, target.document) == (
        20.0, 2025, "Lào Cai", doc.uid)


def test_evidence_points_at_the_yaml_text():
    ex = parse(PLAN)
    t = ex.tasks[0]
    assert ex.text[t.evidence.start:t.evidence.end].strip() == t.text
    assert t.evidence.method == "explicit" and t.evidence.source == ex.source.uid


@pytest.mark.parametrize(("text", "problem"), [
    ("symbol: [", "line 1: is not valid YAML"),
    ("- a\n- b\n", "must be a mapping"),
    ("symbol: 1-KH/TU\ntype: Kế hoạch\nlevel: provincial\n", "needs its 'locality'"),
    ("symbol: 1-NQ/TW\ntype: Nghị quyết\nlevel: national\n", "level must be one of"),
    ("symbol: 1-NQ/TW\nlevel: central\n", "'type' is required"),
    ("symbol: 1-NQ/TW\ntype: NQ\nlevel: central\nowner: x\n", "unknown keys ['owner']"),
    ("symbol: 1-NQ/TW\ntype: NQ\nlevel: central\ntasks:\n  - label: 1\n", "line 5: 'text'"),
    ("symbol: 1-NQ/TW\ntype: NQ\nlevel: central\ntasks:\n  - {label: 1, text: a}\n"
     "  - {label: 1, text: b}\n", "line 6: task label '1' is used twice"),
    ("symbol: 1-NQ/TW\ntype: NQ\nlevel: central\ntargets:\n  - {year: soon, text: a}\n",
     "'year' must be a int"),
    ("symbol: 1-NQ/TW\ntype: NQ\nlevel: central\ntasks:\n  - {label: 1, text: a, "
     "themes: [nope]}\n", "unknown theme ids ['nope']"),
])
def test_errors_name_the_file_line_and_problem(text, problem):
    with pytest.raises(StructuredError) as e:
        parse(text)
    assert "plan.yaml" in str(e.value) and problem in str(e.value)


def test_read_structured_rejects_other_files(tmp_path):
    p = tmp_path / "notes.txt"
    p.write_text("x", encoding="utf-8")
    with pytest.raises(StructuredError):
        read_structured(p)


def test_the_central_resolution_has_its_eight_tasks_and_two_focal_points():
    (ex,) = [x for x in central_extractions() if x.documents[0].symbol == "26-NQ/TW"]
    assert [t.label for t in ex.tasks] == [*"12345678", "TT.a", "TT.b"]
    assert {t.year for t in ex.targets} == {2020, 2025, 2030}
    assert all(t.evidence.method == "registry" for t in ex.tasks)
    assert len(list(CENTRAL_DIR.glob("*.yaml"))) == len(central_extractions())


def test_localities_of_both_eras_and_the_mergers():
    ex = locality_extraction()
    by_name = {x.name: x for x in ex.localities}
    assert sum(x.era in ("before2025", "both") for x in ex.localities) == 63
    assert sum(x.era in ("after2025", "both") for x in ex.localities) == 34
    assert by_name["Hải Dương"].merged_into == "Hải Phòng"
    assert by_name["Hải Phòng"].era == "both" and by_name["Hải Phòng"].merged_into is None
    assert by_name["Thừa Thiên Huế"].merged_into == "Huế"
    assert "Hải Dương" in by_name["Hải Dương"].evidence.sentence


def test_the_registry_gives_dates_nicknames_and_links():
    ex = registry_extraction()
    docs = {d.symbol: d for d in ex.documents}
    assert docs["10-KH/TW"].date == dt.date(2018, 6, 6)
    assert ("doc:132/NQ-CP", "doc:26-NQ/TW") in {(i.source_doc, i.target_doc)
                                                  for i in ex.implements}
    assert any(a.text == "Nghị quyết 26" for a in ex.aliases)


def test_a_structured_plan_loads_into_the_store(tmp_path):
    store = open_store(str(tmp_path / "kg.lbdb"))
    store.ensure_schema()
    try:
        load_batches(store, [to_batch(parse(PLAN))])
        rows = store.query("MATCH (p:Document)-[:IMPLEMENTS]->(c:Document) "
                           "RETURN p.uid AS p, c.uid AS c")
        assert rows == [{"p": "doc:12-KH/TU@lao-cai", "c": "doc:26-NQ/TW"}]
    finally:
        store.close()


def test_the_reference_batch_loads_idempotently(tmp_path):
    store = open_store(str(tmp_path / "kg.lbdb"))
    store.ensure_schema()
    try:
        batches = [to_batch(x) for x in reference_extractions()]
        assert len(load_batches(store, batches).added) == len(batches)
        before = stats(store)
        assert before["relationships"]["MERGED_INTO"] > 20
        assert load_batches(store, [to_batch(x) for x in reference_extractions()]).added == []
        assert stats(store) == before
    finally:
        store.close()
