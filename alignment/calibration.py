"""Fit and check the alignment model against a hand alignment, leaving one plan out.

The hand alignment (tests/fixtures/alignment_gold.yaml) names, for each task of a few seed
plans, the central tasks it takes up. Every (local task, central task) pair of those plans is
a labelled example. The logistic weights and both thresholds are fit on all plans but one and
measured on the plan left out, in turn (`cross_validate`): the figures reported in
docs/ANALYSIS.md are these held-out ones, never those of the model fit on everything (which is
the one shipped, alignment/data/weights.yaml, written by `python -m alignment.calibration
--write`).
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

from alignment.scoring import MAX_LINKS, Pair, TaskRecord, pairs, probability
from alignment.weights import FEATURES, WEIGHTS_FILE, Model

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "fixtures" / "alignment_gold.yaml"
SECOND = GOLD.with_name("alignment_second.yaml")  # a second reading (see its header)
SEEDS = ROOT.parent / "shared" / "seeds"
L2 = 1.0  # ridge on the weights (not the intercept): a few hundred pairs, five features
MIN_PRECISION = 0.85  # covered links must reach this precision on the training plans
COVERED_FLOOR = 0.5  # a covering link must be more likely right than wrong
NESTED = True  # thresholds chosen on out-of-fold probabilities of the training plans


@dataclass(frozen=True)
class Example:
    """A labelled pair: the plan it belongs to, the central task's label, right or not."""

    plan: str
    local_label: str
    central_label: str
    pair: Pair
    right: bool


# ---------------------------------------------------------------------- fitting (pure)

def fit(x: np.ndarray, y: np.ndarray, l2: float = L2, steps: int = 50) -> tuple[float, np.ndarray]:
    """Logistic regression by Newton's method with a ridge on the weights."""
    a = np.hstack([np.ones((len(x), 1)), x])
    beta = np.zeros(a.shape[1])
    ridge = np.eye(a.shape[1]) * l2
    ridge[0, 0] = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(a @ beta)))
        grad = a.T @ (p - y) + ridge @ beta
        hess = (a * (p * (1 - p))[:, None]).T @ a + ridge + np.eye(a.shape[1]) * 1e-9
        step = np.linalg.solve(hess, grad)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    return float(beta[0]), beta[1:]


def _links(examples: Sequence[Example], m: Model, threshold: float,
           probs: Sequence[float] | None = None) -> set[tuple[str, str, str]]:
    """The (plan, local, central) links proposed at `threshold` (at most MAX_LINKS per task);
    `probs`, when given, are the examples' probabilities (else the model's)."""
    if probs is None:
        probs = [probability(e.pair, m) for e in examples]
    by_local: dict[tuple[str, str], list[tuple[float, str]]] = {}
    for e, prob in zip(examples, probs, strict=True):
        by_local.setdefault((e.plan, e.local_label), []).append((prob, e.central_label))
    out = set()
    for (plan, local), scored in by_local.items():
        for prob, central in sorted(scored, key=lambda s: (-s[0], s[1]))[:MAX_LINKS]:
            if prob >= threshold:
                out.add((plan, local, central))
    return out


def measure(examples: Sequence[Example], m: Model, threshold: float,
            probs: Sequence[float] | None = None) -> dict:
    """Precision, recall, F1 of the links proposed at `threshold`."""
    got = _links(examples, m, threshold, probs)
    want = {(e.plan, e.local_label, e.central_label) for e in examples if e.right}
    tp = len(got & want)
    p = tp / len(got) if got else 1.0
    r = tp / len(want) if want else 1.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "tp": tp, "proposed": len(got), "gold": len(want)}


def cells(examples: Sequence[Example], m: Model, probs: Sequence[float] | None = None) -> dict:
    """Coverage cells (plan × central task): right when "covered" (a link at m.covered or
    above) agrees with the hand alignment having a link there; `taken_up_right` counts the
    cells where "taken up at all" (covered or partly: any proposed link) agrees."""
    covered = {(p, c) for p, _, c in _links(examples, m, m.covered, probs)}
    linked = {(p, c) for p, _, c in _links(examples, m, m.propose, probs)}
    wanted = {(e.plan, e.central_label) for e in examples if e.right}
    every = {(e.plan, e.central_label) for e in examples}
    wrong = sorted((every - covered) & wanted) + sorted(covered - wanted)
    taken = len((every - linked) & wanted) + len(linked - wanted)
    return {"cells": len(every), "right": len(every) - len(wrong), "wrong": wrong,
            "taken_up_right": len(every) - taken}


def _weights(examples: Sequence[Example], l2: float) -> Model:
    x = np.array([e.pair.x for e in examples])
    y = np.array([float(e.right) for e in examples])
    b0, w = fit(x, y, l2)
    return Model(b0, tuple(float(v) for v in w), 0.5, 0.5)


def _out_of_fold(examples: Sequence[Example], l2: float) -> list[float] | None:
    """Each example's probability from weights fit on the other plans only (None with fewer
    than two plans): thresholds chosen on these are not flattered by the weights having seen
    the very pairs they are judged on."""
    plans = sorted({e.plan for e in examples})
    if len(plans) < 2:
        return None
    probs: dict[int, float] = {}
    for plan in plans:
        m = _weights([e for e in examples if e.plan != plan], l2)
        probs.update({i: probability(e.pair, m) for i, e in enumerate(examples)
                      if e.plan == plan})
    return [probs[i] for i in range(len(examples))]


def train(examples: Sequence[Example], l2: float = L2, nested: bool = NESTED) -> Model:
    """Weights fit on `examples`; the proposing threshold maximises their F1, the covered one
    gets the most coverage cells right among those whose links reach MIN_PRECISION. With
    `nested`, both thresholds are chosen on out-of-fold probabilities (each training plan
    scored by weights fit on the other training plans), as they will meet unseen plans."""
    m = _weights(examples, l2)
    probs = _out_of_fold(examples, l2) if nested else None
    grid = [t / 100 for t in range(5, 96)]
    best = max(grid, key=lambda t: (round(measure(examples, m, t, probs)["f1"], 6),
                                    -abs(t - 0.5)))

    def cells_right(t: float) -> tuple[int, float]:
        at = Model(m.intercept, m.weights, best, t)
        return cells(examples, at, probs)["right"], measure(examples, at, t, probs)["precision"]

    covered = max((t for t in grid if t >= max(best, COVERED_FLOOR) and
                   measure(examples, m, t, probs)["precision"] >= MIN_PRECISION),
                  key=lambda t: (*cells_right(t), -t), default=0.95)
    return Model(m.intercept, m.weights, best, covered)


def cross_validate(examples: Sequence[Example], l2: float = L2,
                   judged: Sequence[Example] | None = None) -> dict:
    """Leave one plan out: fit on the others, measure on it; the links of every held-out plan
    pooled into one figure (proposed, covered, coverage cells). `judged`: the same pairs
    labelled by another reading, to measure against instead (the fit still uses `examples`)."""
    plans = sorted({e.plan for e in examples})
    judged = examples if judged is None else judged
    held: dict[str, list] = {"proposed": [], "covered": [], "cells": []}
    folds = {}
    for plan in plans:
        m = train([e for e in examples if e.plan != plan], l2)
        test = [e for e in judged if e.plan == plan]
        folds[plan] = {"proposed": measure(test, m, m.propose),
                       "covered": measure(test, m, m.covered), "cells": cells(test, m),
                       "model": m}
        held["proposed"].append(folds[plan]["proposed"])
        held["covered"].append(folds[plan]["covered"])
        held["cells"].append(folds[plan]["cells"])
    return {"folds": folds, "proposed": _pool(held["proposed"]),
            "covered": _pool(held["covered"]),
            "cells": {"cells": sum(c["cells"] for c in held["cells"]),
                      "right": sum(c["right"] for c in held["cells"]),
                      "taken_up_right": sum(c["taken_up_right"] for c in held["cells"]),
                      "wrong": [w for c in held["cells"] for w in c["wrong"]]}}


@dataclass(frozen=True)
class Error:
    """A held-out mistake: a link proposed that the hand alignment lacks ("FP"), or one it has
    that was not proposed ("FN"), with the probability its fold gave, the rank among the local
    task's candidates and the features (so errors can be read by class, not by knob)."""

    kind: str
    plan: str
    local_label: str
    central_label: str
    probability: float
    rank: int
    threshold: float
    x: tuple[float, ...]


def held_out_errors(examples: Sequence[Example], l2: float = L2) -> list[Error]:
    """Every false positive and false negative of the leave-one-plan-out folds."""
    out = []
    for plan in sorted({e.plan for e in examples}):
        m = train([e for e in examples if e.plan != plan], l2)
        test = [e for e in examples if e.plan == plan]
        probs = [probability(e.pair, m) for e in test]
        got = _links(test, m, m.propose, probs)
        by_local: dict[str, list[float]] = {}
        for e, p in zip(test, probs, strict=True):
            by_local.setdefault(e.local_label, []).append(p)
        for e, p in zip(test, probs, strict=True):
            proposed = (e.plan, e.local_label, e.central_label) in got
            if proposed != e.right:
                rank = 1 + sum(q > p for q in by_local[e.local_label])
                out.append(Error("FP" if proposed else "FN", plan, e.local_label,
                                 e.central_label, p, rank, m.propose, e.pair.x))
    return out


def _pool(results: Iterable[dict]) -> dict:
    rs = list(results)
    tp, got, want = (sum(r[k] for r in rs) for k in ("tp", "proposed", "gold"))
    p = tp / got if got else 1.0
    r = tp / want if want else 1.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "tp": tp, "proposed": got, "gold": want}


# ---------------------------------------------------------------------- the hand alignment

def _find_plan(ex, spec: dict) -> str:
    from graph.keys import fold, symbol_key

    for d in ex.documents:
        if spec.get("subject") and d.is_subject:
            return d.uid
        if "symbol" in spec and symbol_key(d.symbol) == symbol_key(spec["symbol"]) and \
                fold(d.locality) == fold(spec.get("locality")):
            return d.uid
        if "type" in spec and d.symbol is None and d.type == spec["type"] and \
                fold(d.locality) == fold(spec.get("locality")):
            return d.uid
    raise LookupError(f"{ex.source.name}: no document like {spec}")


def examples(gold: Path = GOLD, seeds: Path = SEEDS, names: Sequence[str] = (),
             centrals: Sequence[Path] = ()) -> list[Example]:
    """Every (local, central) pair of the hand-aligned plans, labelled, from the real
    extraction of the texts in `seeds`, the reference batch and `centrals` (structured
    files of central documents the reference batch lacks)."""
    from loaders import extract_file
    from loaders.reference import reference_extractions
    from loaders.scoring import label_tokens
    from loaders.structured import read_structured

    spec = yaml.safe_load(gold.read_text(encoding="utf-8"))
    extractions = {p["seed"]: extract_file(seeds / p["seed"]) for p in spec["plans"]}
    everything = [*reference_extractions(), *map(read_structured, centrals),
                  *extractions.values()]
    tasks = [TaskRecord(t.uid, t.document, t.label, t.text, t.lead,
                        tuple(sorted(x.theme for x in t.themes)), t.order)
             for ex in everything for t in ex.tasks]
    links = [(i.source_doc, i.target_doc) for ex in everything for i in ex.implements]
    symbols = {d.uid: d.symbol for ex in everything for d in ex.documents}
    central = f"doc:{spec['central']}"
    label_of = {t.uid: t.label for t in tasks if t.document == central}
    docs = {_find_plan(extractions[p["seed"]], p["document"]): p for p in spec["plans"]}
    by_local: dict[str, list[Pair]] = {}
    for p in pairs(tasks, links, symbols, documents=set(docs), names=names):
        if p.central in label_of:
            by_local.setdefault(p.local, []).append(p)
    out = []
    for doc, plan in docs.items():
        by_label = {label_tokens(t.label): t for ex in extractions.values() for t in ex.tasks
                    if t.document == doc}
        for label, want in plan["tasks"].items():
            task = by_label.get(label_tokens(label))
            for p in by_local.get(task.uid, []) if task else []:
                out.append(Example(doc, label, label_of[p.central], p,
                                   label_of[p.central] in want))
    return out


def write_model(m: Model, path: Path = WEIGHTS_FILE) -> None:
    head = ("# Alignment model (alignment/scoring.py), fit on the whole hand alignment by\n"
            "# `python -m alignment.calibration --write`; held-out figures: docs/ANALYSIS.md.\n")
    body = {"intercept": round(m.intercept, 4),
            "weights": {f: round(w, 4) for f, w in zip(m.features, m.weights, strict=True)},
            "propose": m.propose, "covered": m.covered}
    path.write_text(head + yaml.safe_dump(body, sort_keys=False), encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--write", action="store_true", help="write the model fit on everything")
    ap.add_argument("--errors", action="store_true",
                    help="list every held-out false positive and false negative")
    ap.add_argument("--second", type=Path, default=SECOND,
                    help="another reading of the same tasks, measured against (never fit on)")
    args = ap.parse_args(argv)
    ex = examples(args.gold)
    cv = cross_validate(ex)
    for plan, f in cv["folds"].items():
        print(plan, {k: _short(f[k]) for k in ("proposed", "covered")},
              f"cells {f['cells']['right']}/{f['cells']['cells']}", f["model"])
    print("held out:", {k: _short(cv[k]) for k in ("proposed", "covered")},
          f"cells {cv['cells']['right']}/{cv['cells']['cells']}",
          f"(taken up at all: {cv['cells']['taken_up_right']})", cv["cells"]["wrong"])
    if args.second.is_file():
        other = cross_validate(ex, judged=examples(args.second))
        print("held out, judged by", args.second.name + ":",
              {k: _short(other[k]) for k in ("proposed", "covered")},
              f"cells {other['cells']['right']}/{other['cells']['cells']}",
              f"(taken up at all: {other['cells']['taken_up_right']})")
    if args.errors:
        for err in held_out_errors(ex):
            feats = " ".join(f"{n}={v:.2f}" for n, v in zip(FEATURES, err.x, strict=True))
            print(f"{err.kind} {err.plan} {err.local_label} -> {err.central_label}: "
                  f"p {err.probability:.2f} (rank {err.rank}, threshold {err.threshold}) {feats}")
    m = train(ex)
    print("fit on all:", m, _short(measure(ex, m, m.propose)))
    if args.write:
        write_model(m)


def _short(r: dict) -> str:
    return (f"P {r['precision']:.2f} R {r['recall']:.2f} F1 {r['f1']:.2f} "
            f"({r['tp']}/{r['proposed']}/{r['gold']})")


if __name__ == "__main__":
    main()
