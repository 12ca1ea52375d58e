"""One --format option: the commands that had a --json flag take --format json, and the old
flag still works but is no longer shown."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from kg.cli import cli


@pytest.mark.parametrize("verb", ["load", "check", "transfer"])
def test_help_offers_format_not_json(verb):
    out = CliRunner().invoke(cli, [verb, "--help"]).output
    assert "--format [text|json]" in out
    assert "--json" not in out


def test_the_old_json_flag_gives_the_same_output(tmp_path):
    text = tmp_path / "a.txt"
    text.write_text("KẾ HOẠCH\nSố 7-KH/TU ngày 2/3/2019 của Tỉnh ủy Lào Cai\n", encoding="utf-8")
    outs = []
    for i, flags in enumerate((["--format", "json"], ["--json"])):
        r = CliRunner().invoke(cli, ["--store", str(tmp_path / f"s{i}.lbdb"), "load", "--jobs",
                                     "1", *flags, str(text)])
        assert r.exit_code == 0, r.output
        outs.append(json.loads(r.stdout))
    assert outs[0]["added"] == outs[1]["added"] == 1
    assert outs[0].keys() == outs[1].keys()
    text_out = CliRunner().invoke(cli, ["--store", str(tmp_path / "s0.lbdb"), "load", "--jobs",
                                        "1", str(text)])
    assert text_out.stdout.startswith("1 files: 0 added")
