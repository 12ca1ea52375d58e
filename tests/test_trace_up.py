"""`kg trace --up` and down share one meaning of depth and parents (issue 17, case 2): on a
chain of four levels with shortcut links, each direction draws the other's tree inverted,
and a document's `parents` are its traced neighbours one link nearer the root."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph import load_batches, open_store, to_batch
from graph.model import Extraction, Implements
from kg.cli import cli
from tests.factories import doc, ev, source

# commune -> district -> province -> resolution; each also names the resolution itself, and
# the commune its province too (a shortcut the tree must not draw as the deeper link)
CHAIN = [("doc:XA", "5-KH/ĐU", "commune", dt.date(2019, 3, 1)),
         ("doc:HUYEN", "7-KH/HU", "district", dt.date(2018, 12, 1)),
         ("doc:TINH", "9-KH/TU", "provincial", dt.date(2018, 8, 1)),
         ("doc:NQ", "26-NQ/TW", "central", dt.date(2018, 5, 19))]
LINKS = [("doc:XA", "doc:HUYEN"), ("doc:XA", "doc:TINH"), ("doc:XA", "doc:NQ"),
         ("doc:HUYEN", "doc:TINH"), ("doc:HUYEN", "doc:NQ"), ("doc:TINH", "doc:NQ")]


def chain(links: list[tuple[str, str]]) -> Extraction:
    s = source("chain.txt")
    docs = [doc(s, uid, sym, "Kế hoạch", level, None, date) for uid, sym, level, date in CHAIN]
    return Extraction(s, "", documents=docs, implements=[
        Implements(a, b, "explicit", ev(s, f"{a} thực hiện {b}.")) for a, b in links])


def make(path: Path, links: list[tuple[str, str]]) -> Path:
    s = open_store(str(path))
    s.ensure_schema()
    load_batches(s, [to_batch(chain(links))])
    s.close()
    return path


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    return make(tmp_path_factory.mktemp("chain") / "kg.lbdb", LINKS)


def test_a_plain_chain_has_the_same_depths_and_parents_both_ways(tmp_path):
    path = make(tmp_path / "kg.lbdb", [("doc:XA", "doc:HUYEN"), ("doc:HUYEN", "doc:TINH"),
                                        ("doc:TINH", "doc:NQ")])
    down = [(d["id"], d["depth"], d["parents"])
            for d in json.loads(kg(path, "26-NQ/TW", "--format", "json"))["documents"]]
    up = [(d["id"], d["depth"], d["parents"])
          for d in json.loads(kg(path, "5-KH/ĐU", "--up", "--format", "json"))["documents"]]
    assert down == [("doc:TINH", 1, ["doc:NQ"]), ("doc:HUYEN", 2, ["doc:TINH"]),
                    ("doc:XA", 3, ["doc:HUYEN"])]
    assert up == [("doc:HUYEN", 1, ["doc:XA"]), ("doc:TINH", 2, ["doc:HUYEN"]),
                  ("doc:NQ", 3, ["doc:TINH"])]
    assert names(kg(path, "5-KH/ĐU", "--up")) == ["0:5-KH/ĐU", "1:7-KH/HU", "2:9-KH/TU",
                                                  "3:26-NQ/TW"]


def kg(store: Path, *args: str) -> str:
    r = CliRunner().invoke(cli, ["--store", str(store), "trace", *args], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    return r.stdout


def names(tree: str) -> list[str]:
    """Each line as its indentation depth and symbol."""
    out = []
    for line in tree.splitlines():
        body = line.lstrip("│├└─ ")
        out.append(f"{(len(line) - len(body)) // 4}:{body.split(' · ')[0]}")
    return out


def test_down_draws_each_document_under_its_deepest_parent(store):
    assert names(kg(store, "26-NQ/TW")) == ["0:26-NQ/TW", "1:9-KH/TU", "2:7-KH/HU", "3:5-KH/ĐU"]


def test_up_draws_the_same_chain_inverted(store):
    assert names(kg(store, "5-KH/ĐU", "--up")) == ["0:5-KH/ĐU", "1:7-KH/HU", "2:9-KH/TU",
                                                   "3:26-NQ/TW"]
    assert names(kg(store, "7-KH/HU", "--up")) == ["0:7-KH/HU", "1:9-KH/TU", "2:26-NQ/TW"]


def test_parents_are_the_neighbours_nearer_the_root_in_both_directions(store):
    down = {d["symbol"]: (d["depth"], d["parents"])
            for d in json.loads(kg(store, "26-NQ/TW", "--format", "json"))["documents"]}
    up = {d["symbol"]: (d["depth"], d["parents"])
          for d in json.loads(kg(store, "5-KH/ĐU", "--up", "--format", "json"))["documents"]}
    assert down == {"9-KH/TU": (1, ["doc:NQ"]), "7-KH/HU": (1, ["doc:NQ", "doc:TINH"]),
                    "5-KH/ĐU": (1, ["doc:HUYEN", "doc:NQ", "doc:TINH"])}
    assert up == {"7-KH/HU": (1, ["doc:XA"]), "9-KH/TU": (1, ["doc:HUYEN", "doc:XA"]),
                  "26-NQ/TW": (1, ["doc:HUYEN", "doc:TINH", "doc:XA"])}
