// Documents that implement $uid, directly or through others, at their shortest distance:
// trace_down without `outs`, for a trace that reads the links anyway (their rows give each
// document's parents). Parameters: $uid — the root document's uid. (Neo4j form beside it.)
MATCH p = (d:Document)-[:IMPLEMENTS* SHORTEST 1..{MAX_DEPTH}]->(root:Document {uid: $uid})
RETURN d.uid AS uid, length(p) AS depth, d.symbol AS symbol, d.type AS type,
       d.issuer AS issuer, d.level AS level, d.locality AS locality, d.issued AS date,
       d.title AS title
