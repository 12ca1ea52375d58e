// Documents that implement $uid, directly or through others, at their shortest distance.
// Parameters: $uid — the root document's uid.
MATCH p = SHORTEST 1 (d:Document)-[:IMPLEMENTS]->{1,12}(root:Document {uid: $uid})
WHERE d <> root
RETURN d.uid AS uid, length(p) AS depth, d.symbol AS symbol, d.type AS type,
       d.issuer AS issuer, d.level AS level, d.locality AS locality, d.issued AS date,
       d.title AS title
