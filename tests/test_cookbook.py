"""The analysts' cookbook: every question has its header, runs on both stores over the seeds,
gives the same answer on both, and the answer the seed texts give when read by hand."""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.ladybug_store import LadybugStore
from graph.neo4j_store import Neo4jStore
from kg.cli import cli
from queries.cookbook import COOKBOOK_DIR, Recipe, parse, recipe, recipes, run
from queries.coverage import STRONG
from tests.conftest import SEEDS, empty_neo4j_store

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
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside the repo")
    path = tmp_path_factory.mktemp("cookbook") / "kg.lbdb"
    seeds = sorted(SEEDS.glob("*.txt"))
    kg_load(path, *seeds)
    neo = empty_neo4j_store(neo4j_uri)
    kg_load(neo4j_uri, *seeds)
    embedded = LadybugStore(str(path))
    yield embedded, neo
    embedded.close()
    neo.close()


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
    assert _cols(rows, "province", "plan", "days") == [
        ("Hải Dương", "103a-KH/TU", 68), ("Hải Phòng", "123-KH/TU", 72),
        ("Quảng Ninh", "228-KH/TU", 102), ("Long An", None, None)]
    assert rows[1]["issued"] == dt.date(2018, 7, 30)


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
    assert _cols(rows[:1], "theme", "tasks") == [("training", 16)]
    assert len(rows) == 23


def achievements(rows: list[dict]) -> None:
    got = {r["locality"]: (r["achievements"], r["percentages"]) for r in rows}
    # Hải Phòng: 100% quán triệt, then 9/15 (60%), 5/15 (33,3%), 3/15 (20%), 62/223 (27,8%),
    # 47/223 (21,1%), 6/223 (2,69%)
    assert got["Hải Phòng"] == (7, 7)
    assert got["Cần Thơ"][0] == 11


def documents_per_issuer(rows: list[dict]) -> None:
    assert _cols(rows[:2], "issuer", "documents") == [
        ("Ban Chấp hành Trung ương Đảng khóa XII", 8), ("Bộ Chính trị", 5)]


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
}


def test_every_question_has_an_expected_answer():
    assert set(EXPECTED) == set(IDS)


@pytest.mark.neo4j
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_answer_on_the_seeds(stores, name):
    _, neo = stores
    EXPECTED[name](run(neo, recipe(name)))


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
    assert "Hải Phòng,123-KH/TU,Kế hoạch,Ban Thường vụ Thành ủy Hải Phòng,2018-07-30,72," in (
        result.stdout)


@pytest.mark.neo4j
def test_the_docs_show_the_answers_on_the_seeds(stores, neo4j_uri):
    script = Path(__file__).resolve().parents[1] / "docs" / "gen_cookbook_section.py"
    spec = importlib.util.spec_from_file_location("gen_cookbook_section", script)
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    assert gen.main(["--store", neo4j_uri, "--check"]) == 0, (
        "docs/NEO4J.md is out of date: run .venv/bin/python docs/gen_cookbook_section.py")
