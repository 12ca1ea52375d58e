// Documents that $uid implements, directly or through other documents (up to 12 levels).
// Parameters: $uid — the starting document's uid.
MATCH p = (root:Document {uid: $uid})-[:IMPLEMENTS*1..12]->(d:Document)
RETURN d.uid AS uid, min(length(p)) AS depth
