// Implements links among the documents $uid implements, directly or not: one row per
// (child, parent). (Neo4j form beside this file.)
// Each link's Evidence keys (queries.trace picks the least of their sentences) only when
// $evidence is true.
// Parameters: $uid — the starting document's uid; $evidence — whether to return evidence keys.
MATCH (c:Document {uid: $uid})-[r:IMPLEMENTS_EVIDENCE]->(p:Document)
RETURN c.uid AS child, p.uid AS parent, min(r.basis) AS basis,
       collect(CASE WHEN $evidence THEN r.evidence END) AS evidence, count(r) AS sources
UNION ALL
MATCH (root:Document {uid: $uid})-[:IMPLEMENTS* SHORTEST 1..{MAX_DEPTH_1}]->(c:Document)-[r:IMPLEMENTS_EVIDENCE]->(p:Document)
RETURN c.uid AS child, p.uid AS parent, min(r.basis) AS basis,
       collect(CASE WHEN $evidence THEN r.evidence END) AS evidence, count(r) AS sources
