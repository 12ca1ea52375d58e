"""Cypher lives in .cypher files beside this module; this reads them by name.

Built-in queries are written once for both engines. Where the dialects differ, a variant
NAME.neo4j.cypher sits beside NAME.cypher (the LadybugDB form) and is used on Neo4j.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

CYPHER_DIR = Path(__file__).with_name("cypher")


@cache
def cypher(name: str, dialect: str = "ladybug") -> str:
    """The text of queries/cypher/NAME[.DIALECT].cypher, comments stripped."""
    variant = CYPHER_DIR / f"{name}.{dialect}.cypher"
    path = variant if variant.exists() else CYPHER_DIR / f"{name}.cypher"
    lines = path.read_text(encoding="utf-8").splitlines()
    return "\n".join(ln for ln in lines if not ln.lstrip().startswith("//")).strip()
