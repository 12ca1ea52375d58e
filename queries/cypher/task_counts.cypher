// How many tasks each of a set of documents has in the corpus.
// Parameters: $uids — document uids.
MATCH (d:Document)-[:HAS_TASK]->(t:Task)
WHERE d.uid IN $uids
RETURN d.uid AS uid, count(t) AS tasks
ORDER BY uid
