// The sentences each of the explorer's documents was read from, with their source.
// Parameters: $whole — true for the whole graph; $uids — document uids otherwise.
MATCH (d:Document)-[m:MENTIONED_IN]->(s:Source)
WHERE $whole OR d.uid IN $uids
RETURN d.uid AS uid, s.uid AS source, s.name AS source_name, m.sentence AS sentence,
       m.span_start AS span_start, m.span_end AS span_end, m.method AS method,
       m.confidence AS confidence
ORDER BY uid, source_name, span_start
