// The tasks of the explorer's documents: numbering, text, lead, supporters and deadline.
// Parameters: $whole — true for the whole graph; $uids — document uids otherwise.
MATCH (d:Document)-[:HAS_TASK]->(t:Task)
WHERE $whole OR d.uid IN $uids
RETURN DISTINCT d.uid AS document, t.uid AS uid, t.label AS label, t.text AS text,
       t.lead AS lead, t.support AS support, t.deadline AS deadline, t.ord AS ord
ORDER BY document, ord, uid
