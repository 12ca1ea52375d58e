// vi: Tỉnh, thành phố nào có kế hoạch thực hiện văn bản $symbol, và sau bao nhiêu ngày kể từ ngày văn bản được ban hành?
// en: Which provinces have a plan implementing $symbol, and how many days after its issue did each plan come?
// param symbol = "26-NQ/TW" — the symbol of the implemented (central) document
// note: plans implementing it directly or through other documents (up to 12 levels); local documents
// note: whose province the text never names are left out (see 12_local_documents_unknown_province).
// note: days is null when the plan's date is unknown. Neo4j form: 01_provinces_with_plan.neo4j.cypher.
MATCH (d:Document)-[:IMPLEMENTS*1..12]->(c:Document {symbol: $symbol})
WHERE d.locality IS NOT NULL AND d.level <> 'central'
WITH DISTINCT c, d
RETURN d.locality AS province, d.symbol AS plan, d.type AS type, d.issuer AS issuer,
       d.issued AS issued, d.issued - c.issued AS days, d.uid AS uid
ORDER BY coalesce(days, 1000000), province, uid
