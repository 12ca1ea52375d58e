// Documents that $uid implements, directly or through others, at their shortest distance.
// Parameters: $uid — the starting document's uid.
MATCH p = SHORTEST 1 (root:Document {uid: $uid})-[:IMPLEMENTS]->{1,12}(d:Document)
WHERE d <> root
RETURN d.uid AS uid, length(p) AS depth, d.symbol AS symbol, d.type AS type,
       d.issuer AS issuer, d.level AS level, d.locality AS locality, d.issued AS date,
       d.title AS title
