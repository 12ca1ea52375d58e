// The themes of every task.
// Parameters: none.
MATCH (t:Task)-[:HAS_THEME]->(th:Theme)
RETURN DISTINCT t.uid AS task, th.name AS theme
ORDER BY task, theme
