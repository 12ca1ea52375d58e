// Documents a user's words may name by uid or folded symbol (by nickname: find_aliases).
// The scan reads only the two columns it tests; the rows are then fetched by uid (on
// LadybugDB, projecting every column during a scan of 10^6 documents costs 3x more, and a
// UNION with the alias query more than both queries apart).
// Parameters: $uid — the words as typed; $symbol — folded symbol.
MATCH (x:Document)
WHERE x.uid = $uid OR x.symbol_key = $symbol
WITH x.uid AS found
MATCH (d:Document {uid: found})
RETURN d.uid AS uid, d.symbol AS symbol, d.type AS type, d.locality AS locality,
       d.level AS level, d.issued AS date
