"""Reviewed links: an analyst's verdict on a (local task, central task) pair, as stored.

A review is its own source (name `alignment-review`, path `review:alignment:<local>|<central>`,
identified by its content), asserting one `Review` node (ontology/kg.ttl) that names both tasks
by uid. It is not an edge between the tasks: reloading a changed file retracts and rewrites
its tasks, which would take an edge with them. Realignment reads the reviews
(`alignment.deriving`): a rejected pair is never proposed, an accepted one is kept whatever
its score; coverage and `kg show` join the links to the Review nodes by the two uids.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from graph.model import Evidence, Source
from graph.store import Store, StoreError
from queries.loader import cypher

if TYPE_CHECKING:
    from graph.batch import Batch

REVIEW_NAME = "alignment-review"
REVIEW_PATH = "review:alignment"  # + ":" + local uid + "|" + central uid: one source per pair
VERDICTS = ("accept", "reject")


@dataclass(frozen=True)
class Review:
    """`local` takes up `central` (accept) or does not (reject), said by `by` at `at`."""

    local: str
    central: str
    verdict: str  # accept | reject
    by: str
    at: str  # ISO date and time, UTC
    note: str = ""

    def __post_init__(self) -> None:
        if self.verdict not in VERDICTS:
            raise ValueError(f"verdict must be one of {', '.join(VERDICTS)}, not {self.verdict!r}")

    @property
    def pair(self) -> tuple[str, str]:
        return self.local, self.central


def review_uid(local: str, central: str) -> str:
    return f"review:{local}|{central}"


def review_path(local: str, central: str) -> str:
    """The path of the source holding the review of this pair (a new review replaces it)."""
    return f"{REVIEW_PATH}:{local}|{central}"


def review_batch(r: Review) -> Batch:
    """The source asserting review `r`: its uid is its content, its path the pair's."""
    from graph.batch import Batch  # (the ontology behind it: read only when one is written)

    payload = json.dumps(asdict(r), ensure_ascii=False, sort_keys=True)
    sha = hashlib.sha256(payload.encode()).hexdigest()
    source = Source("src:" + sha[:16], REVIEW_NAME, review_path(r.local, r.central), sha,
                    len(payload), "utf-8")
    b = Batch(source)
    said = f"{r.verdict} {r.local} -> {r.central}" + (f": {r.note}" if r.note else "")
    b.node("Review", review_uid(r.local, r.central),
           Evidence(source.uid, said, 0, len(said), "reviewed", 1.0),
           local_task=r.local, central_task=r.central, verdict=r.verdict, reviewer=r.by,
           reviewed_at=r.at, note=r.note or None)
    return b


def read_reviews(store: Store) -> dict[tuple[str, str], Review]:
    """Every review in the store, by (local uid, central uid); none in an embedded store made
    before reviews existed (no Review table until a writing command adds it)."""
    try:
        rows = store.query(cypher("alignment_reviews"))
    except StoreError as e:
        if "Table Review does not exist" in str(e):
            return {}
        raise
    return {(r["local"], r["central"]): Review(r["local"], r["central"], r["verdict"],
                                               r["reviewer"] or "", r["reviewed_at"] or "",
                                               r["note"] or "")
            for r in rows}


def reviews_of(store: Store, task: str) -> list[Review]:
    """The reviews of pairs `task` (a uid) is the local or the central task of."""
    return [r for r in read_reviews(store).values() if task in r.pair]


def verdicts(reviews: Mapping[tuple[str, str], Review]) -> dict[tuple[str, str], str]:
    return {k: r.verdict for k, r in reviews.items()}
