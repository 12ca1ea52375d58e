// The themes of the tasks of the documents $docs.
// Parameters: $docs (document uids).
MATCH (d:Document)-[:HAS_TASK]->(t:Task)-[:HAS_THEME]->(th:Theme)
WHERE d.uid IN $docs
RETURN DISTINCT t.uid AS task, th.name AS theme
ORDER BY task, theme
