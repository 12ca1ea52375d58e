// The themes of the tasks of the documents $docs.
// Parameters: $docs (document uids; each looked up by its key, not scanned for).
UNWIND $docs AS u
MATCH (d:Document {uid: u})-[:HAS_TASK]->(t:Task)-[:HAS_THEME]->(th:Theme)
RETURN DISTINCT t.uid AS task, th.name AS theme
ORDER BY task, theme
