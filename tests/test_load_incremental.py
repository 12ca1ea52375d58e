"""`kg load` re-aligns only what a load can change, and ends where one full load ends."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg.ingest as load_command
from kg.cli import cli

FIXTURES = Path(__file__).with_name("fixtures")

PROVINCE = """symbol: 12-KH/TU
type: Kế hoạch
issuer: Ban Thường vụ Tỉnh ủy Lào Cai
level: provincial
locality: Lào Cai
date: 2018-09-01
implements: [26-NQ/TW]
tasks:
  - label: "1"
    text: Rà soát, bổ sung quy hoạch lãnh đạo, quản lý thuộc diện Ban Thường vụ quản lý.
  - label: "2"
    text: Luân chuyển cán bộ lãnh đạo cấp huyện, bố trí bí thư không là người địa phương.
  - label: "3"
    text: Đổi mới công tác đánh giá cán bộ theo kết quả, sản phẩm cụ thể.
"""

# The same plan, edited: a task reworded, one dropped (the district plan's links must follow).
PROVINCE_V2 = PROVINCE.replace("Đổi mới công tác đánh giá cán bộ theo kết quả, sản phẩm cụ thể.",
                               "Xây dựng quy chế kiểm soát quyền lực khi làm công tác cán bộ."
                               ).split('  - label: "2"')[0] + """  - label: "3"
    text: Xây dựng quy chế kiểm soát quyền lực khi làm công tác cán bộ.
"""

DISTRICT = """symbol: 30-KH/HU
type: Kế hoạch
issuer: Ban Thường vụ Huyện ủy Bát Xát
level: district
locality: Lào Cai
date: 2018-11-01
implements: [12-KH/TU@Lào Cai]
tasks:
  - label: "1"
    text: Rà soát, bổ sung quy hoạch lãnh đạo, quản lý thuộc diện Ban Thường vụ Huyện ủy
      quản lý.
  - label: "2"
    text: Đánh giá cán bộ theo kết quả, sản phẩm cụ thể hằng năm.
  - label: "3"
    text: Luân chuyển cán bộ lãnh đạo cấp xã, bố trí bí thư không là người địa phương.
  - label: "4"
    text: Kiểm soát quyền lực khi làm công tác cán bộ ở huyện.
"""

OTHER = """symbol: 45-KH/TU
type: Kế hoạch
issuer: Ban Thường vụ Tỉnh ủy Cà Mau
level: provincial
locality: Cà Mau
date: 2018-10-01
implements: [26-NQ/TW]
tasks:
  - label: "1"
    text: Xây dựng quy chế kiểm soát quyền lực, chống chạy chức, chạy quyền.
  - label: "2"
    text: Đào tạo, bồi dưỡng cán bộ trẻ, nữ và cán bộ dân tộc thiểu số.
"""

LINKS = ("MATCH (a:Task)-[r:ALIGNS_WITH]->(c:Task) MATCH (ev:Evidence {uid: r.evidence}) "
         "RETURN a.uid AS local, c.uid AS central, "
         "r.basis AS basis, r.score AS score, r.words AS words, ev.sentence AS sentence, "
         "r.source AS source ORDER BY local, central")
DERIVED = ("MATCH (s:Source) WHERE s.name = 'derived-alignment' RETURN s.uid AS uid, "
           "s.path AS path ORDER BY path")


def run(store: Path, *args: str) -> dict:
    r = CliRunner().invoke(cli, ["--store", str(store), *args], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout) if "json" in args else {}


def load(store: Path, *paths: Path, realign: bool = False) -> dict:
    return run(store, "load", *map(str, paths), "--jobs", "1", "--format", "json",
               *(["--realign"] if realign else []))


def rows(store: Path, query: str) -> list:
    return [tuple(map(str, r.values())) for r in json.loads(
        CliRunner().invoke(cli, ["--store", str(store), "cypher", query, "--format", "json"],
                           catch_exceptions=False).stdout)]


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("plans")
    out = {}
    for name, text in (("district", DISTRICT), ("other", OTHER), ("province", PROVINCE),
                       ("province_v2", PROVINCE_V2)):
        out[name] = folder / f"{name}.yaml"
        out[name].write_text(text, "utf-8")
    out["text"] = folder / "province_plan.txt"
    shutil.copy(FIXTURES / "plans" / "province_plan.txt", out["text"])
    return out


def test_loading_in_steps_ends_with_the_links_of_one_full_load(files, tmp_path):
    steps = tmp_path / "steps.lbdb"
    province = tmp_path / "live" / "province.yaml"  # one path, edited between loads
    province.parent.mkdir()
    assert load(steps, files["district"], files["text"])["aligned"] >= 1
    # the district plan's parent arrives after it: its tasks become candidates
    shutil.copy(files["province"], province)
    assert load(steps, province)["aligned"] == 2  # the province plan and the district below
    before = rows(steps, LINKS)
    assert any("30-kh-hu" in r[0] and "12-kh-tu" in r[1] for r in before)
    assert load(steps, files["other"])["aligned"] == 1  # unrelated: only itself
    # the parent is edited: its old tasks go, the district plan's links follow
    shutil.copy(files["province_v2"], province)
    report = load(steps, province, files["other"])
    assert (report["replaced"], report["unchanged"], report["aligned"]) == (1, 1, 2)
    after = rows(steps, LINKS)
    assert after != before
    assert load(steps, province, files["text"])["aligned"] == 0  # nothing changed

    once = tmp_path / "once.lbdb"
    load(once, files["text"], files["district"], province, files["other"])
    assert rows(steps, LINKS) == rows(once, LINKS)
    assert rows(steps, DERIVED) == rows(once, DERIVED)
    load(steps, realign=True)  # full recomputation over the store
    assert rows(steps, LINKS) == rows(once, LINKS)
    assert rows(steps, DERIVED) == rows(once, DERIVED)
    assert {r[2] for r in after} and len(after) == len(rows(once, LINKS))


def test_a_store_with_one_derived_source_is_migrated(files, tmp_path):
    from alignment.deriving import derived_alignment_batch
    from graph import load_batches, open_store

    store = tmp_path / "old.lbdb"
    load(store, files["district"], files["province"], files["other"])
    expected = rows(store, LINKS)
    s = open_store(str(store))
    try:
        for r in s.query(DERIVED):
            s.retract([r["uid"]])
        load_batches(s, [derived_alignment_batch(s)])  # the former single derived source
    finally:
        s.close()
    assert [r[1] for r in rows(store, DERIVED)] == ["derived:alignment"]
    load(store, files["other"])
    assert rows(store, LINKS) == expected
    assert "derived:alignment" not in {r[1] for r in rows(store, DERIVED)}


def test_a_file_loaded_before_unchanged_is_not_extracted_again(files, tmp_path, monkeypatch):
    store = tmp_path / "s.lbdb"
    assert load(store, files["text"], files["district"])["added"] == 2
    edited = tmp_path / "edited.yaml"
    shutil.copy(files["other"], edited)
    extracted = []
    real = load_command.extract_one
    monkeypatch.setattr(load_command, "extract_one", lambda p: extracted.append(p.name) or real(p))
    report = run(store, "load", str(files["text"]), str(files["district"]), str(edited),
                 "--jobs", "1", "--format", "json")
    assert (report["added"], report["unchanged"], report["failed"]) == (1, 2, 0)
    assert extracted == ["edited.yaml"]  # the two unchanged files were only hashed


def test_a_load_stopped_before_aligning_is_aligned_by_the_next(files, tmp_path, monkeypatch):
    store = tmp_path / "s.lbdb"
    paths = (files["text"], files["district"], files["province"])

    def stop(*args, **kwargs):
        raise KeyboardInterrupt  # the load is stopped after its writes, before aligning

    monkeypatch.setattr(load_command, "realign_store", stop)
    args = ["--store", str(store), "load", *map(str, paths), "--jobs", "1"]
    assert CliRunner().invoke(cli, args).exit_code != 0
    monkeypatch.undo()
    assert rows(store, LINKS) == []
    report = load(store, *paths)  # nothing new, but the plans were never aligned
    once = tmp_path / "once.lbdb"
    assert (report["unchanged"], report["aligned"]) == (3, load(once, *paths)["aligned"])
    assert rows(store, LINKS) == rows(once, LINKS) != []
    assert load(store, *paths)["aligned"] == 0  # aligned: the next load has nothing to do


def test_what_a_load_wrote_is_durable_before_it_aligns(files, tmp_path, monkeypatch):
    seen = []

    def realign(store, *args, **kwargs):  # the files' sources, as stored on disk
        seen.extend(store.query("MATCH (s:Source) RETURN s.name AS n, s.complete AS c"))
        return 0

    monkeypatch.setattr(load_command, "realign_store", realign)
    load(tmp_path / "s.lbdb", files["text"], files["district"])
    assert {r["n"] for r in seen} >= {"province_plan.txt", "district.yaml"}
    assert all(r["c"] for r in seen)


def _graph(store: Path) -> list:
    from graph.dump import dump
    from graph.store import open_store

    s = open_store(str(store), read_only=True)
    try:
        return list(dump(s))
    finally:
        s.close()


def test_a_bulk_load_gives_the_graph_of_a_load_file_by_file(files, tmp_path):
    paths = (files["text"], files["district"], files["province"], files["other"])
    graphs = []
    for mode in ("--bulk", "--no-bulk"):
        store = tmp_path / f"{mode}.lbdb"
        report = run(store, "load", *map(str, paths), mode, "--jobs", "1", "--format", "json")
        assert (report["added"], report["failed"]) == (4, 0)
        assert not Path(f"{store}.stage").exists()
        graphs.append(_graph(store))
    assert graphs[0] == graphs[1]
    assert any(key == ("ALIGNS_WITH", "Task", "Task") and rows for _, key, rows in graphs[0])


def test_a_bulk_load_stopped_midway_writes_nothing_and_the_next_loads_all(files, tmp_path,
                                                                           monkeypatch):
    store = tmp_path / "s.lbdb"
    paths = (files["text"], files["district"], files["province"])
    real = load_command.extract_one
    seen = []

    def stop_at_third(p):
        seen.append(p)
        if len(seen) == 3:
            raise KeyboardInterrupt
        return real(p)

    monkeypatch.setattr(load_command, "extract_one", stop_at_third)
    args = ["--store", str(store), "load", *map(str, paths), "--bulk", "--jobs", "1"]
    assert CliRunner().invoke(cli, args).exit_code != 0
    monkeypatch.undo()
    names = rows(store, "MATCH (s:Source) RETURN s.name")
    assert names and not {(p.name,) for p in paths} & set(names)  # only the reference data
    assert load(store, *paths)["added"] == 3


# `kg load --bulk` run as a child that stops hard (no cleanup runs) in the copy of its stage,
# in pieces of 3 rows: after `stop` checkpoints, or, given "marking", once every table is in
# but before its sources are marked loaded.
STOP_IN_COPY = """
import os, sys
from pathlib import Path
import graph.ladybug_bulk, graph.stage
from graph.ladybug_store import LadybugStore
from kg.cli import cli
stop, store, paths = sys.argv[1], sys.argv[2], sys.argv[3:]
graph.ladybug_bulk.COPY_PIECE_ROWS = 3
manifest = Path(store + ".stage") / "manifest.json"
real, copied = LadybugStore.checkpoint, []
def checkpoint(self, resume_auto=True):
    real(self, resume_auto)
    if manifest.exists():
        copied.append(1)
        if stop != "marking" and len(copied) == int(stop):
            os._exit(3)
LadybugStore.checkpoint = checkpoint
if stop == "marking":
    graph.stage.staged_sources = lambda directory: os._exit(3)
cli(["--store", store, "load", *paths, "--bulk", "--jobs", "1"])
"""


@pytest.mark.parametrize("stop", ["1", "4", "marking"])
def test_a_bulk_load_stopped_in_its_copy_is_finished_by_the_next(files, tmp_path, stop):
    import subprocess
    import sys

    paths = [str(files[n]) for n in ("text", "district", "province")]
    store = tmp_path / "s.lbdb"
    child = subprocess.run([sys.executable, "-c", STOP_IN_COPY, stop, str(store), *paths],
                           cwd=Path(__file__).parents[1], capture_output=True, text=True)
    assert child.returncode == 3, child.stderr
    assert (Path(f"{store}.stage") / "manifest.json").exists()  # the stage is kept
    report = load(store, *map(Path, paths))
    assert (report["added"], report["failed"]) == (0, 0)  # their copy was finished instead
    assert not Path(f"{store}.stage").exists()
    clean = tmp_path / "clean.lbdb"
    run(clean, "load", *paths, "--bulk", "--jobs", "1")
    assert _graph(store) == _graph(clean)
