// Implements links inside the tree below $uid: one row per (child, parent), however many
// sources state it; basis "explicit" wins over "implied".
// Parameters: $uid — the root document's uid.
MATCH (root:Document {uid: $uid})<-[:IMPLEMENTS*0..{MAX_DEPTH_1}]-(p:Document)
WITH DISTINCT p
MATCH (p)<-[r:IMPLEMENTS_EVIDENCE]-(c:Document)
RETURN c.uid AS child, p.uid AS parent, min(r.basis) AS basis, min(r.sentence) AS sentence,
       count(r) AS sources
