// vi: Văn bản $symbol triển khai văn bản nào, văn bản nào triển khai nó — theo câu văn nào, trong nguồn nào?
// en: What does $symbol implement and what implements it — according to which sentence, in which source?
// param symbol = "123-KH/TU" — a document's symbol
// note: one row per link and source stating it (IMPLEMENTS_EVIDENCE: IMPLEMENTS is one per pair); basis = explicit (the
// note: text says so) or implied (the plan's context says so); confidence in 0..1.
MATCH (child:Document)-[r:IMPLEMENTS_EVIDENCE]->(parent:Document)
WHERE child.symbol = $symbol OR parent.symbol = $symbol
MATCH (s:Source {uid: r.source})
OPTIONAL MATCH (ev:Evidence {uid: r.evidence})
RETURN child.uid AS child_uid, parent.uid AS parent_uid, r.basis AS basis, r.method AS method,
       r.confidence AS confidence, ev.sentence AS sentence, s.name AS source
ORDER BY child_uid, parent_uid, source
