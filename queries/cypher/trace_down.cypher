// Documents that implement $uid, directly or through others, at their shortest distance,
// each with `outs`: the documents it implements (one IMPLEMENTS per pair), from which the
// caller keeps its parents inside the tree, so that no link has to come back as a row.
// Each document reached implements at least the first document of its path, so the hop is
// a plain MATCH grouped in RETURN (~10% cheaper than OPTIONAL MATCH and WITH collect here).
// Parameters: $uid — the root document's uid. (Neo4j form: trace_down.neo4j.cypher)
MATCH p = (d:Document)-[:IMPLEMENTS* SHORTEST 1..{MAX_DEPTH}]->(root:Document {uid: $uid})
MATCH (d)-[:IMPLEMENTS]->(q:Document)
RETURN d.uid AS uid, length(p) AS depth, d.symbol AS symbol, d.type AS type,
       d.issuer AS issuer, d.level AS level, d.locality AS locality, d.issued AS date,
       d.title AS title, collect(q.uid) AS outs
