// The document whose uid is the words as typed (a key lookup: find_documents scans).
// Parameters: $uid — the words as typed.
MATCH (d:Document {uid: $uid})
RETURN d.uid AS uid, d.symbol AS symbol, d.type AS type, d.locality AS locality,
       d.level AS level, d.issued AS date
