// vi: Văn bản địa phương nào chưa xác định được thuộc tỉnh nào (văn bản không nêu tên tỉnh)?
// en: Which local documents have no known province (their text never names it)?
// note: level not central and no locality. Such documents are kept apart per source (their uid
// note: ends with @src:…) and never merged by symbol alone; the source says where to look.
MATCH (d:Document)-[m:MENTIONED_IN]->(s:Source)
WHERE d.level <> 'central' AND d.locality IS NULL
OPTIONAL MATCH (ev:Evidence {uid: m.evidence})
RETURN d.uid AS uid, d.symbol AS symbol, d.type AS type, d.issuer AS issuer, d.issued AS issued,
       s.name AS source, ev.sentence AS sentence
ORDER BY uid, source
