"""kg.output: the JSON writers print exactly what json.dumps(…, indent=2) prints."""

import datetime as dt
import io
import json

import pytest

from kg.output import JsonListWriter, to_json

ITEMS = [{"symbol": "26-NQ/TW", "tasks": [{"id": "1", "lead": "Sở Nội vụ", "score": 0.5}],
          "date": dt.date(2018, 5, 19), "empty": {}, "none": None, "flag": True},
         ["a", 1, [], [{"b": "c\n\"d\""}]], "chuỗi", 3]


def test_to_json_is_json_dumps_byte_for_byte():
    assert to_json(ITEMS) == json.dumps(ITEMS, ensure_ascii=False, indent=2, default=str)


@pytest.mark.parametrize("every", [1, 3, 4096])
def test_list_writer_prints_the_list_to_json_prints(every):
    buf = io.StringIO()
    w = JsonListWriter(buf.write, every=every)
    for item in ITEMS:
        w.add(item)
    w.close()
    assert buf.getvalue() == to_json(ITEMS) + "\n"
    assert json.loads(buf.getvalue())[0]["symbol"] == "26-NQ/TW"


def test_list_writer_of_nothing_prints_nothing():
    buf = io.StringIO()
    JsonListWriter(buf.write).close()
    assert buf.getvalue() == ""
