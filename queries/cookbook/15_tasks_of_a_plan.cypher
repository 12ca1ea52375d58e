// vi: Các nhiệm vụ của kế hoạch $symbol: ai chủ trì, ai phối hợp, hạn khi nào?
// en: The tasks of plan $symbol: who leads, who supports, by when?
// param symbol = "228-KH/TU" — the plan's symbol
// note: local symbols repeat across provinces: add the province to the match if needed
// note: (d.locality = 'Quảng Ninh'). support is the list of supporting agencies as printed.
MATCH (d:Document {symbol: $symbol})-[:HAS_TASK]->(t:Task)
RETURN d.locality AS province, t.label AS label, t.lead AS lead, t.support AS support,
       t.deadline AS deadline, t.deadline_year AS deadline_year, t.ord AS ord, t.text AS text
ORDER BY province, ord, label
