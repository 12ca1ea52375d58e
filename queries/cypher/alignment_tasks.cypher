// The tasks of the documents $docs, each with its document: the input of task alignment.
// Parameters: $docs (document uids).
MATCH (d:Document)-[:HAS_TASK]->(t:Task)
WHERE d.uid IN $docs
RETURN DISTINCT t.uid AS uid, d.uid AS document, t.label AS label, t.text AS text,
       t.lead AS lead, t.ord AS ord
ORDER BY document, ord, uid
