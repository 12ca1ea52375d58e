"""The analysts' cookbook: every question has its header, runs on both stores over the seeds,
gives the same answer on both, and the answer the seed texts give when read by hand."""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph import load_batches, to_batch
from graph.keys import search_words
from graph.ladybug_store import LadybugStore
from graph.neo4j_store import Neo4jStore
from kg.cli import cli
from ontology import load_schema, theme_labels
from ontology.describe import example
from queries.cookbook import COOKBOOK_DIR, Recipe, parse, recipe, recipes, run
from queries.coverage import STRONG
from queries.search import search
from tests.conftest import SEEDS, seeds_in_both_stores
from tests.factories import corpus

RECIPES = recipes()
IDS = [r.name for r in RECIPES]
# What LadybugDB does not accept, or reads differently: keep these to NAME.neo4j.cypher.
NOT_PORTABLE = {r"\blabels?\s*\(": "label()/labels()", r"\[\s*\w+\s+IN\b": "list comprehension",
                r"\bdate_part\s*\(": "date_part()", r"\bduration\b": "duration arithmetic"}


# ---------------------------------------------------------------- the files themselves

def test_the_cookbook_has_at_least_twelve_questions():
    assert len(RECIPES) >= 12


@pytest.mark.parametrize("r", RECIPES, ids=IDS)
def test_each_question_is_stated_in_vietnamese_and_english(r: Recipe):
    assert len(r.question_vi) > 20 and len(r.question_en) > 20
    assert re.search(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệịỉọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", r.question_vi)
    body = r.cypher()
    used = set(re.findall(r"\$(\w+)", body))
    assert used == set(r.params), f"parameters used {used}, declared {set(r.params)}"
    assert all(r.param_help[p] for p in r.params)


@pytest.mark.parametrize("r", RECIPES, ids=IDS)
def test_the_shared_form_is_portable_and_a_variant_keeps_the_header(r: Recipe):
    for pattern, what in NOT_PORTABLE.items():
        assert not re.search(pattern, r.cypher(), re.IGNORECASE), f"{r.name} uses {what}"
    variant = r.variant("neo4j")
    if variant != r.path:
        other = parse(variant)
        assert (other.question_vi, other.question_en, other.params) == (
            r.question_vi, r.question_en, r.params)


# ---------------------------------------------------------------- answers over the seeds

@pytest.fixture(scope="module")
def stores(neo4j_uri, kg_load, tmp_path_factory) -> Iterator[tuple[LadybugStore, Neo4jStore]]:
    yield from seeds_in_both_stores(neo4j_uri, kg_load, tmp_path_factory.mktemp("cookbook"))


@pytest.mark.neo4j
@pytest.mark.parametrize("r", RECIPES, ids=IDS)
def test_both_stores_give_the_same_answer(stores, r: Recipe):
    embedded, neo = stores
    answer = run(embedded, r)
    assert answer, f"{r.name}: no rows on the seeds"
    assert run(neo, r) == answer


def _cols(rows: list[dict], *cols: str) -> list[tuple]:
    return [tuple(row[c] for c in cols) for row in rows]


def provinces_with_plan(rows: list[dict]) -> None:
    # 26-NQ/TW: 19-5-2018; 103a-KH/TU: 26.7.2018; 123-KH/TU: 30-7-2018; 228-KH/TU: 29-8-2018;
    # Long An's plan is unnumbered and undated; 86-KH/TU never names its province.
    assert _cols(rows, "province", "plans", "documents", "first", "days") == [
        ("Hải Dương", 1, 1, dt.date(2018, 7, 26), 68),
        ("Hải Phòng", 1, 1, dt.date(2018, 7, 30), 72),
        ("Quảng Ninh", 1, 1, dt.date(2018, 8, 29), 102),
        ("Long An", 1, 1, None, None)]


def plans_implementing_two(rows: list[dict]) -> None:
    assert _cols(rows, "uid", "first", "second") == [
        ("doc:123-KH/TU@hai-phong", "10-KH/TW", "26-NQ/TW"),
        ("doc:228-KH/TU@quang-ninh", "10-KH/TW", "26-NQ/TW"),
        ("doc:KH:tinh-uy@long-an", "10-KH/TW", "26-NQ/TW"),
        ("doc:KH:uy-ban-nhan-dan-tinh@src:86be15cb6a448b4a", "132/NQ-CP", "26-NQ/TW")]


def cited_not_in_corpus(rows: list[dict]) -> None:
    cited = {r["symbol"]: r["cited_by"] for r in rows}
    assert cited["10-KH/TW"] == 3  # by the plans of Hải Phòng, Quảng Ninh and Long An
    assert cited["132/NQ-CP"] == 1 and cited["86-KH/TU"] == 1
    assert "26-NQ/TW" not in cited  # its tasks are in the corpus (reference data)


def agencies_leading(rows: list[dict]) -> None:
    assert _cols(rows[:2], "agency", "locality", "tasks") == [
        ("Ban Tổ chức Tỉnh ủy", "Quảng Ninh", 18), ("Sở Nội vụ", None, 14)]


def tasks_due_2019(rows: list[dict]) -> None:
    assert _cols(rows, "agency", "tasks") == [
        ("Sở Nội vụ", 9), ("Sở Giáo dục và Đào tạo", 2), ("Sở Khoa học và Công nghệ", 1),
        ("Sở Xây dựng", 1)]
    assert rows[0]["uid"] == "org:so-noi-vu"  # grouped by Organisation node, as 04 and 10


def targets_2025(rows: list[dict]) -> None:
    by = {}
    for r in rows:
        by.setdefault(r["locality"], []).append(r)
    assert {k: len(v) for k, v in by.items()} == {"(toàn quốc)": 3, "Long An": 5}
    assert {r["document"] for r in by["(toàn quốc)"]} == {"26-NQ/TW"}
    assert any(text.startswith("Từ 15 đến 20%") and text.endswith("dưới 40 tuổi") and value == 20.0
               for text, value in _cols(by["Long An"], "text", "value"))


def longest_chains(rows: list[dict]) -> None:
    assert rows[0]["hops"] == 2 and rows[0]["root_symbol"] == "26-NQ/TW"
    assert ("doc:123-KH/TU@hai-phong", 2) in _cols(rows, "leaf_uid", "hops")
    assert ("doc:103a-KH/TU@hai-duong", 1) in _cols(rows, "leaf_uid", "hops")


def tasks_by_theme(rows: list[dict]) -> None:
    assert _cols(rows[:1], "theme", "theme_vi", "tasks") == [("training", "Đào tạo, bồi dưỡng", 16)]
    assert len(rows) == 23
    assert all(theme_labels()[r["theme"]] == r["theme_vi"] for r in rows)


def achievements(rows: list[dict]) -> None:
    got = {r["locality"]: (r["achievements"], r["percentages"]) for r in rows}
    # Hải Phòng: 100% quán triệt, then 9/15 (60%), 5/15 (33,3%), 3/15 (20%), 62/223 (27,8%),
    # 47/223 (21,1%), 6/223 (2,69%)
    assert got["Hải Phòng"] == (7, 7)
    assert got["Cần Thơ"][0] == 11


def documents_per_issuer(rows: list[dict]) -> None:
    assert _cols(rows[:3], "issuer", "locality", "documents") == [
        ("Ban Chấp hành Trung ương Đảng khóa XII", None, 8), ("Bộ Chính trị", None, 5),
        ("Ban Thường vụ Tỉnh ủy Hải Dương", "Hải Dương", 4)]  # 74, 77, 103a-KH/TU, 19-QĐi/TU
    assert len({r["uid"] for r in rows}) == len(rows)  # one row per body


def implements_evidence(rows: list[dict]) -> None:
    assert _cols(rows, "parent_uid", "basis", "source") == [
        ("doc:10-KH/TW", "explicit", "000_0ed14e411a2d4119.txt"),
        ("doc:26-NQ/TW", "explicit", "000_0ed14e411a2d4119.txt")]
    assert all("10-KH/TW" in r["sentence"] and "26-NQ/TW" in r["sentence"] for r in rows)


def unknown_province(rows: list[dict]) -> None:
    assert [r["symbol"] for r in rows] == ["86-KH/TU", None]
    assert all(r["uid"].endswith("@src:86be15cb6a448b4a") for r in rows)
    assert {r["source"] for r in rows} == {"002_1dd8ed1ea8346256.txt"}


def central_uptake(rows: list[dict]) -> None:
    assert [r["label"] for r in rows] == ["1", "2", "3", "4", "5", "6", "7", "8", "TT.a", "TT.b"]
    assert all(r["plans"] <= r["tasks"] for r in rows)


def provinces_without_plan(rows: list[dict]) -> None:
    names = {r["province"] for r in rows}
    assert len(rows) == 59  # the 63 units before the 2025 merger, less the 4 with a plan
    assert not names & {"Hải Phòng", "Hải Dương", "Quảng Ninh", "Long An"}
    assert {"Cần Thơ", "Hà Nội", "An Giang"} <= names


def tasks_of_plan(rows: list[dict]) -> None:
    assert len(rows) == 21 and {r["province"] for r in rows} == {"Quảng Ninh"}
    assert sum(r["lead"] == "Ban Tổ chức Tỉnh ủy" for r in rows) == 18
    assert ("(7)", ["Sở Nội vụ"]) in _cols(rows, "label", "support")


def agencies_in_several_provinces(rows: list[dict]) -> None:
    # Only Quảng Ninh's plan names lead agencies in a known province: its Ban Tổ chức leads
    # 18 of the 21 tasks, (5), (6) and (14) are left to others to take part in. The leads of
    # the provincial People's Committee plan (002) sit in a province the text never names.
    assert _cols(rows, "agency", "provinces", "tasks", "documents") == [
        ("Ban Tổ chức Tỉnh ủy", 1, 18, 1)]


def plans_without_deadlines(rows: list[dict]) -> None:
    # Quảng Ninh lists 21 tasks and Long An 4 "nhiệm vụ, giải pháp", none with a date; the
    # years Long An states (2020, 2030) are targets'. The People's Committee plan dates ten.
    assert _cols(rows, "uid", "tasks") == [("doc:228-KH/TU@quang-ninh", 21),
                                           ("doc:KH:tinh-uy@long-an", 4)]


def plans_later_than_90_days(rows: list[dict]) -> None:
    # 86-KH/TU 28/9/2018, 228-KH/TU 29-8-2018 after 26-NQ/TW (19-5-2018); 77-KH/TU 26.1.2018
    # after 18-NQ/TW (25-10-2017, the registry); 123-KH/TU (72 days), 74-KH/TU (83) are in time
    assert _cols(rows, "plan", "implements", "days") == [
        ("86-KH/TU", "26-NQ/TW", 132), ("228-KH/TU", "26-NQ/TW", 102),
        ("77-KH/TU", "18-NQ/TW", 93)]


def sentence_behind_a_link(rows: list[dict]) -> None:
    assert _cols(rows, "child_uid", "parent_uid", "file", "method") == [
        ("doc:228-KH/TU@quang-ninh", "doc:26-NQ/TW", "000_0ed14e411a2d4119.txt", "explicit")]
    row = rows[0]
    text = unicodedata.normalize("NFC", (SEEDS / row["file"]).read_text("utf-8"))
    assert text[row["span_start"]:row["span_end"]] == row["sentence"]
    assert "26-NQ/TW" in row["sentence"] and "228-KH/TU ngày 29-8-2018" in row["sentence"]


def training_tasks_in_quang_ninh(rows: list[dict]) -> None:
    # (10) training cadres, (13) finding and training talent, (15) heads training successors
    assert _cols(rows, "document", "label") == [
        ("228-KH/TU", "(10)"), ("228-KH/TU", "(13)"), ("228-KH/TU", "(15)")]
    assert all("đào tạo" in r["text"] for r in rows)


EXPECTED: dict[str, Callable[[list[dict]], None]] = {
    "01_provinces_with_plan": provinces_with_plan,
    "02_plans_implementing_two_central_documents": plans_implementing_two,
    "03_cited_but_not_in_corpus": cited_not_in_corpus,
    "04_agencies_leading_most_tasks": agencies_leading,
    "05_tasks_due_in_year_by_agency": tasks_due_2019,
    "06_targets_for_year_by_locality": targets_2025,
    "07_longest_derivation_chains": longest_chains,
    "08_tasks_by_theme": tasks_by_theme,
    "09_achievements_by_locality": achievements,
    "10_documents_per_issuer": documents_per_issuer,
    "11_implements_with_evidence": implements_evidence,
    "12_local_documents_unknown_province": unknown_province,
    "13_central_tasks_uptake": central_uptake,
    "14_provinces_without_plan": provinces_without_plan,
    "15_tasks_of_a_plan": tasks_of_plan,
    "16_agencies_leading_in_several_provinces": agencies_in_several_provinces,
    "17_plans_without_deadlines": plans_without_deadlines,
    "18_plans_later_than_days": plans_later_than_90_days,
    "19_sentence_and_file_behind_a_link": sentence_behind_a_link,
    "20_tasks_of_a_theme_in_a_province": training_tasks_in_quang_ninh,
}


def test_every_question_has_an_expected_answer():
    assert set(EXPECTED) == set(IDS)


@pytest.mark.neo4j
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_answer_on_the_seeds(stores, name):
    _, neo = stores
    EXPECTED[name](run(neo, recipe(name)))


@pytest.mark.neo4j
def test_other_parameters_narrow_the_new_questions(stores):
    for store in stores:
        several = recipe("16_agencies_leading_in_several_provinces")
        assert run(store, several, {"min_provinces": 2}) == []
        later = run(store, recipe("18_plans_later_than_days"), {"days": 100})
        assert [r["plan"] for r in later] == ["86-KH/TU", "228-KH/TU"]
        themed = recipe("20_tasks_of_a_theme_in_a_province")
        by_vi = run(store, themed, {"theme": "Đào tạo, bồi dưỡng"})
        assert by_vi == run(store, themed) and len(by_vi) == 3
        assert run(store, themed, {"province": "Hải Phòng"}) == []
        link = recipe("19_sentence_and_file_behind_a_link")
        assert run(store, link, {"child": "26-NQ/TW", "parent": "228-KH/TU"}) == []


def test_several_provinces_groups_agencies_by_name(tmp_path):
    """Our own two provincial plans: each province's Ban Tổ chức leads one task."""
    store = LadybugStore(str(tmp_path / "kg.lbdb"))
    store.ensure_schema()
    load_batches(store, [to_batch(x) for x in corpus()])
    rows = run(store, recipe("16_agencies_leading_in_several_provinces"), {"min_provinces": 2})
    by_node = run(store, recipe("04_agencies_leading_most_tasks"))
    store.close()
    assert _cols(rows, "agency", "provinces", "tasks", "documents") == [
        ("Ban Tổ chức Tỉnh ủy", 2, 2, 2)]
    assert _cols(by_node, "agency", "locality", "tasks") == [
        ("Ban Tổ chức Tỉnh ủy", "Hải Phòng", 1), ("Ban Tổ chức Tỉnh ủy", "Quảng Ninh", 1)]


@pytest.mark.neo4j
def test_the_schema_examples_run_on_both_stores(stores):
    embedded, neo = stores
    for r in load_schema().rels:
        query = example(r.iri)
        answer = embedded.query(query)
        assert answer == neo.query(query), r.type
        if r.type in ("IMPLEMENTS", "HAS_TASK", "LEAD", "HAS_THEME", "ALIGNS_WITH",
                      "MENTIONED_IN", "ISSUED_BY", "RELEVANT_FOR", "MERGED_INTO"):
            assert answer, f"{r.type}: no rows on the seeds"


@pytest.mark.neo4j
def test_search_finds_the_strategic_cadres_on_both_stores(stores):
    embedded, neo = stores
    answer = search(embedded, "can bo chien luoc", "task", limit=100)
    assert answer == search(neo, "CÁN BỘ CHIẾN LƯỢC", "task", limit=100)
    # Quảng Ninh's task (9) and the resolution's fourth task speak of "cán bộ cấp chiến lược"
    assert {"task:doc-228-kh-tu-quang-ninh:9", "task:doc-26-nq-tw:4"} <= {
        r["uid"] for r in answer}
    assert all({"can", "bo", "chien", "luoc"} <= set(search_words(r["text"]).split())
               for r in answer)


@pytest.mark.neo4j
def test_a_stronger_threshold_only_removes_uptake(stores):
    _, neo = stores
    r = recipe("13_central_tasks_uptake")
    weak = {row["label"]: row["plans"] for row in run(neo, r, {"min_score": 0.0})}
    strong = {row["label"]: row["plans"] for row in run(neo, r, {"min_score": STRONG})}
    assert all(strong[k] <= weak[k] for k in weak)
    assert 0 < sum(strong.values()) < sum(weak.values())  # the default shows uptake
    assert set(run(neo, r, {"min_score": 1.01})[i]["plans"] for i in range(10)) == {0}


@pytest.mark.neo4j
def test_kg_cypher_file_picks_the_neo4j_form(stores, neo4j_uri):
    path = COOKBOOK_DIR / "01_provinces_with_plan.cypher"
    assert recipe("01_provinces_with_plan").variant("neo4j") != path
    result = CliRunner().invoke(cli, ["--store", neo4j_uri, "cypher", "--file", str(path),
                                      "--param", "symbol=26-NQ/TW", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert "\nHải Phòng,1,1,2018-07-30,72\n" in result.stdout


@pytest.mark.neo4j
def test_the_docs_show_the_answers_on_the_seeds(stores, neo4j_uri):
    script = Path(__file__).resolve().parents[1] / "docs" / "gen_cookbook_section.py"
    spec = importlib.util.spec_from_file_location("gen_cookbook_section", script)
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    assert gen.main(["--store", neo4j_uri, "--check"]) == 0, (
        "docs/NEO4J.md is out of date: run .venv/bin/python docs/gen_cookbook_section.py")
