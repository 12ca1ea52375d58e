// Every document, by uid (`kg ls` without words).
// Parameters: none.
MATCH (d:Document)
RETURN d.uid AS uid, d.symbol AS symbol, d.type AS type, d.locality AS locality,
       d.level AS level, d.issued AS date
ORDER BY uid
