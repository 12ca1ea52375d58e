// Implements links inside the tree below $uid: one row per (child, parent), however many
// sources state it; basis "explicit" wins over "implied".
// Each link's Evidence keys only when $evidence is true.
// Parameters: $uid — the root document's uid; $evidence — whether to return evidence keys.
MATCH (root:Document {uid: $uid})<-[:IMPLEMENTS*0..{MAX_DEPTH_1}]-(p:Document)
WITH DISTINCT p
MATCH (p)<-[r:IMPLEMENTS_EVIDENCE]-(c:Document)
RETURN c.uid AS child, p.uid AS parent, min(r.basis) AS basis,
       collect(CASE WHEN $evidence THEN r.evidence END) AS evidence, count(r) AS sources
