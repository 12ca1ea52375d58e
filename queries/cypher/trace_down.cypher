// Documents that implement $uid, directly or through other documents (up to 12 levels).
// Parameters: $uid — the root document's uid.
MATCH p = (d:Document)-[:IMPLEMENTS*1..12]->(root:Document {uid: $uid})
RETURN d.uid AS uid, min(length(p)) AS depth
