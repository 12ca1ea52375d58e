// The documents whose tasks or implements links the sources $sources assert.
// Parameters: $sources (source uids).
MATCH (d:Document)-[r:HAS_TASK|IMPLEMENTS_EVIDENCE]->()
WHERE r.source IN $sources
RETURN DISTINCT d.uid AS uid
ORDER BY uid
