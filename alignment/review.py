"""The review loop: an analyst checks proposed links, most uncertain first, and records verdicts.

    from alignment.review import review_queue, record, export_reviews, import_reviews

    items = review_queue(store, "doc:26-NQ/TW")          # links of the plans below it
    record(store, "task:a", "task:b", "accept", by="lan", note="clause on rotation")
    text = export_reviews(store)                        # YAML, for `import_reviews` elsewhere

A verdict is stored as its own source (alignment.reviewed) and the plan is realigned at once,
so the link appears (accept), disappears (reject) and carries the verdict in coverage,
`kg show` and the RDF export. `kg align` (kg/commands/align.py) is the command over this.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import yaml

from alignment.deriving import alignment_inputs, below, plans, realign
from alignment.reviewed import VERDICTS, Review, read_reviews, review_batch, verdicts
from alignment.scoring import propose
from alignment.weights import model
from graph.loading import load_batches
from graph.store import Store
from queries.loader import cypher


class ReviewError(ValueError):
    """A review that cannot be recorded or read; the message says why, in one line."""


# ---------------------------------------------------------------------- the queue

@dataclass(frozen=True)
class Proposed:
    """A proposed link as the analyst reads it: both texts, what matched, how sure."""

    plan: str
    plan_name: str
    local: str
    local_label: str
    local_text: str
    central: str
    central_label: str
    central_text: str
    clause: str  # the central clause matched best ("" when the task is one clause)
    score: float
    basis: str
    words: tuple[str, ...]  # shared words as written in the local task
    themes: tuple[str, ...]  # shared themes (ontology/themes.ttl)
    concepts: tuple[str, ...]  # shared concepts (alignment/data/thesaurus.ttl)
    uncertainty: float  # distance to the nearer threshold (propose, covered): smaller first
    review: Review | None = None
    proposed: bool = True  # False: a candidate scored below the proposing threshold

    def as_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["review"] = asdict(self.review) if self.review else None
        return d


def _split_words(words: Iterable[str]) -> tuple[tuple[str, ...], ...]:
    plain, themes, concepts, clause = [], [], [], ""
    for w in words:
        if w.startswith("theme:"):
            themes.append(w[len("theme:"):])
        elif w.startswith("concept:"):
            concepts.append(w[len("concept:"):])
        elif w.startswith("clause:"):
            clause = w[len("clause:"):]
        else:
            plain.append(w)
    return tuple(plain), tuple(themes), tuple(concepts), (clause,)


def distance(score: float, thresholds: Sequence[float]) -> float:
    """How far a probability stands from the nearer decision threshold (0: on it)."""
    return round(min(abs(score - t) for t in thresholds), 4)


def near_misses(store: Store, docs: Collection[str], floor: float,
                reviews: Mapping[tuple[str, str], Review]) -> list[Proposed]:
    """Candidates of the plans `docs` scoring from `floor` up to the proposing threshold, not
    reviewed: the links alignment may have missed (computed now, they are not stored)."""
    m = model()
    aligned = plans(store) & set(docs)
    tasks, links, symbols = alignment_inputs(store, aligned)
    by_uid = {t.uid: t for t in tasks}
    out = []
    for a in propose(tasks, links, symbols, documents=aligned, threshold=floor,
                     reviews=verdicts(reviews)):
        if a.score >= m.propose or (a.local, a.central) in reviews:
            continue
        local, central = by_uid[a.local], by_uid[a.central]
        words, themes, concepts, (clause,) = _split_words(a.words)
        out.append(Proposed(local.document, symbols.get(local.document) or local.document,
                            a.local, local.label, local.text, a.central, central.label,
                            central.text, clause,
                            a.score, a.basis, words, themes, concepts,
                            distance(a.score, (m.propose, m.covered)), None, False))
    return out


def review_queue(store: Store, uid: str, include_reviewed: bool = False,
                 floor: float | None = None) -> list[Proposed]:
    """The links proposed for the tasks of document `uid` and of every document implementing
    it, the most uncertain first (closest to the `propose` or `covered` threshold); links
    already reviewed only with `include_reviewed`; with `floor`, also the candidates scoring
    from `floor` up to the proposing threshold (links that may have been missed)."""
    docs = sorted(below(store, {uid}))
    reviews = read_reviews(store)
    m = model()
    out = near_misses(store, docs, floor, reviews) if floor is not None else []
    for r in store.query(cypher("alignment_review_links"), {"docs": docs}):
        review = reviews.get((r["local"], r["central"]))
        if review is not None and not include_reviewed:
            continue
        words, themes, concepts, (clause,) = _split_words(r["words"] or ())
        score = float(r["score"] or 0.0)
        name = r["plan_symbol"] or " ".join(x for x in (r["plan_type"], r["plan_issuer"]) if x)
        out.append(Proposed(r["plan"], name, r["local"], r["local_label"] or "",
                            r["local_text"] or "", r["central"], r["central_label"] or "",
                            r["central_text"] or "", clause, score, r["basis"] or "", words,
                            themes, concepts, distance(score, (m.propose, m.covered)), review))
    return sorted(out, key=lambda p: (p.uncertainty, p.plan, p.local, p.central))


# ---------------------------------------------------------------------- recording

def now() -> str:
    """The time of a review: UTC, to the second, ISO 8601."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def _task_documents(store: Store, uids: Collection[str]) -> dict[str, str]:
    return {r["uid"]: r["document"]
            for r in store.query(cypher("alignment_task_documents"), {"uids": sorted(uids)})}


def _above(store: Store, doc: str) -> set[str]:
    """Every document `doc` implements, directly or through others."""
    seen, frontier = {doc}, {doc}
    while frontier:
        rows = store.query(cypher("alignment_parents"), {"docs": sorted(frontier)})
        frontier = {r["parent"] for r in rows} - seen
        seen |= frontier
    return seen - {doc}


def check(store: Store, reviews: Sequence[Review]) -> dict[str, str]:
    """The plan of each reviewed local task; ReviewError when a task is not in the store or the
    central task belongs to no document the local task's plan implements (such a pair is
    never a candidate, so a verdict on it would mean nothing)."""
    docs = _task_documents(store, {u for r in reviews for u in r.pair})
    plans: dict[str, str] = {}
    for r in reviews:
        for uid in r.pair:
            if uid not in docs:
                raise ReviewError(f"task {uid} is not in the store")
        plan = docs[r.local]
        if docs[r.central] not in _above(store, plan):
            raise ReviewError(f"{r.central} is a task of {docs[r.central]}, which {plan} (the "
                              f"plan of {r.local}) does not implement")
        plans[r.local] = plan
    return plans


def store_reviews(store: Store, reviews: Sequence[Review]) -> int:
    """Write reviews (each replacing an earlier review of its pair) and realign their plans;
    returns the number of reviews that changed anything."""
    plans = check(store, reviews)
    report = load_batches(store, [review_batch(r) for r in reviews])
    changed = len(report.added) + len(report.replaced)
    if changed:
        realign(store, set(plans.values()))
    return changed


def record(store: Store, local: str, central: str, verdict: str, by: str, note: str = "",
           at: str | None = None) -> Review:
    """Record one verdict on the pair (local task uid, central task uid) and realign its plan."""
    if verdict not in VERDICTS:
        raise ReviewError(f"verdict must be one of {', '.join(VERDICTS)}, not {verdict!r}")
    r = Review(local, central, verdict, by, at or now(), note)
    store_reviews(store, [r])
    return r


# ---------------------------------------------------------------------- moving reviews

FIELDS = ("local", "central", "verdict", "by", "at", "note")


def export_reviews(store: Store) -> str:
    """Every review of the store as YAML (`reviews:` list of local, central, verdict, by, at,
    note), the input of `import_reviews`."""
    rows = [asdict(r) for _, r in sorted(read_reviews(store).items())]
    head = "# kg alignment reviews: `kg align import FILE` reads this file\n"
    return head + yaml.safe_dump({"reviews": rows}, allow_unicode=True, sort_keys=False)


def parse_reviews(text: str, name: str = "reviews") -> list[Review]:
    """Reviews from the YAML `export_reviews` writes; ReviewError naming the problem."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        raise ReviewError(f"{name}: not YAML ({str(e).splitlines()[0]})") from e
    if not isinstance(data, dict) or not isinstance(data.get("reviews"), list):
        raise ReviewError(f"{name}: expected a mapping with a `reviews:` list")
    out = []
    for i, item in enumerate(data["reviews"], 1):
        if not isinstance(item, dict):
            raise ReviewError(f"{name}: review {i} is not a mapping")
        missing = [k for k in FIELDS[:5] if not item.get(k)]
        unknown = sorted(set(item) - set(FIELDS))
        if missing or unknown:
            what = f"lacks {', '.join(missing)}" if missing else f"has unknown {unknown}"
            raise ReviewError(f"{name}: review {i} {what}")
        if item["verdict"] not in VERDICTS:
            raise ReviewError(f"{name}: review {i}: verdict must be one of "
                              f"{', '.join(VERDICTS)}, not {item['verdict']!r}")
        out.append(Review(*(str(item.get(k) or "") for k in FIELDS)))
    return out


@dataclass
class ImportReport:
    imported: list[Review] = field(default_factory=list)
    unchanged: list[Review] = field(default_factory=list)  # the store holds the same
    older: list[Review] = field(default_factory=list)  # the store holds a later review
    skipped: list[tuple[Review, str]] = field(default_factory=list)  # not applicable here

    def summary(self) -> str:
        return (f"{len(self.imported)} reviews imported, {len(self.unchanged)} unchanged, "
                f"{len(self.older)} older than the store's, {len(self.skipped)} skipped")


def import_reviews(store: Store, reviews: Sequence[Review]) -> ImportReport:
    """Store reviews made elsewhere: the later review of a pair wins; reviews whose tasks are
    not in this store (or not a candidate pair here) are skipped, each with the reason."""
    report = ImportReport()
    have = read_reviews(store)
    todo: dict[tuple[str, str], Review] = {}
    for r in reviews:
        old = todo.get(r.pair) or have.get(r.pair)
        if old == r:
            report.unchanged.append(r)
        elif old is not None and old.at > r.at:
            report.older.append(r)
        else:
            todo[r.pair] = r
    ok = []
    for r in todo.values():
        try:
            check(store, [r])
        except ReviewError as e:
            report.skipped.append((r, str(e)))
        else:
            ok.append(r)
    if ok:
        store_reviews(store, ok)
    report.imported = ok
    return report
