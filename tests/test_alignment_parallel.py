"""Aligning plans in groups on worker processes gives exactly the links one process gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from alignment.deriving import derived_batches, plans, split_plans
from alignment.scoring import TaskRecord
from graph import open_store
from kg.ingest import ingest, workers

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = open_store(str(tmp_path_factory.mktemp("parallel") / "kg.lbdb"))
    ingest(s, [ROOT / "samples" / "corpus"], jobs=1)
    yield s
    s.close()


def _links(batches) -> list[tuple[str, str, list]]:
    return [(b.source.uid, b.source.path, sorted((e.src, e.dst, e.props["score"],
                                                   tuple(e.props["words"])) for e in b.edges))
            for b in batches]


def test_links_aligned_on_two_processes_equal_those_of_one(store):
    docs = sorted(plans(store))
    serial = derived_batches(store, docs)
    assert len(serial) > 3 and sum(len(b.edges) for b in serial) > 10  # plans to compare
    with workers(2) as pool:
        assert pool is not None
        for parts in (2, 3):
            assert _links(derived_batches(store, docs, pool.map, parts)) == _links(serial)
    assert _links(derived_batches(store, docs, map, 5)) == _links(serial)  # split, in order


def _tree() -> tuple[list[TaskRecord], list[tuple[str, str]], list[str]]:
    """A central text, two provinces' plans, three district plans under each, two tasks each."""
    links, docs = [], []
    for p in ("p1", "p2"):
        links.append((p, "c"))
        docs.append(p)
        for d in range(3):
            links.append((f"{p}d{d}", p))
            docs.append(f"{p}d{d}")
    tasks = [TaskRecord(f"{d}:{i}", d, str(i), f"việc {i}") for d in ["c", *docs] for i in (1, 2)]
    return tasks, links, docs


def test_plans_are_split_once_each_in_balanced_groups_of_one_chain():
    tasks, links, docs = _tree()
    for n in (1, 2, 3, 8):
        groups = split_plans(tasks, links, docs, n)
        assert sorted(d for g in groups for d in g) == sorted(docs)
        assert len(groups) <= n
    two = split_plans(tasks, links, docs, 2)
    assert len(two) == 2
    assert {frozenset(g) for g in two} == {frozenset({"p1", "p1d0", "p1d1", "p1d2"}),
                                           frozenset({"p2", "p2d0", "p2d1", "p2d2"})}
