// The document each task of $uids belongs to.
// Parameters: $uids (task uids; each looked up by its key, not scanned for).
UNWIND $uids AS u
MATCH (d:Document)-[:HAS_TASK]->(t:Task {uid: u})
RETURN DISTINCT t.uid AS uid, d.uid AS document
ORDER BY uid, document
