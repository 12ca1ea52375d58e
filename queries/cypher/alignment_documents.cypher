// The symbol of each document of $docs that has tasks (to recognise explicit citations).
// Parameters: $docs (document uids; each looked up by its key, not scanned for).
UNWIND $docs AS u
MATCH (d:Document {uid: u})-[:HAS_TASK]->(:Task)
RETURN DISTINCT d.uid AS uid, d.symbol AS symbol
ORDER BY uid
