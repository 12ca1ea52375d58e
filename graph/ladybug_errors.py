"""The embedded store's errors as one line each, saying what to do (a LadybugDB message is
a traceback, or several lines naming an offset)."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from graph.store import StoreError

if TYPE_CHECKING:
    import ladybug

POOL_FULL = "buffer pool is full"  # LadybugDB's message when a statement needs more cache
READ_ONLY_REFUSAL = "Cannot execute write operations in a read-only database"
WRITE_IN_READ_TRANSACTION = "Can not execute a write query inside a read-only transaction"


def check_openable(path: Path, read_only: bool) -> None:
    """Refuse, in one line, a path LadybugDB would turn into a traceback or a new store."""
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a kg store file: name the store file "
                         "(--store PATH or $KG_STORE)")
    if not path.exists():
        if read_only:
            raise StoreError(f"no kg store at {path}: `kg load FILES` creates one; name "
                             "another with --store PATH or $KG_STORE")
        return
    if path.stat().st_size == 0:
        raise StoreError(f"{path} is an empty file, not a kg store (an interrupted copy?): "
                         "remove it and `kg load` again, or copy the store again")
    if not read_only:
        folder = path.resolve().parent
        if not os.access(folder, os.W_OK | os.X_OK):
            raise StoreError(f"cannot write in {folder}: writing to {path.name} needs its "
                             f"journal ({path.name}.wal) beside it; reading commands work "
                             "(kg trace, coverage, ...), to load copy the store to a "
                             "writable folder")
        if not os.access(path, os.W_OK):
            raise StoreError(f"{path} is read-only: reading commands work (kg trace, "
                             "coverage, ...); to load, copy it or make it writable")


def open_failure(path: str, error: str, read_only: bool) -> str:
    """Why LadybugDB could not open `path`, and what to do, on one line."""
    if "outside the database file" in error:
        return (f"{path} is shorter than its own catalog says: the file was cut short (an "
                "interrupted copy?) or a running load is checkpointing it; if no `kg load` "
                "runs, copy the store again or load into a new one")
    if "recovery is pending" in error or "checkpointing" in error:
        return (f"{path} is being checkpointed by a running load, or one stopped "
                "mid-checkpoint: retry in a moment; if no `kg load` runs, a command that "
                "writes (`kg load --realign`) finishes the recovery")
    if "Permission denied" in error:
        return (f"cannot open {path}: permission denied" + (
            "" if read_only else "; reading commands open it read-only"))
    return f"cannot open the embedded store {path}: {' '.join(error.split())[:300]}"


def _hint(error: str, cypher: str = "") -> str:
    """What to write instead, when kg knows what the embedded dialect refused."""
    backward = re.search(r'bwd data for rel table "(\w+)"', error)
    if backward:
        return (f"{backward[1]} is stored from its source side only, docs/ARCHITECTURE.md "
                "15: start the pattern from that side, e.g. MATCH (t:Task)-[:LEAD]->(o:"
                "Organisation {name: $name}), not from a node bound by an earlier WITH")
    if "Undirected rel pattern" in error:
        return ("LEAD, SUPPORT, ISSUED_BY, RELEVANT_FOR and HAS_THEME are stored from their "
                "source side only, docs/ARCHITECTURE.md 15: give the pattern a direction, e.g. "
                "MATCH (t:Task)-[:LEAD]->(o:Organisation)")
    missing = re.search(r"Table (\w+) does not exist", error)
    if missing:
        return (f"the store has no {missing[1]} table: it was made by an older kg, or is "
                "not a kg store; `kg load --realign` adds the tables this kg uses")
    if re.search(r"has data type DATE but .* was expected", error):
        return ("the embedded store reads no fields of a date (d.issued.year): write "
                "d.issued_year for a document's year, r.lag_days for the days between a plan "
                "and what it implements, or date_part('year', d.issued)")
    if re.search(r"\[\s*\w+\s+IN\b[^\]]*\|", cypher) and "not in scope" in error:
        return ("the embedded store has no list comprehensions ([x IN list | ...]): UNWIND "
                "the list and collect() again, or use list functions")
    if re.search(r"\b(duration|datetime|date)\s*\.\s*\w+\s*\(", cypher):
        return ("the embedded store has no duration.between() or date.*() functions: write "
                "r.lag_days (IMPLEMENTS), d.issued_year, or date_part / date_diff")
    return ""


def query_failure(error: str, cypher: str) -> str:
    """A LadybugDB error as one line: what to write instead when kg knows, then the engine's
    first line (a parser error's other lines only point at the offset it already names)."""
    said = " ".join(error.strip().splitlines()[0].split()) if error.strip() else error
    hint = _hint(error, cypher)
    return f"query failed: {hint} (LadybugDB: {said})" if hint else f"query failed: {said}"


def single(result: ladybug.QueryResult | list[ladybug.QueryResult],
           cypher: str = "") -> ladybug.QueryResult:
    """The result of one statement: LadybugDB answers statements joined by ';' with a list,
    which kg refuses (a query is one statement)."""
    if isinstance(result, list):
        raise StoreError("query failed: one statement at a time (this text holds "
                         f"{len(result)} joined by ';'): {' '.join(cypher.split())[:120]}")
    return result
