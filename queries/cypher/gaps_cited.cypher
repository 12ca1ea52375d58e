// Documents a set of documents implement (cite as their basis), with who cites them.
// Parameters: $uids — the citing documents' uids.
// One primary-key lookup per uid: `WHERE a.uid IN $uids` scanned every Document.
UNWIND $uids AS u
WITH DISTINCT u
MATCH (a:Document {uid: u})-[:IMPLEMENTS]->(b:Document)
RETURN DISTINCT b.uid AS uid, a.uid AS cited_by
ORDER BY uid, cited_by
