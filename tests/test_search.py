"""Text search (queries/search.py, `kg search`): accents and case aside, on both stores."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph import load_batches, to_batch
from graph.keys import search_words
from graph.ladybug_store import LadybugStore
from graph.model import Extraction, Organisation, Task
from kg.cli import cli
from queries.search import EmptySearch, search, unsearchable
from tests.factories import doc, ev, source


def extraction() -> Extraction:
    """A plan with a title, three tasks and two bodies, in our own words."""
    s = source("search.txt", "v1")
    plan = doc(s, "doc:7-KH/TU@ha-giang", "7-KH/TU", "Kế hoạch", "provincial", "Hà Giang",
               dt.date(2019, 3, 4), "Ban Thường vụ Tỉnh ủy Hà Giang")
    plan = replace(plan, title="Về bồi dưỡng cán bộ cấp chiến lược")
    texts = ["Lập danh sách cán bộ trẻ có triển vọng, gửi về tỉnh.",
             "Mở lớp bồi dưỡng CÁN BỘ cấp chiến lược cho khóa tới.",
             "Tổ chức hội nghị sơ kết; chiến lược truyền thông của tỉnh."]
    tasks = [Task(f"task:7#{i}", plan.uid, str(i), t, ev(s, t), order=i)
             for i, t in enumerate(texts, 1)]
    orgs = [Organisation(f"org:{slug}@ha-giang", name, "provincial", "party", "Hà Giang",
                         ev(s, name))
            for slug, name in (("ban-to-chuc", "Ban Tổ chức Tỉnh ủy"),
                               ("so-noi-vu", "Sở Nội vụ"))]
    return Extraction(s, "v1", documents=[plan], tasks=tasks, organisations=orgs)


@pytest.fixture(scope="module")
def embedded(tmp_path_factory) -> Iterator[LadybugStore]:
    store = LadybugStore(str(tmp_path_factory.mktemp("search") / "kg.lbdb"))
    store.ensure_schema()
    load_batches(store, [to_batch(extraction())])
    yield store
    store.close()


@pytest.fixture
def neo(neo4j_store):
    load_batches(neo4j_store, [to_batch(extraction())])
    return neo4j_store


def _uids(rows: list[dict]) -> list[str]:
    return [r["uid"] for r in rows]


def test_search_words_fold_accents_case_and_punctuation():
    assert search_words("Đội ngũ CÁN BỘ (cấp chiến lược); khóa XIII") == (
        "doi ngu can bo cap chien luoc khoa xiii")
    assert search_words(" ;, ") is None


def _check_answers(store) -> None:
    # folded, unaccented and upper-case queries all find the accented text; word order aside
    for query in ("can bo chien luoc", "CÁN BỘ CHIẾN LƯỢC", "chiến lược cán bộ"):
        assert _uids(search(store, query, "task")) == ["task:7#2"], query
        assert _uids(search(store, query, "doc")) == ["doc:7-KH/TU@ha-giang"], query
    # whole words only: "can" is not "cán bộ trẻ"'s prefix match of "ca"
    assert search(store, "ca bo", "task") == []
    # the phrase as typed ranks first, then shorter texts
    assert _uids(search(store, "chien luoc", "task")) == ["task:7#2", "task:7#3"]
    assert [r["rank"] for r in search(store, "cap chien luoc", "task")] == [0]
    # "to" is an English stop word for Neo4j's analyzer, a Vietnamese word here
    assert _uids(search(store, "TỔ", "org")) == ["org:ban-to-chuc@ha-giang"]
    assert _uids(search(store, "tổ chức", "task")) == ["task:7#3"]
    both = search(store, "noi vu")
    assert [(r["kind"], r["text"], r["locality"]) for r in both] == [
        ("org", "Sở Nội vụ", "Hà Giang")]
    task = search(store, "danh sách", "task")[0]
    assert (task["document"], task["label"]) == ("7-KH/TU", "1")
    assert len(search(store, "ca", limit=1)) == 0 and len(search(store, "cán", limit=1)) == 2
    with pytest.raises(EmptySearch):
        search(store, " !? ")


def test_a_folded_query_finds_accented_text_embedded(embedded):
    _check_answers(embedded)
    assert unsearchable(embedded) == 0


@pytest.mark.neo4j
def test_a_folded_query_finds_accented_text_neo4j(neo, embedded):
    _check_answers(neo)
    for query in ("can bo", "chien luoc", "tổ", "sở"):
        assert search(neo, query) == search(embedded, query)


@pytest.mark.neo4j
def test_without_its_index_neo4j_still_answers(neo, embedded):
    neo.execute("DROP INDEX Task_search_fulltext")  # as in a store made before kg search
    assert search(neo, "can bo chien luoc", "task") == search(embedded, "cán bộ chiến lược",
                                                             "task")
    neo.ensure_schema()  # `kg load` makes it again
    assert "Task_search_fulltext" in {
        r["name"] for r in neo.query("SHOW FULLTEXT INDEXES YIELD name RETURN name")}


@pytest.mark.neo4j
def test_neo4j_indexes_the_words_full_text_with_folding(neo):
    rows = neo.query("CALL db.index.fulltext.queryNodes('Task_search_fulltext', $q) "
                     "YIELD node RETURN node.uid AS uid ORDER BY uid", {"q": "BỒI DƯỠNG"})
    assert _uids(rows) == ["task:7#2"]  # the analyzer folds an accented query too


def test_kg_search_cli(tmp_path: Path):
    path = tmp_path / "kg.lbdb"
    store = LadybugStore(str(path))
    store.ensure_schema()
    load_batches(store, [to_batch(extraction())])
    store.close()
    run = CliRunner().invoke
    out = run(cli, ["--store", str(path), "search", "CAN BO", "--kind", "task",
                    "--format", "json"])
    assert out.exit_code == 0, out.output
    # both hold the phrase: the shorter text first
    assert [r["uid"] for r in json.loads(out.stdout)] == ["task:7#1", "task:7#2"]
    table = run(cli, ["--store", str(path), "search", "so noi vu"])
    assert table.exit_code == 0 and "Sở Nội vụ" in table.stdout
    empty = run(cli, ["--store", str(path), "search", "--", "--"])
    assert empty.exit_code != 0 and "give a word" in empty.output
    none = run(cli, ["--store", str(path), "search", "khong co tu nay"])
    assert none.exit_code == 0 and "no match" in none.output


@pytest.mark.bench
def test_the_search_benchmark_prints_its_figures(capsys):
    from bench.bench_search import main

    assert main(["--tasks", "300", "--repeat", "1"]) == 0
    out = capsys.readouterr().out
    assert "search_words" in out and "query time, embedded store, 300 tasks" in out
    assert out.count("kg search (folded words)") == 4 and "hits 20" in out
