// vi: Theo câu văn nào, trong tệp nào, văn bản $child triển khai văn bản $parent?
// en: According to which sentence, in which file, does $child implement $parent?
// param child = "228-KH/TU" — the symbol of the implementing document
// param parent = "26-NQ/TW" — the symbol of the implemented document
// note: one row per source stating the link: the sentence, the file (s.path has its path as loaded) and
// note: where the sentence sits in it (span_start, span_end: character offsets into the file's
// note: NFC-normalised text); method and confidence say how it was read. Local symbols repeat
// note: across provinces: the uids tell them apart.
MATCH (c:Document)-[r:IMPLEMENTS]->(p:Document)
WHERE c.symbol = $child AND p.symbol = $parent
MATCH (s:Source {uid: r.source})
OPTIONAL MATCH (ev:Evidence {uid: r.evidence})
RETURN c.uid AS child_uid, p.uid AS parent_uid, ev.sentence AS sentence, s.name AS file,
       r.span_start AS span_start, r.span_end AS span_end, r.method AS method,
       r.confidence AS confidence
ORDER BY child_uid, parent_uid, file, span_start
