// The sentence each of a set of targets was read from.
// Parameters: $uids — target uids.
UNWIND $uids AS u
WITH DISTINCT u
MATCH (t:Target {uid: u})-[m:MENTIONED_IN]->(s:Source)
OPTIONAL MATCH (ev:Evidence {uid: m.evidence})
RETURN t.uid AS uid, ev.sentence AS sentence, s.name AS source
ORDER BY uid, source
