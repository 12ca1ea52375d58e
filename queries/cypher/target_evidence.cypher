// The sentence each of a set of targets was read from.
// Parameters: $uids — target uids.
MATCH (t:Target)-[m:MENTIONED_IN]->(s:Source)
WHERE t.uid IN $uids
RETURN t.uid AS uid, m.sentence AS sentence, s.name AS source
ORDER BY uid, source
