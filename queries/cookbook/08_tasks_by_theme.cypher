// vi: Có bao nhiêu nhiệm vụ thuộc mỗi chủ đề công tác cán bộ, trong bao nhiêu văn bản?
// en: How many tasks fall under each cadre-work theme, in how many documents?
// note: themes are the SKOS concepts of ontology/themes.ttl: theme = the concept's id, theme_vi =
// note: its Vietnamese name (skos:prefLabel); a task may have several themes.
MATCH (d:Document)-[:HAS_TASK]->(t:Task)-[:HAS_THEME]->(th:Theme)
RETURN th.name AS theme, th.name_vi AS theme_vi, count(DISTINCT t) AS tasks,
       count(DISTINCT d) AS documents
ORDER BY tasks DESC, theme
