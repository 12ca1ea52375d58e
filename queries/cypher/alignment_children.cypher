// The implements links to the documents $docs from the documents implementing them.
// Parameters: $docs (document uids; each looked up by its key, not scanned for).
UNWIND $docs AS u
MATCH (a:Document)-[:IMPLEMENTS]->(b:Document {uid: u})
RETURN DISTINCT a.uid AS child, b.uid AS parent
ORDER BY child, parent
