// Every document that implements another: the plans whose tasks may be aligned.
// Parameters: none.
MATCH (a:Document)-[:IMPLEMENTS]->(:Document)
RETURN DISTINCT a.uid AS uid
ORDER BY uid
