// The themes of the explorer's documents' tasks.
// Parameters: $whole — true for the whole graph; $uids — document uids otherwise.
MATCH (d:Document)-[:HAS_TASK]->(t:Task)-[:HAS_THEME]->(th:Theme)
WHERE $whole OR d.uid IN $uids
RETURN DISTINCT d.uid AS document, t.uid AS task, th.name AS theme
ORDER BY document, task, theme
