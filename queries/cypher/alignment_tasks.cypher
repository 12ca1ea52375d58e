// Every task with the document it belongs to: the input of task alignment.
// Parameters: none.
MATCH (d:Document)-[:HAS_TASK]->(t:Task)
RETURN DISTINCT t.uid AS uid, d.uid AS document, t.label AS label, t.text AS text,
       t.lead AS lead, t.ord AS ord
ORDER BY document, ord, uid
