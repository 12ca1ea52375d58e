"""Coverage of a central document's tasks by the plans implementing it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from alignment.deriving import derived_alignment_batch
from graph import load_batches, open_store, to_batch
from kg.cli import cli
from queries.coverage import coverage, coverage_rows, coverage_table, status
from tests import analysis_corpus

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@pytest.fixture
def store(tmp_path):
    s = open_store(str(tmp_path / "kg.lbdb"))
    s.ensure_schema()
    load_batches(s, [to_batch(x) for x in analysis_corpus.corpus()])
    load_batches(s, [derived_alignment_batch(s)])
    yield s
    s.close()


def test_status_of_a_cell():
    assert status([]) == "not covered"
    assert status([{"score": 0.1, "basis": "lexical"}]) == "partly"
    assert status([{"score": 0.1, "basis": "lexical"}, {"score": 0.9, "basis": "lexical"}]) == \
        "covered"
    assert status([{"score": 0.1, "basis": "lexical+wording"}]) == "covered"


def test_coverage_table_from_plain_records():
    tasks = [{"uid": "c1", "label": "1", "text": "a"}, {"uid": "c2", "label": "2", "text": "b"}]
    plans = [{"uid": "p", "symbol": "5-KH/TU", "locality": "Lào Cai", "tasks": 2},
             {"uid": "q", "symbol": "7-KH/TU", "locality": "Lào Cai", "tasks": 1}]
    links = [{"central": "c1", "task": "t1", "label": "1", "lead": "Ban Tổ chức", "plan": "p",
              "score": 0.5, "basis": "lexical"}]
    columns, rows = coverage_table(tasks, plans, links, strong=0.25)
    assert [c["name"] for c in columns] == ["5-KH/TU Lào Cai", "7-KH/TU Lào Cai"]
    assert rows[0]["cells"]["p"]["leads"] == ["Ban Tổ chức"]
    assert (rows[0]["covered"], rows[0]["not_covered"], rows[1]["not_covered"]) == (1, 1, 2)
    columns, rows = coverage_table(tasks, plans, links, by="locality", strong=0.25)
    assert [c["id"] for c in columns] == ["Lào Cai"] and columns[0]["plans"] == ["p", "q"]
    assert rows[0]["cells"]["Lào Cai"]["status"] == "covered"


def test_coverage_table_groups_links_by_task_and_column():
    """Each link lands in the cell of its central task and its plan's column, in link order."""
    tasks = [{"uid": f"c{i}", "label": str(i), "text": t} for i, t in enumerate("abc", 1)]
    plans = [{"uid": "p", "symbol": "1-KH/TU", "locality": "Lào Cai", "date": dt.date(2020, 3, 1),
              "tasks": 3},
             {"uid": "q", "symbol": "2-KH/TU", "locality": "Sơn La", "date": dt.date(2020, 1, 1),
              "tasks": 2},
             {"uid": "r", "symbol": "3-KH/TU", "locality": "Lào Cai", "date": dt.date(2020, 2, 1),
              "tasks": 1}]

    def link(central: str, task: str, plan: str, score: float, lead: str | None = None):
        return {"central": central, "task": task, "label": task, "lead": lead, "plan": plan,
                "score": score, "basis": "lexical"}

    links = [link("c2", "p2", "p", 0.1, "Ban Dân vận"), link("c1", "q1", "q", 0.3, "Sở Nội vụ"),
             link("c2", "r1", "r", 0.4), link("c1", "p1", "p", 0.1, "Ban Tổ chức"),
             link("c2", "p3", "p", 0.2, "Ban Tổ chức"), link("c1", "x1", "x", 0.9),
             link("c9", "p1", "p", 0.9)]  # a plan without a column, a task not in the rows
    columns, rows = coverage_table(tasks, plans, links, strong=0.25)
    assert [c["id"] for c in columns] == ["q", "r", "p"]  # by date
    cells = {(r["uid"], cid): ([t["task"] for t in cell["tasks"]], cell["status"], cell["leads"])
             for r in rows for cid, cell in r["cells"].items()}
    assert cells == {
        ("c1", "q"): (["q1"], "covered", ["Sở Nội vụ"]),
        ("c1", "r"): ([], "not covered", []),
        ("c1", "p"): (["p1"], "partly", ["Ban Tổ chức"]),
        ("c2", "q"): ([], "not covered", []),
        ("c2", "r"): (["r1"], "covered", []),
        ("c2", "p"): (["p2", "p3"], "partly", ["Ban Dân vận", "Ban Tổ chức"]),
        ("c3", "q"): ([], "not covered", []),
        ("c3", "r"): ([], "not covered", []),
        ("c3", "p"): ([], "not covered", [])}
    assert [(r["covered"], r["partly"], r["not_covered"]) for r in rows] == \
        [(1, 1, 1), (1, 1, 1), (0, 0, 3)]
    columns, rows = coverage_table(tasks, plans, links, by="locality", strong=0.25)
    assert [(c["id"], c["plans"], c["tasks"]) for c in columns] == \
        [("Sơn La", ["q"], 2), ("Lào Cai", ["r", "p"], 4)]
    cells = {(r["uid"], cid): ([t["task"] for t in cell["tasks"]], cell["status"])
             for r in rows for cid, cell in r["cells"].items()}
    assert cells == {
        ("c1", "Sơn La"): (["q1"], "covered"), ("c1", "Lào Cai"): (["p1"], "partly"),
        ("c2", "Sơn La"): ([], "not covered"), ("c2", "Lào Cai"): (["p2", "r1", "p3"], "covered"),
        ("c3", "Sơn La"): ([], "not covered"), ("c3", "Lào Cai"): ([], "not covered")}


def test_coverage_in_the_store(store):
    c = coverage(store, "doc:99-NQ/TW")
    assert [r["label"] for r in c.rows] == ["1", "2", "3"]
    names = [col["name"] for col in c.columns]
    assert names == ["5-KH/TU Lào Cai", "7-KH/TU Sơn La", "9-KH/TU Sơn La"]
    one, two, three = c.rows
    lao_cai = "doc:5-KH/TU@lao-cai"
    assert [t["label"] for t in one["cells"][lao_cai]["tasks"]] == ["1"]
    assert one["cells"][lao_cai]["leads"] == ["Ban Tổ chức Tỉnh ủy"]
    assert two["cells"][lao_cai]["tasks"][0]["lead"] == "Ủy ban Kiểm tra Tỉnh ủy"
    assert one["cells"]["doc:9-KH/TU@son-la"]["status"] != "not covered"  # through 7-KH/TU
    assert three["covered"] == three["partly"] == 0
    assert [d["uid"] for d in c.without_tasks] == ["doc:3-KH/TU@yen-bai"]
    assert c.totals()["not_taken_up"] == 1
    by_loc = coverage(store, "doc:99-NQ/TW", by="locality")
    assert [col["id"] for col in by_loc.columns] == ["Lào Cai", "Sơn La"]
    flat = coverage_rows(c)
    assert {r["status"] for r in flat} <= {"covered", "partly", "not covered"}


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")
def test_coverage_of_26_on_the_seeds(tmp_path, kg_load):
    path = str(tmp_path / "kg.lbdb")
    kg_load(path, *sorted(SEEDS.glob("*.txt")))
    r = CliRunner().invoke(cli, ["--store", path, "coverage", "26-NQ/TW", "--format", "json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    names = {c["id"]: c["name"] for c in data["columns"]}
    assert "228-KH/TU Quảng Ninh" in names.values()
    assert any(n.startswith("Kế hoạch Tỉnh ủy") and "Long An" in n for n in names.values())
    assert any("Ủy ban nhân dân" in n for n in names.values())
    assert [r["label"] for r in data["rows"]] == [*"12345678", "TT.a", "TT.b"]
    by_label = {r["label"]: r for r in data["rows"]}
    qn = next(k for k, v in names.items() if v == "228-KH/TU Quảng Ninh")
    # Quảng Ninh's task (8) prepares the party congresses: central task 8
    assert "(8)" in [t["label"] for t in by_label["8"]["cells"][qn]["tasks"]]
    assert by_label["8"]["cells"][qn]["leads"] == ["Ban Tổ chức Tỉnh ủy"]
    r = CliRunner().invoke(cli, ["--store", path, "coverage", "26-NQ/TW"])
    assert "228-KH/TU Quảng Ninh" in r.stdout and "who leads" in r.stdout
    r = CliRunner().invoke(cli, ["--store", path, "coverage", "26-NQ/TW", "--format", "csv"])
    assert r.stdout.startswith("central_label,central_task,column,status")
    out = tmp_path / "coverage.html"
    r = CliRunner().invoke(cli, ["--store", path, "coverage", "26-NQ/TW", "--format", "html",
                                 "--out", str(out)])
    assert r.exit_code == 0, r.output
    page = out.read_text(encoding="utf-8")
    assert "228-KH/TU Quảng Ninh" in page and "Ban Tổ chức Tỉnh ủy" in page
    assert "http://" not in page and "https://" not in page
