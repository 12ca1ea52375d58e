// The tasks of a document, in their order.
// Parameters: $uid — the document's uid.
MATCH (d:Document {uid: $uid})-[:HAS_TASK]->(t:Task)
RETURN t.uid AS uid, t.label AS label, t.text AS text, t.ord AS ord
ORDER BY ord, uid
