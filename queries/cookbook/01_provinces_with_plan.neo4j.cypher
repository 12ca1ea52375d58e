// vi: Tỉnh, thành phố nào có văn bản triển khai $symbol, và văn bản đầu tiên ra đời sau bao nhiêu ngày kể từ ngày $symbol được ban hành?
// en: Which provinces have a document implementing $symbol, and how many days after its issue did the first one come?
// param symbol = "26-NQ/TW" — the symbol of the implemented (central) document
// note: the Neo4j form of 01_provinces_with_plan.cypher (days by duration.inDays).
MATCH (d:Document)-[:IMPLEMENTS*1..12]->(c:Document {symbol: $symbol})
WHERE d.locality IS NOT NULL AND d.level <> 'central'
WITH DISTINCT c, d
WITH c, d.locality AS province, count(CASE WHEN d.level = 'provincial' THEN d.uid END) AS plans,
     count(d.uid) AS documents, min(d.issued) AS first
RETURN province, plans, documents, first, duration.inDays(c.issued, first).days AS days
ORDER BY coalesce(days, 1000000), province
