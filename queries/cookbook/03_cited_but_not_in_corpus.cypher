// vi: Văn bản nào được các văn bản khác dẫn làm căn cứ triển khai nhưng nội dung không có trong kho (chỉ được nhắc tên)?
// en: Which documents are cited as the basis of other documents but are not in the corpus (known only by reference)?
// note: "cited" = the target of an IMPLEMENTS relationship; "not in the corpus" = the graph holds
// note: none of its content: no task (HAS_TASK) and no target or reported result (HAS_TARGET).
// note: Its symbol, type and date may still be known from the citing sentence or the registry.
MATCH (d:Document)-[:IMPLEMENTS]->(c:Document)
WHERE NOT EXISTS { MATCH (c)-[:HAS_TASK]->(:Task) }
  AND NOT EXISTS { MATCH (c)-[:HAS_TARGET]->(:Target) }
RETURN c.uid AS uid, c.symbol AS symbol, c.type AS type, c.level AS level, c.issued AS issued,
       count(DISTINCT d) AS cited_by
ORDER BY cited_by DESC, uid
