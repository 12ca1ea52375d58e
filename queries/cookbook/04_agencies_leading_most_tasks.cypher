// vi: Cơ quan nào được giao chủ trì nhiều nhiệm vụ nhất?
// en: Which agencies lead ("chủ trì") the most tasks?
// param limit = 10 — how many agencies to list
// note: an agency is an Organisation node: the same name in two provinces counts twice.
MATCH (t:Task)-[:LEAD]->(o:Organisation)
RETURN o.name AS agency, o.locality AS locality, count(DISTINCT t) AS tasks, o.uid AS uid
ORDER BY tasks DESC, agency, uid
LIMIT $limit
