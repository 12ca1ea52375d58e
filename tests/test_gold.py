"""The gold-format writer and the `kg extract` command."""

from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner

from kg.commands.extract import extract
from loaders import dump_gold, extract_file, to_gold

FIXTURES = Path(__file__).parent / "fixtures" / "texts"
KEYS = ["source", "documents", "implements", "aliases", "tasks", "targets"]


def test_to_gold_has_the_shared_shape():
    g = to_gold(extract_file(FIXTURES / "plan.txt"))
    assert list(g) == KEYS and g["source"] == "plan.txt"
    keys = [d["key"] for d in g["documents"]]
    assert len(keys) == len(set(keys))
    for d in g["documents"]:
        assert set(d) == {"key", "symbol", "type", "issuer", "level", "locality", "date"}
    assert {"key": "21-KL/TW", "symbol": "21-KL/TW", "type": "Kết luận",
            "issuer": "Ban Chấp hành Trung ương Đảng khóa XIII", "level": "central",
            "locality": None, "date": "2021-10-25"} in g["documents"]
    for e in g["implements"]:
        assert e["from"] in keys and e["to"] in keys and e["basis"] in ("explicit", "implied")


def test_dump_gold_is_a_yaml_stream():
    items = [to_gold(extract_file(FIXTURES / n)) for n in ("plan.txt", "unnamed.txt")]
    text = dump_gold(items)
    assert text.startswith("---") and "Kế hoạch" in text  # unicode kept
    assert list(yaml.safe_load_all(text)) == items


def test_extract_command_reports_bad_files_and_goes_on(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(bytes(range(1, 256)) * 2)
    (tmp_path / "ok.txt").write_text((FIXTURES / "unnamed.txt").read_text(encoding="utf-8"),
                                     encoding="utf-8")
    result = CliRunner().invoke(extract, [str(tmp_path), "--format", "gold"])
    assert result.exit_code == 1
    assert [g["source"] for g in yaml.safe_load_all(result.stdout)] == ["ok.txt"]
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 1 and "bad.txt" in errors[0]


def test_extract_command_json():
    result = CliRunner().invoke(extract, [str(FIXTURES / "unnamed.txt"), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert '"evidence"' in result.stdout and '"86-KH/TU"' in result.stdout
