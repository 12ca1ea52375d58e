"""The explorer's data without a browser: the map's grid against the gazetteer, the task links
and reviews as packed into the page, and the packing itself (no nulls, parents as positions)."""

from __future__ import annotations

import datetime as dt

import networkx as nx

from loaders.localities import provinces
from viz.explorer import build_explorer_graph
from viz.tilemap import grid, units_of


def test_each_era_places_every_unit_of_the_gazetteer_once():
    for era, day in (("before_2025", dt.date(2020, 1, 1)), ("from_2025", dt.date(2026, 1, 1))):
        rows = grid()[era]
        assert sorted(r[0] for r in rows) == sorted(p.name for p in provinces(day))
        assert len({(r[1], r[2]) for r in rows}) == len(rows)  # no two tiles on one square
    north = {r[0]: r[1] for r in grid()["from_2025"]}
    assert north["Cao Bằng"] < north["Hà Nội"] < north["Đà Nẵng"] < north["Cà Mau"]


def test_a_locality_belongs_to_a_unit_of_each_era():
    assert units_of(["Yên Bái", "Huế", "Xã Không Có"]) == {
        "Yên Bái": ["Yên Bái", "Lào Cai"], "Huế": ["Thừa Thiên Huế", "Huế"]}


def _graph() -> nx.DiGraph:
    g = nx.DiGraph(root="doc:C")

    def doc(uid: str, level: str, tasks: list[dict]) -> None:
        g.add_node(uid, id=uid, symbol=uid[4:], type="Kế hoạch", level=level,
                   locality=None if level == "central" else "Yên Bái", date=None, title=None,
                   issuer=None, tasks=tasks, evidence=[], themes=[])

    doc("doc:C", "central", [{"uid": "t:C1", "label": "1", "text": "Một."},
                             {"uid": "t:C2", "label": "2", "text": "Hai."}])
    doc("doc:P", "provincial", [{"uid": "t:P1", "label": "a", "text": "Ba.", "aligns": [
        {"central": "t:C2", "document": "doc:C", "score": 0.61234, "basis": "lexical",
         "verdict": "accept", "reviewer": "An", "at": "2026-12-01T10:00:00+00:00",
         "note": "rõ"},
        {"central": "t:C1", "document": "doc:C", "score": 0.3, "basis": "lexical",
         "words": ["đào tạo", "<b>cán bộ</b>"], "verdict": None},
        {"central": "t:C1x", "document": None, "score": None, "basis": None,
         "verdict": "reject", "reviewer": "Bình", "at": None, "note": None}]}])
    g.add_edge("doc:P", "doc:C", basis="explicit", evidence=[])
    return g


def test_task_links_and_reviews_are_packed_into_the_page():
    data = build_explorer_graph(_graph()).as_json()
    texts = data["texts"]
    c, p = (next(i for i, n in enumerate(data["nodes"]) if n["id"] == uid)
            for uid in ("doc:C", "doc:P"))
    aligns = data["nodes"][p]["tasks"][0][6]
    accepted, proposed, rejected = aligns
    assert accepted[:3] == [c, 1, 0.61] and accepted[3] is None  # no words given
    assert accepted[4] == 1 and texts[accepted[5]] == "An" and texts[accepted[7]] == "rõ"
    assert proposed[:3] == [c, 0, 0.3] and len(proposed) == 4  # not reviewed: ends at words
    assert texts[proposed[3]] == "đào tạo, <b>cán bộ</b>"  # escaped by the page (textContent)
    assert rejected[0] == -1 and texts[rejected[1]] == "t:C1x" and rejected[4] == 2
    assert data["nodes"][c]["tasks"][0][6:] == []  # a task with no link carries none
    (edge,) = data["edges"]
    assert edge["rv"] == [2, 1, 0]  # two proposed links to C's tasks, one accepted
    assert data["nodes"][p]["parent"] == c and "parent" not in data["nodes"][c]
    assert all(v is not None for n in data["nodes"] for v in n.values())
    assert data["tiles"]["units"] == {"Yên Bái": ["Yên Bái", "Lào Cai"]}
