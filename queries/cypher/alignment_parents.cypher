// The implements links from the documents $docs to the documents they implement.
// Parameters: $docs (document uids).
MATCH (a:Document)-[:IMPLEMENTS]->(b:Document)
WHERE a.uid IN $docs
RETURN DISTINCT a.uid AS child, b.uid AS parent
ORDER BY child, parent
