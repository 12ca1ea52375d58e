// vi: Kế hoạch, văn bản địa phương nào được ban hành muộn hơn $days ngày sau văn bản mà nó triển khai?
// en: Which local plans came more than $days days after a document they implement?
// param days = 90 — the delay, in days, beyond which a plan counts as late
// note: the Neo4j form of 18_plans_later_than_days.cypher (days by duration.inDays).
MATCH (d:Document)-[:IMPLEMENTS]->(c:Document)
WHERE d.level <> 'central' AND d.issued IS NOT NULL AND c.issued IS NOT NULL
WITH DISTINCT d, c
WITH d, c, duration.inDays(c.issued, d.issued).days AS days
WHERE days > $days
RETURN d.uid AS uid, d.symbol AS plan, d.locality AS province, d.issued AS issued,
       c.symbol AS implements, c.issued AS implements_issued, days
ORDER BY days DESC, uid, implements
