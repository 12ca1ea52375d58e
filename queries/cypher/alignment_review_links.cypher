// The proposed links (ALIGNS_WITH) of the tasks of the documents $docs, with both tasks'
// texts and the plan's name: what `kg align review` shows the analyst.
// Parameters: $docs (document uids; each looked up by its key, not scanned for).
UNWIND $docs AS u
MATCH (p:Document {uid: u})-[:HAS_TASK]->(t:Task)-[r:ALIGNS_WITH]->(c:Task)
RETURN p.uid AS plan, p.symbol AS plan_symbol, p.type AS plan_type, p.issuer AS plan_issuer,
       t.uid AS local, t.label AS local_label, t.text AS local_text, c.uid AS central,
       c.label AS central_label, c.text AS central_text, r.score AS score, r.basis AS basis,
       r.words AS words
ORDER BY plan, local, central
