// Implements links among the documents $uid implements, directly or not: one row per
// (child, parent).
// Each link's Evidence keys only when $evidence is true.
// Parameters: $uid — the starting document's uid; $evidence — whether to return evidence keys.
MATCH (root:Document {uid: $uid})-[:IMPLEMENTS*0..{MAX_DEPTH_1}]->(c:Document)
WITH DISTINCT c
MATCH (c)-[r:IMPLEMENTS_EVIDENCE]->(p:Document)
RETURN c.uid AS child, p.uid AS parent, min(r.basis) AS basis,
       collect(CASE WHEN $evidence THEN r.evidence END) AS evidence, count(r) AS sources
