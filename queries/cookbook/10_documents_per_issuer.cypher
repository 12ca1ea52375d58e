// vi: Mỗi cơ quan ban hành bao nhiêu văn bản trong đồ thị?
// en: How many documents of the graph does each body issue?
// note: by the issuer's name as printed (ISSUED_BY); documents merely cited count too.
MATCH (d:Document)-[:ISSUED_BY]->(o:Organisation)
RETURN o.name AS issuer, o.level AS level, count(DISTINCT d) AS documents
ORDER BY documents DESC, issuer, level
