// Documents that $uid implements, directly or through others, at their shortest distance,
// each with `outs`: the documents it implements, from which the caller finds which traced
// documents sit one link nearer $uid (see trace_down.cypher).
// Parameters: $uid — the starting document's uid. (Neo4j form: trace_up.neo4j.cypher)
MATCH p = (root:Document {uid: $uid})-[:IMPLEMENTS* SHORTEST 1..{MAX_DEPTH}]->(d:Document)
WITH d, length(p) AS depth
OPTIONAL MATCH (d)-[:IMPLEMENTS]->(q:Document)
WITH d, depth, collect(q.uid) AS outs
RETURN d.uid AS uid, depth, d.symbol AS symbol, d.type AS type,
       d.issuer AS issuer, d.level AS level, d.locality AS locality, d.issued AS date,
       d.title AS title, outs
