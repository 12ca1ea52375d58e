// Implements links (child -> parent) among the explorer's documents, one row per source that
// states the link, with its evidence.
// Parameters: $whole — true for the whole graph; $uids — document uids otherwise.
MATCH (c:Document)-[r:IMPLEMENTS]->(p:Document)
WHERE $whole OR (c.uid IN $uids AND p.uid IN $uids)
RETURN c.uid AS child, p.uid AS parent, r.basis AS basis, r.source AS source,
       r.sentence AS sentence, r.span_start AS span_start, r.span_end AS span_end,
       r.method AS method, r.confidence AS confidence
ORDER BY child, parent, source, span_start
