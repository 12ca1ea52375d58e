// Documents that $uid implements at their shortest distance, without `outs` (see
// trace_up_documents.cypher; min(length(p)) walks breadth-first, see trace_up.neo4j).
// Parameters: $uid — the starting document's uid.
MATCH p = (root:Document {uid: $uid})-[:IMPLEMENTS*1..{MAX_DEPTH}]->(d:Document)
WHERE d <> root
WITH d, min(length(p)) AS depth
RETURN d.uid AS uid, depth, d.symbol AS symbol, d.type AS type,
       d.issuer AS issuer, d.level AS level, d.locality AS locality, d.issued AS date,
       d.title AS title
