"""`kg trace` output is a public contract: the same bytes whatever makes it faster."""

from __future__ import annotations

import importlib
import json
import random
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import COMMANDS, cli
from kg.output import to_json
from tests import factories
from viz import page_data

EXPECTED = Path(__file__).with_name("fixtures") / "trace"  # written by `kg trace` before 7


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    return factories.corpus_store(tmp_path_factory.mktemp("trace") / "kg.lbdb")


def kg(*args: str) -> str:
    r = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert r.exit_code == 0, r.output
    return r.stdout


@pytest.mark.parametrize("fmt", ["json", "tree", "csv"])
@pytest.mark.parametrize(("name", "args"), [("26-NQ-TW", ["26-NQ/TW"]),
                                            ("123-KH-TU-up", ["123-KH/TU", "--up"]),
                                            ("10-KH-TW-depth1", ["10-KH/TW", "--depth", "1"])])
def test_trace_output_is_unchanged(store, name, args, fmt):
    out = kg("--store", str(store), "trace", *args, "--format", fmt)
    assert out == (EXPECTED / f"{name}.{fmt}").read_text(encoding="utf-8")


def test_trace_html_still_carries_the_evidence(store, tmp_path):
    kg("--store", str(store), "trace", "26-NQ/TW", "--html", str(tmp_path / "t.html"))
    data = page_data((tmp_path / "t.html").read_text(encoding="utf-8"))  # gzipped in the page
    assert "Hải Phòng" in {n.get("locality") for n in data["nodes"]}


def test_trace_reads_without_changing_the_store(store):
    before = store.read_bytes()
    kg("--store", str(store), "trace", "26-NQ/TW", "--format", "json")
    assert store.read_bytes() == before


def test_help_lists_every_command_of_every_module():
    defined = {c.name: m for m in set(COMMANDS.values())
               for c in importlib.import_module(m).COMMANDS}
    assert defined == COMMANDS
    listed = kg("--help").split("Commands:")[1]
    assert {line.split()[0] for line in listed.strip().splitlines()} == set(COMMANDS)


def _value(r: random.Random, depth: int) -> object:
    k = r.random()
    if depth > 3 or k < 0.5:
        return r.choice([None, True, False, 0, -7, 2**70, 1.5, float("nan"), float("inf"),
                         "", "Hải Phòng \"q\"\n\t\\ \u2028 \x00", 1e-9])
    if k < 0.75:
        return [_value(r, depth + 1) for _ in range(r.randint(0, 3))]
    return {r.choice(["id", "tên", "a b", ""]) + str(i): _value(r, depth + 1)
            for i in range(r.randint(0, 3))}


def test_to_json_writes_what_json_dumps_writes():
    import datetime as dt

    r = random.Random(7)
    cases = [_value(r, 0) for _ in range(2000)]
    cases += [{"d": dt.date(2018, 5, 19), 1: "int key", None: [()]}, (1, [2, {}]), {"x": {1, 2}}]
    for c in cases:
        assert to_json(c) == json.dumps(c, ensure_ascii=False, indent=2, default=str), c


def test_json_bytes_writes_what_to_json_writes_for_data_without_floats():
    """orjson's text where it writes the data (the trace's documents: strings with every
    escape, integers, dates, nested lists and dicts); to_json's where it refuses it."""
    import datetime as dt

    from kg.output import json_bytes

    r = random.Random(11)
    chars = [chr(i) for i in range(0x30)] + list("\u007f\u2028\u00e9\u01b0\U0001f600\\\"/<&'")

    def value(depth: int) -> object:
        k = r.random()
        if depth > 3 or k < 0.5:
            return r.choice([None, True, False, 0, -7, 2**63 - 1, -(2**63), dt.date(2018, 5, 19),
                             "".join(r.choice(chars) for _ in range(r.randint(0, 6)))])
        if k < 0.75:
            return [value(depth + 1) for _ in range(r.randint(0, 3))]
        return {r.choice(["id", "tên", "a b", "", "\n"]) + str(i): value(depth + 1)
                for i in range(r.randint(0, 3))}

    cases = [value(0) for _ in range(3000)]
    cases += [[2**70], {1: "int key"}, {"x": {1, 2}}, (1, [2, ()])]  # to_json writes these
    for c in cases:
        assert json_bytes(c) == to_json(c).encode(), c


def test_to_csv_writes_what_dictwriter_wrote():
    import csv
    import datetime as dt
    import io

    from kg.output import _cell, to_csv

    def dictwriter(rows: list[dict]) -> str:
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        for row in rows:
            w.writerow({k: _cell(v) for k, v in row.items()})
        return buf.getvalue()

    r = random.Random(3)
    values = [None, True, 0, -3, 1.5, float("nan"), "a,b", 'q"x', "line\nbreak", "Hải", "",
              [1, "x"], ("a",), {"k": 1}, dt.date(2020, 1, 2)]
    for _ in range(300):
        keys = ["id", "a b", "c"][: r.randint(1, 3)]
        rows = [{k: r.choice(values) for k in keys} for _ in range(r.randint(1, 5))]
        assert to_csv(rows) == dictwriter(rows)
    assert to_csv([]) == ""
