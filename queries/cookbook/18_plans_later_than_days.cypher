// vi: Kế hoạch, văn bản địa phương nào được ban hành muộn hơn $days ngày sau văn bản mà nó triển khai?
// en: Which local plans came more than $days days after a document they implement?
// param days = 90 — the delay, in days, beyond which a plan counts as late
// note: one row per plan and document it implements directly (IMPLEMENTS is one link per pair,
// note: however many sources state it); days = the link's lag_days, the plan's date minus that
// note: document's date, stored on the link, so the same query runs on both stores; links with
// note: a date missing at either end have no lag_days and are left out.
MATCH (d:Document)-[r:IMPLEMENTS]->(c:Document)
WHERE d.level <> 'central' AND r.lag_days > $days
RETURN d.uid AS uid, d.symbol AS plan, d.locality AS province, d.issued AS issued,
       c.symbol AS implements, c.issued AS implements_issued, r.lag_days AS days
ORDER BY days DESC, uid, implements
