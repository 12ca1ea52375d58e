// The symbol of every document that has tasks (to recognise explicit citations).
// Parameters: none.
MATCH (d:Document)-[:HAS_TASK]->(:Task)
RETURN DISTINCT d.uid AS uid, d.symbol AS symbol
ORDER BY uid
