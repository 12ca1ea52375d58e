// Documents that $uid implements, directly or through others, at their shortest distance.
// Parameters: $uid — the starting document's uid. (Neo4j form: trace_up.neo4j.cypher)
MATCH p = (root:Document {uid: $uid})-[:IMPLEMENTS* SHORTEST 1..{MAX_DEPTH}]->(d:Document)
RETURN d.uid AS uid, length(p) AS depth, d.symbol AS symbol, d.type AS type,
       d.issuer AS issuer, d.level AS level, d.locality AS locality, d.issued AS date,
       d.title AS title
