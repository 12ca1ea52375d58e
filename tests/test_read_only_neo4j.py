"""`kg cypher` on Neo4j is read-only unless --write (issue 17, case 1): the statement runs in
a READ transaction, so the server itself refuses a write, and kg says so in one line; a
deliberate write is noted and the next load restores the graph."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from tests.conftest import empty_neo4j_store

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"

pytestmark = [pytest.mark.neo4j,
              pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside "
                                                            "the repo")]


def run(uri: str, *args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(cli, ["--store", uri, *args])
    assert r.exception is None or isinstance(r.exception, SystemExit), r.exc_info
    return r.exit_code, r.stdout, r.stderr


@pytest.fixture(scope="module")
def loaded(neo4j_uri: str) -> str:
    empty_neo4j_store(neo4j_uri).close()
    code, _, err = run(neo4j_uri, "load", "--quiet", "--jobs", "1", str(SEEDS))
    assert code == 0, err
    return neo4j_uri


def counts(uri: str) -> dict:
    return json.loads(run(uri, "stats", "--format", "json")[1])


@pytest.mark.parametrize("query", [
    "MATCH (d:Document {symbol: '10-KH/TW'}) DETACH DELETE d",
    "CREATE (:Document {uid: 'doc:X'})",
    "MATCH (t:Task) SET t.text = 'x'",
    "CREATE INDEX kg_test_index IF NOT EXISTS FOR (n:Document) ON (n.title)",
])
def test_a_write_is_refused_by_the_server_in_one_line(loaded, query):
    before = counts(loaded)
    code, _, err = run(loaded, "cypher", query)
    assert code == 1 and "--write" in err and len(err.strip().splitlines()) == 1
    assert counts(loaded) == before
    _, out, _ = run(loaded, "cypher", "MATCH (t:Task {text: 'x'}) RETURN count(t) AS n",
                    "--format", "json")
    assert json.loads(out) == [{"n": 0}]


def test_write_changes_the_store_and_the_next_load_restores_it(loaded):
    before = counts(loaded)
    docs = before["nodes"]["Document"]
    code, _, err = run(loaded, "cypher", "--write",
                       "MATCH (d:Document {symbol: '10-KH/TW'}) DETACH DELETE d")
    assert code == 0 and f"Document {docs} -> {docs - 1}" in err
    assert "kg cypher --write" in run(loaded, "stats")[2]
    code, out, _ = run(loaded, "check", "--jobs", "1")
    assert code == 1 and "differs: " in out and "IMPLEMENTS" in out
    code, _, err = run(loaded, "load", "--quiet", "--jobs", "1", str(SEEDS))
    assert code == 0 and "reloaded in full" in err
    assert counts(loaded) == before
    assert "--write" not in run(loaded, "stats")[2]
    assert run(loaded, "check", "--jobs", "1")[0] == 0
