// Documents for the explorer: every document ($whole), or those whose uid is in $uids.
// Parameters: $whole — true for the whole graph; $uids — document uids otherwise.
MATCH (d:Document)
WHERE $whole OR d.uid IN $uids
RETURN d.uid AS uid, d.symbol AS symbol, d.type AS type, d.issuer AS issuer, d.level AS level,
       d.locality AS locality, d.issued AS date, d.title AS title
ORDER BY uid
