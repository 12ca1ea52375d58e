// Documents for the explorer.
// Parameters: $uids — the documents' uids (each looked up by key: `WHERE d.uid IN $uids`
// scanned every Document, 18 s a query at 10^6 documents).
UNWIND $uids AS u
WITH DISTINCT u
MATCH (d:Document {uid: u})
RETURN d.uid AS uid, d.symbol AS symbol, d.type AS type, d.issuer AS issuer, d.level AS level,
       d.locality AS locality, d.issued AS date, d.title AS title
ORDER BY uid
