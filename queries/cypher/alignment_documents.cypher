// The symbol of each document of $docs that has tasks (to recognise explicit citations).
// Parameters: $docs (document uids).
MATCH (d:Document)-[:HAS_TASK]->(:Task)
WHERE d.uid IN $docs
RETURN DISTINCT d.uid AS uid, d.symbol AS symbol
ORDER BY uid
