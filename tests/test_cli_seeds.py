"""The backbone end to end on the real seed texts: kg load, trace, show, stats, cypher."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the repo")


def run(store: Path, *args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(cli, ["--store", str(store), *args], catch_exceptions=False)
    return r.exit_code, r.stdout, r.stderr


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("seeds") / "kg.lbdb"
    code, _out, err = run(path, "load", *map(str, sorted(SEEDS.glob("*.txt"))))
    assert code == 0, err
    return path


def test_trace_lists_the_implementing_documents_with_localities(store):
    code, out, _ = run(store, "trace", "26-NQ/TW", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["root"]["symbol"] == "26-NQ/TW" and data["root"]["date"] == "2018-05-19"
    found = {(d["symbol"], d["type"], d["locality"]) for d in data["documents"]}
    for expected in [("10-KH/TW", "Kế hoạch", None), ("132/NQ-CP", "Nghị quyết", None),
                     ("123-KH/TU", "Kế hoạch", "Hải Phòng"),
                     ("228-KH/TU", "Kế hoạch", "Quảng Ninh"),
                     ("103a-KH/TU", "Kế hoạch", "Hải Dương"), ("86-KH/TU", "Kế hoạch", None),
                     (None, "Kế hoạch", "Long An")]:
        assert expected in found, expected
    unnumbered = [d for d in data["documents"] if d["symbol"] is None and d["locality"] is None]
    assert any("Ủy ban nhân dân" in (d["issuer"] or "") for d in unnumbered)
    lags = {d["symbol"]: d["lag_days"] for d in data["documents"]}
    assert (lags["103a-KH/TU"], lags["123-KH/TU"], lags["228-KH/TU"]) == (68, 72, 102)


def test_the_unnamed_province_plan_stays_apart(store):
    _, out, _ = run(store, "trace", "26-NQ/TW", "--format", "json")
    ids = {d["id"] for d in json.loads(out)["documents"] if d["symbol"] == "86-KH/TU"}
    assert len(ids) == 1 and "@src:" in ids.pop()


def test_loading_again_changes_no_count(store):
    _, before, _ = run(store, "stats", "--format", "json")
    code, out, _ = run(store, "load", str(SEEDS))
    assert code == 0 and "5 unchanged" in out
    _, after, _ = run(store, "stats", "--format", "json")
    assert json.loads(before) == json.loads(after)
    assert json.loads(after)["nodes"]["Task"] > 0


def test_show_gives_the_plan_and_the_sentence_behind_it(store):
    code, out, _ = run(store, "show", "123-KH/TU")
    assert code == 0
    assert "Hải Phòng" in out
    implements = [ln for ln in out.splitlines() if "IMPLEMENTS doc:26-NQ/TW" in ln]
    assert implements
    evidence = out.splitlines()[out.splitlines().index(implements[0]) + 1]
    assert "123-KH/TU" in evidence and "26-NQ/TW" in evidence


def test_trace_tree_and_csv(store):
    code, out, _ = run(store, "trace", "26-nq/tư")
    assert code == 0 and out.splitlines()[0].startswith("26-NQ/TW")
    assert "228-KH/TU · Kế hoạch · Quảng Ninh" in out
    code, out, _ = run(store, "trace", "123-KH/TU", "--up", "--format", "csv")
    assert code == 0 and out.splitlines()[0].startswith("id,symbol")
    assert "doc:26-NQ/TW" in out


def test_cypher_takes_parameters(store):
    code, out, _ = run(store, "cypher", "MATCH (d:Document {symbol: $s}) RETURN d.locality AS l",
                       "--param", "s=228-KH/TU", "--format", "json")
    assert code == 0 and json.loads(out) == [{"l": "Quảng Ninh"}]


def test_an_unknown_symbol_is_a_one_line_error(store):
    code, _out, err = run(store, "trace", "999-XY/TW")
    assert code == 1 and "no document matches" in err and "Traceback" not in err


def test_a_bad_file_is_reported_and_the_others_load(tmp_path):
    good = tmp_path / "in" / "good.txt"
    good.parent.mkdir()
    shutil.copy(SEEDS / sorted(p.name for p in SEEDS.glob("*.txt"))[0], good)
    bad = tmp_path / "in" / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00\xd8 \x81\x8d\x8f\x90\x9d" * 10 + bytes(range(0, 32)) * 4)
    code, out, err = run(tmp_path / "kg.lbdb", "load", str(tmp_path / "in"))
    assert code == 1
    assert "bad.txt" in err and "1 added" in out and "1 failed" in out
    code, out, _ = run(tmp_path / "kg.lbdb", "trace", "26-NQ/TW", "--format", "json")
    assert code == 0 and json.loads(out)["documents"]


def test_cookbook_file_runs_with_its_example_parameters(store):
    book = Path(__file__).resolve().parents[1] / "queries" / "cookbook"
    code, out, err = run(store, "cypher", "--file",
                         str(book / "04_agencies_leading_most_tasks.cypher"), "--format", "json")
    assert code == 0, err
    rows = json.loads(out)
    assert rows and rows[0]["agency"] == "Ban Tổ chức Tỉnh ủy"
    code, out, _ = run(store, "cypher", "--file",
                       str(book / "04_agencies_leading_most_tasks.cypher"), "--param", "limit=1",
                       "--format", "json")
    assert code == 0 and len(json.loads(out)) == 1
