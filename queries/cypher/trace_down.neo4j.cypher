// Documents that implement $uid, directly or through others, at their shortest distance,
// each with `outs`, the documents it implements (see trace_down.cypher).
// Written as min(length(p)) per document so that Neo4j walks breadth-first from the root
// (VarLengthExpand(Pruning,BFS)), visiting each document once: SHORTEST 1 keeps a path per
// document and costs ~15x more on a tree of 10^4 documents with parallel IMPLEMENTS edges.
// Parameters: $uid — the root document's uid.
MATCH p = (d:Document)-[:IMPLEMENTS*1..{MAX_DEPTH}]->(root:Document {uid: $uid})
WHERE d <> root
WITH d, min(length(p)) AS depth
OPTIONAL MATCH (d)-[:IMPLEMENTS]->(q:Document)
WITH d, depth, collect(q.uid) AS outs
RETURN d.uid AS uid, depth, d.symbol AS symbol, d.type AS type,
       d.issuer AS issuer, d.level AS level, d.locality AS locality, d.issued AS date,
       d.title AS title, outs
