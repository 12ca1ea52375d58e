"""Cypher lives in .cypher files beside this module; this reads them by name.

Built-in queries are written once for both engines. Where the dialects differ, a variant
NAME.neo4j.cypher sits beside NAME.cypher (the LadybugDB form) and is used on Neo4j.

Path lengths are the one thing neither engine takes as a parameter (`*1..$n` does not parse),
so a query names kg's constant in braces, `*1..{MAX_DEPTH}`, and it is filled in here: never a
user value.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

CYPHER_DIR = Path(__file__).with_name("cypher")
MAX_DEPTH = 12  # the longest implements chain a walk follows (central to commune is 5 levels)
# MAX_DEPTH_1: the walk to a link's upper end, the link itself being the last step
CONSTANTS = {"MAX_DEPTH": MAX_DEPTH, "MAX_DEPTH_1": MAX_DEPTH - 1}
_CONSTANT = re.compile(r"\{(" + "|".join(CONSTANTS) + r")\}")


@cache
def cypher(name: str, dialect: str = "ladybug") -> str:
    """The text of queries/cypher/NAME[.DIALECT].cypher, comments stripped."""
    variant = CYPHER_DIR / f"{name}.{dialect}.cypher"
    path = variant if variant.exists() else CYPHER_DIR / f"{name}.cypher"
    lines = path.read_text(encoding="utf-8").splitlines()
    text = "\n".join(ln for ln in lines if not ln.lstrip().startswith("//")).strip()
    return _CONSTANT.sub(lambda m: str(CONSTANTS[m[1]]), text)
