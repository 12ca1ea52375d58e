"""Gaps, lag and targets under a central document."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from alignment.deriving import derived_alignment_batch
from graph import load_batches, open_store, to_batch
from kg.cli import cli
from loaders.reference import locality_extraction
from queries.gaps import eras_on, gaps, locality_gaps
from queries.lag import lag, lag_by_level
from queries.targets import classify, compare
from tests import analysis_corpus

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@pytest.fixture
def store(tmp_path):
    s = open_store(str(tmp_path / "kg.lbdb"))
    s.ensure_schema()
    load_batches(s, [to_batch(x) for x in [locality_extraction(), *analysis_corpus.corpus()]])
    load_batches(s, [derived_alignment_batch(s)])
    yield s
    s.close()


def test_eras_follow_the_2025_reform():
    assert eras_on(dt.date(2018, 5, 19)) == ["before2025", "both"]
    assert eras_on(dt.date(2025, 7, 1)) == ["after2025", "both"]


def test_locality_gaps_map_old_provinces_to_new_ones():
    units = [{"name": n} for n in ("Hải Dương", "Hải Phòng", "Quảng Ninh")]
    without, with_, new = locality_gaps(units, {"Hải Dương": "Hải Phòng"},
                                        {"Hải Dương": ["103a-KH/TU"]})
    assert [u["name"] for u in without] == ["Hải Phòng", "Quảng Ninh"]
    assert with_[0] == {"name": "Hải Dương", "kind": None, "now_part_of": "Hải Phòng",
                        "plans": ["103a-KH/TU"]}
    assert {u["name"]: u["status"] for u in new} == {"Hải Phòng": "partly",
                                                     "Quảng Ninh": "not covered"}


def test_gaps_in_the_store(store):
    g = gaps(store, "doc:99-NQ/TW")
    assert g.as_of == dt.date(2020, 1, 10)
    assert [t["label"] for t in g.untaken_tasks] == ["3"]
    assert {u["name"] for u in g.localities_with_plan} == {"Lào Cai", "Sơn La", "Yên Bái"}
    assert len(g.localities_with_plan) + len(g.localities_without_plan) == 63
    new = {u["name"]: u["status"] for u in g.successors}
    assert len(new) == 34 and new["Lào Cai"] == "covered"  # Lào Cai + Yên Bái, both planned
    assert new["Sơn La"] == "covered" and new["Hà Nội"] == "not covered"
    assert [d["name"] for d in g.cited_only] == ["3-KH/TU"]
    later = gaps(store, "doc:99-NQ/TW", as_of=dt.date(2025, 8, 1))
    assert len(later.localities_with_plan) + len(later.localities_without_plan) == 34


def test_lag_per_level(store):
    result = lag(store, "doc:99-NQ/TW")
    assert [(d["name"], d["lag_days"]) for d in result.documents] == [
        ("3-KH/TU", 41), ("5-KH/TU", 60), ("7-KH/TU", 120)]
    assert result.levels == [{"level": "provincial", "documents": 3, "min": 41, "median": 60,
                              "max": 120, "slowest": "7-KH/TU"}]
    assert [d["name"] for d in result.undated] == ["9-KH/TU"]


def test_lag_by_level_takes_the_median_of_an_even_count():
    rows = [{"level": "district", "lag_days": d, "name": str(d)} for d in (10, 20)]
    assert lag_by_level(rows)[0]["median"] == 15


def test_indicators_read_role_level_and_condition():
    assert classify("Gần 80% huyện ủy, thành ủy có bí thư không là người địa phương") \
        == "bi-thu/cap-huyen/khong-la-nguoi-dia-phuong"
    assert classify("có 4/12 (33%) cấp huyện có mô hình bí thư đồng thời là chủ tịch huyện") \
        == "bi-thu/cap-huyen/dong-thoi-chu-tich"
    assert classify("và 41/180 (22,8%) bí thư đảng ủy cấp xã",
                    "Tỉnh có 41/180 (22,8%) bí thư đảng ủy cấp xã không là người địa phương") \
        == "bi-thu/cap-xa/khong-la-nguoi-dia-phuong"
    assert classify("Tổ chức hội nghị") is None


def test_compare_puts_results_beside_targets():
    ind = "bi-thu/cap-huyen/khong-la-nguoi-dia-phuong"
    rows = compare([
        {"kind": "target", "document": "doc:C", "indicator": ind, "value": 100, "year": 2025},
        {"kind": "target", "document": "doc:P", "subject": "Long An", "indicator": ind,
         "value": 75, "year": 2020},
        {"kind": "achievement", "subject": "Hải Phòng", "indicator": ind, "value": 60},
        {"kind": "achievement", "subject": "Hải Phòng", "indicator": None, "value": 1},
    ], "doc:C")
    assert [(r["locality"], r["compared"]) for r in rows] == [("Hải Phòng", True),
                                                               ("Long An", False)]
    assert rows[0]["central_targets"][0]["value"] == 100


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")
def test_gaps_lag_targets_of_26_on_the_seeds(tmp_path, kg_load):
    path = str(tmp_path / "kg.lbdb")
    runner = CliRunner()
    kg_load(path, *sorted(SEEDS.glob("*.txt")))
    data = json.loads(runner.invoke(cli, ["--store", path, "lag", "26-NQ/TW", "--format",
                                          "json"]).stdout)
    days = {(d["name"], d["locality"]): d["lag_days"] for d in data["documents"]}
    assert days[("103a-KH/TU", "Hải Dương")] == 68
    assert days[("123-KH/TU", "Hải Phòng")] == 72
    assert days[("228-KH/TU", "Quảng Ninh")] == 102
    data = json.loads(runner.invoke(cli, ["--store", path, "gaps", "26-NQ/TW", "--format",
                                          "json"]).stdout)
    with_plan = {u["name"] for u in data["localities_with_plan"]}
    assert {"Hải Dương", "Hải Phòng", "Quảng Ninh", "Long An"} <= with_plan
    assert len(data["localities_without_plan"]) == 63 - len(with_plan)
    assert any(t["not_taken_up_by"] for t in data["missing_in_plans"])
    assert "86-KH/TU" in {d["name"] for d in data["cited_only"]}
    r = runner.invoke(cli, ["--store", path, "targets", "26-NQ/TW", "--format", "json"])
    rows = json.loads(r.stdout)["rows"]
    hp = [x for x in rows if x["locality"] == "Hải Phòng" and x["compared"]]
    assert any(a["value"] == 60 for x in hp for a in x["achievements"])


# ------------------------------------------------------------------ both stores, same answers

def analysis_checks(store, uid: str = "doc:26-NQ/TW") -> dict[str, object]:
    """The JSON of every analysis of `uid` (the callables a parity test compares)."""
    from queries.coverage import coverage
    from queries.targets import targets_report

    return {"coverage": coverage(store, uid).as_json(), "gaps": gaps(store, uid).as_json(),
            "lag": lag(store, uid).as_json(), "targets": targets_report(store, uid).as_json()}


@pytest.mark.neo4j
@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")
def test_same_answers_on_both_stores(neo4j_store, neo4j_uri, lbdb_path, kg_load):
    seeds = sorted(SEEDS.glob("*.txt"))
    kg_load(lbdb_path, *seeds)
    kg_load(neo4j_uri, *seeds)
    embedded = open_store(str(lbdb_path))
    try:
        assert analysis_checks(embedded) == analysis_checks(neo4j_store)
    finally:
        embedded.close()
