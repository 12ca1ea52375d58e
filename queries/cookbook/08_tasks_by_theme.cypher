// vi: Có bao nhiêu nhiệm vụ thuộc mỗi chủ đề công tác cán bộ, trong bao nhiêu văn bản?
// en: How many tasks fall under each cadre-work theme, in how many documents?
// note: themes are the SKOS concepts of ontology/themes.ttl (name = the concept's id); a task may
// note: have several themes.
MATCH (d:Document)-[:HAS_TASK]->(t:Task)-[:HAS_THEME]->(th:Theme)
RETURN th.name AS theme, count(DISTINCT t) AS tasks, count(DISTINCT d) AS documents
ORDER BY tasks DESC, theme
