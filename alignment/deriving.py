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
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence

from alignment.reviewed import read_reviews, verdicts
from alignment.scoring import Alignment, TaskRecord, propose
from graph.batch import Batch
from graph.gcpause import gc_paused
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
PART_PER_PROCESS = 4  # groups of plans per process aligning: balance, and links written early


def _propose_part(part: _Part) -> list[Alignment]:
    """One group's links. Cyclic garbage collection waits (`graph.gcpause`): scoring keeps
    every task's feature sets and makes no cycles, and each collection walked them again
    (~10 % of aligning 936 plans, measured)."""
    tasks, links, symbols, docs, judged = part
    with gc_paused:
        return propose(tasks, links, symbols, documents=docs, reviews=judged)


def split_plans(tasks: Sequence[TaskRecord], links: Iterable[tuple[str, str]],
                docs: Collection[str], groups: int) -> list[list[str]]:
    """The plans `docs` in at most `groups` groups of about equal work (local tasks times
    candidate tasks), the plans below the same documents kept together: a group prepares
    (segments) only the tasks of its plans and of the few documents above them, where groups
    cut in the order of uids each needed nearly every document above any plan."""
    up: dict[str, set[str]] = {}
    for child, parent in links:
        if child != parent:
            up.setdefault(child, set()).add(parent)
    memo: dict[str, frozenset[str]] = {}

    def above(d: str) -> frozenset[str]:
        got = memo.get(d)
        if got is None:
            memo[d] = frozenset()  # a cycle ends here
            seen: set[str] = set()
            stack = list(up.get(d, ()))
            while stack:
                u = stack.pop()
                if u not in seen and u != d:
                    seen.add(u)
                    stack.extend(up.get(u, ()))
            got = memo[d] = frozenset(seen)
        return got

    count: dict[str, int] = {}
    for t in tasks:
        count[t.document] = count.get(t.document, 0) + 1

    def key(d: str) -> tuple[str, ...]:  # its chain from the top down, itself last
        return (*sorted(above(d), key=lambda u: (len(above(u)), u)), d)

    ordered = sorted(docs, key=key)
    work = [count.get(d, 0) * (1 + sum(count.get(u, 0) for u in above(d))) for d in ordered]
    total, out, done = sum(work), [], 0.0
    for d, w in zip(ordered, work, strict=True):
        if not out or (done >= total * len(out) / groups and len(out) < groups):
            out.append([])
        out[-1].append(d)
        done += w
    return out


def _part(tasks: Sequence[TaskRecord], links: Sequence[tuple[str, str]],
          symbols: Mapping[str, str | None], plans_: Sequence[str],
          judged: dict[tuple[str, str], str]) -> _Part:
    """What aligning the plans `plans_` reads: their tasks, links and symbols and those of the
    documents above them (what `propose` reads for them; the rest is not sent)."""
    up: dict[str, list[str]] = {}
    for child, parent in links:
        up.setdefault(child, []).append(parent)
    wanted, stack = set(plans_), list(plans_)
    while stack:
        for u in up.get(stack.pop(), ()):
            if u not in wanted:
                wanted.add(u)
                stack.append(u)
    return ([t for t in tasks if t.document in wanted],
            [(c, p) for c, p in links if c in wanted],
            {d: s for d, s in symbols.items() if d in wanted}, frozenset(plans_), judged)


def iter_derived(store: Store, docs: Collection[str], map_: Map = map,
                 parts: int = 1) -> Iterator[list[Batch]]:
    """`derived_batches`, a group of plans at a time as `map_` gives their links: with a
    process pool's map the caller writes one group while the next are aligned."""
    tasks, links, symbols = alignment_inputs(store, docs)
    judged = verdicts(read_reviews(store))
    groups = split_plans(tasks, links, docs, parts * PART_PER_PROCESS if parts > 1 else 1)
    owner = {t.uid: t.document for t in tasks}
    text = {t.uid: t.text for t in tasks}
    work = (_part(tasks, links, symbols, g, judged) for g in groups)
    for found in map_(_propose_part, work):
        by_plan: dict[str, list[Alignment]] = {}
        for a in found:
            by_plan.setdefault(owner[a.local], []).append(a)
        yield [alignment_batch(d, by_plan[d], text) for d in sorted(by_plan)]


def derived_batches(store: Store, docs: Collection[str], map_: Map = map,
                    parts: int = 1) -> list[Batch]:
    """The derived sources of the plans `docs` (those with links), computed from the store,
    in the order of their plans; with `parts` > 1 the plans are split in groups
    (`split_plans`) aligned through `map_` (e.g. a process pool's map). A plan's links depend
    on its chain only, so any split gives the same links."""
    out = [b for group in iter_derived(store, docs, map_, parts) for b in group]
    return sorted(out, key=lambda b: b.source.path)


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
        for batches in iter_derived(store, todo[i:i + ALIGN_PLANS], map_, parts):
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
