"""Text search over document titles, task texts and organisation names, on either store.

Accents and case do not matter: "can bo chien luoc" and "CÁN BỘ CHIẾN LƯỢC" find "cán bộ cấp
chiến lược". Every node searched carries `search`, the folded words of its text
(`graph.keys.search_words`, written at load time), and a row matches when each word of the
query is one of its words, in any order; rows holding the words as one phrase come first.

Both stores run the same test in Cypher. On Neo4j a full-text index over `search` (analyzer
standard-folding, created by `kg load`) first narrows the candidates; on the embedded store
(LadybugDB's FTS extension needs a download, so it is not used) every node of the kind is
tested. The answers are the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graph.keys import search_words
from graph.store import Store


@dataclass(frozen=True)
class Kind:
    name: str  # as given to `kg search --kind`
    label: str  # the node label searched
    tail: str  # Cypher from a candidate `n` to the result columns


# Rows are ranked and cut first; only the kept ones look up their document.
_RANK = ("WITH n, CASE WHEN padded CONTAINS $phrase THEN 0 ELSE 1 END AS rank "
         "ORDER BY rank, size(n.search), n.uid LIMIT $limit ")
_ORDER = "ORDER BY rank, size(n.search), uid"


def _returns(kind: str, text: str, doc: str, label: str) -> str:
    return (f"RETURN '{kind}' AS kind, n.uid AS uid, {text} AS text, {doc} AS document, "
            f"{label} AS label, n.locality AS locality, rank {_ORDER}")


KINDS: dict[str, Kind] = {
    "doc": Kind("doc", "Document", _RANK + _returns("doc", "n.title", "n.symbol", "n.type")),
    "task": Kind("task", "Task",
                 _RANK + "OPTIONAL MATCH (d:Document)-[:HAS_TASK]->(n) "
                 "WITH n, rank, min(coalesce(d.symbol, d.uid)) AS doc "
                 + _returns("task", "n.text", "doc", "n.label")),
    "org": Kind("org", "Organisation", _RANK + _returns("org", "n.name", "NULL", "n.level")),
}
FULLTEXT_ANALYZER = "standard-folding"


class EmptySearch(ValueError):
    """A query with no word in it."""


def cypher(kind: Kind, dialect: str, words: int, lucene: bool = True) -> str:
    """The statement for one kind and a query of `words` words ($w0, $w1 … each ' word ').

    The words are tested one CONTAINS each against the text padded with spaces (a list
    predicate, `all(w IN $words …)`, took about four times as long on the embedded store:
    bench/bench_search.py); the longest word, as a plain substring, sorts out most nodes
    first. On Neo4j the full-text index narrows the candidates before that; the same test
    decides."""
    if dialect == "neo4j" and lucene:
        head = (f"CALL db.index.fulltext.queryNodes('{kind.label}_search_fulltext', $lucene) "
                "YIELD node AS n WITH n WHERE n.search CONTAINS $longest ")
    else:
        head = f"MATCH (n:{kind.label}) WHERE n.search CONTAINS $longest "
    each = " AND ".join(f"padded CONTAINS $w{i}" for i in range(words))
    return head + f"WITH n, ' ' + n.search + ' ' AS padded WHERE {each} " + kind.tail


def stop_words(store: Store) -> frozenset[str]:
    """The words Neo4j's analyzer leaves out of its index (and of queries): English ones."""
    rows = store.query("CALL db.index.fulltext.listAvailableAnalyzers() "
                       "YIELD analyzer, stopwords WHERE analyzer = $name RETURN stopwords",
                       {"name": FULLTEXT_ANALYZER})
    return frozenset(rows[0]["stopwords"]) if rows else frozenset()


def search(store: Store, text: str, kind: str | None = None,
           limit: int = 20) -> list[dict[str, Any]]:
    """Documents (by title), tasks (by text) and organisations (by name) holding every word
    of `text`, accents and case aside; up to `limit` of each kind, phrase matches first.

    Columns: kind (doc, task, org), uid, text, document (the document's symbol; a task's
    document), label (a document's type, a task's numbering, an organisation's level),
    locality, rank (0 when the words stand together as in the query)."""
    words = (search_words(text) or "").split()
    if not words:
        raise EmptySearch(f"nothing to search for in {text!r}: give a word or more")
    kinds = [KINDS[kind]] if kind else list(KINDS.values())
    params: dict[str, Any] = {f"w{i}": f" {w} " for i, w in enumerate(words)}
    params.update(phrase=f" {' '.join(words)} ", limit=limit, longest=max(words, key=len))
    lucene: set[str] = set()  # the labels whose full-text index narrows the candidates
    if store.dialect == "neo4j":
        stop = stop_words(store)
        kept = [w for w in words if w not in stop]
        params["lucene"] = " ".join("+" + w for w in kept)
        if kept:  # a query of stop words only: every node is tested
            lucene = online_indexes(store)
    out: list[dict[str, Any]] = []
    for k in kinds:
        indexed = f"{k.label}_search_fulltext" in lucene
        out.extend(store.query(cypher(k, store.dialect, len(words), indexed), params))
    return out


def online_indexes(store: Store) -> set[str]:
    """The full-text indexes ready on a Neo4j. A store made before kg had search lacks them
    until the next `kg load`: search then tests every node, with the same answer."""
    rows = store.query("SHOW FULLTEXT INDEXES YIELD name, state WHERE state = 'ONLINE' "
                       "RETURN name")
    return {r["name"] for r in rows}


def unsearchable(store: Store) -> int:
    """Nodes with a text but no `search` words: written before kg had search (a reload of
    their files fills them: `kg load --repair FILES`)."""
    total = 0
    for k, prop in (("Document", "title"), ("Task", "text"), ("Organisation", "name")):
        rows = store.query(f"MATCH (n:{k}) WHERE n.{prop} IS NOT NULL AND n.search IS NULL "
                           "RETURN count(n) AS c")
        total += int(rows[0]["c"])
    return total
