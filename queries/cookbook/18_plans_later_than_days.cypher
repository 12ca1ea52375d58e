// vi: Kế hoạch, văn bản địa phương nào được ban hành muộn hơn $days ngày sau văn bản mà nó triển khai?
// en: Which local plans came more than $days days after a document they implement?
// param days = 90 — the delay, in days, beyond which a plan counts as late
// note: one row per plan and document it implements directly (IMPLEMENTS), however many sources
// note: state the link; days = the plan's date minus that document's date; plans or documents
// note: without a known date are left out. Neo4j form: 18_plans_later_than_days.neo4j.cypher.
MATCH (d:Document)-[:IMPLEMENTS]->(c:Document)
WHERE d.level <> 'central' AND d.issued IS NOT NULL AND c.issued IS NOT NULL
WITH DISTINCT d, c
WITH d, c, d.issued - c.issued AS days
WHERE days > $days
RETURN d.uid AS uid, d.symbol AS plan, d.locality AS province, d.issued AS issued,
       c.symbol AS implements, c.issued AS implements_issued, days
ORDER BY days DESC, uid, implements
