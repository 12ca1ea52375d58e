// Documents a nickname ("Nghị quyết 26") refers to.
// WITH makes the alias the starting point: otherwise LadybugDB scans every document first.
// Parameters: $key — the folded words.
MATCH (a:Alias {key: $key})
WITH a
MATCH (a)-[:REFERS_TO]->(d:Document)
RETURN d.uid AS uid, d.symbol AS symbol, d.type AS type, d.locality AS locality,
       d.level AS level, d.issued AS date
