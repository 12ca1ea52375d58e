"""One IMPLEMENTS per pair on a store of many documents, in a small page cache.

Rebuilding a pair (a source restating a link the store holds) once matched both ends of
every rebuilt pair in one pattern, `MATCH (a {uid: ...}), (b {uid: ...})`, which LadybugDB
plans as the cross product of every Document with every Document: 10^8 rows at 10^4
documents, 13 GB of RSS and "buffer pool is full" at the end of `kg load` (BENCHMARKS.md).
Matched one end after the other, each end is a primary-key lookup.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from graph import load_batches, to_batch
from graph.ladybug_store import LadybugStore
from graph.model import Extraction, Implements
from tests import factories

DOCUMENTS = 3_000  # their cross product (9M rows, > 1 GB) is far beyond the cache below
CACHE = 64 << 20


def _many_documents() -> Extraction:
    """One text naming DOCUMENTS commune plans and restating that 10-KH/TW implements
    26-NQ/TW (so the store's pair of those two is rebuilt with a second statement)."""
    s = factories.source("communes.txt")
    docs = [factories.doc(s, f"doc:{i}-KH/ĐU@xa-{i}", f"{i}-KH/ĐU", "Kế hoạch", "commune",
                          date=dt.date(2019, 1, 1) + dt.timedelta(days=i % 300))
            for i in range(DOCUMENTS)]
    restated = Implements("doc:10-KH/TW", "doc:26-NQ/TW", "explicit",
                          factories.ev(s, "Kế hoạch 10-KH/TW thực hiện Nghị quyết 26-NQ/TW."))
    central = factories.central()
    return dataclasses.replace(Extraction(s, ""), documents=[*central.documents, *docs],
                               implements=[restated])


def test_a_pair_restated_on_a_store_of_many_documents_is_rebuilt_in_a_small_cache(tmp_path):
    store = LadybugStore(str(tmp_path / "kg.lbdb"), buffer_pool_size=CACHE)
    store.ensure_schema()
    load_batches(store, [to_batch(factories.central())])
    store.checkpoint()
    load_batches(store, [to_batch(_many_documents())])
    store.checkpoint()
    rows = store.query("MATCH (a:Document)-[r:IMPLEMENTS]->(b:Document) "
                       "RETURN a.uid AS a, b.uid AS b, r.evidence_count AS n, "
                       "size(r.sources) AS sources")
    assert rows == [{"a": "doc:10-KH/TW", "b": "doc:26-NQ/TW", "n": 2, "sources": 2}]
    assert store.query("MATCH (d:Document) RETURN count(d) AS c")[0]["c"] == DOCUMENTS + 2
    store.close()
