// Properties of one document.
// Parameters: $uid — its uid.
MATCH (d:Document {uid: $uid})
RETURN d.uid AS uid, d.symbol AS symbol, d.type AS type, d.issuer AS issuer, d.level AS level,
       d.locality AS locality, d.issued AS date, d.title AS title
