// The tasks of the explorer's documents: numbering, text, lead, supporters and deadline.
// Parameters: $uids — the documents' uids (each looked up by key: `WHERE d.uid IN $uids`
// scanned every Document, 18 s a query at 10^6 documents).
UNWIND $uids AS u
WITH DISTINCT u
MATCH (d:Document {uid: u})-[:HAS_TASK]->(t:Task)
RETURN DISTINCT d.uid AS document, t.uid AS uid, t.label AS label, t.text AS text,
       t.lead AS lead, t.support AS support, t.deadline AS deadline, t.ord AS ord
ORDER BY document, ord, uid
