// Documents that $uid implements, directly or through others, at their shortest distance,
// each with `outs`, the documents it implements (see trace_up.cypher).
// min(length(p)) per document lets Neo4j walk breadth-first from the start, visiting each
// document once (see trace_down.neo4j.cypher).
// Parameters: $uid — the starting document's uid.
MATCH p = (root:Document {uid: $uid})-[:IMPLEMENTS*1..{MAX_DEPTH}]->(d:Document)
WHERE d <> root
WITH d, min(length(p)) AS depth
OPTIONAL MATCH (d)-[:IMPLEMENTS]->(q:Document)
WITH d, depth, collect(q.uid) AS outs
RETURN d.uid AS uid, depth, d.symbol AS symbol, d.type AS type,
       d.issuer AS issuer, d.level AS level, d.locality AS locality, d.issued AS date,
       d.title AS title, outs
