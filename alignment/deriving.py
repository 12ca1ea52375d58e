"""Deriving ALIGNS_WITH links in a store: read a plan chain's tasks, score them
(alignment/scoring.py), write one derived source per plan.

`alignment_inputs` reads the plain records scoring needs; `alignment_batch` turns links into
the derived source (`derived-alignment`, path `derived:alignment:<plan uid>`, identified by its
content: rewriting the same links changes nothing); `realign` recomputes the plans a load can
have changed, which `kg load` calls after every load.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence

from alignment.reviewed import read_reviews, verdicts
from alignment.scoring import Alignment, TaskRecord, propose
from graph.batch import Batch
from graph.model import Evidence, Source
from graph.store import Store
from queries.loader import cypher

DERIVED_NAME = "derived-alignment"
DERIVED_PATH = "derived:alignment"  # + ":" + the plan's uid: one derived source per plan
ALIGN_PLANS = 10_000  # plans aligned per read of the store (bounds memory)


def _rows(store: Store, name: str, docs: Collection[str]) -> list[dict]:
    return store.query(cypher(name), {"docs": sorted(docs)})


def _closure(store: Store, docs: Collection[str], query: str, end: str) -> set[str]:
    """`docs` and every document reached from them by the implements pairs `query` reads."""
    seen, frontier = set(docs), set(docs)
    while frontier:
        frontier = {r[end] for r in _rows(store, query, frontier)} - seen
        seen |= frontier
    return seen


def plans(store: Store) -> set[str]:
    """Every document that implements another: the plans whose tasks may be aligned."""
    return {r["uid"] for r in store.query(cypher("alignment_plans"))}


def below(store: Store, docs: Collection[str]) -> set[str]:
    """`docs` and every document implementing one of them, directly or transitively."""
    return _closure(store, docs, "alignment_children", "child")


def documents_of_sources(store: Store, sources: Collection[str]) -> set[str]:
    """The documents whose tasks or implements links these sources assert (in the store)."""
    return {r["uid"] for r in store.query(cypher("alignment_touched"),
                                          {"sources": sorted(sources)})} if sources else set()


def documents_of_batch(b: Batch) -> set[str]:
    """The documents whose tasks (text, themes) or implements links a batch asserts."""
    return {e.src for e in b.edges if e.type in ("HAS_TASK", "IMPLEMENTS")}


def alignment_inputs(store: Store, docs: Collection[str]) -> tuple[
        list[TaskRecord], list[tuple[str, str]], dict[str, str | None]]:
    """What aligning the plans `docs` needs: the implements pairs above them, the tasks (with
    themes) of the plans and of every document above, those documents' symbols."""
    links: set[tuple[str, str]] = set()
    frontier, seen = set(docs), set(docs)
    while frontier:
        rows = _rows(store, "alignment_parents", frontier)
        links.update((r["child"], r["parent"]) for r in rows)
        frontier = {r["parent"] for r in rows} - seen
        seen |= frontier
    themes: dict[str, list[str]] = {}
    for r in _rows(store, "alignment_themes", seen):
        themes.setdefault(r["task"], []).append(r["theme"])
    tasks = [TaskRecord(r["uid"], r["document"], r["label"] or "", r["text"] or "", r["lead"],
                        tuple(sorted(themes.get(r["uid"], ()))), r["ord"] or 0)
             for r in _rows(store, "alignment_tasks", seen)]
    symbols = {r["uid"]: r["symbol"] for r in _rows(store, "alignment_documents", seen)}
    return tasks, sorted(links), symbols


def derived_path(doc: str) -> str:
    """The path of the derived source holding the links of plan `doc`'s tasks."""
    return DERIVED_PATH + ":" + doc


def alignment_batch(doc: str | None, alignments: Sequence[Alignment],
                    text: Mapping[str, str]) -> Batch:
    """The derived source holding the ALIGNS_WITH links of plan `doc` (None: of all plans);
    its uid is its content. `text` maps the local tasks' uids to their text (the sentence)."""
    payload = json.dumps({"plan": doc,
                          "links": sorted([a.local, a.central, a.basis, a.score, list(a.words),
                                           text.get(a.local, "")] for a in alignments)},
                         ensure_ascii=False)
    sha = hashlib.sha256(payload.encode()).hexdigest()
    path = DERIVED_PATH if doc is None else derived_path(doc)
    source = Source("src:" + sha[:16], DERIVED_NAME, path, sha, len(payload), "utf-8")
    b = Batch(source)
    for uid in sorted({u for a in alignments for u in (a.local, a.central)}):
        b.node("Task", uid, None)  # the ends, asserted elsewhere: no properties, no evidence
    for a in alignments:
        sentence = text.get(a.local, "")
        ev = Evidence(source.uid, sentence, 0, len(sentence), "inferred", a.score)
        b.edge("ALIGNS_WITH", ("Task", a.local), ("Task", a.central), ev, basis=a.basis,
               score=a.score, words=list(a.words))
    return b


_Part = tuple[list[TaskRecord], list[tuple[str, str]], dict[str, str | None], frozenset[str],
              dict[tuple[str, str], str]]
Map = Callable[[Callable[[_Part], list[Alignment]], Iterable[_Part]], Iterable[list[Alignment]]]


def _propose_part(part: _Part) -> list[Alignment]:
    tasks, links, symbols, docs, judged = part
    return propose(tasks, links, symbols, documents=docs, reviews=judged)


def derived_batches(store: Store, docs: Collection[str], map_: Map = map,
                    parts: int = 1) -> list[Batch]:
    """The derived sources of the plans `docs` (those with links), computed from the store;
    the plans split in `parts` aligned through `map_` (e.g. a process pool's map)."""
    tasks, links, symbols = alignment_inputs(store, docs)
    reviews = read_reviews(store)
    ordered = sorted(docs)
    size = max(1, -(-len(ordered) // parts))
    split = [(tasks, links, symbols, frozenset(ordered[i:i + size]), verdicts(reviews))
             for i in range(0, len(ordered), size)]
    by_plan: dict[str, list[Alignment]] = {}
    owner = {t.uid: t.document for t in tasks}
    for a in (a for found in map_(_propose_part, split) for a in found):
        by_plan.setdefault(owner[a.local], []).append(a)
    text = {t.uid: t.text for t in tasks}
    return [alignment_batch(d, by_plan[d], text) for d in sorted(by_plan)]


def realign(store: Store, changed: Collection[str] | None = None, map_: Map = map,
            parts: int = 1) -> int:
    """Recompute the ALIGNS_WITH links `changed` documents can affect, or all (None).

    A plan's links depend on its tasks and on the tasks, implements links and symbols of the
    documents above it, so the plans re-aligned are the changed documents and every document
    below them. Each plan's links are one derived source, retracted and rewritten together.
    `map_` and `parts` spread the scoring (see `derived_batches`). Returns the number of plans
    given links.
    """
    derived = [s for s in store.sources() if s.path.startswith(DERIVED_PATH)]
    if changed is None or any(s.path == DERIVED_PATH for s in derived):  # one source: old form
        scope, stale = plans(store), [s.uid for s in derived]
    else:
        scope = below(store, changed) if changed else set()
        paths = {derived_path(d) for d in scope}
        stale = [s.uid for s in derived if s.path in paths]
    store.retract(stale)
    todo, written = sorted(scope), 0
    for i in range(0, len(todo), ALIGN_PLANS):
        batches = derived_batches(store, todo[i:i + ALIGN_PLANS], map_, parts)
        store.write(batches)
        written += len(batches)
    return written


def derived_alignment_batch(store: Store) -> Batch:
    """Every alignment the store's tasks give, as one derived source (stores written with
    `load_batches` directly; `kg load` keeps one derived source per plan, see `realign`)."""
    docs = plans(store)
    tasks, links, symbols = alignment_inputs(store, docs)
    return alignment_batch(None, propose(tasks, links, symbols, documents=docs,
                                         reviews=verdicts(read_reviews(store))),
                           {t.uid: t.text for t in tasks})
