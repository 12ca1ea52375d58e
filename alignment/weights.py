"""The fitted alignment model: its features, logistic weights and decision thresholds.

Kept apart from the scoring so that readers of the thresholds (coverage) do not import numpy
and networkx to learn two numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

if TYPE_CHECKING:
    import numpy as np

WEIGHTS_FILE = Path(__file__).with_name("data") / "weights.yaml"
FEATURES = ("whole", "clause", "cover", "theme", "clause_lead", "theme_lead", "group",
            "restated", "procedural", "explained")
ALL_FEATURES = ("whole", "clause", "cover", "theme", "theme_in", "part", "whole_margin",
                "clause_margin", "theme_margin", "part_margin", "cover_margin", "group",
                "restated", "clause_lead", "theme_lead", "whole_lead", "cover_lead", "procedural",
                "explained", "explained_lead", "themeless", "part_lead")


@dataclass(frozen=True)
class Model:
    """Logistic weights over `features` (chosen among ALL_FEATURES by cross-validation across
    plans, alignment/calibration.py) and the two decision thresholds."""

    intercept: float
    weights: tuple[float, ...]
    propose: float  # probability from which a link is proposed
    covered: float  # probability from which a link alone makes a coverage cell "covered"
    features: tuple[str, ...] = FEATURES

    def probability(self, x: np.ndarray) -> np.ndarray:
        """P(link right) for feature rows `x` (..., len(self.features))."""
        import numpy as np  # (only where links are scored)

        return 1.0 / (1.0 + np.exp(-(self.intercept + x @ np.asarray(self.weights))))


@cache
def model() -> Model:
    """The fitted model shipped in alignment/data/weights.yaml."""
    return read_model(WEIGHTS_FILE)


def read_model(path: Path) -> Model:
    d = yaml.safe_load(path.read_text(encoding="utf-8"))
    w = d["weights"]
    unknown = [f for f in w if f not in ALL_FEATURES]
    if unknown:
        raise ValueError(f"{path}: unknown features {unknown}")
    return Model(float(d["intercept"]), tuple(float(v) for v in w.values()),
                 float(d["propose"]), float(d["covered"]), tuple(w))
