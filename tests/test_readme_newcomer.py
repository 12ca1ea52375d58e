"""The README's "Using it" lines work when pasted as written (issue 17, case 9): each `kg`
line runs, in a checkout with ../shared beside it, and exits 0."""

from __future__ import annotations

import glob
import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

pytestmark = pytest.mark.skipif(not (SHARED / "seeds").is_dir() or
                                not (SHARED / "gold").is_dir(),
                                reason="../shared is not beside the repo")


def using_it() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## Using it\s+```sh\n(.*?)```", text, re.S)
    assert block, "README has no Using it block"
    return [x for x in block[1].splitlines() if x.startswith("kg ")]


def test_every_using_it_line_runs(tmp_path, monkeypatch):
    work = tmp_path / "checkout"
    work.mkdir()
    for name in ("samples", "queries"):
        (work / name).symlink_to(ROOT / name)
    (tmp_path / "shared").symlink_to(SHARED)
    monkeypatch.chdir(work)
    monkeypatch.setenv("KG_STORE", str(work / "kg.lbdb"))
    lines = using_it()
    assert len(lines) > 10
    for line in lines:
        args = []
        for a in shlex.split(line, comments=True)[1:]:
            args += sorted(glob.glob(a)) if "*" in a and not a.startswith("MATCH") else [a]
        r = CliRunner().invoke(cli, args)
        assert r.exit_code == 0, f"{line}\n{r.output}{r.stderr}"
