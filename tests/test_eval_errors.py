"""`kg eval` never scores nothing as perfect (issue 17, case 3), and `--errors` accounts for
every missed, spurious and wrong item with a reason class (issue 15, capability 11)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from loaders.scoring import explain_file

SHARED = Path(__file__).resolve().parents[2] / "shared"
GOLD, SEEDS = SHARED / "gold", SHARED / "seeds"
REAL = SHARED / "real"


def kg_eval(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(cli, ["eval", *map(str, args)])
    return r.exit_code, r.stdout, r.stderr


needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared is not beside the repo")


@needs_seeds
def test_swapped_arguments_are_an_error_not_a_perfect_score():
    code, out, err = kg_eval(SEEDS, GOLD)
    assert code == 2 and "F1" not in out
    assert "GOLD_DIR comes first" in err and len(err.strip().splitlines()) == 1


@needs_seeds
def test_a_folder_without_gold_is_an_error(tmp_path):
    code, out, err = kg_eval(tmp_path, SEEDS)
    assert code == 2 and "F1" not in out and "no gold" in err


@needs_seeds
def test_texts_that_do_not_match_the_gold_are_an_error(tmp_path):
    (tmp_path / "other.txt").write_text("Kế hoạch số 1-KH/TU.", encoding="utf-8")
    code, out, err = kg_eval(GOLD, tmp_path)
    assert code == 2 and "F1" not in out and "5 of the 5" in err


def test_gold_that_annotates_nothing_is_an_error(tmp_path):
    gold, texts = tmp_path / "gold", tmp_path / "texts"
    gold.mkdir(), texts.mkdir()
    (gold / "a.yaml").write_text("source: a.txt\ndocuments: []\n", encoding="utf-8")
    (texts / "a.txt").write_text("Ủy ban nhân dân tỉnh họp.", encoding="utf-8")
    code, out, err = kg_eval(gold, texts)
    assert code == 2 and "F1" not in out and "annotates nothing" in err
    (gold / "b.yaml").write_text("documents: []\n", encoding="utf-8")
    assert kg_eval(gold, texts)[0] == 2


GOLD_FILE = {
    "source": "x.txt",
    "documents": [
        {"key": "own", "symbol": "5-KH/UBND", "type": "Kế hoạch", "locality": "Lào Cai",
         "date": "2020-01-02"},
        {"key": "nq", "symbol": "26-NQ/TW", "type": "Nghị quyết", "date": "2018-05-19"},
        {"key": "tu", "symbol": "7-KH/TU", "type": "Kế hoạch", "locality": "Lào Cai"},
        {"key": "qd", "symbol": "12/QĐ-TTg", "type": "Quyết định"}],
    "implements": [{"from": "own", "to": "tu"}, {"from": "tu", "to": "nq"},
                   {"from": "own", "to": "qd"}],
    "tasks": [{"in": "own", "label": "1", "lead": "Sở Nội vụ"}, {"in": "own", "label": "2"}],
    "targets": [{"kind": "target", "subject": "Lào Cai", "value": 30}],
}
PRED_FILE = {
    "source": "x.txt",
    "documents": [
        {"key": "a", "symbol": "26-NQ/TW", "type": "Nghị quyết", "date": "2018-05-20"},
        {"key": "b", "symbol": "7-KH/TU", "type": "Kế hoạch", "locality": None},
        {"key": "c", "symbol": "12/QĐ-TTg", "type": "Quyết định"},
        {"key": "d", "symbol": "99/QĐ-TTg", "type": "Quyết định"}],
    "implements": [{"from": "b", "to": "a"}, {"from": "d", "to": "a"}],
    "tasks": [],
    "targets": [{"kind": "target", "subject": "Lào Cai", "value": 35}],
}


def test_each_error_has_its_reason_class():
    found = {(e["kind"], e["outcome"], e["reason"]) for e in explain_file(GOLD_FILE, PRED_FILE)}
    assert ("doc", "missed", "own document") in found
    assert ("doc", "missed", "locality") in found and ("doc", "spurious", "locality") in found
    assert ("doc", "wrong", "date") in found
    assert ("doc", "spurious", "not in gold") in found
    assert ("edge", "missed", "end") in found and ("edge", "spurious", "end") in found
    assert ("task", "missed", "document") in found
    assert ("target", "missed", "value") in found and ("target", "spurious", "value") in found


def test_a_missed_link_between_matched_documents_is_a_cue():
    pred = {**PRED_FILE, "documents": [*PRED_FILE["documents"],
                                       {"key": "o", "symbol": "5-KH/UBND", "locality": "Lào Cai"},
                                       {"key": "t", "symbol": "7-KH/TU", "locality": "Lào Cai"}],
            "tasks": [{"in": "o", "label": "1", "lead": "Sở Tài chính"}]}
    found = {(e["kind"], e["outcome"], e["reason"], e["item"]) for e in explain_file(GOLD_FILE,
                                                                                     pred)}
    assert ("edge", "missed", "cue", "5-KH/UBND @Lào Cai -> 12/QĐ-TTg") in found
    assert ("task", "wrong", "lead", "5-KH/UBND @Lào Cai 1") in found
    assert ("task", "missed", "numbering", "5-KH/UBND @Lào Cai 2") in found


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real is not beside the repo")
def test_errors_account_for_every_miss_and_spurious_item_per_file():
    code, out, err = kg_eval(REAL / "gold", REAL / "corpus", "--errors", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    for name, counts in data["files"].items():
        errors = data["errors"][name]
        for kind in ("doc", "edge", "task", "target"):
            tp = counts.get(f"{kind}_tp", 0)
            n = {o: sum(1 for e in errors if e["kind"] == kind and e["outcome"] == o)
                 for o in ("missed", "spurious")}
            assert n["missed"] == counts.get(f"{kind}_gold", 0) - tp, (name, kind)
            assert n["spurious"] == counts.get(f"{kind}_pred", 0) - tp, (name, kind)
        assert sum(e["reason"] == "date" for e in errors) == \
            counts.get("date_gold", 0) - counts.get("date_ok", 0)
