"""The synthetic corpus generator (synth/): deterministic, streamed, gold consistent."""

from __future__ import annotations

import filecmp
import json
from pathlib import Path

import yaml

from loaders import extract_file, to_gold
from loaders.scoring import index_predictions, score
from synth import MARKER, campaigns, documents, generate
from synth.geography import provinces

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "corpus"
SAMPLES_GOLD = SAMPLES.parent / "gold"


def write(out: Path, n: int, seed: int) -> list:
    return list(generate(out, n, seed, gold=True, gold_dir=out / ".." / f"{out.name}-gold"))


def test_same_seed_same_bytes_other_seed_other_texts(tmp_path: Path) -> None:
    a, b, c = (write(tmp_path / x, 60, s) for x, s in (("a", 5), ("b", 5), ("c", 6)))
    assert not list((tmp_path / "a").rglob("*.yaml")), "gold must stay out of the loaded folder"
    names = [w.text.name for w in a]
    assert names == [w.text.name for w in b]
    match, mismatch, errors = filecmp.cmpfiles(tmp_path / "a", tmp_path / "b", names, shallow=False)
    assert match == names and not mismatch and not errors
    assert [w.text.read_text() for w in a] != [w.text.read_text() for w in c]


def test_exact_size_and_every_file_marked_synthetic(tmp_path: Path) -> None:
    written = write(tmp_path / "c", 137, 1)
    assert len(written) == 137 == len(list((tmp_path / "c").glob("*.txt")))
    for w in written:
        assert w.text.read_text(encoding="utf-8").startswith(MARKER)
        assert w.gold.read_text(encoding="utf-8").startswith("# SYNTHETIC")
    meta = json.loads((tmp_path / "c" / "SYNTHETIC.json").read_text())
    assert meta["synthetic"] is True and meta["documents"] == 137


def test_gold_is_consistent_with_its_text(tmp_path: Path) -> None:
    for w in write(tmp_path / "c", 120, 3):
        text = w.text.read_text(encoding="utf-8")
        g = yaml.safe_load(w.gold.read_text(encoding="utf-8"))
        assert g["source"] == w.text.name
        keys = [d["key"] for d in g["documents"]]
        assert len(keys) == len(set(keys))
        for d in g["documents"]:
            assert d["symbol"] in text and d["level"] in {"central", "provincial", "district",
                                                           "commune"}
            assert (d["locality"] is None) == (d["level"] == "central")
        for e in g["implements"]:
            assert e["from"] in keys and e["to"] in keys and e["from"] != e["to"]
        labels = [(t["in"], t["label"]) for t in g["tasks"]]
        assert len(labels) == len(set(labels))
        for t in g["tasks"]:
            assert t["in"] in keys
            for org in filter(None, [t["lead"], *t["support"]]):
                assert org in text
            assert t["deadline"] is None or f"({t['deadline']})" in text
        for tg in g["targets"]:
            assert tg["text"] in text and tg["value"] is not None


def test_the_26_nq_tw_chain_comes_first() -> None:
    genres = [d.genre for _, d in documents(25, 2018)]
    assert genres[:3] == ["central", "politburo", "government"]
    assert {"tu", "ubnd", "news", "district", "commune"} <= set(genres)
    first = campaigns(25, 2018)[0]
    assert (first.central.symbol, first.politburo.symbol, first.government.symbol) == (
        "26-NQ/TW", "10-KH/TW", "132/NQ-CP")


def test_campaigns_after_the_reform_use_34_provinces_and_no_districts() -> None:
    cs = campaigns(16_000, 1)
    assert [c.after_reform for c in cs[:2]] == [False, True]
    after = {p.name for p in provinces(True)}
    docs = [d for c, d in documents(16_000, 1) if c.index == 1]
    assert docs and all(d.genre != "district" for d in docs)
    assert {d.locality for d in docs if d.locality} <= after
    assert len(provinces(True)) == 34 and len(provinces(False)) == 63


def test_samples_corpus_is_the_generators_output(tmp_path: Path) -> None:
    list(generate(tmp_path / "t", 25, 2018, gold=True, gold_dir=tmp_path / "g"))
    for ours, fresh, suffix in ((SAMPLES, tmp_path / "t", "*.txt"),
                                (SAMPLES_GOLD, tmp_path / "g", "*.yaml")):
        names = sorted(p.name for p in ours.glob(suffix))
        assert len(names) == 25
        _, mismatch, errors = filecmp.cmpfiles(ours, fresh, names, shallow=False)
        assert not mismatch and not errors, ("regenerate: kg synth samples/corpus --docs 25 "
                                             "--seed 2018 --gold --gold-dir samples/gold")


def _scores(tmp_path: Path) -> dict:
    written = write(tmp_path / "c", 60, 11)
    preds = index_predictions(to_gold(extract_file(w.text)) for w in written)
    out, _ = score(written[0].gold.parent, preds)
    return out


def test_extraction_finds_the_documents(tmp_path: Path) -> None:
    assert _scores(tmp_path)["doc"]["f1"] >= 0.95


def test_extraction_finds_the_implements_links(tmp_path: Path) -> None:
    assert _scores(tmp_path)["edge"]["f1"] >= 0.95


def test_the_installed_kg_script_writes_a_corpus_from_any_folder(tmp_path: Path) -> None:
    import shutil
    import subprocess
    import sys

    kg = Path(sys.executable).with_name("kg")
    if not kg.exists():
        kg = Path(shutil.which("kg") or "kg")
    p = subprocess.run([str(kg), "synth", str(tmp_path / "c"), "--docs", "3", "--quiet"],
                       cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)["documents"] == 3
    assert len(list((tmp_path / "c").glob("*.txt"))) == 3


def test_the_generator_is_installed_with_kg() -> None:
    """`kg synth` imports the generator as a package of the distribution, not from a checkout."""
    import tomllib

    from setuptools import find_packages

    root = Path(__file__).resolve().parents[1]
    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    include = config["tool"]["setuptools"]["packages"]["find"]["include"]
    packages = set(find_packages(str(root), include=include))
    assert {"synth", "kg.commands", "loaders", "graph"} <= packages
    assert "bench" not in packages
