"""The embedded store and Neo4j give the same answer to every built-in query over the seeds.

Both stores are loaded by `kg load` itself (reference data, extraction, alignment). To cover a
new built-in query, add a (name, function of a store) pair to QUERIES.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from alignment.deriving import alignment_inputs
from graph import load_batches, to_batch
from graph.dump import dump
from graph.ladybug_store import LadybugStore
from graph.model import Extraction, Implements
from graph.neo4j_store import Neo4jStore
from graph.store import Store
from graph.transfer import copy_graph
from queries import find_documents, show, stats, trace
from queries.coverage import coverage
from queries.gaps import gaps
from queries.lag import lag
from queries.targets import targets_report
from tests import factories
from tests.conftest import SEEDS, seeds_in_both_stores

pytestmark = [pytest.mark.neo4j, pytest.mark.skipif(
    not SEEDS.is_dir(), reason="../shared/seeds is not beside the repo")]

ROOT = "doc:26-NQ/TW"
HAI_PHONG = "doc:123-KH/TU@hai-phong"


def documents(store: Store) -> list[str]:
    return [r["uid"] for r in store.query("MATCH (d:Document) RETURN d.uid AS uid ORDER BY uid")]


def every_trace(store: Store) -> dict[str, Any]:
    """Down and up from every document."""
    return {(uid, up): trace(store, uid, up=up).as_json()
            for uid in documents(store) for up in (False, True)}


def every_show(store: Store) -> dict[str, Any]:
    return {uid: show(store, uid) for uid in documents(store)}


def contents(store: Store) -> list:
    return [(kind, name, sorted(map(repr, rows))) for kind, name, rows in dump(store)]


QUERIES: list[tuple[str, Callable[[Store], Any]]] = [
    ("stats", stats),
    ("trace 26-NQ/TW", lambda s: trace(s, ROOT).as_json()),
    ("trace --up 123-KH/TU", lambda s: trace(s, HAI_PHONG, up=True).as_json()),
    ("trace --depth 1", lambda s: trace(s, ROOT, depth=1).as_json()),
    ("trace every document", every_trace),
    ("show 26-NQ/TW", lambda s: show(s, ROOT)),
    ("show every document", every_show),
    ("find 'Nghị quyết 26'", lambda s: find_documents(s, "Nghị quyết 26")),
    ("find '123-KH/TU@Hải Phòng'", lambda s: find_documents(s, "123-KH/TU@Hải Phòng")),
    ("find 'ke hoach'", lambda s: find_documents(s, "ke hoach")),
    ("coverage", lambda s: coverage(s, ROOT).as_json()),
    ("coverage by locality", lambda s: coverage(s, ROOT, by="locality").as_json()),
    ("gaps", lambda s: gaps(s, ROOT).as_json()),
    ("lag", lambda s: lag(s, ROOT).as_json()),
    ("targets", lambda s: targets_report(s, ROOT).as_json()),
    ("alignment inputs of every plan", lambda s: alignment_inputs(s, [
        r["uid"] for r in s.query("MATCH (d:Document) RETURN d.uid AS uid ORDER BY uid")])),
    ("the whole graph", contents),
]


@pytest.fixture(scope="module")
def stores(neo4j_uri, kg_load, tmp_path_factory) -> Iterator[tuple[LadybugStore, Neo4jStore]]:
    """(embedded, Neo4j), both loaded with the seeds by `kg load`."""
    yield from seeds_in_both_stores(neo4j_uri, kg_load, tmp_path_factory.mktemp("parity"))


@pytest.fixture
def restore(stores) -> Iterator[None]:
    """For tests that change the Neo4j graph: put the seeds' graph back afterwards."""
    yield
    embedded, neo = stores
    neo.clear()
    copy_graph(embedded, neo)


@pytest.mark.parametrize(("name", "ask"), QUERIES, ids=[n for n, _ in QUERIES])
def test_both_stores_give_the_same_answer(stores, name, ask):
    embedded, neo = stores
    answer = ask(embedded)
    assert answer, f"{name}: no answer on the seeds, the comparison would prove nothing"
    assert ask(neo) == answer


def test_the_seeds_reach_the_known_plans(stores):
    _, neo = stores
    lags = {d["symbol"]: d["lag_days"] for d in trace(neo, ROOT).as_json()["documents"]}
    assert (lags["103a-KH/TU"], lags["123-KH/TU"], lags["228-KH/TU"]) == (68, 72, 102)


def test_loading_again_changes_no_count(stores, neo4j_uri, kg_load):
    _, neo = stores
    before = contents(neo)
    report = kg_load(neo4j_uri, *sorted(SEEDS.glob("*.txt")))
    assert (len(report.unchanged), report.added) == (5, [])
    assert contents(neo) == before


def test_a_changed_file_replaces_exactly_its_facts(stores, neo4j_uri, kg_load, tmp_path,
                                                   restore):
    embedded, neo = stores
    folder = tmp_path / "seeds"
    folder.mkdir()
    for f in SEEDS.glob("*.txt"):
        shutil.copy(f, folder / f.name)
    neo.clear()
    kg_load(neo4j_uri, folder)
    kg_load(tmp_path / "copy.lbdb", folder)
    # the Hải Phòng plan's date moves by a day in the article that reports it
    article = next(f for f in folder.glob("*.txt") if "123-KH/TU" in f.read_text("utf-8"))
    text = article.read_text("utf-8")
    day = lag_day(text)
    article.write_text(text.replace(day[0], day[1]), "utf-8")
    assert kg_load(neo4j_uri, folder).replaced == [article.name]
    assert kg_load(tmp_path / "copy.lbdb", folder).replaced == [article.name]
    lags = {d["symbol"]: d["lag_days"] for d in trace(neo, ROOT).as_json()["documents"]}
    assert lags["123-KH/TU"] == 73
    assert stats(neo) == stats(embedded)
    changed = LadybugStore(str(tmp_path / "copy.lbdb"))
    assert contents(neo) == contents(changed)
    changed.close()


def lag_day(text: str) -> tuple[str, str]:
    """The date of 123-KH/TU as printed in the seed, and the day after (30-7-2018 -> 31-7)."""
    for sep in ("/", "-"):
        printed = f"30{sep}7{sep}2018"
        if printed in text:
            return printed, f"31{sep}7{sep}2018"
    raise AssertionError("the seed no longer prints 123-KH/TU's date as 30/7/2018")


def test_copy_graph_embedded_to_neo4j_gives_the_same_graph(stores, restore):
    embedded, neo = stores
    neo.clear()
    report = copy_graph(embedded, neo)
    assert len(report.copied) == len(embedded.sources())
    assert stats(neo) == stats(embedded)
    assert contents(neo) == contents(embedded)
    assert copy_graph(embedded, neo).copied == []
    assert contents(neo) == contents(embedded)


def test_copy_graph_neo4j_to_embedded(stores, tmp_path):
    embedded, neo = stores
    back = LadybugStore(str(tmp_path / "back.lbdb"))
    copy_graph(neo, back)
    assert contents(back) == contents(embedded)
    back.close()


def test_every_seed_is_in_the_parity_corpus(stores):
    embedded, _ = stores
    names = {s.name for s in embedded.sources()}
    assert {f.name for f in SEEDS.glob("*.txt")} <= names


def shortcut_and_cycle() -> list[Extraction]:
    """R <- A <- B <- C -> R (a shortcut), D -> C, R -> D (a cycle); A -> R stated twice."""
    one, two = factories.source("one.txt"), factories.source("two.txt")
    docs = {n: factories.doc(one, f"doc:{n}", f"{n}-KH", "Kế hoạch", "provincial")
            for n in "RABCD"}
    links = [Implements(f"doc:{a}", f"doc:{b}", "explicit",
                        factories.ev(one, f"{a} thực hiện {b}."))
             for a, b in ("AR", "BA", "CB", "CR", "DC", "RD")]
    again = Implements("doc:A", "doc:R", "implied", factories.ev(two, "A cũng thực hiện R."))
    return [Extraction(one, "", documents=list(docs.values()), implements=links),
            Extraction(two, "", documents=[docs["A"], docs["R"]], implements=[again])]


def test_trace_takes_the_shortest_distance_over_shortcuts_cycles_and_parallel_links(
        stores, tmp_path, restore):
    _, neo = stores
    neo.clear()
    embedded = LadybugStore(str(tmp_path / "small.lbdb"))
    embedded.ensure_schema()
    for store in (embedded, neo):
        load_batches(store, [to_batch(x) for x in shortcut_and_cycle()])
    answers = []
    for store in (embedded, neo):
        down, up = trace(store, "doc:R"), trace(store, "doc:D", up=True)
        answers.append([(t.as_json(), t.edges) for t in (down, up)])
        assert [(d["id"], d["depth"], d["parents"]) for d in down.documents] == [
            ("doc:A", 1, ["doc:R"]), ("doc:C", 1, ["doc:B", "doc:R"]),
            ("doc:B", 2, ["doc:A"]), ("doc:D", 2, ["doc:C"])]
        assert [(d["id"], d["depth"]) for d in up.documents] == [
            ("doc:C", 1), ("doc:B", 2), ("doc:R", 2), ("doc:A", 3)]
        assert [e["sources"] for e in down.edges if e["child"] == "doc:A"] == [2]
        for t, upward in ((down, False), (up, True)):  # the one-walk parents, cycle included
            lean = trace(store, t.root["id"], up=upward, links=False)
            assert lean.as_json() == t.as_json() and lean.edges == []
    embedded.close()
    assert answers[0] == answers[1]
