"""Turn what a user types (uid, symbol, "123-KH/TU@Hải Phòng", nickname) into documents."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graph.ids import document_uid_for_symbol
from graph.keys import fold, symbol_key
from graph.store import Store
from queries.loader import cypher


class AmbiguousDocument(Exception):
    """Several documents match; `candidates` lists them so the user can pick one."""

    def __init__(self, text: str, candidates: list[dict[str, Any]]) -> None:
        self.candidates = candidates
        names = "; ".join(f"{c['uid']} ({c.get('locality') or 'locality unknown'})"
                          for c in candidates)
        super().__init__(f"{text!r} matches {len(candidates)} documents: {names}. "
                         "Name one by its id, or as SYMBOL@LOCALITY.")


class DocumentNotFound(LookupError):
    pass


@dataclass(frozen=True)
class Query:
    uid: str
    symbol: str
    key: str
    locality: str | None


def parse(text: str) -> Query:
    """ "123-KH/TU@Hải Phòng" -> symbol 123-kh/tu, locality "hai phong"."""
    head, _, loc = text.partition("@")
    return Query(text.strip(), symbol_key(head), fold(head), fold(loc) or None)


def find_documents(store: Store, text: str) -> list[dict[str, Any]]:
    """Every document `text` may name, best matches only (exact before partial).

    Two answers come by key, without scanning every document (0.1-0.3 s at 10^6): a uid, and
    the exact symbol of a central document (its uid is `doc:SYMBOL`, and a central symbol
    names one document nationwide). Anything else is matched by symbol over all documents.
    """
    q = parse(text)
    rows = store.query(cypher("find_document_by_uid"), {"uid": q.uid})
    if rows:
        return rows
    if not q.locality:
        rows = store.query(cypher("find_document_by_uid"), {"uid": document_uid_for_symbol(q.uid)})
        if rows and rows[0]["level"] == "central":
            return rows
    rows = store.query(cypher("find_documents"), {"uid": q.uid, "symbol": q.symbol})
    rows += store.query(cypher("find_aliases"), {"key": q.key})
    if not rows:
        rows = store.query(cypher("search_documents"), {"key": q.key})
    if q.locality:
        rows = [r for r in rows if fold(r.get("locality")) == q.locality
                or r["uid"].endswith("@" + q.locality.replace(" ", "-"))]
    unique = {r["uid"]: r for r in rows}
    return sorted(unique.values(), key=lambda r: r["uid"])


def resolve_document(store: Store, text: str) -> dict[str, Any]:
    """The one document `text` names; raises DocumentNotFound or AmbiguousDocument."""
    found = find_documents(store, text)
    if not found:
        raise DocumentNotFound(f"no document matches {text!r}; `kg ls WORDS` lists the "
                               "documents whose symbol, type, issuer or locality hold them")
    if len(found) > 1:
        raise AmbiguousDocument(text, found)
    return found[0]


def list_documents(store: Store, text: str = "") -> list[dict[str, Any]]:
    """Documents whose symbol, type, title, issuer or locality contain `text` (all if empty),
    by uid: what `kg ls` prints, for a user looking for what to trace."""
    key = fold(text)
    if not key:
        return store.query(cypher("list_documents"))
    return store.query(cypher("search_documents"), {"key": key})
