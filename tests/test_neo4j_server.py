"""The local Neo4j test server starts, answers Cypher over Bolt, and enforces auth."""

import os

import neo4j
import pytest

from tests import neo4j_server


@pytest.mark.neo4j
def test_server_answers_bolt_and_enforces_auth() -> None:
    available, reason = neo4j_server.neo4j_available()
    if not available:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must run the Neo4j tests: {reason}")
        pytest.skip(reason)

    already_running = neo4j_server.is_running()
    uri = neo4j_server.start_server()
    try:
        address, user, password = neo4j_server.split_uri(uri)
        assert address.startswith("bolt://127.0.0.1:")

        with neo4j.GraphDatabase.driver(address, auth=(user, password)) as driver:
            records, _, _ = driver.execute_query("RETURN 1 AS x")
            assert [record["x"] for record in records] == [1]

        wrong = (user, password + "-wrong")
        with (
            neo4j.GraphDatabase.driver(address, auth=wrong) as driver,
            pytest.raises(neo4j.exceptions.AuthError),
        ):
            driver.verify_connectivity()
    finally:
        # Leave a server that someone else started (e.g. a session fixture) running.
        if not already_running:
            neo4j_server.stop_server()
