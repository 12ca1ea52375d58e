"""Cypher lives in .cypher files beside this module; this reads them by name."""

from __future__ import annotations

from functools import cache
from pathlib import Path

CYPHER_DIR = Path(__file__).with_name("cypher")


@cache
def cypher(name: str) -> str:
    """The text of queries/cypher/NAME.cypher, comments stripped."""
    lines = (CYPHER_DIR / f"{name}.cypher").read_text(encoding="utf-8").splitlines()
    return "\n".join(ln for ln in lines if not ln.lstrip().startswith("//")).strip()
