// Targets and achievements set or reported by a set of documents, or about the localities
// given; with the document's date.
// Parameters: $uids — document uids; $localities — locality names.
MATCH (t:Target)
OPTIONAL MATCH (d:Document)-[:HAS_TARGET]->(t)
WITH t, d
WHERE d.uid IN $uids OR t.subject IN $localities
RETURN DISTINCT t.uid AS uid, t.kind AS kind, t.subject AS subject, t.text AS text,
       t.value AS value, t.low AS low, t.high AS high, t.unit AS unit, t.year AS year,
       t.qualifier AS qualifier, t.indicator AS indicator, d.uid AS document,
       d.issued AS date
ORDER BY uid
