// vi: Mỗi cơ quan ban hành bao nhiêu văn bản trong đồ thị?
// en: How many documents of the graph does each body issue?
// note: a body is an Organisation node (ISSUED_BY), as in 04 and 05: the name as printed, with its
// note: province when it is a local body; documents merely cited count too.
MATCH (d:Document)-[:ISSUED_BY]->(o:Organisation)
RETURN o.name AS issuer, o.locality AS locality, o.level AS level, count(DISTINCT d) AS documents,
       o.uid AS uid
ORDER BY documents DESC, issuer, uid
