// The themes of the explorer's documents' tasks.
// Parameters: $uids — the documents' uids (each looked up by key: `WHERE d.uid IN $uids`
// scanned every Document, 18 s a query at 10^6 documents).
UNWIND $uids AS u
WITH DISTINCT u
MATCH (d:Document {uid: u})-[:HAS_TASK]->(t:Task)-[:HAS_THEME]->(th:Theme)
RETURN DISTINCT d.uid AS document, t.uid AS task, th.name AS theme
ORDER BY document, task, theme
