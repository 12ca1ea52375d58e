// Implements links (child -> parent) from the explorer's documents (the caller keeps those
// between them), one row per source that states the link, with its evidence.
// Parameters: $uids — the documents' uids (each looked up by key: `WHERE d.uid IN $uids`
// scanned every Document, 18 s a query at 10^6 documents).
UNWIND $uids AS u
WITH DISTINCT u
MATCH (c:Document {uid: u})-[r:IMPLEMENTS_EVIDENCE]->(p:Document)
OPTIONAL MATCH (ev:Evidence {uid: r.evidence})
RETURN c.uid AS child, p.uid AS parent, r.basis AS basis, r.source AS source,
       ev.sentence AS sentence, r.span_start AS span_start, r.span_end AS span_end,
       r.method AS method, r.confidence AS confidence
ORDER BY child, parent, source, span_start
