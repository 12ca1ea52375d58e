// Documents a user's words may name: uid, folded symbol, nickname, or words of the search key.
// Parameters: $uid — the words as typed; $symbol — folded symbol; $key — folded words.
MATCH (d:Document)
WHERE d.uid = $uid OR d.symbol_key = $symbol
RETURN d.uid AS uid, d.symbol AS symbol, d.type AS type, d.locality AS locality,
       d.level AS level, d.issued AS date
UNION
MATCH (a:Alias {key: $key})-[:REFERS_TO]->(d:Document)
RETURN d.uid AS uid, d.symbol AS symbol, d.type AS type, d.locality AS locality,
       d.level AS level, d.issued AS date
