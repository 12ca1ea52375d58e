// Documents that $uid implements, directly or through others, at their shortest distance:
// trace_up without `outs`, for a trace that reads the links anyway (their rows give each
// document's parents). Parameters: $uid — the starting document's uid. (Neo4j form beside it.)
MATCH p = (root:Document {uid: $uid})-[:IMPLEMENTS* SHORTEST 1..{MAX_DEPTH}]->(d:Document)
RETURN d.uid AS uid, length(p) AS depth, d.symbol AS symbol, d.type AS type,
       d.issuer AS issuer, d.level AS level, d.locality AS locality, d.issued AS date,
       d.title AS title
