// Documents that implement $uid, directly or through others, at their shortest distance,
// each with `outs`: the documents it implements (one IMPLEMENTS per pair), from which the
// caller keeps its parents inside the tree, so that no link has to come back as a row.
// Parameters: $uid — the root document's uid. (Neo4j form: trace_down.neo4j.cypher)
MATCH p = (d:Document)-[:IMPLEMENTS* SHORTEST 1..{MAX_DEPTH}]->(root:Document {uid: $uid})
WITH d, length(p) AS depth
OPTIONAL MATCH (d)-[:IMPLEMENTS]->(q:Document)
WITH d, depth, collect(q.uid) AS outs
RETURN d.uid AS uid, depth, d.symbol AS symbol, d.type AS type,
       d.issuer AS issuer, d.level AS level, d.locality AS locality, d.issued AS date,
       d.title AS title, outs
