"""The Neo4j store: schema from the ontology, the same rows and semantics as the embedded one,
plain values out, one-line errors, and copying graphs between stores."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from graph import StoreError, load_batches, open_store, to_batch
from graph.dump import dump
from graph.ladybug_store import LadybugStore
from graph.neo4j_store import Neo4jStore, _groups, _packer, split_uri
from graph.transfer import copy_graph
from ontology import Prop, load_schema
from queries import stats
from tests import factories
from tests.neo4j_server import split_uri as server_split

pytestmark = pytest.mark.neo4j


def contents(store) -> list:
    """The whole graph as comparable data: every node and relationship with its properties."""
    return [(kind, name, sorted(map(repr, rows))) for kind, name, rows in dump(store)]


# ---------------------------------------------------------------- URIs (no server needed)

def test_credentials_come_from_the_uri_and_are_never_shown():
    address, auth, shown = split_uri("neo4j+s://alice:s%40cret@abc.databases.neo4j.io")
    assert address == "neo4j+s://abc.databases.neo4j.io"
    assert auth == ("alice", "s@cret")
    assert shown == "neo4j+s://alice@abc.databases.neo4j.io" and "cret" not in shown


def test_credentials_fall_back_to_the_environment(monkeypatch):
    monkeypatch.setenv("NEO4J_USER", "bob")
    monkeypatch.setenv("NEO4J_PASSWORD", "pw")
    assert split_uri("bolt://localhost:7687") == ("bolt://localhost:7687", ("bob", "pw"),
                                                  "bolt://bob@localhost:7687")
    monkeypatch.delenv("NEO4J_USER")
    monkeypatch.delenv("NEO4J_PASSWORD")
    assert split_uri("bolt://localhost:7687")[1] is None


def test_constraints_and_indexes_come_from_the_ontology():
    schema = load_schema()
    ddl = Neo4jStore.ddl_for(schema)
    for n in schema.nodes:
        assert (f"CREATE CONSTRAINT {n.label}_uid IF NOT EXISTS FOR (n:{n.label}) "
                "REQUIRE n.uid IS UNIQUE") in ddl
    assert ("CREATE INDEX Document_symbol_key IF NOT EXISTS FOR (n:Document) "
            "ON (n.symbol_key)") in ddl
    assert "CREATE INDEX Alias_key IF NOT EXISTS FOR (n:Alias) ON (n.key)" in ddl
    assert "CREATE INDEX Source_path IF NOT EXISTS FOR (n:Source) ON (n.path)" in ddl
    assert ("CREATE FULLTEXT INDEX Task_search_fulltext IF NOT EXISTS FOR (n:Task) ON EACH "
            "[n.search] OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}}") in ddl
    names = schema.names
    for stmt in ddl:
        stmt = re.sub(r"OPTIONS .*", "", stmt)  # index settings, not graph names
        used = re.findall(r":(\w+)[)\]]", stmt) + re.findall(r"\.(\w+)", stmt)
        assert len(used) == 2 and set(used) <= names, stmt


def test_rows_travel_as_positional_lists_in_the_ontology_types():
    props = [Prop(name, type_, "") for name, type_ in (
        ("uid", "STRING"), ("issued", "DATE"), ("score", "DOUBLE"), ("words", "STRING[]"),
        ("ord", "INT64"))]
    pack = _packer(props, ("from", "to"))
    assert pack({"from": "a", "to": "b", "uid": "x", "issued": "2018-05-19", "score": 1,
                 "words": ("p", "q"), "ord": None}) == [
        "a", "b", "x", dt.date(2018, 5, 19), 1.0, ["p", "q"], None]
    assert pack({"from": "a", "to": "b"}) == ["a", "b", None, None, None, None, None]


def test_transactions_hold_at_most_chunk_rows_and_keep_the_order():
    steps = [("A", [1, 2, 3]), ("B", [4, 5]), ("C", []), ("D", [6])]
    assert list(_groups(steps, 2)) == [[("A", [1, 2])], [("A", [3]), ("B", [4])],
                                       [("B", [5]), ("D", [6])]]
    assert list(_groups(steps, 10)) == [[("A", [1, 2, 3]), ("B", [4, 5]), ("D", [6])]]
    assert list(_groups([], 10)) == []


# ---------------------------------------------------------------- against the server

def test_open_store_picks_neo4j_for_bolt_and_neo4j_uris(neo4j_uri):
    for uri in (neo4j_uri, neo4j_uri.replace("bolt://", "neo4j://", 1)):
        s = open_store(uri)
        assert isinstance(s, Neo4jStore) and s.dialect == "neo4j"
        assert s.query("RETURN 1 AS x") == [{"x": 1}]
        s.close()


def test_the_server_holds_the_ontology_constraints(neo4j_store):
    rows = neo4j_store.query("SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type "
                             "WHERE type = 'UNIQUENESS' RETURN labelsOrTypes[0] AS label, "
                             "properties AS props")
    assert {r["label"] for r in rows if r["props"] == ["uid"]} >= {
        n.label for n in load_schema().nodes}


def test_wrong_password_is_a_one_line_error_without_the_password(neo4j_uri):
    _, user, password = server_split(neo4j_uri)
    wrong = neo4j_uri.replace(f":{password}@", ":not-the-password@")
    with pytest.raises(StoreError) as e:
        Neo4jStore(wrong)
    message = str(e.value)
    assert "credentials" in message and "not-the-password" not in message
    assert "\n" not in message and f"bolt://{user}@127.0.0.1" in message


def test_an_unreachable_server_is_a_one_line_error():
    with pytest.raises(StoreError, match=r"cannot reach Neo4j at bolt://u@127\.0\.0\.1:1\b"):
        Neo4jStore("bolt://u:secret@127.0.0.1:1")


def test_credentials_from_the_environment_and_an_unknown_database(neo4j_uri, monkeypatch):
    address, user, password = server_split(neo4j_uri)
    monkeypatch.setenv("NEO4J_USER", user)
    monkeypatch.setenv("NEO4J_PASSWORD", password)
    s = Neo4jStore(address)
    assert s.query("RETURN 2 AS x") == [{"x": 2}]
    s.close()
    with pytest.raises(StoreError, match="database nope"):
        Neo4jStore(address, database="nope")


def test_query_returns_plain_python_values(neo4j_store):
    load_batches(neo4j_store, [to_batch(x) for x in factories.corpus()])
    rows = neo4j_store.query(
        "MATCH (d:Document {uid: $u})-[r:IMPLEMENTS]->(p:Document {uid: 'doc:26-NQ/TW'}) "
        "RETURN d.issued AS date, d AS node, r AS rel, [d.issued] AS dates",
        {"u": "doc:123-KH/TU@hai-phong"})
    assert len(rows) == 1
    row = rows[0]
    assert row["date"] == dt.date(2018, 7, 30) and type(row["date"]) is dt.date
    assert row["node"]["symbol"] == "123-KH/TU" and isinstance(row["node"], dict)
    assert row["rel"]["basis"] == "explicit" and row["dates"] == [dt.date(2018, 7, 30)]


def test_both_stores_hold_the_same_graph(neo4j_store, lbdb_path):
    batches = [to_batch(x) for x in factories.corpus()]
    embedded = LadybugStore(str(lbdb_path))
    embedded.ensure_schema()
    load_batches(embedded, batches)
    load_batches(neo4j_store, batches)
    assert contents(neo4j_store) == contents(embedded)
    embedded.close()


def test_small_transactions_write_the_same_graph(neo4j_store, neo4j_uri):
    batches = [to_batch(x) for x in factories.corpus()]
    load_batches(neo4j_store, batches)
    expected = contents(neo4j_store)
    neo4j_store.clear()
    small = Neo4jStore(neo4j_uri, chunk=3)  # every statement spans several transactions
    load_batches(small, batches)
    assert contents(small) == expected
    small.close()


def test_retraction_deletes_in_chunks(neo4j_uri):
    store = Neo4jStore(neo4j_uri, chunk=3)
    store.ensure_schema()
    store.clear()
    batches = [to_batch(x) for x in factories.corpus()]
    load_batches(store, batches)
    store.retract([b.source.uid for b in batches])
    counts = stats(store)
    assert sum(counts["relationships"].values()) == 0
    assert counts["nodes"]["Document"] == 0 and counts["nodes"]["Source"] == 0
    store.close()


def test_copy_graph_both_ways_and_twice_changes_nothing(neo4j_store, tmp_path):
    embedded = LadybugStore(str(tmp_path / "a.lbdb"))
    embedded.ensure_schema()
    load_batches(embedded, [to_batch(x) for x in factories.corpus()])
    report = copy_graph(embedded, neo4j_store)
    assert sorted(report.copied) == ["central.txt", "hai-phong.txt", "quang-ninh.txt"]
    assert contents(neo4j_store) == contents(embedded)
    again = copy_graph(embedded, neo4j_store)
    assert again.copied == [] and len(again.skipped) == 3
    assert contents(neo4j_store) == contents(embedded)
    back = LadybugStore(str(tmp_path / "b.lbdb"))
    copy_graph(neo4j_store, back)
    assert contents(back) == contents(embedded)
    embedded.close()
    back.close()


def test_copy_graph_adds_only_the_missing_sources(neo4j_store, tmp_path):
    embedded = LadybugStore(str(tmp_path / "a.lbdb"))
    embedded.ensure_schema()
    batches = [to_batch(x) for x in factories.corpus()]
    load_batches(embedded, batches)
    load_batches(neo4j_store, batches[:1])
    report = copy_graph(embedded, neo4j_store)
    assert sorted(report.copied) == ["hai-phong.txt", "quang-ninh.txt"]
    assert report.skipped == ["central.txt"]
    assert contents(neo4j_store) == contents(embedded)
    embedded.close()


def test_kg_transfer_copies_the_store_and_reports_it(neo4j_store, neo4j_uri, lbdb_path):
    import json

    from click.testing import CliRunner

    from kg.cli import cli

    embedded = LadybugStore(str(lbdb_path))
    embedded.ensure_schema()
    load_batches(embedded, [to_batch(x) for x in factories.corpus()])
    expected = contents(embedded)
    embedded.close()
    args = ["--store", str(lbdb_path), "transfer", "--to", neo4j_uri, "--format", "json"]
    first = CliRunner().invoke(cli, args)
    assert first.exit_code == 0, first.output
    summary = json.loads(first.stdout)
    assert (summary["copied"], summary["skipped"]) == (3, 0)
    assert "@127.0.0.1" in summary["to"] and server_split(neo4j_uri)[2] not in first.stdout
    again = CliRunner().invoke(cli, args)
    assert json.loads(again.stdout)["copied"] == 0
    assert contents(neo4j_store) == expected


def test_the_cli_reports_a_wrong_password_in_one_line(neo4j_uri):
    from click.testing import CliRunner

    from kg.cli import cli

    password = server_split(neo4j_uri)[2]
    wrong = neo4j_uri.replace(f":{password}@", ":wrong-password@")
    result = CliRunner().invoke(cli, ["--store", wrong, "stats"])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "refused the credentials" in result.stderr
    assert "wrong-password" not in result.stderr and "Traceback" not in result.output
