// Direct implements links among a set of documents, with their evidence.
// Parameters: $uids — document uids.
MATCH (a:Document)-[r:IMPLEMENTS]->(b:Document)
WHERE a.uid IN $uids AND b.uid IN $uids
RETURN a.uid AS child, b.uid AS parent, r.basis AS basis, r.method AS method,
       r.confidence AS confidence, r.sentence AS sentence, r.source AS source
ORDER BY child, parent, source
