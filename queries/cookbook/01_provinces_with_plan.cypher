// vi: Tỉnh, thành phố nào có văn bản triển khai $symbol, và văn bản đầu tiên ra đời sau bao nhiêu ngày kể từ ngày $symbol được ban hành?
// en: Which provinces have a document implementing $symbol, and how many days after its issue did the first one come?
// param symbol = "26-NQ/TW" — the symbol of the implemented (central) document
// note: one row per province. A province counts when a document of its own (locality = the
// note: province, any level below central) implements $symbol directly or through other documents
// note: (up to 12 levels). plans = those of them issued at provincial level, documents = all of
// note: them (district and commune ones too); first = the earliest date among them, days = first
// note: minus the date of $symbol (null when no date is known). Local documents whose province the
// note: text never names are left out (see 12_local_documents_unknown_province).
// note: Neo4j form: 01_provinces_with_plan.neo4j.cypher.
MATCH (d:Document)-[:IMPLEMENTS*1..12]->(c:Document {symbol: $symbol})
WHERE d.locality IS NOT NULL AND d.level <> 'central'
WITH DISTINCT c, d
WITH c, d.locality AS province, count(CASE WHEN d.level = 'provincial' THEN d.uid END) AS plans,
     count(d.uid) AS documents, min(d.issued) AS first
RETURN province, plans, documents, first, first - c.issued AS days
ORDER BY coalesce(days, 1000000), province
