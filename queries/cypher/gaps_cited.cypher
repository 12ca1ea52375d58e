// Documents a set of documents implement (cite as their basis), with who cites them.
// Parameters: $uids — the citing documents' uids.
MATCH (a:Document)-[:IMPLEMENTS]->(b:Document)
WHERE a.uid IN $uids
RETURN DISTINCT b.uid AS uid, a.uid AS cited_by
ORDER BY uid, cited_by
