// Local tasks that take up a task of the document (ALIGNS_WITH), with the plan they belong to,
// their lead agency and why the link was proposed.
// Parameters: $uid — the central document's uid.
MATCH (d:Document {uid: $uid})-[:HAS_TASK]->(c:Task)<-[r:ALIGNS_WITH]-(t:Task)
MATCH (p:Document)-[:HAS_TASK]->(t)
OPTIONAL MATCH (ev:Evidence {uid: r.evidence})
RETURN c.uid AS central, t.uid AS task, t.label AS label, t.text AS text, t.lead AS lead,
       t.ord AS ord, p.uid AS plan, r.basis AS basis, r.score AS score, r.words AS words,
       ev.sentence AS sentence
ORDER BY central, plan, ord, task
