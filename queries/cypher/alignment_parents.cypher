// The implements links from the documents $docs to the documents they implement.
// Parameters: $docs (document uids; each looked up by its key, not scanned for).
UNWIND $docs AS u
MATCH (a:Document {uid: u})-[:IMPLEMENTS]->(b:Document)
RETURN DISTINCT a.uid AS child, b.uid AS parent
ORDER BY child, parent
