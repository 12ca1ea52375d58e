"""Task alignment: words, clauses, pure scoring on hand-built tasks, calibration, and the
held-out (leave one plan out) figures against the hand alignment."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from alignment.calibration import (
    COVERED_FLOOR,
    SECOND,
    Example,
    cross_validate,
    examples,
    fit,
    held_out_errors,
    measure,
    train,
)
from alignment.deriving import alignment_batch, derived_alignment_batch
from alignment.scoring import (
    Alignment,
    Pair,
    TaskRecord,
    clauses,
    features,
    model,
    pairs,
    probability,
    propose,
    select,
)
from alignment.thesaurus import GROUPS, concepts
from alignment.weights import FEATURES
from alignment.words import content_words, procedural_share, segment
from graph import load_batches, open_store, to_batch
from loaders import extract_file
from loaders.reference import reference_extractions

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
# Floors at the held-out figures of docs/ANALYSIS.md, so that any regression fails (measured:
# F1 0.806, covered precision 0.851, cells 30/30, second reading F1 0.851; the goals
# are F1 0.80, covered precision 0.85, every cell).
HELD_OUT_F1_FLOOR = 0.80
COVERED_PRECISION_FLOOR = 0.85
CELLS_FLOOR = 30  # of 30
SECOND_F1_FLOOR = 0.85  # judged by tests/fixtures/alignment_second.yaml


def central_tasks() -> list[TaskRecord]:
    return [TaskRecord("c:1", "doc:C", "1", "Giáo dục đạo đức, lối sống, chính trị, tư tưởng",
                       themes=("political-education",), order=1),
            TaskRecord("c:2", "doc:C", "2", "Đổi mới đánh giá cán bộ; quy hoạch cán bộ; luân "
                       "chuyển cán bộ; nhà ở, tiền lương của cán bộ",
                       themes=("evaluation", "rotation", "succession"), order=2),
            TaskRecord("c:3", "doc:C", "3", "Kiểm soát quyền lực, chống chạy chức, chạy quyền",
                       themes=("power-control",), order=3)]


def test_words_keep_tone_marks_so_different_words_do_not_meet():
    assert not set(features("theo dõi nhiệm kỳ")) & set(features("đổi mới kỷ luật"))
    assert not set(features("nghị quyết")) & set(features("dám nghĩ"))
    assert set(features("KỶ LUẬT")) == set(features("kỷ luật"))  # only case is folded


def test_words_are_segmented_and_domain_terms_joined():
    assert "cán bộ" in segment("Đào tạo cán bộ")
    assert "người đứng đầu" in segment("Người đứng đầu chịu trách nhiệm")
    assert "chạy chức" in content_words("chống chạy chức, chạy quyền")


def test_split_suffixes_are_joined_and_terms_inside_longer_words_count():
    assert "chuẩn hóa" in segment("Chuẩn hóa trình độ")  # the segmenter writes "hóa" apart
    assert "kỷ luật" in features("giữ nghiêm kỷ luật")  # whatever the segmenter joined to it


def test_stopwords_and_boilerplate_are_dropped():
    ws = content_words("Tham mưu, cụ thể hóa, thực hiện luân chuyển cán bộ và đánh giá")
    assert "luân chuyển" in ws and "đánh giá" in ws
    assert not {"và", "thực hiện", "tham mưu", "cụ thể hóa", "cụ thể", "hóa"} & set(ws)


def test_central_tasks_split_into_clauses_outside_brackets():
    assert clauses("Đổi mới: đánh giá; quy hoạch (tỉnh; huyện). Luân chuyển") == \
        ["Đổi mới", "đánh giá", "quy hoạch (tỉnh; huyện)", "Luân chuyển"]


def test_a_local_task_takes_up_the_central_task_it_shares_words_with():
    local = TaskRecord("l:1", "doc:P", "(1)", "Chống chạy chức, chạy quyền trong bổ nhiệm",
                       themes=("power-control",))
    links = propose([*central_tasks(), local], [("doc:P", "doc:C")])
    assert [(a.local, a.central) for a in links] == [("l:1", "c:3")]
    assert links[0].basis == "lexical+theme" and 0 < links[0].score < 1
    assert any("chạy chức" in w for w in links[0].words)
    assert "theme:power-control" in links[0].words
    assert links[0].clause == "Kiểm soát quyền lực, chống chạy chức, chạy quyền"


def test_a_short_local_task_matches_one_clause_of_a_long_central_task():
    local = TaskRecord("l:1", "doc:P", "(1)", "Xây dựng chính sách nhà ở cho cán bộ")
    links = propose([*central_tasks(), local], [("doc:P", "doc:C")])
    assert [a.central for a in links] == ["c:2"]
    assert links[0].clause == "nhà ở, tiền lương của cán bộ"


def test_the_thesaurus_names_the_kind_of_cadre_work_a_text_is_about():
    assert concepts("Kiểm định chất lượng đầu vào người dự tuyển công chức") == {"recruitment"}
    assert concepts("Chính sách hỗ trợ cán bộ nghỉ hưu trước tuổi") == {"cadre-benefits"}
    assert GROUPS in concepts("Đào tạo cán bộ người dân tộc thiểu số")
    assert concepts("Theo dõi, đôn đốc việc thực hiện kế hoạch") == frozenset()
    assert "≈recruitment" in features("quy trình tuyển dụng")


def test_a_local_task_meets_a_central_clause_through_the_thesaurus_alone():
    central = [*central_tasks(), TaskRecord("c:4", "doc:C", "4", "Tuyển dụng, thi tuyển công "
                                            "chức", order=4)]
    local = TaskRecord("l:1", "doc:P", "(1)", "Kiểm định chất lượng đầu vào")
    no_word = set(features(local.text)) - {"≈recruitment"}
    assert no_word.isdisjoint(features(central[-1].text))
    links = propose([*central, local], [("doc:P", "doc:C")], threshold=0.0)
    assert links[0].central == "c:4" and links[0].score > 2 * links[1].score
    assert "concept:recruitment" in links[0].words


def test_a_task_for_a_group_of_cadres_leans_to_the_central_task_naming_groups():
    groups = TaskRecord("c:4", "doc:C", "4", "Cơ cấu cán bộ trẻ, cán bộ nữ, dân tộc thiểu số; "
                        "đào tạo nhà khoa học", order=4)
    training = TaskRecord("c:5", "doc:C", "5", "Đào tạo, bồi dưỡng cán bộ", order=5)
    local = TaskRecord("l:1", "doc:P", "(1)", "Đào tạo, bồi dưỡng cán bộ người dân tộc thiểu số")
    pairs_ = {p.central: dict(zip(FEATURES, p.x, strict=True))
              for p in pairs([groups, training, local], [("doc:P", "doc:C")])}
    assert pairs_["c:4"]["group"] == 1.0 and pairs_["c:5"]["group"] == -1.0
    plain = TaskRecord("l:1", "doc:P", "(1)", "Đào tạo, bồi dưỡng cán bộ")
    assert {p.x[FEATURES.index("group")]
            for p in pairs([groups, training, plain], [("doc:P", "doc:C")])} == {0.0}


def test_evidence_another_task_of_the_same_document_gives_is_marked_as_restated():
    focal = TaskRecord("c:9", "doc:C", "TT", "Trọng tâm: kiểm soát quyền lực", order=9)
    local = TaskRecord("l:1", "doc:P", "(1)", "Kiểm soát quyền lực, chống chạy chức, chạy "
                       "quyền", themes=("power-control",))
    got = {p.central: p.x[FEATURES.index("restated")]
           for p in pairs([*central_tasks(), focal, local], [("doc:P", "doc:C")])}
    assert got["c:9"] == pytest.approx(1.0)  # all it shares, c:3 shares too
    assert 0 < got["c:3"] < 1  # c:3 has evidence of its own ("chạy chức")
    assert got["c:1"] == 0.0  # nothing shared


def test_a_clear_first_candidate_is_told_from_a_tie():
    """`clause_lead`: how far a pair stands above the local task's best other candidate; a
    margin to the best reads 0 for a clear first and for a tie alike."""
    tie = TaskRecord("c:4", "doc:C", "4", "Luân chuyển cán bộ", order=4)
    local = TaskRecord("l:1", "doc:P", "(1)", "Luân chuyển cán bộ về cơ sở")
    alone = {p.central: p.x[FEATURES.index("clause_lead")]
             for p in pairs([*central_tasks(), local], [("doc:P", "doc:C")])}
    tied = {p.central: p.x[FEATURES.index("clause_lead")]
            for p in pairs([*central_tasks(), tie, local], [("doc:P", "doc:C")])}
    assert alone["c:2"] > 0 and alone["c:1"] < 0 and alone["c:3"] < 0
    # c:4 says what c:2's clause says: a tie, neither stands above the other (a margin to the
    # best would read 0 for c:2 in both cases)
    assert tied["c:4"] == tied["c:2"] == pytest.approx(0.0) and tied["c:1"] < 0


def test_a_task_organising_the_plan_itself_reads_as_procedural():
    assert procedural_share("Tổng hợp, báo cáo kết quả thực hiện Kế hoạch") == 1.0
    assert procedural_share("Hằng năm báo cáo kết quả thực hiện Nghị quyết số 26-NQ/TW") > 0.6
    assert procedural_share("Xây dựng chính sách nhà ở cho cán bộ") == 0.0
    share = {p.local: p.x[FEATURES.index("procedural")] for p in pairs(
        [*central_tasks(), TaskRecord("l:1", "doc:P", "1", "Theo dõi, đôn đốc, báo cáo kết quả "
                                      "thực hiện kế hoạch luân chuyển cán bộ"),
         TaskRecord("l:2", "doc:P", "2", "Luân chuyển cán bộ về cơ sở")], [("doc:P", "doc:C")])}
    assert share["l:1"] > 0.5 and share["l:2"] == 0.0
    assert model().weights[FEATURES.index("procedural")] < 0  # it speaks against a link


def test_the_share_of_the_local_task_a_central_task_explains():
    local = TaskRecord("l:1", "doc:P", "(1)", "Đánh giá cán bộ, luân chuyển cán bộ")
    got = {p.central: p.x[FEATURES.index("explained")]
           for p in pairs([*central_tasks(), local], [("doc:P", "doc:C")])}
    assert got["c:2"] > 0.9 and got["c:1"] == 0.0  # c:2 holds every word of it


def test_links_follow_implements_chains_only():
    local = TaskRecord("l:1", "doc:P", "(1)", "Chống chạy chức, chạy quyền",
                       themes=("power-control",))
    assert propose([*central_tasks(), local], []) == []
    upside_down = propose([*central_tasks(), local], [("doc:C", "doc:P")])
    assert not any(a.local == "l:1" for a in upside_down)  # l:1's plan implements nothing
    chain = [("doc:P", "doc:Q"), ("doc:Q", "doc:C")]  # P implements C through Q
    assert [a.central for a in propose([*central_tasks(), local], chain)] == ["c:3"]


def test_a_task_may_take_up_two_central_tasks():
    local = TaskRecord("l:1", "doc:P", "(1)", "Giáo dục đạo đức, lối sống; kiểm soát quyền "
                       "lực, chống chạy chức", themes=("political-education", "power-control"))
    links = propose([*central_tasks(), local], [("doc:P", "doc:C")])
    assert {a.central for a in links} == {"c:1", "c:3"}


def test_explicit_citation_of_a_central_task_wins():
    local = TaskRecord("l:1", "doc:P", "1", "Cụ thể hóa nhiệm vụ 2 của Nghị quyết 26-NQ/TW")
    links = propose([*central_tasks(), local], [("doc:P", "doc:C")], {"doc:C": "26-NQ/TW"})
    assert [(a.central, a.basis, a.score) for a in links] == [("c:2", "explicit", 1.0)]


def test_copied_wording_is_recognised():
    local = TaskRecord("l:1", "doc:P", "a", "Tiếp tục đổi mới đánh giá cán bộ; quy hoạch cán "
                       "bộ; luân chuyển cán bộ ở huyện")
    links = propose([*central_tasks(), local], [("doc:P", "doc:C")])
    assert links[0].central == "c:2" and "wording" in links[0].basis and links[0].score >= 0.5


def test_nothing_is_proposed_for_a_task_on_no_central_subject():
    local = TaskRecord("l:1", "doc:P", "1", "Báo cáo định kỳ hằng năm")
    assert propose([*central_tasks(), local], [("doc:P", "doc:C")]) == []


def test_each_link_is_kept_on_its_own_probability_not_relative_to_the_best():
    a = [Alignment("l", c, "lexical", s, ()) for c, s in (("x", 0.95), ("y", 0.5), ("z", 0.2))]
    assert [x.central for x in select(a, 0.4)] == ["x", "y"]  # y is far below x, kept
    assert select(a, 0.96) == []
    assert len(select(a, 0.1, max_links=2)) == 2


def _chain_of_plans() -> tuple[list[TaskRecord], list[tuple[str, str]], dict[str, str | None]]:
    """Two plans under doc:C: a task citing a central task, one copying its wording, one on a
    central subject in other words, one organising the plan; a district plan under the first."""
    plan = [("(1)", "Thực hiện nhiệm vụ 2 của Nghị quyết 26-NQ/TW, trước hết việc đánh giá"),
            ("(2)", "Đổi mới đánh giá cán bộ; quy hoạch cán bộ; luân chuyển cán bộ từng năm"),
            ("(3)", "Ngăn chặn chạy chức, chạy quyền khi bổ nhiệm cán bộ chủ chốt"),
            ("(4)", "Tổng hợp, báo cáo kết quả thực hiện Kế hoạch"),
            ("(5)", "Bồi dưỡng lý tưởng, đạo đức cách mạng cho đảng viên trẻ")]
    district = [("a", "Luân chuyển cán bộ chủ chốt cấp xã, gắn với quy hoạch"),
                ("b", "Kiểm tra việc bổ nhiệm, ngăn chặn chạy quyền")]
    tasks = [*central_tasks(),
             *(TaskRecord(f"p:{i}", "doc:P", label, text, order=i)
               for i, (label, text) in enumerate(plan)),
             *(TaskRecord(f"d:{i}", "doc:D", label, text, order=i)
               for i, (label, text) in enumerate(district))]
    return tasks, [("doc:P", "doc:C"), ("doc:D", "doc:P")], {"doc:C": "26-NQ/TW"}


def test_proposing_prunes_unlikely_pairs_yet_gives_the_links_every_pair_gives():
    """`propose` builds links only for pairs near the threshold (and accepted ones); the
    links must be those scoring every pair one by one and selecting gives, reviews too."""
    from alignment.scoring import _basis

    tasks, links, symbols = _chain_of_plans()
    m = model()
    every = pairs(tasks, links, symbols, names=m.features)
    assert {p.cited for p in every} == {True, False} and any(p.worded for p in every)
    top = max(every, key=lambda p: probability(p, m))
    low = min(every, key=lambda p: probability(p, m))
    for threshold in (m.propose, 0.0, 0.3, 0.9):
        for reviews in ({}, {(top.local, top.central): "reject",
                             (low.local, low.central): "accept"}):
            by_local: dict[str, list[Alignment]] = {}
            for p in every:
                if reviews.get((p.local, p.central)) != "reject":
                    by_local.setdefault(p.local, []).append(
                        Alignment(p.local, p.central, _basis(p), round(probability(p, m), 4), ()))
            expected = []
            for found in by_local.values():
                kept = select(found, threshold)
                kept += [a for a in found if reviews.get((a.local, a.central)) == "accept"
                         and a not in kept]
                expected += [(a.local, a.central, a.basis, a.score) for a in kept]
            got = propose(tasks, links, symbols, threshold=threshold, reviews=reviews)
            assert [(a.local, a.central, a.basis, a.score) for a in got] == expected
            assert expected or threshold == 0.9


def test_the_shipped_model_reads_as_a_probability():
    m = model()
    assert len(m.weights) == len(FEATURES) and 0 < m.propose <= m.covered < 1
    weak = np.zeros(len(FEATURES))
    strong = np.array([*(0.5, 0.6, 1.0, 1.0), *np.zeros(len(FEATURES) - 4)])
    assert m.probability(weak) < m.propose < m.covered < m.probability(strong)


def _synthetic(plan: str, n: int, flip: bool = False) -> list[Example]:
    rng = np.random.default_rng(len(plan))
    out = []
    for i in range(n):
        right = bool(i % 3 == 0)
        x = np.clip(rng.normal(0.6 if right != flip else 0.1, 0.1, len(FEATURES)), 0, 1)
        out.append(Example(plan, str(i), "c", Pair(f"{plan}{i}", "c", tuple(x), 0, False,
                                                   False), right))
    return out


def test_logistic_fit_separates_and_thresholds_come_from_the_training_plans():
    ex = _synthetic("a", 60) + _synthetic("b", 60)
    _, w = fit(np.array([e.pair.x for e in ex]), np.array([float(e.right) for e in ex]))
    assert (w > 0).all()
    m = train(ex)
    assert 0 < m.propose <= m.covered < 1


def test_a_covering_link_is_more_likely_right_than_wrong():
    ex = _synthetic("a", 60) + _synthetic("b", 60)
    assert train(ex).covered >= COVERED_FLOOR == 0.5


def test_cross_validation_never_sees_the_plan_it_measures():
    ex = [*_synthetic("a", 60), *_synthetic("b", 60), *_synthetic("c", 60),
          *_synthetic("flipped", 60, flip=True)]
    cv = cross_validate(ex)
    assert cv["folds"]["flipped"]["proposed"]["f1"] < 0.3  # its inverted labels are unseen
    assert train(ex).propose != cv["folds"]["flipped"]["model"].propose or \
        train(ex).weights != cv["folds"]["flipped"]["model"].weights


def test_the_derived_batch_is_identified_by_its_content():
    tasks = {t.uid: t.text for t in central_tasks()}
    link = [Alignment("c:1", "c:2", "lexical", 0.3, ("x",))]
    one, same = alignment_batch("doc:C", link, tasks), alignment_batch("doc:C", link, tasks)
    other = alignment_batch("doc:C", [dataclasses.replace(link[0], score=0.4)], tasks)
    assert one.source.uid == same.source.uid != other.source.uid
    assert one.source.path == other.source.path  # so the new one replaces the old
    assert alignment_batch("doc:D", link, tasks).source.path != one.source.path  # one per plan
    assert [e.type for e in one.edges] == ["ALIGNS_WITH"]
    assert one.edges[0].props == {"basis": "lexical", "score": 0.3, "words": ["x"]}


def test_a_plan_s_links_depend_on_its_chain_only():
    local = TaskRecord("l:1", "doc:P", "(1)", "Chống chạy chức, chạy quyền trong bổ nhiệm",
                       themes=("power-control",))
    alone = propose([*central_tasks(), local], [("doc:P", "doc:C")])
    elsewhere = [TaskRecord(f"x:{i}", "doc:X", str(i), "Chống chạy chức, chạy quyền, bổ nhiệm",
                            themes=("power-control",)) for i in range(5)]
    crowded = propose([*central_tasks(), local, *elsewhere],
                      [("doc:P", "doc:C"), ("doc:Y", "doc:X")])
    assert crowded == alone  # another chain's words weigh nothing here
    assert propose([*central_tasks(), local], [("doc:P", "doc:C")], documents=set()) == []


# ------------------------------------------------------------------ measured on the seeds

@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")
def test_held_out_alignment_against_the_hand_alignment():
    ex = examples()
    cv = cross_validate(ex)
    assert cv["proposed"]["f1"] >= HELD_OUT_F1_FLOOR, cv["proposed"]
    assert cv["covered"]["precision"] >= COVERED_PRECISION_FLOOR, cv["covered"]
    assert cv["cells"]["right"] >= CELLS_FLOOR, cv["cells"]
    errors = held_out_errors(ex)  # the same folds, listed one mistake at a time
    assert sum(e.kind == "FP" for e in errors) == \
        cv["proposed"]["proposed"] - cv["proposed"]["tp"]
    assert sum(e.kind == "FN" for e in errors) == cv["proposed"]["gold"] - cv["proposed"]["tp"]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")
def test_held_out_links_judged_by_the_second_reading():
    second = examples(SECOND)
    assert sum(e.right for e in second) > sum(e.right for e in examples())  # it adds links
    cv = cross_validate(examples(), judged=second)
    assert cv["proposed"]["f1"] >= SECOND_F1_FLOOR, cv["proposed"]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")
def test_alignments_are_written_to_the_store_and_replaced_idempotently(tmp_path):
    store = open_store(str(tmp_path / "kg.lbdb"))
    store.ensure_schema()
    try:
        batches = [to_batch(x) for x in reference_extractions()]
        batches.append(to_batch(extract_file(SEEDS / "000_0ed14e411a2d4119.txt")))
        load_batches(store, batches)
        load_batches(store, [derived_alignment_batch(store)])
        count = "MATCH (:Task)-[r:ALIGNS_WITH]->(:Task) RETURN count(r) AS n"
        n = store.query(count)[0]["n"]
        assert n > 10
        report = load_batches(store, [derived_alignment_batch(store)])
        assert report.unchanged == ["derived-alignment"]
        assert store.query(count)[0]["n"] == n
        rows = store.query("MATCH (t:Task)-[r:ALIGNS_WITH]->(c:Task) WHERE c.label = '5' "
                           "MATCH (ev:Evidence {uid: r.evidence}) "
                           "RETURN r.basis AS basis, r.score AS score, r.words AS words, "
                           "ev.sentence AS sentence, r.method AS method")
        assert rows and all(r["method"] == "inferred" and r["words"] and r["sentence"]
                            for r in rows)
    finally:
        store.close()


# ------------------------------------------------------------------ a second central document

PLANS = SEEDS.parent / "plans" / "corpus"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SECOND_CENTRAL = FIXTURES / "central" / "1850-QD-TTg.yaml"  # our own summary of its tasks
SECOND_GOLD = FIXTURES / "alignment_203.yaml"  # our hand alignment of plan 203 to it


@pytest.mark.skipif(not PLANS.is_dir(), reason="../shared/plans not present")
def test_alignment_works_for_a_second_central_document():
    """A law-implementation plan against another central document (no theme of the cadre-work
    thesaurus applies): three of the four tasks the hand alignment links rank their central
    task first, and the tasks that only organise the plan get no link. Measured (shipped
    model): proposed P 0.75 / R 0.75 (0.67 / 0.50 before the lead, procedural and explained
    features), best candidate right for 3 of 4 linked tasks."""
    ex = examples(SECOND_GOLD, PLANS, centrals=[SECOND_CENTRAL])
    assert {e.central_label for e in ex} == {"1", "2", "3", "4", "5", "6"}
    m = model()
    best: dict[str, tuple[float, str]] = {}
    for e in ex:
        best[e.local_label] = max(best.get(e.local_label, (-1.0, "")),
                                  (probability(e.pair, m), e.central_label))
    wanted = {e.local_label: e.central_label for e in ex if e.right}
    assert sum(best[label][1] == c for label, c in wanted.items()) >= 3
    got = measure(ex, m, m.propose)
    assert got["precision"] >= 0.75 and got["recall"] >= 0.75, got
    organising = {e.local_label for e in ex if e.local_label.startswith("IV.")}
    assert organising and all(best[label][0] < m.propose for label in organising)


@pytest.mark.skipif(not PLANS.is_dir(), reason="../shared/plans not present")
def test_a_second_central_document_in_the_store_gets_coverage(tmp_path):
    from kg.ingest import ingest
    from queries.coverage import coverage

    store = open_store(str(tmp_path / "kg.lbdb"))
    store.ensure_schema()
    try:
        ingest(store, [SECOND_CENTRAL, PLANS / "203.txt"])
        c = coverage(store, "doc:1850/QĐ-TTg")
        assert [r["label"] for r in c.rows] == ["1", "2", "3", "4", "5", "6"]
        assert [col["name"] for col in c.columns] == ["172/KH-UBND Hồ Chí Minh"]
        cells = {r["label"]: next(iter(r["cells"].values())) for r in c.rows}
        assert [t["label"] for t in cells["2"]["tasks"]] == ["II.2"]
        assert cells["2"]["status"] == "covered" and cells["6"]["status"] == "not covered"
        linked = {t["label"] for cell in cells.values() for t in cell["tasks"]}
        assert not {x for x in linked if x.startswith("IV.")}
    finally:
        store.close()
