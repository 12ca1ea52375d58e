"""The review loop (alignment/review.py, `kg align`): proposed links listed by uncertainty,
verdicts stored as their own sources that survive reloads and realignment, shown in coverage,
`kg show` and RDF, moved between stores as YAML. On a real embedded store (one Neo4j test)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from alignment.review import (
    ReviewError,
    export_reviews,
    import_reviews,
    parse_reviews,
    record,
    review_queue,
)
from alignment.reviewed import Review, read_reviews
from alignment.weights import model
from graph import open_store
from graph.rdf import to_rdf
from kg.cli import cli
from kg.ingest import ingest
from ontology import KG
from queries.coverage import coverage
from queries.show import show

# Our own central document and plan (fictional symbols and wording).
CENTRAL = """\
symbol: 91-NQ/TW
type: Nghị quyết
issuer: Ban Chấp hành Trung ương
level: central
date: 2021-03-01
title: Về cán bộ các cấp
tasks:
  - label: "1"
    text: >-
      Đổi mới đánh giá cán bộ theo kết quả công việc; luân chuyển cán bộ lãnh đạo, quản lý
      giữa các địa phương.
  - label: "2"
    text: Kiểm soát quyền lực trong công tác cán bộ, chống chạy chức, chạy quyền.
  - label: "3"
    text: Đào tạo, bồi dưỡng cán bộ trẻ, cán bộ nữ và cán bộ là người dân tộc thiểu số.
"""
PLAN = """\
symbol: 15-KH/TU
type: Kế hoạch
issuer: Ban Thường vụ Tỉnh ủy Bắc Ninh
level: provincial
locality: Bắc Ninh
date: 2021-06-01
implements: [91-NQ/TW]
tasks:
  - label: "1"
    text: Xây dựng quy chế luân chuyển cán bộ lãnh đạo, quản lý các cấp của tỉnh{extra}.
  - label: "2"
    text: Ban hành quy định kiểm soát quyền lực, phòng, chống chạy chức, chạy quyền trong bổ nhiệm.
  - label: "3"
    text: Mở lớp bồi dưỡng kỹ năng cho cán bộ nữ ở cơ sở.
  - label: "4"
    text: Báo cáo kết quả thực hiện với Ban Thường vụ Tỉnh ủy hằng năm.
"""
C = "task:doc-91-nq-tw:{}"
L = "task:doc-15-kh-tu-bac-ninh:{}"


def write_corpus(folder: Path, extra: str = "") -> list[Path]:
    folder.mkdir(exist_ok=True)
    (folder / "central.yaml").write_text(CENTRAL, encoding="utf-8")
    (folder / "plan.yaml").write_text(PLAN.format(extra=extra), encoding="utf-8")
    return [folder / "central.yaml", folder / "plan.yaml"]


def links(store) -> dict[tuple[str, str], dict]:
    """The ALIGNS_WITH links, each with the verdict of its review (None: not reviewed)."""
    rows = store.query("MATCH (t:Task)-[r:ALIGNS_WITH]->(c:Task) RETURN t.uid AS local, "
                       "c.uid AS central, r.score AS score")
    reviews = read_reviews(store)
    return {(r["local"], r["central"]): {
        **r, "verdict": (v := reviews.get((r["local"], r["central"]))) and v.verdict,
        "reviewer": v and v.by} for r in rows}


@pytest.fixture
def store(tmp_path):
    s = open_store(str(tmp_path / "kg.lbdb"))
    s.ensure_schema()
    ingest(s, write_corpus(tmp_path / "corpus"))
    yield s
    s.close()


def test_the_corpus_gives_the_links_the_tests_rely_on(store):
    got = links(store)
    assert (L.format(1), C.format(1)) in got and (L.format(2), C.format(2)) in got
    assert not any(local == L.format(4) for local, _ in got)


def test_the_queue_lists_proposed_links_most_uncertain_first_with_both_texts(store):
    items = review_queue(store, "doc:91-NQ/TW")
    assert {(p.local, p.central) for p in items} == set(links(store))
    m = model()
    assert [p.uncertainty for p in items] == sorted(p.uncertainty for p in items)
    assert all(p.uncertainty == pytest.approx(min(abs(p.score - m.propose),
                                                  abs(p.score - m.covered)), abs=1e-3)
               for p in items)
    two = next(p for p in items if p.local == L.format(2))
    assert "chạy chức" in two.local_text and two.central_label == "2"
    assert any("chạy chức" in w for w in two.words) and two.plan_name == "15-KH/TU"
    one = next(p for p in items if p.local == L.format(1))
    assert one.clause.startswith("luân chuyển")  # the clause it takes up, not the whole task
    assert review_queue(store, "doc:15-KH/TU@bac-ninh") == items  # a plan: its own links


def test_the_queue_can_show_candidates_below_the_threshold_that_may_be_missed(store):
    m = model()
    items = review_queue(store, "doc:91-NQ/TW", floor=0.0)
    missed = [p for p in items if not p.proposed]
    assert missed and all(p.score < m.propose for p in missed)
    assert {(p.local, p.central) for p in items if p.proposed} == set(links(store))
    first = missed[0]
    record(store, first.local, first.central, "accept", by="lan")
    assert (first.local, first.central) in links(store)  # now a link, reviewed
    again = review_queue(store, "doc:91-NQ/TW", floor=0.0)
    assert (first.local, first.central) not in {(p.local, p.central) for p in again}


def test_a_rejected_link_is_never_proposed_again(store, tmp_path):
    pair = (L.format(1), C.format(1))
    record(store, *pair, "reject", by="lan", note="rotation rules of the province only")
    assert pair not in links(store)
    assert pair not in {(p.local, p.central) for p in review_queue(store, "doc:91-NQ/TW",
                                                                   include_reviewed=True)}
    ingest(store, realign=True)  # full realignment
    assert pair not in links(store)
    ingest(store, write_corpus(tmp_path / "corpus", extra=" và cấp huyện"))  # task reloaded
    assert pair not in links(store)
    assert (L.format(2), C.format(2)) in links(store)  # other links untouched


def test_an_accepted_link_stays_whatever_its_score(store, tmp_path):
    pair = (L.format(4), C.format(1))  # the yearly report: scored far below proposing
    assert pair not in links(store)
    record(store, *pair, "accept", by="minh", note="reports on evaluation")
    link = links(store)[pair]
    assert link["score"] < model().propose and link["verdict"] == "accept"
    assert link["reviewer"] == "minh"
    ingest(store, write_corpus(tmp_path / "corpus", extra=" mới"))  # the plan file changes
    ingest(store, realign=True)
    assert links(store)[pair]["verdict"] == "accept"
    assert not review_queue(store, "doc:91-NQ/TW") or \
        pair not in {(p.local, p.central) for p in review_queue(store, "doc:91-NQ/TW")}


def test_a_new_verdict_replaces_the_old_one(store):
    pair = (L.format(2), C.format(2))
    record(store, *pair, "reject", by="lan", at="2024-01-01T00:00:00+00:00")
    assert pair not in links(store)
    record(store, *pair, "accept", by="lan", at="2024-01-02T00:00:00+00:00")
    assert links(store)[pair]["verdict"] == "accept"
    assert len(store.query("MATCH (v:Review) RETURN v.uid AS uid")) == 1


def test_coverage_marks_reviewed_links_and_counts_an_accepted_weak_one_as_covered(store):
    record(store, L.format(4), C.format(3), "accept", by="minh")
    c = coverage(store, "doc:91-NQ/TW")
    cell = next(r for r in c.rows if r["label"] == "3")["cells"]["doc:15-KH/TU@bac-ninh"]
    reviewed = [t for t in cell["tasks"] if t["reviewed"]]
    assert [t["label"] for t in reviewed] == ["4"] and reviewed[0]["reviewer"] == "minh"
    assert cell["status"] == "covered"
    two = next(r for r in c.rows if r["label"] == "2")["cells"]["doc:15-KH/TU@bac-ninh"]
    assert two["tasks"] and not any(t["reviewed"] for t in two["tasks"])


def test_show_and_rdf_carry_the_review(store):
    record(store, L.format(3), C.format(3), "accept", by="hoa", note="training of women")
    record(store, L.format(2), C.format(2), "reject", by="hoa")
    assert any(r["type"] == "ALIGNS_WITH" and r["other"] == C.format(3)
               for r in show(store, L.format(3))["relationships"])
    node = show(store, f"review:{L.format(3)}|{C.format(3)}")
    assert node["label"] == "Review" and node["properties"]["verdict"] == "accept"
    assert node["properties"]["note"] == "training of women"
    assert node["properties"]["local_task"] == L.format(3)
    assert [e["method"] for e in node["evidence"]] == ["reviewed"]
    g = to_rdf(store)
    said = {(str(s).rsplit("/", 1)[-1], str(o)) for s, o in g.subject_objects(KG.verdict)}
    assert {v for _, v in said} == {"accept", "reject"} and len(said) == 2
    assert {str(o) for o in g.objects(None, KG.reviewer)} == {"hoa"}


def test_bad_verdicts_are_refused_in_one_line(store):
    with pytest.raises(ReviewError, match="not in the store"):
        record(store, L.format(9), C.format(1), "accept", by="x")
    with pytest.raises(ReviewError, match="does not implement"):
        record(store, C.format(1), L.format(1), "accept", by="x")  # upside down
    with pytest.raises(ReviewError, match="verdict"):
        record(store, L.format(1), C.format(1), "maybe", by="x")
    assert not store.query("MATCH (v:Review) RETURN v.uid AS uid")


def test_reviews_move_between_stores(store, tmp_path):
    record(store, L.format(1), C.format(1), "reject", by="lan", note="ghi chú: tỉnh")
    record(store, L.format(4), C.format(3), "accept", by="lan")
    text = export_reviews(store)
    other = open_store(str(tmp_path / "other.lbdb"))
    other.ensure_schema()
    try:
        ingest(other, write_corpus(tmp_path / "corpus2"))
        report = import_reviews(other, parse_reviews(text))
        assert len(report.imported) == 2 and not report.skipped
        assert export_reviews(other) == text
        assert (L.format(1), C.format(1)) not in links(other)
        assert links(other)[(L.format(4), C.format(3))]["verdict"] == "accept"
        again = import_reviews(other, parse_reviews(text))
        assert len(again.unchanged) == 2 and not again.imported
        stale = Review(L.format(1), C.format(1), "accept", "old", "2000-01-01T00:00:00+00:00")
        assert import_reviews(other, [stale]).older == [stale]
        foreign = Review("task:elsewhere:1", C.format(1), "accept", "x", "2030-01-01")
        assert [r for r, _ in import_reviews(other, [foreign]).skipped] == [foreign]
    finally:
        other.close()


def test_a_bad_review_file_is_one_line_naming_it():
    with pytest.raises(ReviewError, match=r"^r\.yaml: review 1 lacks verdict$"):
        parse_reviews("reviews:\n- {local: a, central: b, by: x, at: '2024'}\n", "r.yaml")
    with pytest.raises(ReviewError, match=r"r\.yaml: review 1: verdict must be"):
        parse_reviews("reviews:\n- {local: a, central: b, verdict: ok, by: x, at: t}\n",
                      "r.yaml")
    with pytest.raises(ReviewError, match=r"r\.yaml: expected a mapping"):
        parse_reviews("- a\n", "r.yaml")
    with pytest.raises(ReviewError, match=r"r\.yaml: not YAML"):
        parse_reviews("reviews: [\n", "r.yaml")


def run(store: Path, *args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(cli, ["--store", str(store), *args], catch_exceptions=False)
    return r.exit_code, r.stdout, r.stderr


def test_the_cli_reviews_accepts_rejects_exports_and_imports(tmp_path):
    path = tmp_path / "kg.lbdb"
    code, _, err = run(path, "load", *map(str, write_corpus(tmp_path / "corpus")))
    assert code == 0, err
    code, out, _ = run(path, "align", "review", "91-NQ/TW")
    assert code == 0 and "local" in out and "clause" in out
    assert f"kg align accept|reject {L.format(2)} {C.format(2)}" in out
    code, out, _ = run(path, "align", "reject", L.format(2), C.format(2), "--by", "an",
                       "--note", "not this one")
    assert code == 0 and out.startswith("rejected")
    code, out, _ = run(path, "align", "accept", L.format(4), C.format(2), "--by", "an")
    assert code == 0 and out.startswith("accepted")
    code, out, _ = run(path, "coverage", "91-NQ/TW")
    assert "4✓" in out and "reviewed ✓ an" in out
    code, out, _ = run(path, "show", L.format(4))
    assert f"accept {L.format(4)} -> {C.format(2)} by an" in out
    code, out, _ = run(path, "show", L.format(2), "--format", "json")
    assert [r["verdict"] for r in yaml.safe_load(out)["reviews"]] == ["reject"]
    code, out, _ = run(path, "align", "review", "91-NQ/TW", "--all", "--format", "json")
    assert {(x["local"], x["review"]["verdict"]) for x in yaml.safe_load(out)
            if x["review"]} == {(L.format(4), "accept")}
    code, out, _ = run(path, "check")
    assert code == 0 and "2 reviews (kg align) not checked" in out and "not found" not in out
    code, _, _ = run(path, "align", "export", str(tmp_path / "r.yaml"))
    assert code == 0
    other = tmp_path / "other.lbdb"
    run(other, "load", *map(str, write_corpus(tmp_path / "corpus2")))
    code, out, _ = run(other, "align", "import", str(tmp_path / "r.yaml"))
    assert code == 0 and out.startswith("2 reviews imported")
    code, out, err = run(path, "align", "accept", L.format(9), C.format(2))
    assert code == 1 and "not in the store" in err
    (tmp_path / "bad.yaml").write_text("reviews: 3\n", encoding="utf-8")
    code, _, err = run(other, "align", "import", str(tmp_path / "bad.yaml"))
    assert code == 1 and "bad.yaml: expected a mapping" in err


@pytest.mark.neo4j
def test_reviews_on_neo4j(neo4j_store, tmp_path):
    ingest(neo4j_store, write_corpus(tmp_path / "corpus"))
    record(neo4j_store, L.format(1), C.format(1), "reject", by="lan")
    record(neo4j_store, L.format(4), C.format(3), "accept", by="lan", note="ghi chú")
    assert (L.format(1), C.format(1)) not in links(neo4j_store)
    assert links(neo4j_store)[(L.format(4), C.format(3))]["verdict"] == "accept"
    ingest(neo4j_store, realign=True)
    assert (L.format(1), C.format(1)) not in links(neo4j_store)
    cell = next(r for r in coverage(neo4j_store, "doc:91-NQ/TW").rows
                if r["label"] == "3")["cells"]["doc:15-KH/TU@bac-ninh"]
    assert cell["status"] == "covered" and any(t["reviewed"] for t in cell["tasks"])
    text = export_reviews(neo4j_store)
    assert [r.verdict for r in parse_reviews(text)] == ["reject", "accept"]


def test_a_store_made_before_reviews_existed_takes_them_after_one_writing_open(tmp_path):
    """Its MENTIONED_IN table lacks the Review pair and it has no Review table: reading finds
    no review, opening it for writing adds both, and a verdict is then stored."""
    import dataclasses

    from graph.ladybug_store import LadybugStore
    from ontology import load_schema

    full = load_schema()
    old = dataclasses.replace(
        full, nodes=tuple(n for n in full.nodes if n.label != "Review"),
        rels=tuple(dataclasses.replace(r, pairs=tuple(p for p in r.pairs if "Review" not in p))
                   for r in full.rels))
    path = str(tmp_path / "old.lbdb")
    s = LadybugStore(path, schema=old)
    s.ensure_schema()
    ingest(s, write_corpus(tmp_path / "corpus"))
    s.close()
    s = open_store(path, read_only=True)
    try:
        cells = [c for r in coverage(s, "doc:91-NQ/TW").rows for c in r["cells"].values()]
        assert cells and not any(t["reviewed"] for c in cells for t in c["tasks"])
        assert export_reviews(s).endswith("reviews: []\n")
    finally:
        s.close()
    s = open_store(path)
    try:
        s.ensure_schema()
        record(s, L.format(4), C.format(1), "accept", by="lan")
        assert links(s)[(L.format(4), C.format(1))]["verdict"] == "accept"
    finally:
        s.close()
