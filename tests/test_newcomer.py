"""Newcomer friction of issue 17, case 9: the hints a first user meets say what to do."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.output import to_table
from tests import factories


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    return factories.corpus_store(tmp_path_factory.mktemp("newcomer") / "kg.lbdb")


def kg(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(cli, list(args))
    return r.exit_code, r.stdout, r.stderr


def test_an_unknown_symbol_points_to_a_command_that_lists_symbols(store):
    code, _, err = kg("--store", str(store), "trace", "99-XX/TW")
    assert code == 1 and "kg ls" in err
    code, out, _ = kg("--store", str(store), "ls", "KH/TU")
    assert code == 0 and "123-KH/TU" in out and "228-KH/TU" in out and "26-NQ/TW" not in out
    assert "26-NQ/TW" in kg("--store", str(store), "ls")[1]


def test_store_after_the_verb_says_where_it_goes(store):
    code, _, err = kg("trace", "26-NQ/TW", "--store", str(store))
    assert code == 2 and "kg --store VALUE trace" in err


def test_the_trace_help_example_pastes_as_written(store):
    help_text = kg("trace", "--help")[1]
    example = next(x.strip() for x in help_text.splitlines() if "--up" in x and "kg trace" in x)
    args = shlex.split(example)[2:]  # what a shell passes after `kg trace`
    code, out, err = kg("--store", str(store), "trace", *args)
    assert code == 0, err
    assert out.lstrip().startswith("{")


def test_a_cut_table_cell_ends_in_an_ellipsis():
    table = to_table([{"text": "x" * 100}], max_width=20)
    assert table.splitlines()[-1].rstrip() == "x" * 19 + "…"


def test_show_lists_at_most_limit_of_each_kind_and_counts_the_rest(store):
    code, out, _ = kg("--store", str(store), "show", "26-NQ/TW", "--limit", "1")
    assert code == 0
    assert sum(x.startswith("  <- IMPLEMENTS") for x in out.splitlines()) == 1
    assert "… 2 more <- IMPLEMENTS" in out
    full = kg("--store", str(store), "show", "26-NQ/TW", "--all")[1]
    assert sum(x.startswith("  <- IMPLEMENTS") for x in full.splitlines()) == 3
    assert "more" not in full


SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the repo")
def test_lag_and_coverage_stay_readable(tmp_path, monkeypatch):
    import kg.render as render

    path = tmp_path / "kg.lbdb"
    assert kg("--store", str(path), "load", "--quiet", "--jobs", "1", str(SEEDS))[0] == 0
    lag = kg("--store", str(path), "lag", "26-NQ/TW")[1]
    assert "Long An Long An" not in lag and "Long An" in lag  # the locality once
    code, narrow, _ = kg("--store", str(path), "coverage", "26-NQ/TW")
    assert code == 0 and "● covered" in narrow
    monkeypatch.setattr(render, "MATRIX_COLUMNS", 2)
    code, wide, _ = kg("--store", str(path), "coverage", "26-NQ/TW")
    assert code == 0 and "3 columns: counts per task" in wide
    header = next(x for x in wide.splitlines() if x.startswith("task "))
    assert header.split() == ["task", "central", "task", "covered", "partly", "not", "covered",
                              "plans"]
