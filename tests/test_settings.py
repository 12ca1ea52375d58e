"""Environment settings ($KG_*): a bad value is one line naming it, from the CLI and the library."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from graph.ladybug_store import default_buffer_pool
from graph.settings import SETTINGS, SettingError
from kg.cli import cli
from loaders.readers import max_bytes


@pytest.mark.parametrize(("name", "value"), [("KG_BUFFER_POOL_MB", "abc"),
                                             ("KG_BUFFER_POOL_MB", "0"),
                                             ("KG_MAX_FILE_MB", "-1"),
                                             ("KG_MAX_FILE_MB", "ten")])
def test_a_bad_setting_is_one_line_before_any_verb_runs(tmp_path, name, value):
    result = CliRunner().invoke(cli, ["--store", str(tmp_path / "none.lbdb"), "stats"],
                                env={name: value})
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: ${name} is {value!r}"), result.output
    assert "Traceback" not in result.output


def test_the_library_raises_the_same_error(monkeypatch):
    monkeypatch.setenv("KG_BUFFER_POOL_MB", "1.5GB")
    with pytest.raises(SettingError, match=r"\$KG_BUFFER_POOL_MB is '1.5GB'"):
        default_buffer_pool()
    monkeypatch.setenv("KG_MAX_FILE_MB", "abc")
    with pytest.raises(SettingError, match="KG_MAX_FILE_MB"):
        max_bytes()


def test_good_values_are_used(monkeypatch):
    monkeypatch.setenv("KG_BUFFER_POOL_MB", " 96 ")
    assert default_buffer_pool() == 96 << 20
    monkeypatch.setenv("KG_MAX_FILE_MB", "0.5")
    assert max_bytes() == 2**19


def test_every_setting_read_in_the_code_is_declared():
    """No package reads a $KG_* variable except through graph.settings."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    declared = {s.name for s in SETTINGS}
    for path in root.glob("[!.]*/**/*.py"):
        if path.parts[len(root.parts)] in ("tests", "bench") or path.name == "settings.py":
            continue
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"environ(?:\.get)?[\[(]\s*[\"']KG_", text), path
        assert not re.search(r"getenv\(\s*[\"']KG_", text), path
        for name in re.findall(r"envvar=\"(KG_\w+)\"", text):
            assert name in declared, (path, name)
