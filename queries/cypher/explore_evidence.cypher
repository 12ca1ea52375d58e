// The sentences each of the explorer's documents was read from, with their source.
// Parameters: $uids — the documents' uids (each looked up by key: `WHERE d.uid IN $uids`
// scanned every Document, 18 s a query at 10^6 documents).
UNWIND $uids AS u
WITH DISTINCT u
MATCH (d:Document {uid: u})-[m:MENTIONED_IN]->(s:Source)
OPTIONAL MATCH (ev:Evidence {uid: m.evidence})
RETURN d.uid AS uid, s.uid AS source, s.name AS source_name, ev.sentence AS sentence,
       m.span_start AS span_start, m.span_end AS span_end, m.method AS method,
       m.confidence AS confidence
ORDER BY uid, source_name, span_start
