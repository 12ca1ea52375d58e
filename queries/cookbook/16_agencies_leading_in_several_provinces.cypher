// vi: Những cơ quan nào (theo tên, ví dụ Sở Nội vụ của mỗi tỉnh) được giao chủ trì nhiệm vụ ở từ $min_provinces tỉnh, thành phố trở lên?
// en: Which agencies (by name, e.g. every province's Sở Nội vụ) lead tasks in at least $min_provinces provinces?
// param min_provinces = 1 — the fewest provinces an agency must lead tasks in (2 or more: "several")
// note: unlike 04 and 05, agencies are grouped by name across provinces: each province has its own
// note: Ban Tổ chức Tỉnh ủy (one Organisation node each), and this asks which kinds of body plans
// note: give the lead to. A task counts in the province of its document; tasks of documents
// note: whose province is unknown are left out.
MATCH (d:Document)-[:HAS_TASK]->(t:Task)-[:LEAD]->(o:Organisation)
WHERE d.locality IS NOT NULL
WITH o.name AS agency, count(DISTINCT d.locality) AS provinces, count(DISTINCT t) AS tasks,
     count(DISTINCT d) AS documents
WHERE provinces >= $min_provinces
RETURN agency, provinces, tasks, documents
ORDER BY provinces DESC, tasks DESC, agency
