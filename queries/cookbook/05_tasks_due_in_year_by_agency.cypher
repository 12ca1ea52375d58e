// vi: Trong năm $year có bao nhiêu nhiệm vụ đến hạn (hoặc bắt đầu), theo cơ quan chủ trì?
// en: How many tasks fall due (or start) in year $year, per lead agency?
// param year = 2019 — the year of the deadline
// note: a task counts when its deadline names that year, whatever its kind ("trong quý IV năm 2018",
// note: "năm 2019", and also "thực hiện từ năm 2019", which starts then): deadline_year = $year.
// note: an agency is an Organisation node (LEAD), as in 04: the same name in two provinces counts
// note: twice; tasks without a lead agency are counted under "(chưa rõ)".
MATCH (d:Document)-[:HAS_TASK]->(t:Task)
WHERE t.deadline_year = $year
OPTIONAL MATCH (t)-[:LEAD]->(o:Organisation)
RETURN coalesce(o.name, '(chưa rõ)') AS agency, o.locality AS locality, count(DISTINCT t) AS tasks,
       count(DISTINCT d) AS documents, o.uid AS uid
ORDER BY tasks DESC, agency, uid
