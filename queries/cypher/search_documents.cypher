// Documents whose search key (folded symbol, type, title, issuer, locality) contains $key.
// Parameters: $key — folded words.
MATCH (d:Document)
WHERE d.key CONTAINS $key
RETURN d.uid AS uid, d.symbol AS symbol, d.type AS type, d.locality AS locality,
       d.level AS level, d.issued AS date
ORDER BY uid
