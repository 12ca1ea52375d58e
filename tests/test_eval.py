"""`kg eval` scores like the independent scorer, and the seeds meet the extraction targets."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from kg.commands.extract import eval_
from loaders import dump_gold, extract_file, to_gold
from loaders.scoring import format_table, index_predictions, score

SHARED = Path(__file__).resolve().parents[2] / "shared"
GOLD, SEEDS, SCORER = SHARED / "gold", SHARED / "seeds", SHARED / "tools" / "score.py"
needs_shared = pytest.mark.skipif(not SCORER.is_file(), reason="../shared is not present")


@pytest.fixture(scope="module")
def predictions(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("pred") / "pred.yaml"
    path.write_text(dump_gold([to_gold(extract_file(f)) for f in sorted(SEEDS.glob("*.txt"))]),
                    encoding="utf-8")
    return path


def _reference(pred: Path) -> dict:
    run = subprocess.run([sys.executable, str(SCORER), str(GOLD), str(pred), "--json"],
                         capture_output=True, text=True, check=True)
    return json.loads(run.stdout)


@needs_shared
def test_same_numbers_as_the_shared_scorer(predictions):
    ours, per_file = score(GOLD, load_predictions(predictions))
    ref = _reference(predictions)
    assert ours == ref["total"]
    assert per_file == ref["files"]


@needs_shared
def test_same_numbers_on_a_perturbed_prediction(tmp_path, predictions):
    import yaml

    items = list(yaml.safe_load_all(predictions.read_text(encoding="utf-8")))
    items[0]["documents"] = items[0]["documents"][1:]
    items[1]["implements"].append({"from": "x", "to": "y", "basis": "implied"})
    items[2]["tasks"] = [{"in": items[2]["documents"][0]["key"], "label": "2.1", "lead": "Sở"},
                         {"in": "nowhere", "label": "II.1"}]
    items[3]["targets"] = [{"kind": "achievement", "subject": "tỉnh Quảng Ninh", "value": "14"}]
    pred = tmp_path / "p.yaml"
    pred.write_text(yaml.safe_dump_all(items, allow_unicode=True), encoding="utf-8")
    ours, _ = score(GOLD, load_predictions(pred))
    assert ours == _reference(pred)["total"]


@needs_shared
def test_seed_targets(predictions):
    out, _ = score(GOLD, load_predictions(predictions))
    assert out["doc"]["f1"] >= 0.90
    assert out["edge"]["f1"] >= 0.85
    assert out["date_acc"] >= 0.90


@needs_shared
def test_eval_command_prints_the_table():
    result = CliRunner().invoke(eval_, [str(GOLD), str(SEEDS)])
    assert result.exit_code == 0, result.output
    out, _ = score(GOLD, load_predictions_from_cli())
    assert result.stdout.strip() == format_table(out)


def load_predictions(path: Path) -> dict[str, dict]:
    """Predictions by source name, from a YAML stream of gold-format records."""
    return index_predictions(yaml.safe_load_all(path.read_text(encoding="utf-8")))


def load_predictions_from_cli() -> dict:
    return index_predictions(to_gold(extract_file(f)) for f in sorted(SEEDS.glob("*.txt")))
