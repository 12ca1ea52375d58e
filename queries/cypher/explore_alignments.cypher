// The proposed task links (ALIGNS_WITH) from the tasks of the explorer's documents: which
// central task each local task takes up, in which document, with the score, basis and the
// words both tasks share (what the link rests on).
// Parameters: $uids — the documents' uids (each looked up by its key).
UNWIND $uids AS u
WITH DISTINCT u
MATCH (d:Document {uid: u})-[:HAS_TASK]->(t:Task)-[r:ALIGNS_WITH]->(c:Task)
MATCH (p:Document)-[:HAS_TASK]->(c)
RETURN DISTINCT t.uid AS local, c.uid AS central, p.uid AS central_document,
       r.score AS score, r.basis AS basis, r.words AS words
ORDER BY local, central
