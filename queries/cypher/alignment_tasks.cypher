// The tasks of the documents $docs, each with its document: the input of task alignment.
// Parameters: $docs (document uids; each looked up by its key, not scanned for).
UNWIND $docs AS u
MATCH (d:Document {uid: u})-[:HAS_TASK]->(t:Task)
RETURN DISTINCT t.uid AS uid, d.uid AS document, t.label AS label, t.text AS text,
       t.lead AS lead, t.ord AS ord
ORDER BY document, ord, uid
