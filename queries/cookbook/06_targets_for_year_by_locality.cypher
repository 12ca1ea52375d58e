// vi: Những chỉ tiêu nào được đặt ra cho năm $year, theo địa phương?
// en: Which targets are set for year $year, by locality?
// param year = 2025 — the year a target is due
// note: kind = 'target' (promised, not reported); locality "(toàn quốc)" = a target of a central
// note: document for the whole country. value is the upper bound of a range ("từ 15 đến 20%" -> 20).
MATCH (t:Target)
WHERE t.kind = 'target' AND t.year = $year
OPTIONAL MATCH (d:Document)-[:HAS_TARGET]->(t)
RETURN coalesce(t.subject, '(toàn quốc)') AS locality, t.value AS value, t.unit AS unit,
       t.text AS text, d.symbol AS document, d.type AS type, t.uid AS uid
ORDER BY locality, uid
