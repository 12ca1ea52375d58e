"""The overview's tile map: the province-level units on a grid shaped like the country.

Where each unit's tile sits is data (viz/data/tile_grid.yaml), for both eras: the 63 units
before the 1 July 2025 reorganisation and the 34 after it. Which unit a document's locality
belongs to, in either era, comes from the gazetteer (`loaders.localities`): the page maps each
locality once and aggregates per tile itself, for whichever root and measure the reader picks.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from loaders.localities import province, reform_date

GRID = Path(__file__).with_name("data") / "tile_grid.yaml"
ERAS = ("before_2025", "from_2025")


@cache
def grid() -> dict[str, list[list[Any]]]:
    """{era: [[unit name, row, column], ...]} (row 0 = north, column 0 = west)."""
    data = yaml.safe_load(GRID.read_text(encoding="utf-8"))
    return {era: [[str(n), int(r), int(c)] for n, r, c in data[era]] for era in ERAS}


def units_of(localities: Iterable[str]) -> dict[str, list[str]]:
    """{locality: [unit before 2025, unit from 2025]} for the localities the gazetteer knows
    (a district or an unknown name is left out: the page lists those apart)."""
    out = {}
    for name in localities:
        p = province(name)
        if p is not None:
            after = p.successor or p.name
            out[name] = [p.name if p.era == "before_2025" else after, after]
    return out


def tile_data(localities: Iterable[str]) -> dict[str, Any]:
    """What the page needs to draw the map: the grids, the locality -> units table, the date."""
    return {"grid": grid(), "units": units_of(localities),
            "reform": reform_date().isoformat()}
