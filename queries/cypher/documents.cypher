// Properties of a set of documents.
// Parameters: $uids — document uids.
MATCH (d:Document)
WHERE d.uid IN $uids
RETURN d.uid AS uid, d.symbol AS symbol, d.type AS type, d.issuer AS issuer, d.level AS level,
       d.locality AS locality, d.issued AS date, d.title AS title
ORDER BY uid
