// The implements links to the documents $docs from the documents implementing them.
// Parameters: $docs (document uids).
MATCH (a:Document)-[:IMPLEMENTS]->(b:Document)
WHERE b.uid IN $docs
RETURN DISTINCT a.uid AS child, b.uid AS parent
ORDER BY child, parent
