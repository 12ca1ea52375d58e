"""Nothing a user types damages the store or lies (issue 17): `kg cypher` is read-only unless
--write, a write is noted and repaired by the next load, reads need no write access, and a
store that cannot be opened is named in one line, never created, never a traceback."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.context import LOAD_MARK

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the repo")


def run(store: Path | str, *args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(cli, ["--store", str(store), *args])
    assert r.exception is None or isinstance(r.exception, SystemExit), r.exc_info
    return r.exit_code, r.stdout, r.stderr


def counts(store: Path) -> dict:
    code, out, err = run(store, "stats", "--format", "json")
    assert code == 0, err
    return json.loads(out)


def load(store: Path) -> tuple[int, str, str]:
    return run(store, "load", "--quiet", "--jobs", "1", *map(str, sorted(SEEDS.glob("*.txt"))))


@pytest.fixture(scope="module")
def clean(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("clean") / "kg.lbdb"
    code, _, err = load(path)
    assert code == 0, err
    return path


@pytest.fixture
def store(clean, tmp_path) -> Path:
    path = tmp_path / "kg.lbdb"
    shutil.copy(clean, path)
    return path


@pytest.mark.parametrize("query", [
    "MATCH (d:Document {symbol: '10-KH/TW'}) DETACH DELETE d",
    "CREATE (:Document {uid: 'doc:X', symbol: 'X'})",
    "DROP TABLE SUPPORT",
    "MATCH (t:Task) SET t.lead = 'nobody'",
    "CHECKPOINT",
])
def test_cypher_refuses_a_write_in_one_line_naming_write(store, clean, query):
    code, out, err = run(store, "cypher", query)
    assert code == 1
    assert "--write" in err and len(err.strip().splitlines()) == 1
    assert counts(store) == counts(clean)
    code, out, _ = run(store, "cypher", "MATCH (t:Task) WHERE t.lead = 'nobody' "
                       "RETURN count(t) AS n", "--format", "json")
    assert json.loads(out) == [{"n": 0}]
    assert not Path(str(store) + ".wal").exists()


def test_a_write_is_reported_and_the_next_load_restores_the_graph(store, clean):
    docs = counts(store)["nodes"]["Document"]
    code, _, err = run(store, "cypher", "--write",
                       "MATCH (d:Document {symbol: '10-KH/TW'}) DETACH DELETE d")
    assert code == 0 and f"Document {docs} -> {docs - 1}" in err
    code, _, err = run(store, "cypher", "--write", "DROP TABLE SUPPORT")
    assert code == 0 and "schema" in err
    code, _, err = run(store, "trace", "26-NQ/TW")
    assert "kg cypher --write" in err  # reads say the graph was changed by hand
    code, out, err = load(store)
    assert code == 0 and "reloaded in full" in err
    assert counts(store) == counts(clean)
    assert run(store, "trace", "26-NQ/TW", "--format", "json")[1] == \
        run(clean, "trace", "26-NQ/TW", "--format", "json")[1]
    code, out, err = load(store)  # the note is gone: an ordinary load again
    assert "5 unchanged" in out and "--write" not in err


def test_repair_restores_a_changed_property_the_counts_do_not_show(store, clean):
    query = "MATCH (t:Task) RETURN t.uid AS u, t.text AS x ORDER BY u"
    run(store, "cypher", "--write", "MATCH (t:Task) SET t.text = 'nothing'")
    assert run(store, "cypher", query)[1] != run(clean, "cypher", query)[1]
    load(store)
    assert run(store, "cypher", query)[1] == run(clean, "cypher", query)[1]


def test_a_missing_parameter_is_named(store):
    code, _out, err = run(store, "cypher", "MATCH (d:Document {symbol: $s}) RETURN d.uid // $x")
    assert code == 2 and "--param s=" in err and "$x" not in err


def test_an_undirected_pattern_over_a_one_way_type_says_how_to_write_it(store):
    code, _, err = run(store, "cypher", "MATCH (t:Task)-[:LEAD]-(o) RETURN count(*) AS n")
    assert code == 1 and "give the pattern a direction" in err


@pytest.mark.parametrize("command", [["stats"], ["trace", "26-NQ/TW"], ["gaps", "26-NQ/TW"],
                                     ["cypher", "MATCH (n) RETURN count(n)"]])
def test_reading_a_missing_store_names_it_and_creates_nothing(tmp_path, command):
    path = tmp_path / "typo.lbdb"
    code, _, err = run(path, *command)
    assert code == 1 and str(path) in err and "kg load" in err
    assert not path.exists() and list(tmp_path.iterdir()) == []


def test_an_http_store_is_refused_with_the_accepted_schemes(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _, err = run("http://localhost:7474", "trace", "26-NQ/TW")
    assert code == 1 and "bolt://" in err and "neo4j+s" in err
    assert list(tmp_path.iterdir()) == []  # no folder named "http:"


@pytest.mark.parametrize("damage", ["empty", "truncated", "folder"])
@pytest.mark.parametrize("command", [["stats"], ["coverage", "26-NQ/TW"],
                                     ["load", "--quiet", str(SEEDS / "none.txt")]])
def test_a_damaged_store_is_one_line_saying_what_to_do(clean, tmp_path, damage, command):
    path = tmp_path / "kg.lbdb"
    if damage == "empty":
        path.write_bytes(b"")
    elif damage == "truncated":
        path.write_bytes(clean.read_bytes()[:20_000])
    else:
        path.mkdir()
    code, _out, err = run(path, *command)
    assert code != 0
    lines = [x for x in err.splitlines() if x.strip()]
    assert len(lines) <= 3 and "Traceback" not in err, err  # usage errors take 3 lines
    assert {"empty": "empty file", "truncated": "cut short",
            "folder": "is a folder"}[damage] in err or command[0] == "load"


def test_reads_say_when_a_load_is_running_or_stopped(store):
    from graph import open_store

    s = open_store(str(store))  # what a load leaves until it has aligned
    s.execute("CREATE (:Source {uid: $u, name: 'alignment pending', path: 'pending:alignment', "
              "complete: true})", {"u": LOAD_MARK})
    s.close()
    code, _, err = run(store, "trace", "26-NQ/TW")
    assert code == 0 and "load" in err and "partial" in err


# ------------------------------------------------------------ a store nobody may write


@pytest.fixture
def read_only_folder(clean) -> Iterator[tuple[Path, list[str]]]:
    """A store file in a folder this user cannot write (as root: run kg as `nobody`)."""
    folder = Path(tempfile.mkdtemp(prefix="kg-ro-", dir="/tmp"))
    store = folder / "kg.lbdb"
    shutil.copy(clean, store)
    prefix: list[str] = []
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("running as root without setpriv")
        prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
        os.chmod(store, 0o644)
    os.chmod(folder, 0o555)
    yield store, prefix
    os.chmod(folder, 0o755)
    shutil.rmtree(folder)


def kg_as(prefix: list[str], store: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HOME": "/tmp"}
    return subprocess.run([*prefix, sys.executable, "-m", "kg", "--store", str(store), *args],
                          capture_output=True, text=True, env=env, cwd="/tmp", timeout=300)


@pytest.mark.parametrize("command", [
    ["coverage", "26-NQ/TW"], ["gaps", "26-NQ/TW"], ["lag", "26-NQ/TW"],
    ["targets", "26-NQ/TW"], ["cypher", "MATCH (d:Document) RETURN count(d) AS n"],
    ["explore", "--out", "/dev/null"], ["export", "--format", "turtle"],
    ["trace", "26-NQ/TW"], ["show", "123-KH/TU"], ["stats"]])
def test_reading_needs_no_write_access(read_only_folder, command):
    store, prefix = read_only_folder
    before = sorted(p.name for p in store.parent.iterdir())
    r = kg_as(prefix, store, *command)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() or command[0] == "explore"
    assert sorted(p.name for p in store.parent.iterdir()) == before


def test_writing_to_a_read_only_folder_is_one_line(read_only_folder):
    store, prefix = read_only_folder
    r = kg_as(prefix, store, "load", "--quiet", "--jobs", "1", str(SEEDS))
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and "writable folder" in r.stderr


def test_reads_say_a_load_is_running_and_the_load_says_when_it_ends(store, tmp_path):
    Path(str(store) + ".loading").write_text(str(os.getpid()))  # a live process
    code, _, err = run(store, "stats")
    assert code == 0 and "is running" in err
    Path(str(store) + ".loading").write_text("999999999")  # a process gone: no note
    assert "running" not in run(store, "stats")[2]
    Path(str(store) + ".loading").unlink()
    load(store)
    assert not Path(str(store) + ".loading").exists()


def test_a_load_announces_itself_while_it_runs(tmp_path):
    path = tmp_path / "kg.lbdb"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "kg", "--store", str(path), "load", "--quiet",
                             "--jobs", "1", str(SEEDS)], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    seen = False
    while proc.poll() is None:
        marker = Path(str(path) + ".loading")
        if marker.exists():
            seen = seen or marker.read_text() == str(proc.pid)
        time.sleep(0.01)
    assert proc.wait() == 0 and seen
    assert not Path(str(path) + ".loading").exists()


def test_check_finds_what_a_write_removed_and_added_until_a_repair(store):
    def check() -> tuple[int, dict]:
        code, out, _ = run(store, "check", "--format", "json", "--jobs", "1")
        return code, json.loads(out)

    code, found = check()
    assert code == 0 and found["ok"] and found["checked"] >= 5 and not found["differ"]
    run(store, "cypher", "--write", "MATCH (d:Document {symbol: '10-KH/TW'}) DETACH DELETE d")
    run(store, "cypher", "--write", "CREATE (:Document {uid: 'doc:MINE', symbol: 'MINE'})")
    code, found = check()
    assert code == 1 and not found["ok"]
    differ = dict((Path(p).name, d) for p, d in found["differ"])
    assert any(t == "IMPLEMENTS" and stated > stored
               for t, stated, stored in differ["000_0ed14e411a2d4119.txt"])
    assert found["nodes_of_no_source"] == {"Document": 1}
    load(store)
    assert check()[0] == 0


def test_a_staged_repair_restores_the_graph_too(store, clean):
    run(store, "cypher", "--write", "MATCH (d:Document {symbol: '10-KH/TW'}) DETACH DELETE d")
    code, _, err = run(store, "load", "--quiet", "--jobs", "1", "--bulk",
                       *map(str, sorted(SEEDS.glob("*.txt"))))
    assert code == 0, err
    assert counts(store) == counts(clean)
    assert "--write" not in run(store, "stats")[2]
