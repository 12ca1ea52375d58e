// Implements links inside the tree below $uid: one row per (child, parent), however many
// sources state it; basis "explicit" wins over "implied". (Neo4j form beside this file.)
// Each link's Evidence keys (queries.trace picks the least of their sentences) only when
// $evidence is true.
// Parameters: $uid — the root document's uid; $evidence — whether to return evidence keys.
MATCH (p:Document {uid: $uid})<-[r:IMPLEMENTS_EVIDENCE]-(c:Document)
RETURN c.uid AS child, p.uid AS parent, min(r.basis) AS basis,
       collect(CASE WHEN $evidence THEN r.evidence END) AS evidence, count(r) AS sources
UNION ALL
MATCH (root:Document {uid: $uid})<-[:IMPLEMENTS* SHORTEST 1..{MAX_DEPTH_1}]-(p:Document)<-[r:IMPLEMENTS_EVIDENCE]-(c:Document)
RETURN c.uid AS child, p.uid AS parent, min(r.basis) AS basis,
       collect(CASE WHEN $evidence THEN r.evidence END) AS evidence, count(r) AS sources
