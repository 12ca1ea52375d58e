// vi: Văn bản nào cùng lúc triển khai hai văn bản trung ương (ví dụ vừa thực hiện Nghị quyết, vừa thực hiện Kế hoạch của Bộ Chính trị)?
// en: Which documents implement two central documents at once (e.g. both a resolution and the Politburo's plan for it)?
// note: one row per pair of central documents a document names as its basis (IMPLEMENTS), first < second.
MATCH (d:Document)-[:IMPLEMENTS]->(a:Document {level: 'central'})
MATCH (d)-[:IMPLEMENTS]->(b:Document {level: 'central'})
WHERE a.uid < b.uid
RETURN DISTINCT d.uid AS uid, d.symbol AS symbol, d.type AS type, d.issuer AS issuer,
       d.locality AS locality, a.symbol AS first, b.symbol AS second
ORDER BY uid, first, second
