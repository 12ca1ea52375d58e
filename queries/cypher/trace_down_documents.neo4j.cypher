// Documents that implement $uid at their shortest distance, without `outs` (see
// trace_down_documents.cypher; min(length(p)) walks breadth-first, see trace_down.neo4j).
// Parameters: $uid — the root document's uid.
MATCH p = (d:Document)-[:IMPLEMENTS*1..{MAX_DEPTH}]->(root:Document {uid: $uid})
WHERE d <> root
WITH d, min(length(p)) AS depth
RETURN d.uid AS uid, depth, d.symbol AS symbol, d.type AS type,
       d.issuer AS issuer, d.level AS level, d.locality AS locality, d.issued AS date,
       d.title AS title
