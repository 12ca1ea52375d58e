// vi: Những nhiệm vụ nào thuộc chủ đề $theme trong các văn bản của $province?
// en: Which tasks of the documents of $province fall under theme $theme?
// param theme = "training" — a theme's id or Vietnamese name (08_tasks_by_theme lists them)
// param province = "Quảng Ninh" — the province, as the graph names it
// note: a task's themes come from its words (ontology/themes.ttl); a task of a document of that
// note: province counts, whatever the document's level.
MATCH (d:Document)-[:HAS_TASK]->(t:Task)-[:HAS_THEME]->(th:Theme)
WHERE (th.name = $theme OR th.name_vi = $theme) AND d.locality = $province
RETURN DISTINCT d.symbol AS document, t.label AS label, t.lead AS lead, t.deadline AS deadline,
       t.text AS text, t.ord AS ord, d.uid AS uid
ORDER BY uid, ord, label
