// Implements links among the documents $uid implements, directly or not: one row per
// (child, parent).
// Parameters: $uid — the starting document's uid.
MATCH (root:Document {uid: $uid})-[:IMPLEMENTS*0..{MAX_DEPTH_1}]->(c:Document)
WITH DISTINCT c
MATCH (c)-[r:IMPLEMENTS_EVIDENCE]->(p:Document)
RETURN c.uid AS child, p.uid AS parent, min(r.basis) AS basis, min(r.sentence) AS sentence,
       count(r) AS sources
