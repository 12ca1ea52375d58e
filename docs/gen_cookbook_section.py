"""Regenerate the cookbook section of docs/NEO4J.md: every question's answer on the seeds.

    .venv/bin/python docs/gen_cookbook_section.py [--store PATH|URI] [--check]

Loads ../shared/seeds as `kg load` does (`kg.ingest`) into a fresh embedded store (or uses
--store as it is), runs every file of queries/cookbook/ and rewrites the text between the
cookbook markers.
--check exits 1 instead of writing when the section is out of date (tests/test_cookbook.py).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graph.store import open_store  # noqa: E402
from kg.ingest import ingest  # noqa: E402
from queries.cookbook import markdown, recipes, run  # noqa: E402

DOC = ROOT / "docs" / "NEO4J.md"
SEEDS = ROOT.parent / "shared" / "seeds"
START, END = "<!-- cookbook:start -->", "<!-- cookbook:end -->"


def section(store_uri: str) -> str:
    store = open_store(store_uri)
    try:
        return markdown([(r, run(store, r)) for r in recipes()])
    finally:
        store.close()


def seeded_store(folder: Path) -> str:
    path = folder / "kg.lbdb"
    store = open_store(str(path))
    try:
        report = ingest(store, sorted(SEEDS.glob("*.txt")))
    finally:
        store.close()
    if report.errors:
        raise SystemExit(f"loading the seeds failed: {report.errors}")
    return str(path)


def replace(doc: str, body: str) -> str:
    head, _, rest = doc.partition(START)
    _, _, tail = rest.partition(END)
    return f"{head}{START}\n{body}{END}{tail}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--store", default=None, help="a store already holding the seeds")
    ap.add_argument("--check", action="store_true", help="fail if the section is out of date")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        body = section(args.store or seeded_store(Path(tmp)))
    doc = DOC.read_text(encoding="utf-8")
    new = replace(doc, body)
    if args.check:
        if new != doc:
            print(f"{DOC} is out of date: run {Path(__file__).relative_to(ROOT)}",
                  file=sys.stderr)
            return 1
        return 0
    DOC.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
